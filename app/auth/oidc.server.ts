import { hkdfSync } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { eq } from "drizzle-orm";
import * as client from "openid-client";
import { first, getDb, schema } from "~/db.server";
import { auditAlone } from "~/services/audit/audit.server";
import type { OidcSettings } from "./auth-settings";
import { staffNumberFromClaims } from "./oidc-claims";
import { authSettings } from "./settings.server";

// Sign-in with the city's Microsoft Entra ID (decision 012): the authorization code flow with
// PKCE, state and nonce, done by openid-client. Everything the browser must carry between
// the two legs sits in one signed, short-lived, HttpOnly cookie scoped to /auth/oidc.

export type SsoFailure = "expired" | "failed" | "not-registered" | "cancelled" | "unavailable";

export const SSO_MESSAGES: Record<SsoFailure, string> = {
  expired:
    "サインインの手続きが無効か、有効期限が切れています。もう一度「川崎市のアカウントでサインイン」からやり直してください。",
  failed:
    "川崎市のアカウントでのサインインを確認できませんでした。もう一度お試しください。続く場合は所属のシステム担当にお問い合わせください。",
  "not-registered":
    "このアカウントは、ポータルの利用者として登録されていないか、利用が停止されています。所属のシステム担当にお問い合わせください。",
  cancelled: "サインインが取り消されました。",
  unavailable: "認証サービスに接続できませんでした。しばらくしてから、もう一度お試しください。",
};

export function isSsoFailure(value: string | null): value is SsoFailure {
  return value !== null && Object.hasOwn(SSO_MESSAGES, value);
}

/** How long the browser has between leaving for the provider and coming back. */
const TRANSACTION_SECONDS = 10 * 60;

type Pending = { state: string; nonce: string; verifier: string; redirectTo: string; at: number };

export function ssoSettings(): OidcSettings | null {
  return authSettings().oidc;
}

let discovered: Promise<client.Configuration> | undefined;

/** The provider's metadata, discovered from the issuer at first use (a failure is retried next time). */
function configuration(s: OidcSettings): Promise<client.Configuration> {
  discovered ??= client
    .discovery(s.issuer, s.clientId, s.clientSecret, undefined, {
      timeout: 10,
      // The ID token's signature is checked against the provider's keys, not only trusted
      // because it came over TLS from the token endpoint.
      execute: s.allowHttp ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
    })
    .catch((err: unknown) => {
      discovered = undefined;
      throw err;
    });
  return discovered;
}

let cookie: ReturnType<typeof createCookie> | undefined;
function transactionCookie(s: OidcSettings) {
  // Signed with OIDC_COOKIE_SECRET, or a key derived from the client secret (which only
  // this server knows): a browser cannot make up or alter the state it brings back.
  cookie ??= createCookie("kjp_oidc", {
    path: "/auth/oidc",
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1",
    maxAge: TRANSACTION_SECONDS,
    secrets: [
      process.env.OIDC_COOKIE_SECRET ||
        Buffer.from(hkdfSync("sha256", s.clientSecret, "kawasaki-jinzai-portal", "oidc transaction cookie", 32)).toString("base64url"),
    ],
  });
  return cookie;
}

/** The redirect to the provider, and the cookie that binds this browser to it. */
export async function startSignIn(redirectTo: string): Promise<{ ok: true; location: string; setCookie: string } | { ok: false }> {
  const s = ssoSettings();
  if (!s) return { ok: false };
  let config: client.Configuration;
  try {
    config = await configuration(s);
  } catch (err) {
    console.error("OIDC: discovery failed", err);
    return { ok: false };
  }
  const pending: Pending = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    redirectTo,
    at: Date.now(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: s.redirectUri.href,
    scope: "openid profile email",
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: "S256",
    state: pending.state,
    nonce: pending.nonce,
  });
  return { ok: true, location: url.href, setCookie: await transactionCookie(s).serialize(pending) };
}

function readPending(value: unknown): Pending | null {
  if (!value || typeof value !== "object") return null;
  const p = value as Record<string, unknown>;
  const strings = ["state", "nonce", "verifier", "redirectTo"].every((k) => typeof p[k] === "string");
  if (!strings || typeof p.at !== "number") return null;
  return p as Pending;
}

export type SignInResult =
  | { ok: true; userId: string; redirectTo: string; setCookie: string }
  | { ok: false; reason: SsoFailure; setCookie: string };

/**
 * The provider's answer: checks the state against this browser's cookie, redeems the code
 * (PKCE), lets openid-client verify the ID token (signature, issuer, audience, nonce,
 * expiry), and finds the active employee the configured claim names. Never creates anyone.
 */
export async function finishSignIn(request: Request, ip: string): Promise<SignInResult> {
  const s = ssoSettings();
  if (!s) throw new Response("Not Found", { status: 404 });
  const txCookie = transactionCookie(s);
  // The transaction is used once: whatever happens, the browser forgets it.
  const setCookie = await txCookie.serialize("", { maxAge: 0 });
  const db = getDb();
  const refuse = async (reason: SsoFailure, detail: Record<string, unknown>, target: string | null = null, actorId: string | null = null) => {
    await auditAlone({ actorId, action: "login.sso.refused", target, outcome: "denied", ip, detail });
    return { ok: false as const, reason, setCookie };
  };

  const params = new URL(request.url).searchParams;
  const pending = readPending(await txCookie.parse(request.headers.get("Cookie")));
  if (!pending || Date.now() - pending.at > TRANSACTION_SECONDS * 1000 || params.get("state") !== pending.state) {
    return refuse("expired", { check: pending ? "state" : "no-transaction" });
  }
  const providerError = params.get("error");
  if (providerError) {
    // The provider's own error code only (a short token); its description is free text.
    const code = /^[a-z_]{1,40}$/.test(providerError) ? providerError : "other";
    return refuse(code === "access_denied" ? "cancelled" : "failed", { check: "provider", error: code });
  }

  let config: client.Configuration;
  try {
    config = await configuration(s);
  } catch (err) {
    console.error("OIDC: discovery failed", err);
    return refuse("unavailable", { check: "discovery" });
  }
  // The answer as the provider addressed it (behind a proxy, the request's own URL differs).
  const currentUrl = new URL(s.redirectUri);
  currentUrl.search = params.toString();
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) return refuse("failed", { check: "id_token" });
    claims = idClaims;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : "";
    console.warn(`OIDC: sign-in refused: ${err instanceof Error ? err.message : String(err)}${cause}`);
    return refuse("failed", { check: "token", error: typeof code === "string" ? code : "other" });
  }

  const staffNumber = staffNumberFromClaims(claims, s.employeeClaim);
  if (!staffNumber) return refuse("not-registered", { check: "claim", claim: s.employeeClaim.claim });
  const employee = await first(
    db
      .select({ id: schema.employees.id, source: schema.employees.source, disabledAt: schema.employees.disabledAt })
      .from(schema.employees)
      .where(eq(schema.employees.staffNumber, staffNumber)),
  );
  // Only a person of the org data (the personnel import): portal accounts such as external
  // consultants have no city account.
  if (!employee) return refuse("not-registered", { check: "unknown" }, staffNumber);
  if (employee.source !== "personnel") return refuse("not-registered", { check: "portal-account" }, staffNumber, employee.id);
  if (employee.disabledAt) return refuse("not-registered", { check: "disabled" }, staffNumber, employee.id);

  await auditAlone({ actorId: employee.id, action: "login.sso.success", target: staffNumber, outcome: "success", ip });
  return { ok: true, userId: employee.id, redirectTo: pending.redirectTo, setCookie };
}

/**
 * Where logout sends a single-sign-on session: the provider's end-session endpoint, when
 * OIDC_POST_LOGOUT_REDIRECT_URI is set and the provider has one on the issuer's origin (the
 * only extra origin the pages' form-action allows). Null otherwise.
 */
export async function providerLogoutUrl(): Promise<string | null> {
  const s = ssoSettings();
  if (!s?.postLogoutRedirectUri) return null;
  try {
    const config = await configuration(s);
    const endpoint = config.serverMetadata().end_session_endpoint;
    if (!endpoint || new URL(endpoint).origin !== s.issuer.origin) return null;
    return client.buildEndSessionUrl(config, { post_logout_redirect_uri: s.postLogoutRedirectUri.href }).href;
  } catch (err) {
    console.error("OIDC: provider logout unavailable", err);
    return null;
  }
}

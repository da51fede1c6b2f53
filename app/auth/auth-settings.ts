import { parseEmployeeClaim, type EmployeeClaim } from "./oidc-claims";

/**
 * Sign-in settings from the environment. SSO is on when OIDC_ISSUER is set; then the other
 * OIDC_* settings are required. PASSWORD_LOGIN=exempt-only keeps the password form for the
 * exempt accounts only (external consultants and the break-glass accounts listed in
 * PASSWORD_LOGIN_BREAK_GLASS), and needs SSO, or nobody else could sign in.
 */
export type OidcSettings = {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: URL;
  employeeClaim: EmployeeClaim;
  /** Where the provider sends the browser after its own logout; unset = no provider logout. */
  postLogoutRedirectUri: URL | null;
  /** Only for a provider on this machine (tests, local trials): plain http is allowed. */
  allowHttp: boolean;
};

export type AuthSettings = {
  oidc: OidcSettings | null;
  passwordLogin: "all" | "exempt-only";
  /** 職員番号 of the break-glass accounts that keep password login under exempt-only. */
  breakGlass: ReadonlySet<string>;
};

export type Env = Record<string, string | undefined>;

const isLoopback = (hostname: string) => hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

function url(value: string | undefined, name: string, errors: string[]): URL | null {
  if (!value) {
    errors.push(`${name} が設定されていません。`);
    return null;
  }
  try {
    return new URL(value);
  } catch {
    errors.push(`${name} はURLで指定してください（${value}）。`);
    return null;
  }
}

/** Reads the settings; every problem is listed in Japanese, so an operator fixes them at once. */
export function parseAuthSettings(env: Env): { ok: true; settings: AuthSettings } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const mode = (env.PASSWORD_LOGIN ?? "all").trim() || "all";
  if (mode !== "all" && mode !== "exempt-only") {
    errors.push(`PASSWORD_LOGIN は all か exempt-only です（${mode}）。`);
  }
  const breakGlass = new Set(
    (env.PASSWORD_LOGIN_BREAK_GLASS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

  let oidc: OidcSettings | null = null;
  const configured = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_REDIRECT_URI"].filter((k) => env[k]);
  if (configured.length > 0) {
    const issuer = url(env.OIDC_ISSUER, "OIDC_ISSUER", errors);
    const redirectUri = url(env.OIDC_REDIRECT_URI, "OIDC_REDIRECT_URI", errors);
    const postLogout = env.OIDC_POST_LOGOUT_REDIRECT_URI
      ? url(env.OIDC_POST_LOGOUT_REDIRECT_URI, "OIDC_POST_LOGOUT_REDIRECT_URI", errors)
      : null;
    if (!env.OIDC_CLIENT_ID) errors.push("OIDC_CLIENT_ID が設定されていません。");
    if (!env.OIDC_CLIENT_SECRET) errors.push("OIDC_CLIENT_SECRET が設定されていません。");
    const claimSpec = env.OIDC_EMPLOYEE_CLAIM ?? "";
    const employeeClaim = parseEmployeeClaim(claimSpec);
    if (!employeeClaim) {
      errors.push(
        claimSpec
          ? `OIDC_EMPLOYEE_CLAIM は「クレーム名」か「クレーム名:localpart」で指定してください（${claimSpec}）。`
          : "OIDC_EMPLOYEE_CLAIM（職員番号を持つクレーム）が設定されていません。",
      );
    }
    const allowHttp = issuer !== null && isLoopback(issuer.hostname);
    if (issuer && issuer.protocol !== "https:" && !(allowHttp && issuer.protocol === "http:")) {
      errors.push("OIDC_ISSUER は https のURLにしてください（http はこのマシン上の試験用プロバイダーだけ）。");
    }
    if (issuer && redirectUri && employeeClaim && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
      oidc = {
        issuer,
        clientId: env.OIDC_CLIENT_ID,
        clientSecret: env.OIDC_CLIENT_SECRET,
        redirectUri,
        employeeClaim,
        postLogoutRedirectUri: postLogout,
        allowHttp,
      };
    }
  }
  if (mode === "exempt-only" && configured.length === 0) {
    errors.push("PASSWORD_LOGIN=exempt-only には OIDC_* の設定（シングルサインオン）が必要です。");
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, settings: { oidc, passwordLogin: mode as AuthSettings["passwordLogin"], breakGlass } };
}

/**
 * Who keeps password login when PASSWORD_LOGIN=exempt-only: external consultants (they have
 * no city account) and the listed break-glass accounts (for when the provider is down).
 */
export function mayUsePassword(settings: AuthSettings, person: { staffNumber: string; roles: readonly string[] }): boolean {
  if (settings.passwordLogin === "all") return true;
  return person.roles.includes("consultant") || settings.breakGlass.has(person.staffNumber);
}

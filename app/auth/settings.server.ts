import { parseAuthSettings, type AuthSettings } from "./auth-settings";

let cached: AuthSettings | undefined;

/**
 * The sign-in settings of this process, read once. A wrong setting stops the server at
 * startup (server.mjs calls this) with every problem listed, rather than at someone's login.
 */
export function authSettings(): AuthSettings {
  if (cached) return cached;
  const parsed = parseAuthSettings(process.env);
  if (!parsed.ok) throw new Error(`ログインの設定に誤りがあります:\n- ${parsed.errors.join("\n- ")}`);
  cached = parsed.settings;
  return cached;
}

/** For tests that change the environment. */
export function resetAuthSettings(): void {
  cached = undefined;
}

/** Extra origins the page's form-action must allow: the provider's logout follows the logout POST. */
export function formActionOrigins(): string[] {
  const oidc = authSettings().oidc;
  return oidc?.postLogoutRedirectUri ? [oidc.issuer.origin] : [];
}

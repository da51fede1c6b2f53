import { describe, expect, it } from "vitest";
import { mayUsePassword, parseAuthSettings, type AuthSettings } from "./auth-settings";

const ENTRA = {
  OIDC_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
  OIDC_CLIENT_ID: "11111111-1111-1111-1111-111111111111",
  OIDC_CLIENT_SECRET: "secret",
  OIDC_REDIRECT_URI: "https://jinzai.example.jp/auth/oidc/callback",
  OIDC_EMPLOYEE_CLAIM: "employeeid",
};

function settings(env: Record<string, string>): AuthSettings {
  const parsed = parseAuthSettings(env);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.settings;
}

describe("sign-in settings", () => {
  it("without OIDC_* there is no single sign-on and everyone keeps the password", () => {
    expect(settings({})).toEqual({ oidc: null, passwordLogin: "all", breakGlass: new Set() });
  });

  it("reads a complete Entra ID configuration", () => {
    const s = settings({ ...ENTRA, OIDC_POST_LOGOUT_REDIRECT_URI: "https://jinzai.example.jp/login?notice=logged-out" });
    expect(s.oidc?.issuer.href).toBe(ENTRA.OIDC_ISSUER);
    expect(s.oidc?.employeeClaim).toEqual({ claim: "employeeid", part: "whole" });
    expect(s.oidc?.postLogoutRedirectUri?.pathname).toBe("/login");
    expect(s.oidc?.allowHttp).toBe(false);
  });

  it("lists every missing or wrong setting in Japanese", () => {
    const parsed = parseAuthSettings({ OIDC_ISSUER: "http://login.example.jp/x", OIDC_EMPLOYEE_CLAIM: "upn:domain", PASSWORD_LOGIN: "none" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      "PASSWORD_LOGIN は all か exempt-only です（none）。",
      "OIDC_REDIRECT_URI が設定されていません。",
      "OIDC_CLIENT_ID が設定されていません。",
      "OIDC_CLIENT_SECRET が設定されていません。",
      "OIDC_EMPLOYEE_CLAIM は「クレーム名」か「クレーム名:localpart」で指定してください（upn:domain）。",
      "OIDC_ISSUER は https のURLにしてください（http はこのマシン上の試験用プロバイダーだけ）。",
    ]);
  });

  it("allows plain http only for a provider on this machine", () => {
    expect(settings({ ...ENTRA, OIDC_ISSUER: "http://127.0.0.1:4405" }).oidc?.allowHttp).toBe(true);
    expect(settings({ ...ENTRA, OIDC_ISSUER: "http://127.0.0.2:4405" }).oidc?.allowHttp).toBe(true);
    expect(parseAuthSettings({ ...ENTRA, OIDC_ISSUER: "http://10.0.0.1:4405" }).ok).toBe(false);
  });

  it("turning password login off needs single sign-on", () => {
    expect(parseAuthSettings({ PASSWORD_LOGIN: "exempt-only" })).toEqual({
      ok: false,
      errors: ["PASSWORD_LOGIN=exempt-only には OIDC_* の設定（シングルサインオン）が必要です。"],
    });
  });
});

describe("who keeps password login", () => {
  const exemptOnly = settings({ ...ENTRA, PASSWORD_LOGIN: "exempt-only", PASSWORD_LOGIN_BREAK_GLASS: " 100009 , 100010" });

  it("everyone, by default", () => {
    expect(mayUsePassword(settings(ENTRA), { staffNumber: "100001", roles: ["employee"] })).toBe(true);
  });

  it("under exempt-only: consultants and the listed break-glass accounts only", () => {
    expect(mayUsePassword(exemptOnly, { staffNumber: "900001", roles: ["consultant"] })).toBe(true);
    expect(mayUsePassword(exemptOnly, { staffNumber: "100009", roles: ["employee", "admin"] })).toBe(true);
    expect(mayUsePassword(exemptOnly, { staffNumber: "100010", roles: [] })).toBe(true);
    // An admin role alone is not an exemption: admins sign in with the city account too.
    expect(mayUsePassword(exemptOnly, { staffNumber: "100011", roles: ["employee", "admin"] })).toBe(false);
    expect(mayUsePassword(exemptOnly, { staffNumber: "100001", roles: ["employee"] })).toBe(false);
  });
});

import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialect, execute, first, getDb, immediate, schema } from "~/db.server";
import { sql } from "drizzle-orm";
import { disableAccount, setRoles } from "~/services/accounts/accounts.server";
import { loadViewer } from "./load-viewer.server";
import { attemptLogin } from "./login.server";
import { hashPassword } from "./password.server";
import { resetAuthSettings } from "./settings.server";
import { adminActor } from "~/services/accounts/test-helpers";

const db = () => getDb();
let hash = "";

async function person(staffNumber: string, opts: { supervisorId?: string; password?: boolean } = {}) {
  const id = randomUUID();
  await immediate(async (tx) => {
    await tx.insert(schema.employees).values({
      id,
      staffNumber,
      name: `試験 ${staffNumber}`,
      kana: "シケン",
      rank: "主任",
      supervisorId: opts.supervisorId ?? null,
      passwordHash: opts.password === false ? null : hash,
    });
  });
  return id;
}

async function auditCount(action: string, target: string) {
  return (await db().select().from(schema.auditLog)).filter((a) => a.action === action && a.target === target).length;
}

beforeAll(async () => {
  hash = await hashPassword("secret-pass");
});

describe("attemptLogin", () => {
  it("accepts the right password and logs the login", async () => {
    const id = await person("300001");
    expect(await attemptLogin({ staffNumber: "300001", password: "secret-pass", ip: "10.0.0.1" })).toEqual({ ok: true, userId: id });
    expect(await auditCount("login.success", "300001")).toBe(1);
  });

  it("gives the same answer for a wrong password and an unknown staff number", async () => {
    await person("300002");
    const wrong = await attemptLogin({ staffNumber: "300002", password: "nope", ip: "10.0.0.2" });
    const unknown = await attemptLogin({ staffNumber: "399999", password: "nope", ip: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(await auditCount("login.failed", "300002")).toBe(1);
  });

  it("locks an account after 5 failures, even for the right password, without touching others", async () => {
    await person("300003");
    await person("300004");
    for (let i = 0; i < 5; i++) await attemptLogin({ staffNumber: "300003", password: `bad${i}`, ip: "10.0.0.3" });
    expect(await attemptLogin({ staffNumber: "300003", password: "secret-pass", ip: "10.0.0.3" })).toEqual({ ok: false, reason: "throttled" });
    expect((await attemptLogin({ staffNumber: "300004", password: "secret-pass", ip: "10.0.0.3" })).ok).toBe(true);
  });

  it("refuses a disabled account and an account without a password", async () => {
    const id = await person("300005");
    await disableAccount(adminActor("admin"), id);
    expect((await attemptLogin({ staffNumber: "300005", password: "secret-pass", ip: "10.0.0.5" })).ok).toBe(false);
    await person("300006", { password: false });
    expect((await attemptLogin({ staffNumber: "300006", password: "", ip: "10.0.0.5" })).ok).toBe(false);
  });
});

describe("PASSWORD_LOGIN=exempt-only", () => {
  const SSO_ENV = {
    OIDC_ISSUER: "https://login.example.invalid/tenant/v2.0",
    OIDC_CLIENT_ID: "portal",
    OIDC_CLIENT_SECRET: "secret",
    OIDC_REDIRECT_URI: "https://portal.example.invalid/auth/oidc/callback",
    OIDC_EMPLOYEE_CLAIM: "employeeid",
    PASSWORD_LOGIN: "exempt-only",
    PASSWORD_LOGIN_BREAK_GLASS: "300099",
  };
  beforeAll(() => {
    Object.assign(process.env, SSO_ENV);
    resetAuthSettings();
  });
  afterAll(() => {
    for (const key of Object.keys(SSO_ENV)) delete process.env[key];
    resetAuthSettings();
  });

  it("refuses a right password of a city employee, and says to use the city account", async () => {
    await person("300090");
    expect(await attemptLogin({ staffNumber: "300090", password: "secret-pass", ip: "10.0.0.90" })).toEqual({ ok: false, reason: "sso-only" });
    expect(await auditCount("login.password_not_allowed", "300090")).toBe(1);
    expect(await auditCount("login.success", "300090")).toBe(0);
    // A wrong password gets the usual answer: nothing tells which accounts exist.
    expect(await attemptLogin({ staffNumber: "300090", password: "nope", ip: "10.0.0.90" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("keeps password login for a consultant and for a listed break-glass account", async () => {
    const consultant = await person("300091");
    await setRoles(adminActor("admin"), consultant, ["consultant"]);
    expect((await attemptLogin({ staffNumber: "300091", password: "secret-pass", ip: "10.0.0.91" })).ok).toBe(true);
    await person("300099");
    expect((await attemptLogin({ staffNumber: "300099", password: "secret-pass", ip: "10.0.0.91" })).ok).toBe(true);
  });
});

describe("loadViewer reads roles and the supervisor line fresh", () => {
  it("derives supervisor from subordinates and reflects grants and disabling at once", async () => {
    const boss = await person("300010");
    expect((await loadViewer(boss))?.roles).toEqual(["employee"]);
    const sub = await person("300011", { supervisorId: boss });
    expect((await loadViewer(boss))?.roles).toEqual(["employee", "supervisor"]);

    await setRoles(adminActor("admin"), boss, ["hr_dev"]);
    expect((await loadViewer(boss))?.roles).toContain("hr_dev");
    await setRoles(adminActor("admin"), boss, []);
    expect((await loadViewer(boss))?.roles).not.toContain("hr_dev");

    await immediate(async (tx) => {
      await tx.insert(schema.authSessions).values({ id: "s-1", userId: sub, expiresAt: 9999999999, createdAt: Date.now() });
    });
    await disableAccount(adminActor("admin"), sub);
    expect(await loadViewer(sub)).toBeNull();
    expect(await db().select().from(schema.authSessions).where(eq(schema.authSessions.userId, sub))).toEqual([]);
    // A disabled subordinate no longer makes their boss a supervisor.
    expect((await loadViewer(boss))?.roles).toEqual(["employee"]);
  });
});

describe("audit log", () => {
  it("is append-only, by the app or by hand (SQLite trigger / plpgsql twin)", async () => {
    await immediate((tx) => execute(tx, sql`INSERT INTO audit_log (action, outcome) VALUES ('t', 'success')`));
    const refusal = (statement: ReturnType<typeof sql>) =>
      immediate((tx) => execute(tx, statement)).then(
        () => "written",
        (e: unknown) => String((e as { cause?: unknown }).cause ?? e),
      );
    expect(await refusal(sql`UPDATE audit_log SET action = 'x'`)).toMatch(/append-only/);
    expect(await refusal(sql`DELETE FROM audit_log`)).toMatch(/append-only/);
    if (dialect() === "pg") expect(await refusal(sql`TRUNCATE audit_log`)).toMatch(/append-only/);
    expect(await first(db().select().from(schema.auditLog).where(eq(schema.auditLog.action, "t")))).toBeDefined();
  });
});

// Runs against this file's own freshly migrated database (db/test-setup.ts).
// Issue 10 item 5: there is always at least one active admin, checked inside the service.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { GrantableRole } from "~/auth/roles";
import { first, getDb, immediate, schema } from "~/db.server";
import { disableAccount, setRoles } from "./accounts.server";
import { adminActor } from "./test-helpers";

const { employees, roleGrants, auditLog } = schema;

async function person(roles: GrantableRole[] = []): Promise<string> {
  const id = randomUUID();
  await immediate(async (tx) => {
    await tx.insert(employees).values({ id, staffNumber: `A${id.slice(0, 8)}`, name: "試験 管理", kana: "シケン", source: "portal" });
    for (const role of roles) await tx.insert(roleGrants).values({ employeeId: id, role });
  });
  return id;
}

const isAdmin = async (id: string) =>
  (await first(getDb().select().from(roleGrants).where(and(eq(roleGrants.employeeId, id), eq(roleGrants.role, "admin"))))) !== undefined;
const isDisabled = async (id: string) => (await first(getDb().select().from(employees).where(eq(employees.id, id))))!.disabledAt !== null;
const auditLines = async (action: string, target: string) =>
  (await getDb().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.target, target)))).length;
/** Whatever the service answers (a refusal returned or thrown), as "ok" or its message. */
async function outcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    const r = (await fn()) as { ok?: boolean; refusal?: { message: string } } | undefined;
    return r && r.ok === false ? (r.refusal?.message ?? "refused") : "ok";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

// Each test removes the admins it makes from the count of the others: start from none.
async function withoutOtherAdmins() {
  await immediate(async (tx) => {
    await tx.delete(roleGrants).where(eq(roleGrants.role, "admin"));
  });
}

describe("at least one active admin", () => {
  it("two admins cannot remove each other's admin role: the first removal goes through, the second is refused", async () => {
    await withoutOtherAdmins();
    const a = await person(["admin"]);
    const b = await person(["admin"]);
    expect(await outcome(() => setRoles(adminActor(a), b, []))).toBe("ok");
    expect(await isAdmin(b)).toBe(false);
    // b's request was already past the route's check when a's landed.
    expect(await outcome(() => setRoles(adminActor(b), a, []))).toContain("システム管理者");
    expect(await isAdmin(a)).toBe(true);
    expect(await auditLines("account.roles", a)).toBe(0);
  });

  it("an admin cannot remove their own admin role nor disable themselves — inside the service, not only the route", async () => {
    await withoutOtherAdmins();
    const a = await person(["admin", "hr_dev"]);
    await person(["admin"]);
    expect(await outcome(() => setRoles(adminActor(a), a, ["hr_dev"]))).toBe("自分自身のシステム管理者権限は外せません。");
    expect(await isAdmin(a)).toBe(true);
    expect(await outcome(() => disableAccount(adminActor(a), a))).toBe("自分自身のアカウントは無効にできません。");
    expect(await isDisabled(a)).toBe(false);
    expect(await auditLines("account.disable", a)).toBe(0);
    // Keeping the admin role while changing the others is fine.
    expect(await outcome(() => setRoles(adminActor(a), a, ["admin"]))).toBe("ok");
  });

  it("the last active admin cannot be disabled by someone else either", async () => {
    await withoutOtherAdmins();
    const last = await person(["admin"]);
    const other = await person(["hr_dev"]);
    expect(await outcome(() => disableAccount(adminActor(other), last))).toContain("システム管理者");
    expect(await isDisabled(last)).toBe(false);
    // With a second active admin it goes through, with its audit line.
    const second = await person(["admin"]);
    expect(await outcome(() => disableAccount(adminActor(second), last))).toBe("ok");
    expect(await isDisabled(last)).toBe(true);
    expect(await auditLines("account.disable", last)).toBe(1);
  });

  it("a disabled admin does not count as the other admin", async () => {
    await withoutOtherAdmins();
    const a = await person(["admin"]);
    const gone = await person(["admin"]);
    await immediate(async (tx) => {
      await tx.update(employees).set({ disabledAt: new Date() }).where(eq(employees.id, gone));
    });
    expect(await outcome(() => setRoles(adminActor(gone), a, []))).toContain("システム管理者");
    expect(await isAdmin(a)).toBe(true);
  });
});

describe("at least one active admin under concurrency", () => {
  it("two admins disabling each other at the same moment: exactly one goes through", async () => {
    await withoutOtherAdmins();
    const a = await person(["admin"]);
    const b = await person(["admin"]);
    const results = await Promise.all([disableAccount(adminActor(a), b), disableAccount(adminActor(b), a)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect([await isDisabled(a), await isDisabled(b)].filter(Boolean)).toHaveLength(1);
  });
});

describe("only an admin changes accounts, whoever calls the service", () => {
  it("a signed-in non-admin is refused as forbidden and nothing is written", async () => {
    const target = await person(["hr_dev"]);
    const clerk = adminActor(await person());
    clerk.viewer.roles = ["employee", "hr_dev"];
    const r = await setRoles(clerk, target, ["admin"]);
    expect(r.ok === false && r.refusal.reason).toBe("forbidden");
    expect(await isAdmin(target)).toBe(false);
    const d = await disableAccount(clerk, target);
    expect(d.ok === false && d.refusal.reason).toBe("forbidden");
    expect(await isDisabled(target)).toBe(false);
  });
});

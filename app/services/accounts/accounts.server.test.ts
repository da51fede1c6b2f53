// Runs against this file's own freshly migrated database (db/test-setup.ts).
// Issue 10 item 5: there is always at least one active admin, checked inside the service.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { GrantableRole } from "~/auth/roles";
import { getDb, schema } from "~/db.server";
import { disableAccount, setRoles } from "./accounts.server";
import { adminActor } from "./test-helpers";

const { employees, roleGrants, auditLog } = schema;

function person(roles: GrantableRole[] = []): string {
  const id = randomUUID();
  getDb().insert(employees).values({ id, staffNumber: `A${id.slice(0, 8)}`, name: "試験 管理", kana: "シケン", source: "portal" }).run();
  for (const role of roles) getDb().insert(roleGrants).values({ employeeId: id, role }).run();
  return id;
}

const isAdmin = (id: string) =>
  getDb().select().from(roleGrants).where(and(eq(roleGrants.employeeId, id), eq(roleGrants.role, "admin"))).get() !== undefined;
const isDisabled = (id: string) => getDb().select().from(employees).where(eq(employees.id, id)).get()!.disabledAt !== null;
const auditLines = (action: string, target: string) =>
  getDb().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.target, target))).all().length;
/** Whatever the service answers (a refusal returned or thrown), as "ok" or its message. */
function outcome(fn: () => unknown): string {
  try {
    const r = fn() as { ok?: boolean; refusal?: { message: string } } | undefined;
    return r && r.ok === false ? (r.refusal?.message ?? "refused") : "ok";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

// Each test removes the admins it makes from the count of the others: start from none.
function withoutOtherAdmins() {
  getDb().delete(roleGrants).where(eq(roleGrants.role, "admin")).run();
}

describe("at least one active admin", () => {
  it("two admins cannot remove each other's admin role: the first removal goes through, the second is refused", () => {
    withoutOtherAdmins();
    const a = person(["admin"]);
    const b = person(["admin"]);
    expect(outcome(() => setRoles(adminActor(a), b, []))).toBe("ok");
    expect(isAdmin(b)).toBe(false);
    // b's request was already past the route's check when a's landed.
    expect(outcome(() => setRoles(adminActor(b), a, []))).toContain("システム管理者");
    expect(isAdmin(a)).toBe(true);
    expect(auditLines("account.roles", a)).toBe(0);
  });

  it("an admin cannot remove their own admin role nor disable themselves — inside the service, not only the route", () => {
    withoutOtherAdmins();
    const a = person(["admin", "hr_dev"]);
    person(["admin"]);
    expect(outcome(() => setRoles(adminActor(a), a, ["hr_dev"]))).toBe("自分自身のシステム管理者権限は外せません。");
    expect(isAdmin(a)).toBe(true);
    expect(outcome(() => disableAccount(adminActor(a), a))).toBe("自分自身のアカウントは無効にできません。");
    expect(isDisabled(a)).toBe(false);
    expect(auditLines("account.disable", a)).toBe(0);
    // Keeping the admin role while changing the others is fine.
    expect(outcome(() => setRoles(adminActor(a), a, ["admin"]))).toBe("ok");
  });

  it("the last active admin cannot be disabled by someone else either", () => {
    withoutOtherAdmins();
    const last = person(["admin"]);
    const other = person(["hr_dev"]);
    expect(outcome(() => disableAccount(adminActor(other), last))).toContain("システム管理者");
    expect(isDisabled(last)).toBe(false);
    // With a second active admin it goes through, with its audit line.
    const second = person(["admin"]);
    expect(outcome(() => disableAccount(adminActor(second), last))).toBe("ok");
    expect(isDisabled(last)).toBe(true);
    expect(auditLines("account.disable", last)).toBe(1);
  });

  it("a disabled admin does not count as the other admin", () => {
    withoutOtherAdmins();
    const a = person(["admin"]);
    const gone = person(["admin"]);
    getDb().update(employees).set({ disabledAt: new Date() }).where(eq(employees.id, gone)).run();
    expect(outcome(() => setRoles(adminActor(gone), a, []))).toContain("システム管理者");
    expect(isAdmin(a)).toBe(true);
  });
});

describe("only an admin changes accounts, whoever calls the service", () => {
  it("a signed-in non-admin is refused as forbidden and nothing is written", () => {
    const target = person(["hr_dev"]);
    const clerk = adminActor(person());
    clerk.viewer.roles = ["employee", "hr_dev"];
    const r = setRoles(clerk, target, ["admin"]);
    expect(r.ok === false && r.refusal.reason).toBe("forbidden");
    expect(isAdmin(target)).toBe(false);
    const d = disableAccount(clerk, target);
    expect(d.ok === false && d.refusal.reason).toBe("forbidden");
    expect(isDisabled(target)).toBe(false);
  });
});

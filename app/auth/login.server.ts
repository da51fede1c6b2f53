import { and, count, eq, gte, sql } from "drizzle-orm";
import { dialect, execute, first, getDb, immediate, schema, type Tx } from "~/db.server";
import { audit, auditAlone } from "~/services/audit/audit.server";
import { mayUsePassword } from "./auth-settings";
import { verifyPassword } from "./password.server";
import { authSettings } from "./settings.server";
import { isThrottled, LOGIN_THROTTLE } from "./throttle";

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "throttled" | "sso-only" };

export const LOGIN_MESSAGES = {
  invalid: "職員番号またはパスワードが正しくありません。",
  throttled:
    "ログインに続けて失敗したため、一時的にログインを制限しています。15分ほど時間をおいてから、もう一度お試しください。",
  "sso-only": "このアカウントは、パスワードではログインできません。「川崎市のアカウントでサインイン」からサインインしてください。",
} as const;

async function failuresSince(tx: Tx, column: "staffNumber" | "ip", value: string, since: number): Promise<number> {
  const t = schema.loginFailures;
  const row = await first(tx.select({ n: count() }).from(t).where(and(eq(t[column], value), gte(t.at, since))));
  return row?.n ?? 0;
}

/**
 * Counts the attempt and decides, in one write transaction, whether it may be checked.
 * An admitted attempt is recorded as a failure *before* the password is verified: the
 * hash takes tens of milliseconds, and if the failure were written only afterwards, every
 * attempt of a parallel burst would read the same old count and all of them would be
 * checked (issue 10). Returns the id of the recorded attempt, or null when throttled.
 */
function admitAttempt(input: { staffNumber: string; ip: string }, now: number): Promise<number | null> {
  return immediate(async (tx) => {
    // PostgreSQL: the counts below must not run beside another attempt's for the same
    // account or address (SQLite's BEGIN IMMEDIATE already serialises them).
    await lockLoginAttempts(tx, input);
    const since = now - LOGIN_THROTTLE.windowMs;
    const throttled = isThrottled({
      accountFailures: await failuresSince(tx, "staffNumber", input.staffNumber, since),
      addressFailures: await failuresSince(tx, "ip", input.ip, since),
    });
    if (throttled) {
      // Throttled attempts are not counted: the lock ends when the window passes, whatever
      // an attacker keeps sending.
      await audit(tx, { actorId: null, action: "login.throttled", target: input.staffNumber, outcome: "denied", ip: input.ip });
      return null;
    }
    const [row] = await tx
      .insert(schema.loginFailures)
      .values({ staffNumber: input.staffNumber, ip: input.ip, at: now })
      .returning({ id: schema.loginFailures.id });
    return row!.id;
  });
}

/**
 * Transaction-scoped advisory locks on the account, then the address: always in that order,
 * and no one waits for an account while holding an address, so they cannot deadlock. The
 * transaction is short (the password hash is checked after it), so queueing is brief.
 */
async function lockLoginAttempts(tx: Tx, input: { staffNumber: string; ip: string }): Promise<void> {
  if (dialect() !== "pg") return;
  await execute(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${"login.account:" + input.staffNumber}))`);
  await execute(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${"login.address:" + input.ip}))`);
}

/**
 * Checks a login. The answer never says which part was wrong; a throttled account or
 * address is refused before the password is looked at.
 */
export async function attemptLogin(input: { staffNumber: string; password: string; ip: string }): Promise<LoginResult> {
  const db = getDb();
  const attemptId = await admitAttempt(input, Date.now());
  if (attemptId === null) return { ok: false, reason: "throttled" };

  const employee = await first(
    db
      .select({ id: schema.employees.id, passwordHash: schema.employees.passwordHash, disabledAt: schema.employees.disabledAt })
      .from(schema.employees)
      .where(eq(schema.employees.staffNumber, input.staffNumber)),
  );
  const usable = employee && !employee.disabledAt ? employee.passwordHash : null;
  const ok = await verifyPassword(usable, input.password);

  if (!ok || !employee) {
    // The attempt was already counted as a failure when it was admitted.
    await auditAlone({
      actorId: employee?.id ?? null,
      action: "login.failed",
      target: input.staffNumber,
      outcome: "failure",
      ip: input.ip,
    });
    return { ok: false, reason: "invalid" };
  }

  // With PASSWORD_LOGIN=exempt-only, a right password of anyone else is still refused. Told
  // only after the password was right, so it says nothing about which accounts exist.
  const roles = (
    await db.select({ role: schema.roleGrants.role }).from(schema.roleGrants).where(eq(schema.roleGrants.employeeId, employee.id))
  ).map((r) => r.role);
  if (!mayUsePassword(authSettings(), { staffNumber: input.staffNumber, roles })) {
    await immediate(async (tx) => {
      await tx.delete(schema.loginFailures).where(eq(schema.loginFailures.id, attemptId));
      await audit(tx, { actorId: employee.id, action: "login.password_not_allowed", target: input.staffNumber, outcome: "denied", ip: input.ip });
    });
    return { ok: false, reason: "sso-only" };
  }

  // Only this attempt's own record is withdrawn. Earlier failures of the account stay until
  // they leave the window: clearing them here would hand a burst that is still arriving a
  // fresh allowance, so the limit would no longer bound the guesses per window.
  await immediate(async (tx) => {
    await tx.delete(schema.loginFailures).where(eq(schema.loginFailures.id, attemptId));
    await audit(tx, { actorId: employee.id, action: "login.success", target: input.staffNumber, outcome: "success", ip: input.ip });
  });
  return { ok: true, userId: employee.id };
}

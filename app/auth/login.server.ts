import { and, count, eq, gte } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import { verifyPassword } from "./password.server";
import { isThrottled, LOGIN_THROTTLE } from "./throttle";

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "throttled" };

export const LOGIN_MESSAGES = {
  invalid: "職員番号またはパスワードが正しくありません。",
  throttled:
    "ログインに続けて失敗したため、一時的にログインを制限しています。15分ほど時間をおいてから、もう一度お試しください。",
} as const;

function failuresSince(column: "staffNumber" | "ip", value: string, since: number): number {
  const t = schema.loginFailures;
  const row = getDb()
    .select({ n: count() })
    .from(t)
    .where(and(eq(t[column], value), gte(t.at, since)))
    .get();
  return row?.n ?? 0;
}

/**
 * Checks a login. The answer never says which part was wrong; a throttled account or
 * address is refused before the password is looked at.
 */
export async function attemptLogin(input: { staffNumber: string; password: string; ip: string }): Promise<LoginResult> {
  const db = getDb();
  const now = Date.now();
  const since = now - LOGIN_THROTTLE.windowMs;
  const throttled = isThrottled({
    accountFailures: failuresSince("staffNumber", input.staffNumber, since),
    addressFailures: failuresSince("ip", input.ip, since),
  });
  if (throttled) {
    audit(db, { actorId: null, action: "login.throttled", target: input.staffNumber, outcome: "denied", ip: input.ip });
    return { ok: false, reason: "throttled" };
  }

  const employee = db
    .select({ id: schema.employees.id, passwordHash: schema.employees.passwordHash, disabledAt: schema.employees.disabledAt })
    .from(schema.employees)
    .where(eq(schema.employees.staffNumber, input.staffNumber))
    .get();
  const usable = employee && !employee.disabledAt ? employee.passwordHash : null;
  const ok = await verifyPassword(usable, input.password);

  if (!ok || !employee) {
    db.insert(schema.loginFailures).values({ staffNumber: input.staffNumber, ip: input.ip, at: now }).run();
    audit(db, {
      actorId: employee?.id ?? null,
      action: "login.failed",
      target: input.staffNumber,
      outcome: "failure",
      ip: input.ip,
    });
    return { ok: false, reason: "invalid" };
  }

  db.delete(schema.loginFailures).where(eq(schema.loginFailures.staffNumber, input.staffNumber)).run();
  audit(db, { actorId: employee.id, action: "login.success", target: input.staffNumber, outcome: "success", ip: input.ip });
  return { ok: true, userId: employee.id };
}

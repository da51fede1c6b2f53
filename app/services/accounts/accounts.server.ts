import { and, asc, count, eq, like, or, type SQL } from "drizzle-orm";
import { hashPassword, temporaryPassword } from "~/auth/password.server";
import type { GrantableRole } from "~/auth/roles";
import { getDb, immediate, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import { orgPath } from "~/services/org/org.server";

const { employees, roleGrants, authSessions } = schema;
export const ACCOUNTS_PAGE_SIZE = 50;

/** Accounts matching a 職員番号, name or kana fragment, for the admin list. */
export function searchAccounts({ q, page }: { q: string; page: number }) {
  const db = getDb();
  const term = q.trim();
  const where: SQL | undefined = term
    ? or(like(employees.staffNumber, `${term}%`), like(employees.name, `%${term}%`), like(employees.kana, `%${term}%`))
    : undefined;
  const total = db.select({ n: count() }).from(employees).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: employees.id,
      staffNumber: employees.staffNumber,
      name: employees.name,
      rank: employees.rank,
      source: employees.source,
      disabledAt: employees.disabledAt,
    })
    .from(employees)
    .where(where)
    .orderBy(asc(employees.staffNumber))
    .limit(ACCOUNTS_PAGE_SIZE)
    .offset((page - 1) * ACCOUNTS_PAGE_SIZE)
    .all();
  const grants = db.select().from(roleGrants).all();
  const rolesById = new Map<string, GrantableRole[]>();
  for (const g of grants) rolesById.set(g.employeeId, [...(rolesById.get(g.employeeId) ?? []), g.role]);
  return { total, rows: rows.map((r) => ({ ...r, roles: rolesById.get(r.id) ?? [] })) };
}

export function getAccount(id: string) {
  const db = getDb();
  const e = db.select().from(employees).where(eq(employees.id, id)).get();
  if (!e) return null;
  const roles = db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.employeeId, id)).all();
  const sessions = db.select({ n: count() }).from(authSessions).where(eq(authSessions.userId, id)).get()?.n ?? 0;
  return {
    id: e.id,
    staffNumber: e.staffNumber,
    name: e.name,
    kana: e.kana,
    rank: e.rank,
    orgPath: orgPath(e.orgUnitId),
    source: e.source,
    disabledAt: e.disabledAt,
    hasPassword: e.passwordHash !== null,
    roles: roles.map((r) => r.role),
    activeSessions: sessions,
  };
}

type Actor = { id: string; ip: string };

/** Sets the grantable roles of an account to exactly `roles`. */
export function setRoles(actor: Actor, id: string, roles: GrantableRole[]): void {
  const db = getDb();
  const before = immediate((tx) => {
    const current = tx.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.employeeId, id)).all().map((r) => r.role);
    for (const r of current) {
      if (!roles.includes(r)) tx.delete(roleGrants).where(and(eq(roleGrants.employeeId, id), eq(roleGrants.role, r))).run();
    }
    for (const r of roles) {
      if (!current.includes(r)) tx.insert(roleGrants).values({ employeeId: id, role: r, grantedBy: actor.id }).run();
    }
    return current;
  });
  audit(db, { actorId: actor.id, action: "account.roles", target: id, outcome: "success", ip: actor.ip, detail: { before, after: roles } });
}

/** Disables an account and ends every session of it in the same transaction. */
export function disableAccount(actor: Actor, id: string): void {
  const db = getDb();
  immediate((tx) => {
    tx.update(employees).set({ disabledAt: new Date(), disabledReason: "admin", updatedAt: new Date() }).where(eq(employees.id, id)).run();
    tx.delete(authSessions).where(eq(authSessions.userId, id)).run();
  });
  audit(db, { actorId: actor.id, action: "account.disable", target: id, outcome: "success", ip: actor.ip });
}

export function enableAccount(actor: Actor, id: string): void {
  getDb().update(employees).set({ disabledAt: null, disabledReason: null, updatedAt: new Date() }).where(eq(employees.id, id)).run();
  audit(getDb(), { actorId: actor.id, action: "account.enable", target: id, outcome: "success", ip: actor.ip });
}

/** Issues a one-time temporary password (shown once to the admin) and ends all sessions. */
export async function resetPassword(actor: Actor, id: string): Promise<string> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const db = getDb();
  immediate((tx) => {
    tx.update(employees).set({ passwordHash, updatedAt: new Date() }).where(eq(employees.id, id)).run();
    tx.delete(authSessions).where(eq(authSessions.userId, id)).run();
  });
  audit(db, { actorId: actor.id, action: "account.password_reset", target: id, outcome: "success", ip: actor.ip });
  return password;
}

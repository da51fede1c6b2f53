import { randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray, isNull, like, notInArray, or, type SQL } from "drizzle-orm";
import { hashPassword, temporaryPassword } from "~/auth/password.server";
import type { GrantableRole } from "~/auth/roles";
import { hasRole } from "~/auth/viewer";
import { first, forUpdate, getDb, immediate, isUniqueViolation, schema, type Db, type Tx } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { orgPath } from "~/services/org/org.server";
import { LAST_ADMIN_MESSAGE, refuseAccountChange } from "./rules";

const { employees, roleGrants, authSessions } = schema;
export const ACCOUNTS_PAGE_SIZE = 50;

/** Accounts matching a 職員番号, name or kana fragment, for the admin list. */
export async function searchAccounts({ q, page }: { q: string; page: number }) {
  const db = getDb();
  const term = q.trim();
  const where: SQL | undefined = term
    ? or(like(employees.staffNumber, `${term}%`), like(employees.name, `%${term}%`), like(employees.kana, `%${term}%`))
    : undefined;
  const total = (await first(db.select({ n: count() }).from(employees).where(where)))?.n ?? 0;
  const rows = await db
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
    .offset((page - 1) * ACCOUNTS_PAGE_SIZE);
  const grants = rows.length ? await db.select().from(roleGrants).where(inArray(roleGrants.employeeId, rows.map((r) => r.id))) : [];
  const rolesById = new Map<string, GrantableRole[]>();
  for (const g of grants) rolesById.set(g.employeeId, [...(rolesById.get(g.employeeId) ?? []), g.role]);
  return { total, rows: rows.map((r) => ({ ...r, roles: rolesById.get(r.id) ?? [] })) };
}

export async function getAccount(id: string) {
  const db = getDb();
  const e = await first(db.select().from(employees).where(eq(employees.id, id)));
  if (!e) return null;
  const roles = await db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.employeeId, id));
  const sessions = (await first(db.select({ n: count() }).from(authSessions).where(eq(authSessions.userId, id))))?.n ?? 0;
  return {
    id: e.id,
    staffNumber: e.staffNumber,
    name: e.name,
    kana: e.kana,
    rank: e.rank,
    orgPath: await orgPath(e.orgUnitId, db),
    source: e.source,
    disabledAt: e.disabledAt,
    hasPassword: e.passwordHash !== null,
    roles: roles.map((r) => r.role),
    activeSessions: sessions,
  };
}

/**
 * Every change of an account is an admin's: checked here as well as by the route, so no
 * caller can forget it.
 */
function requireAdmin(actor: Actor): string {
  if (!hasRole(actor.viewer, "admin")) refuse("forbidden", "アカウントを変更できるのはシステム管理者です。");
  return actor.viewer.id;
}

// ——— The admin invariant: at least one active admin, always ————————————————

/** Ids of the active (not disabled) accounts holding the admin role, except `except`. */
export async function activeAdminIds(tx: Tx, except: readonly string[] = []): Promise<string[]> {
  const rows = await tx
    .select({ id: employees.id })
    .from(roleGrants)
    .innerJoin(employees, eq(employees.id, roleGrants.employeeId))
    .where(and(eq(roleGrants.role, "admin"), isNull(employees.disabledAt), except.length ? notInArray(employees.id, [...except]) : undefined));
  return rows.map((r) => r.id);
}

/**
 * Refuses when taking `leaving` out of the active admins would leave none. Called inside the
 * transaction of the change, so two admins removing each other one after the other cannot
 * both succeed: the second sees the first already gone.
 */
export async function requireAnotherAdmin(tx: Tx, leaving: readonly string[]): Promise<void> {
  // PostgreSQL: two admins removing each other at once must not both see the other still
  // there. Every change of the admin set takes this lock first (SQLite: BEGIN IMMEDIATE).
  await lockAdminSet(tx);
  const leavingAdmins = leaving.length ? (await activeAdminIds(tx)).filter((id) => leaving.includes(id)) : [];
  if (leavingAdmins.length > 0 && (await activeAdminIds(tx, leaving)).length === 0) refuse("conflict", LAST_ADMIN_MESSAGE);
}

/** The row the admin invariant hangs on: every active admin's grant, locked (a no-op on SQLite). */
async function lockAdminSet(tx: Tx): Promise<void> {
  await forUpdate(tx.select({ id: roleGrants.employeeId }).from(roleGrants).where(eq(roleGrants.role, "admin")));
}

async function rolesOf(tx: Tx, id: string): Promise<GrantableRole[]> {
  return (await tx.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.employeeId, id))).map((r) => r.role);
}

/**
 * Sets the grantable roles of an account to exactly `roles`. Refused (nothing written) when
 * an admin would drop their own admin role, or the last active admin would lose it.
 */
export function setRoles(actor: Actor, id: string, roles: GrantableRole[]): Promise<Outcome> {
  return attempt(() =>
    immediate(async (tx) => {
      const by = requireAdmin(actor);
      const self = refuseAccountChange(by, id, { intent: "roles", roles });
      if (self) refuse("invalid", self);
      const current = await rolesOf(tx, id);
      if (current.includes("admin") && !roles.includes("admin")) await requireAnotherAdmin(tx, [id]);
      for (const r of current) {
        if (!roles.includes(r)) await tx.delete(roleGrants).where(and(eq(roleGrants.employeeId, id), eq(roleGrants.role, r)));
      }
      for (const r of roles) {
        if (!current.includes(r)) await tx.insert(roleGrants).values({ employeeId: id, role: r, grantedBy: by });
      }
      await audit(tx, { actorId: by, action: "account.roles", target: id, outcome: "success", ip: actor.ip, detail: { before: current, after: roles } });
      return { ok: true } as const;
    }),
  );
}

/** Grants one role (kept if already held), in the caller's transaction — e.g. consultation registering a consultant. */
export async function grantRole(tx: Tx, by: string, employeeId: string, role: GrantableRole): Promise<void> {
  await tx.insert(roleGrants).values({ employeeId, role, grantedBy: by }).onConflictDoNothing();
}

/**
 * Disables an account and ends every session of it in the same transaction. Refused for
 * one's own account and for the last active admin.
 */
export function disableAccount(actor: Actor, id: string): Promise<Outcome> {
  return attempt(() =>
    immediate(async (tx) => {
      const by = requireAdmin(actor);
      const self = refuseAccountChange(by, id, { intent: "disable" });
      if (self) refuse("invalid", self);
      await requireAnotherAdmin(tx, [id]);
      await tx.update(employees).set({ disabledAt: new Date(), disabledReason: "admin", updatedAt: new Date() }).where(eq(employees.id, id));
      await tx.delete(authSessions).where(eq(authSessions.userId, id));
      await audit(tx, { actorId: by, action: "account.disable", target: id, outcome: "success", ip: actor.ip });
      return { ok: true } as const;
    }),
  );
}

export function enableAccount(actor: Actor, id: string): Promise<Outcome> {
  return attempt(() =>
    immediate(async (tx) => {
      requireAdmin(actor);
      await tx.update(employees).set({ disabledAt: null, disabledReason: null, updatedAt: new Date() }).where(eq(employees.id, id));
      await audit(tx, { actorId: actor.viewer.id, action: "account.enable", target: id, outcome: "success", ip: actor.ip });
      return { ok: true } as const;
    }),
  );
}

/** Issues a one-time temporary password (shown once to the admin) and ends all sessions. */
export async function resetPassword(actor: Actor, id: string): Promise<string> {
  requireAdmin(actor);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await immediate(async (tx) => {
    await tx.update(employees).set({ passwordHash, updatedAt: new Date() }).where(eq(employees.id, id));
    await tx.delete(authSessions).where(eq(authSessions.userId, id));
    await audit(tx, { actorId: actor.viewer.id, action: "account.password_reset", target: id, outcome: "success", ip: actor.ip });
  });
  return password;
}

// ——— Accounts other services create ———————————————————————————————————

const LOGIN_ID_TAKEN = "このログインIDはすでに使われています。別のIDにしてください。";

/** Whether a 職員番号 / login id is in use by any account. */
export async function loginIdTaken(db: Db, loginId: string): Promise<boolean> {
  return (await first(db.select({ id: employees.id }).from(employees).where(eq(employees.staffNumber, loginId)))) !== undefined;
}

/** The active account with this 職員番号 (login id), or null. */
export async function findActiveAccount(tx: Tx, staffNumber: string) {
  return (await first(tx.select().from(employees).where(and(eq(employees.staffNumber, staffNumber), isNull(employees.disabledAt))))) ?? null;
}

/**
 * Creates a portal account (not part of the personnel data, so the org import never touches
 * it) with an already hashed temporary password, in the caller's transaction. A taken login
 * id is a `conflict` refusal at `field`.
 */
export async function createPortalAccount(
  tx: Tx,
  input: { loginId: string; name: string; kana: string; passwordHash: string },
  field = "loginId",
): Promise<string> {
  if (await loginIdTaken(tx, input.loginId)) refuse("conflict", LOGIN_ID_TAKEN, field);
  const id = randomUUID();
  try {
    await tx.insert(employees).values({ id, staffNumber: input.loginId, name: input.name, kana: input.kana, source: "portal", passwordHash: input.passwordHash });
  } catch (e) {
    // Taken by a transaction that committed after our check (PostgreSQL, READ COMMITTED).
    if (isUniqueViolation(e)) refuse("conflict", LOGIN_ID_TAKEN, field);
    throw e;
  }
  return id;
}

/** The same check before hashing a password (the hash takes time; the transaction checks again). */
export async function requireFreeLoginId(loginId: string, field = "loginId"): Promise<void> {
  if (await loginIdTaken(getDb(), loginId)) refuse("conflict", LOGIN_ID_TAKEN, field);
}


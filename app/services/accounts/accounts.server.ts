import { randomUUID } from "node:crypto";
import { and, asc, count, eq, isNull, like, notInArray, or, type SQL } from "drizzle-orm";
import { hashPassword, temporaryPassword } from "~/auth/password.server";
import type { GrantableRole } from "~/auth/roles";
import { hasRole } from "~/auth/viewer";
import { getDb, immediate, schema, type Tx } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { orgPath } from "~/services/org/org.server";
import { LAST_ADMIN_MESSAGE, refuseAccountChange } from "./rules";

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
export function activeAdminIds(tx: Tx, except: readonly string[] = []): string[] {
  return tx
    .select({ id: employees.id })
    .from(roleGrants)
    .innerJoin(employees, eq(employees.id, roleGrants.employeeId))
    .where(and(eq(roleGrants.role, "admin"), isNull(employees.disabledAt), except.length ? notInArray(employees.id, [...except]) : undefined))
    .all()
    .map((r) => r.id);
}

/**
 * Refuses when taking `leaving` out of the active admins would leave none. Called inside the
 * transaction of the change, so two admins removing each other one after the other cannot
 * both succeed: the second sees the first already gone.
 */
export function requireAnotherAdmin(tx: Tx, leaving: readonly string[]): void {
  const leavingAdmins = leaving.length ? activeAdminIds(tx).filter((id) => leaving.includes(id)) : [];
  if (leavingAdmins.length > 0 && activeAdminIds(tx, leaving).length === 0) refuse("conflict", LAST_ADMIN_MESSAGE);
}

function rolesOf(tx: Tx, id: string): GrantableRole[] {
  return tx.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.employeeId, id)).all().map((r) => r.role);
}

/**
 * Sets the grantable roles of an account to exactly `roles`. Refused (nothing written) when
 * an admin would drop their own admin role, or the last active admin would lose it.
 */
export function setRoles(actor: Actor, id: string, roles: GrantableRole[]): Outcome {
  return attempt(() =>
    immediate((tx) => {
      const by = requireAdmin(actor);
      const self = refuseAccountChange(by, id, { intent: "roles", roles });
      if (self) refuse("invalid", self);
      const current = rolesOf(tx, id);
      if (current.includes("admin") && !roles.includes("admin")) requireAnotherAdmin(tx, [id]);
      for (const r of current) {
        if (!roles.includes(r)) tx.delete(roleGrants).where(and(eq(roleGrants.employeeId, id), eq(roleGrants.role, r))).run();
      }
      for (const r of roles) {
        if (!current.includes(r)) tx.insert(roleGrants).values({ employeeId: id, role: r, grantedBy: by }).run();
      }
      audit(tx, { actorId: by, action: "account.roles", target: id, outcome: "success", ip: actor.ip, detail: { before: current, after: roles } });
      return { ok: true } as const;
    }),
  );
}

/** Grants one role (kept if already held), in the caller's transaction — e.g. consultation registering a consultant. */
export function grantRole(tx: Tx, by: string, employeeId: string, role: GrantableRole): void {
  tx.insert(roleGrants).values({ employeeId, role, grantedBy: by }).onConflictDoNothing().run();
}

/**
 * Disables an account and ends every session of it in the same transaction. Refused for
 * one's own account and for the last active admin.
 */
export function disableAccount(actor: Actor, id: string): Outcome {
  return attempt(() =>
    immediate((tx) => {
      const by = requireAdmin(actor);
      const self = refuseAccountChange(by, id, { intent: "disable" });
      if (self) refuse("invalid", self);
      requireAnotherAdmin(tx, [id]);
      tx.update(employees).set({ disabledAt: new Date(), disabledReason: "admin", updatedAt: new Date() }).where(eq(employees.id, id)).run();
      tx.delete(authSessions).where(eq(authSessions.userId, id)).run();
      audit(tx, { actorId: by, action: "account.disable", target: id, outcome: "success", ip: actor.ip });
      return { ok: true } as const;
    }),
  );
}

export function enableAccount(actor: Actor, id: string): Outcome {
  return attempt(() =>
    immediate((tx) => {
      requireAdmin(actor);
      tx.update(employees).set({ disabledAt: null, disabledReason: null, updatedAt: new Date() }).where(eq(employees.id, id)).run();
      audit(tx, { actorId: actor.viewer.id, action: "account.enable", target: id, outcome: "success", ip: actor.ip });
      return { ok: true } as const;
    }),
  );
}

/** Issues a one-time temporary password (shown once to the admin) and ends all sessions. */
export async function resetPassword(actor: Actor, id: string): Promise<string> {
  requireAdmin(actor);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  immediate((tx) => {
    tx.update(employees).set({ passwordHash, updatedAt: new Date() }).where(eq(employees.id, id)).run();
    tx.delete(authSessions).where(eq(authSessions.userId, id)).run();
    audit(tx, { actorId: actor.viewer.id, action: "account.password_reset", target: id, outcome: "success", ip: actor.ip });
  });
  return password;
}

// ——— Accounts other services create ———————————————————————————————————

const LOGIN_ID_TAKEN = "このログインIDはすでに使われています。別のIDにしてください。";

/** Whether a 職員番号 / login id is in use by any account. */
export function loginIdTaken(db: Tx | ReturnType<typeof getDb>, loginId: string): boolean {
  return db.select({ id: employees.id }).from(employees).where(eq(employees.staffNumber, loginId)).get() !== undefined;
}

/** The active account with this 職員番号 (login id), or null. */
export function findActiveAccount(tx: Tx, staffNumber: string) {
  return tx.select().from(employees).where(and(eq(employees.staffNumber, staffNumber), isNull(employees.disabledAt))).get() ?? null;
}

/**
 * Creates a portal account (not part of the personnel data, so the org import never touches
 * it) with an already hashed temporary password, in the caller's transaction. A taken login
 * id is a `conflict` refusal at `field`.
 */
export function createPortalAccount(tx: Tx, input: { loginId: string; name: string; kana: string; passwordHash: string }, field = "loginId"): string {
  if (loginIdTaken(tx, input.loginId)) refuse("conflict", LOGIN_ID_TAKEN, field);
  const id = randomUUID();
  tx.insert(employees).values({ id, staffNumber: input.loginId, name: input.name, kana: input.kana, source: "portal", passwordHash: input.passwordHash }).run();
  return id;
}

/** The same check before hashing a password (the hash takes time; the transaction checks again). */
export function requireFreeLoginId(loginId: string, field = "loginId"): void {
  if (loginIdTaken(getDb(), loginId)) refuse("conflict", LOGIN_ID_TAKEN, field);
}


import { randomUUID } from "node:crypto";
import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { dialect, execute, first, getDb, immediate, schema, type Db, type Tx } from "~/db.server";
import { todayIso } from "~/lib/fiscal-year";
import { activeAdminIds } from "~/services/accounts/accounts.server";
import { audit, auditAlone } from "~/services/audit/audit.server";
import { planImport, readImportFiles, type ExistingSnapshot, type ImportError, type ImportPlan } from "./import-plan";
import { IMPORT_MAX_REPORTED_ERRORS } from "./import-columns";
import type { OrgUnitKind } from "./master-data";

const { authSessions, auditLog, employees, orgUnits } = schema;

export type ImportCounts = {
  /** New personnel employees. */
  added: number;
  /** Enabled employees whose data differs from the file. */
  changed: number;
  /** Personnel employees missing from the file, now disabled (their logins ended). */
  disabled: number;
  /** Disabled employees back in the file (counted here, not also as changed). */
  reenabled: number;
  orgAdded: number;
  orgChanged: number;
};

export type ImportOutcome =
  | { ok: true; counts: ImportCounts }
  /** `errors` holds at most IMPORT_MAX_REPORTED_ERRORS; `errorCount` is the total. */
  | { ok: false; errors: ImportError[]; errorCount: number };

/**
 * Imports the org master from the personnel system. Either every row is valid and the
 * whole file is applied, or nothing is written and every error is reported.
 *
 * The snapshot is read, checked and written inside one `BEGIN IMMEDIATE` transaction, so
 * nothing another request writes in between (a new portal account with the same staff
 * number, a second import) can slip past the checks.
 */
export async function applyImport(input: {
  orgBytes: Uint8Array | null;
  employeeBytes: Uint8Array;
  actorId: string | null;
  ip?: string | null;
  now?: Date;
  /** The admin confirmed an import that disables many accounts at once. */
  confirmMassDisable?: boolean;
}): Promise<ImportOutcome> {
  const now = input.now ?? new Date();

  /** The failure's audit line: in the transaction when there is one, else on its own. */
  const fail = async (errors: ImportError[], tx?: Tx): Promise<ImportOutcome> => {
    const line = { actorId: input.actorId, action: "org.import", outcome: "failure", ip: input.ip, detail: { errorCount: errors.length } } as const;
    await (tx ? audit(tx, line) : auditAlone(line));
    return { ok: false, errors: errors.slice(0, IMPORT_MAX_REPORTED_ERRORS), errorCount: errors.length };
  };

  const files = readImportFiles({ orgBytes: input.orgBytes, employeeBytes: input.employeeBytes });
  if (!files.ok) return fail(files.errors);

  return immediate(async (tx) => {
    // PostgreSQL: one import at a time, and no account created beside it (SQLite: BEGIN IMMEDIATE).
    await lockEmployees(tx);
    const planned = planImport({
      orgRows: files.orgRows,
      employeeRows: files.employeeRows,
      existing: await loadSnapshot(tx),
      today: todayIso(now),
    });
    if (!planned.ok) return fail(planned.errors, tx);
    const wouldDisable = await countDropped(tx, planned.plan);
    const adminRefusal = await adminLockout(tx, wouldDisable.droppedIds, input.actorId);
    if (adminRefusal) return fail([{ file: "職員CSV", row: null, column: null, message: adminRefusal }], tx);
    if (wouldDisable.dropped > massDisableLimit(wouldDisable.active) && !input.confirmMassDisable) {
      return fail([
        {
          file: "職員CSV",
          row: null,
          column: null,
          message: `この取込で${wouldDisable.dropped}名（在籍${wouldDisable.active}名中）のアカウントが無効になります。一部の所属だけのファイルではないか確認し、意図した取込であれば「多数のアカウントが無効になることを確認しました」にチェックして再度取り込んでください。`,
        },
      ], tx);
    }
    const counts = await applyPlan(tx, planned.plan, now);
    // Inside the transaction: the import and its audit line are kept or lost together.
    await audit(tx, { actorId: input.actorId, action: "org.import", outcome: "success", ip: input.ip, detail: counts });
    return { ok: true, counts };
  });
}

/**
 * A full-snapshot import disables everyone missing from the file, so a partial export (one
 * bureau only) would lock out the city. Beyond this many, the admin must confirm.
 */
export function massDisableLimit(active: number): number {
  return Math.max(20, Math.floor(active * 0.05));
}

/**
 * The whole import is one check-then-write over the employees table: on PostgreSQL it takes
 * the table in SHARE ROW EXCLUSIVE mode (a second import, or an account created meanwhile,
 * waits; reads go on). SQLite's BEGIN IMMEDIATE already holds its one write lock.
 */
async function lockEmployees(tx: Tx): Promise<void> {
  if (dialect() === "pg") await execute(tx, sql`LOCK TABLE employees, org_units IN SHARE ROW EXCLUSIVE MODE`);
}

async function countDropped(db: Db, plan: ImportPlan): Promise<{ dropped: number; active: number; droppedIds: string[] }> {
  const inFile = new Set(plan.employees.map((e) => e.staffNumber));
  const active = await db
    .select({ id: employees.id, staffNumber: employees.staffNumber })
    .from(employees)
    .where(and(eq(employees.source, "personnel"), isNull(employees.disabledAt)));
  const droppedIds = active.filter((e) => !inFile.has(e.staffNumber)).map((e) => e.id);
  return { dropped: droppedIds.length, active: active.length, droppedIds };
}

/**
 * The accounts service's invariant, inside the import's transaction: there is always an
 * active admin, and the admin importing is not locked out by their own file. The reason, or null.
 */
async function adminLockout(tx: Tx, droppedIds: string[], actorId: string | null): Promise<string | null> {
  if (droppedIds.length === 0) return null;
  const dropped = new Set(droppedIds);
  if (actorId && dropped.has(actorId)) {
    return "取込を行っているあなた自身のアカウントがこのファイルに含まれていないため、取り込むとあなたのアカウントが無効になります。ファイルを確認してください。";
  }
  const admins = await activeAdminIds(tx);
  if (admins.some((id) => dropped.has(id)) && admins.every((id) => dropped.has(id))) {
    return "この取込で有効なシステム管理者が1人もいなくなるため、取り込めません。ファイルを確認するか、先に別の方にシステム管理者の権限を付与してください。";
  }
  return null;
}

async function loadSnapshot(db: Db): Promise<ExistingSnapshot> {
  const units = await db
    .select({ id: orgUnits.id, code: orgUnits.code, kind: orgUnits.kind, parentId: orgUnits.parentId, active: orgUnits.active })
    .from(orgUnits);
  const codeById = new Map(units.map((u) => [u.id, u.code]));
  const people = await db
    .select({ staffNumber: employees.staffNumber, source: employees.source, disabledAt: employees.disabledAt })
    .from(employees);
  return {
    orgUnits: units.map((u) => ({
      code: u.code,
      kind: u.kind,
      parentCode: u.parentId == null ? null : (codeById.get(u.parentId) ?? null),
      active: u.active,
    })),
    employees: people.map((p) => ({ staffNumber: p.staffNumber, source: p.source, disabled: p.disabledAt != null })),
  };
}

/** The columns an import row sets; new rows also get source 'personnel' and no password. */
type EmployeeData = {
  name: string;
  kana: string;
  email: string | null;
  orgUnitId: number;
  rank: string;
  jobCategory: string;
  employmentType: string;
  hiredOn: string;
  rankSince: string;
  birthYear: number;
  gender: string | null;
  /** Only when the file has the column: a column left out keeps the stored value. */
  workStatus?: string | null;
  assignedOn?: string | null;
};

const KIND_DEPTH: Record<OrgUnitKind, number> = { bureau: 0, division: 1, section: 2 };
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes a valid plan. Must run inside the caller's transaction. */
async function applyPlan(db: Tx, plan: ImportPlan, now: Date): Promise<ImportCounts> {
  const counts: ImportCounts = { added: 0, changed: 0, disabled: 0, reenabled: 0, orgAdded: 0, orgChanged: 0 };

  // --- Org units: upsert by code, parents before children (kinds give the order). ---
  const existingUnits = new Map((await db.select().from(orgUnits)).map((u) => [u.code, u]));
  const unitIdByCode = new Map([...existingUnits.values()].map((u) => [u.code, u.id]));
  if (plan.orgUnits) {
    const ordered = [...plan.orgUnits].sort((a, b) => KIND_DEPTH[a.kind] - KIND_DEPTH[b.kind]);
    for (const u of ordered) {
      const parentId = u.parentCode == null ? null : unitIdByCode.get(u.parentCode)!;
      const ex = existingUnits.get(u.code);
      if (!ex) {
        const [row] = await db
          .insert(orgUnits)
          .values({ code: u.code, name: u.name, kind: u.kind, parentId, active: true, sortOrder: u.sortOrder ?? null })
          .returning({ id: orgUnits.id });
        unitIdByCode.set(u.code, row!.id);
        counts.orgAdded++;
      } else if (ex.name !== u.name || ex.kind !== u.kind || ex.parentId !== parentId || !ex.active || (u.sortOrder !== undefined && ex.sortOrder !== u.sortOrder)) {
        const sortOrder = u.sortOrder === undefined ? {} : { sortOrder: u.sortOrder };
        await db.update(orgUnits).set({ name: u.name, kind: u.kind, parentId, active: true, ...sortOrder }).where(eq(orgUnits.id, ex.id));
        counts.orgChanged++;
      }
    }
  }

  // --- Employees: upsert by staff number. Portal accounts are never read or written. ---
  const existing = new Map((await db.select().from(employees).where(eq(employees.source, "personnel"))).map((e) => [e.staffNumber, e]));
  const idByStaffNumber = new Map(plan.employees.map((e) => [e.staffNumber, existing.get(e.staffNumber)?.id ?? randomUUID()]));

  type Row = typeof employees.$inferInsert;
  type NewEmployee = { id: string; staffNumber: string } & EmployeeData;
  const inserts: NewEmployee[] = [];
  const newSupervisors: { id: string; supervisorId: string }[] = [];
  const updates: { id: string; set: Partial<Row> }[] = [];

  for (const e of plan.employees) {
    const id = idByStaffNumber.get(e.staffNumber)!;
    const supervisorId = e.supervisorStaffNumber == null ? null : idByStaffNumber.get(e.supervisorStaffNumber)!;
    const data: EmployeeData = {
      name: e.name,
      kana: e.kana,
      email: e.email,
      orgUnitId: unitIdByCode.get(e.orgUnitCode)!,
      rank: e.rank,
      jobCategory: e.jobCategory,
      employmentType: e.employmentType,
      hiredOn: e.hiredOn,
      rankSince: e.rankSince,
      birthYear: e.birthYear,
      gender: e.gender,
      ...(e.workStatus === undefined ? {} : { workStatus: e.workStatus }),
      ...(e.assignedOn === undefined ? {} : { assignedOn: e.assignedOn }),
    };
    const ex = existing.get(e.staffNumber);
    if (!ex) {
      // Supervisor links wait until every new row exists (the foreign key is checked at once).
      inserts.push({ id, staffNumber: e.staffNumber, ...data });
      if (supervisorId) newSupervisors.push({ id, supervisorId });
      counts.added++;
      continue;
    }
    const differs =
      (Object.keys(data) as (keyof typeof data)[]).some((k) => ex[k] !== data[k]) || ex.supervisorId !== supervisorId;
    if (ex.disabledAt != null && ex.disabledReason !== "admin") {
      updates.push({ id, set: { ...data, supervisorId, disabledAt: null, disabledReason: null, updatedAt: now } });
      counts.reenabled++;
    } else if (differs) {
      // An account an admin disabled by hand stays disabled; its data is still kept current.
      updates.push({ id, set: { ...data, supervisorId, updatedAt: now } });
      counts.changed++;
    }
  }

  // Multi-row statements in chunks: a first import writes ~20,000 rows while holding the
  // write lock, and a statement per row costs a round trip each on PostgreSQL.
  for (const batch of chunks(inserts)) {
    await db.insert(employees).values(
      batch.map((r) => ({
        ...r,
        workStatus: r.workStatus ?? null,
        assignedOn: r.assignedOn ?? null,
        supervisorId: null,
        source: "personnel" as const,
        passwordHash: null,
        createdAt: now,
        updatedAt: now,
      })),
    );
  }
  for (const u of updates) await db.update(employees).set(u.set).where(eq(employees.id, u.id));
  // VALUES columns are column1, column2 on both engines (SQLite names no others).
  for (const batch of chunks(newSupervisors)) {
    const values = sql.join(batch.map((s) => sql`(${s.id}, ${s.supervisorId})`), sql`, `);
    await execute(db, sql`UPDATE employees SET supervisor_id = v.column2 FROM (VALUES ${values}) AS v WHERE employees.id = v.column1`);
  }

  // --- Full snapshot: personnel employees missing from the file are disabled, not
  // deleted (their history stays), and their login sessions end in the same transaction. ---
  const dropped = [...existing.values()].filter((e) => e.disabledAt == null && !idByStaffNumber.has(e.staffNumber)).map((e) => e.id);
  for (const batch of chunks(dropped)) {
    await db.update(employees).set({ disabledAt: now, disabledReason: "import", updatedAt: now }).where(inArray(employees.id, batch));
    await db.delete(authSessions).where(inArray(authSessions.userId, batch));
  }
  counts.disabled = dropped.length;

  return counts;
}

/** What the import page shows about the data as it stands. */
export async function getOrgMasterSummary() {
  const db = getDb();
  const [active, disabled, units, last] = await Promise.all([
    first(db.select({ n: count() }).from(employees).where(and(eq(employees.source, "personnel"), isNull(employees.disabledAt)))),
    first(db.select({ n: count() }).from(employees).where(and(eq(employees.source, "personnel"), isNotNull(employees.disabledAt)))),
    first(db.select({ n: count() }).from(orgUnits).where(eq(orgUnits.active, true))),
    first(
      db
        .select({ at: auditLog.at })
        .from(auditLog)
        .where(and(eq(auditLog.action, "org.import"), eq(auditLog.outcome, "success")))
        .orderBy(desc(auditLog.at))
        .limit(1),
    ),
  ]);
  return {
    activeEmployees: active?.n ?? 0,
    disabledEmployees: disabled?.n ?? 0,
    orgUnits: units?.n ?? 0,
    lastImportAt: last?.at ?? null,
  };
}

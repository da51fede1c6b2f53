import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { execute, type Tx } from "../db/client";
import { schema } from "../db/tables";
import { DEMO_ACCOUNTS, type SeedCity } from "./org";

const { employees, orgUnits, roleGrants } = schema;
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** ON CONFLICT … SET col = excluded.col, for both engines. */
const excluded = (column: string) => sql.raw(`excluded.${column}`);

/**
 * Upserts the city by its natural keys (所属コード, 職員番号), so running the seed again
 * changes nothing that is already there and creates no duplicates. Runs in the caller's
 * transaction (`immediate`), on either engine.
 */
export async function writeCity(tx: Tx, city: SeedCity, demoPasswordHash: string): Promise<{ orgUnits: number; employees: number }> {
  // Parents before children: the list is generated in that order.
  const unitId = new Map<string, number>();
  for (const u of city.orgUnits) {
    const parentId = u.parentCode == null ? null : (unitId.get(u.parentCode) ?? null);
    const [row] = await tx
      .insert(orgUnits)
      .values({ code: u.code, name: u.name, kind: u.kind, parentId, sortOrder: u.sortOrder ?? null })
      .onConflictDoUpdate({
        target: orgUnits.code,
        set: { name: excluded("name"), kind: excluded("kind"), parentId: excluded("parent_id"), sortOrder: excluded("sort_order"), active: true },
      })
      .returning({ id: orgUnits.id });
    unitId.set(u.code, row!.id);
  }

  const demoNumbers = new Set<string>(Object.values(DEMO_ACCOUNTS).map((a) => a.staffNumber));
  const c = DEMO_ACCOUNTS.consultant;
  type Row = typeof employees.$inferInsert;
  const rows: Row[] = city.employees.map((e) => ({
    id: randomUUID(),
    staffNumber: e.staffNumber,
    name: e.name,
    kana: e.kana,
    email: e.email,
    orgUnitId: unitId.get(e.orgCode) ?? null,
    rank: e.rank,
    jobCategory: e.jobCategory,
    employmentType: e.employmentType,
    hiredOn: e.hiredOn,
    rankSince: e.rankSince,
    birthYear: e.birthYear,
    gender: e.gender,
    workStatus: e.workStatus ?? null,
    assignedOn: e.assignedOn ?? null,
    source: "personnel",
    passwordHash: demoNumbers.has(e.staffNumber) ? demoPasswordHash : null,
  }));
  // The external consultant is a portal account, not part of the personnel data.
  rows.push({ id: randomUUID(), staffNumber: c.staffNumber, name: c.name, kana: c.kana, source: "portal", passwordHash: demoPasswordHash });
  for (const batch of chunks(rows)) {
    await tx
      .insert(employees)
      .values(batch)
      .onConflictDoUpdate({
        target: employees.staffNumber,
        set: {
          name: excluded("name"),
          kana: excluded("kana"),
          email: excluded("email"),
          orgUnitId: excluded("org_unit_id"),
          rank: excluded("rank"),
          jobCategory: excluded("job_category"),
          employmentType: excluded("employment_type"),
          hiredOn: excluded("hired_on"),
          rankSince: excluded("rank_since"),
          birthYear: excluded("birth_year"),
          gender: excluded("gender"),
          workStatus: excluded("work_status"),
          assignedOn: excluded("assigned_on"),
          source: excluded("source"),
          passwordHash: sql.raw("COALESCE(excluded.password_hash, employees.password_hash)"),
          disabledAt: null,
        },
      });
  }

  const idOf = new Map<string, string>();
  for (const batch of chunks(rows.map((r) => r.staffNumber))) {
    for (const r of await tx.select({ id: employees.id, sn: employees.staffNumber }).from(employees).where(inArray(employees.staffNumber, batch))) idOf.set(r.sn, r.id);
  }
  const links = city.employees.map((e) => ({ id: idOf.get(e.staffNumber)!, supervisorId: e.supervisorStaffNumber ? (idOf.get(e.supervisorStaffNumber) ?? null) : null }));
  // VALUES columns are column1, column2 on both engines; a NULL needs its type on PostgreSQL.
  for (const batch of chunks(links.filter((l) => l.supervisorId))) {
    const values = sql.join(batch.map((l) => sql`(${l.id}, ${l.supervisorId})`), sql`, `);
    await execute(tx, sql`UPDATE employees SET supervisor_id = v.column2 FROM (VALUES ${values}) AS v WHERE employees.id = v.column1`);
  }
  for (const batch of chunks(links.filter((l) => !l.supervisorId).map((l) => l.id))) {
    await tx.update(employees).set({ supervisorId: null }).where(inArray(employees.id, batch));
  }

  const grants = [
    ["hr_dev", DEMO_ACCOUNTS.hrDev.staffNumber],
    ["hr_personnel", DEMO_ACCOUNTS.hrPersonnel.staffNumber],
    ["welfare", DEMO_ACCOUNTS.welfare.staffNumber],
    ["admin", DEMO_ACCOUNTS.admin.staffNumber],
    ["consultant", c.staffNumber],
  ] as const;
  for (const [role, staffNumber] of grants) {
    const id = idOf.get(staffNumber);
    if (id) await tx.insert(roleGrants).values({ employeeId: id, role, grantedBy: "seed" }).onConflictDoNothing();
  }
  await tx.update(employees).set({ source: "portal" }).where(eq(employees.staffNumber, c.staffNumber));
  return { orgUnits: city.orgUnits.length, employees: city.employees.length + 1 };
}

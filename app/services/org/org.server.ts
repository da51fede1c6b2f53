import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { first, getDb, rows, schema, type Db } from "~/db.server";
import { preparedOnce } from "~/lib/prepared.server";

const { employees, orgUnits } = schema;

/**
 * "総務企画局 人事部 人材育成課" for an org unit, walking up its parents. (On SQLite the
 * connection's statement cache keeps this SQL compiled: db/client.ts cacheStatements.)
 */
export async function orgPath(orgUnitId: number | null, db: Db = getDb()): Promise<string | null> {
  if (orgUnitId == null) return null;
  const up = await rows<{ name: string }>(
    db,
    sql`WITH RECURSIVE up(id, name, parent_id, depth) AS (
         SELECT id, name, parent_id, 0 FROM org_units WHERE id = ${orgUnitId}
         UNION ALL
         SELECT o.id, o.name, o.parent_id, up.depth + 1 FROM org_units o JOIN up ON o.id = up.parent_id
       ) SELECT name FROM up ORDER BY depth DESC`,
  );
  return up.map((r) => r.name).join(" ");
}

const hasSubordinatesStatement = preparedOnce("org_has_subordinates", (db) =>
  db
    .select({ one: sql<number>`1` })
    .from(employees)
    .where(and(eq(employees.supervisorId, sql.placeholder("id")), isNull(employees.disabledAt)))
    .limit(1),
);

export async function hasSubordinates(employeeId: string, db: Db = getDb()): Promise<boolean> {
  return (await hasSubordinatesStatement(db).first({ id: employeeId })) !== undefined;
}

/** Active direct subordinates of a supervisor, for the 承認 page. */
export async function listSubordinates(supervisorId: string) {
  return getDb()
    .select({
      id: employees.id,
      staffNumber: employees.staffNumber,
      name: employees.name,
      rank: employees.rank,
      orgUnitName: orgUnits.name,
    })
    .from(employees)
    .leftJoin(orgUnits, eq(orgUnits.id, employees.orgUnitId))
    .where(and(eq(employees.supervisorId, supervisorId), isNull(employees.disabledAt)))
    .orderBy(asc(employees.kana));
}

/** Is `supervisorId` the current supervisor of `employeeId`? Read fresh, never cached. */
export async function isSupervisorOf(supervisorId: string, employeeId: string, db: Db = getDb()): Promise<boolean> {
  const row = await first(db.select({ supervisorId: employees.supervisorId }).from(employees).where(eq(employees.id, employeeId)));
  return row?.supervisorId === supervisorId;
}

/** My profile as the org data has it (マイページ). */
export async function getProfile(employeeId: string) {
  const db = getDb();
  const me = await first(db.select().from(employees).where(eq(employees.id, employeeId)));
  if (!me) return null;
  const supervisor = me.supervisorId
    ? await first(db.select({ name: employees.name, rank: employees.rank }).from(employees).where(eq(employees.id, me.supervisorId)))
    : undefined;
  return {
    staffNumber: me.staffNumber,
    name: me.name,
    kana: me.kana,
    email: me.email,
    orgPath: await orgPath(me.orgUnitId),
    rank: me.rank,
    jobCategory: me.jobCategory,
    employmentType: me.employmentType,
    hiredOn: me.hiredOn,
    rankSince: me.rankSince,
    birthYear: me.birthYear,
    gender: me.gender,
    supervisor: supervisor ?? null,
  };
}

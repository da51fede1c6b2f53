import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { getDb, schema, type Db } from "~/db.server";
import { preparedOnce } from "~/lib/prepared.server";

const { employees, orgUnits } = schema;

const orgPathStatement = preparedOnce((db) =>
  db.$client.prepare<[number], { name: string }>(
    `WITH RECURSIVE up(id, name, parent_id, depth) AS (
       SELECT id, name, parent_id, 0 FROM org_units WHERE id = ?
       UNION ALL
       SELECT o.id, o.name, o.parent_id, up.depth + 1 FROM org_units o JOIN up ON o.id = up.parent_id
     ) SELECT name FROM up ORDER BY depth DESC`,
  ),
);

/** "総務企画局 人事部 人材育成課" for an org unit, walking up its parents. */
export function orgPath(orgUnitId: number | null): string | null {
  if (orgUnitId == null) return null;
  return orgPathStatement(getDb())
    .all(orgUnitId)
    .map((r) => r.name)
    .join(" ");
}

const hasSubordinatesStatement = preparedOnce((db) =>
  db
    .select({ one: sql<number>`1` })
    .from(employees)
    .where(and(eq(employees.supervisorId, sql.placeholder("id")), isNull(employees.disabledAt)))
    .limit(1)
    .prepare(),
);

export function hasSubordinates(employeeId: string): boolean {
  return hasSubordinatesStatement(getDb()).get({ id: employeeId }) !== undefined;
}

/** Active direct subordinates of a supervisor, for the 承認 page. */
export function listSubordinates(supervisorId: string) {
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
    .orderBy(asc(employees.kana))
    .all();
}

/** Is `supervisorId` the current supervisor of `employeeId`? Read fresh, never cached. */
export function isSupervisorOf(supervisorId: string, employeeId: string, db: Db = getDb()): boolean {
  const row = db
    .select({ supervisorId: employees.supervisorId })
    .from(employees)
    .where(eq(employees.id, employeeId))
    .get();
  return row?.supervisorId === supervisorId;
}

/** My profile as the org data has it (マイページ). */
export function getProfile(employeeId: string) {
  const db = getDb();
  const me = db.select().from(employees).where(eq(employees.id, employeeId)).get();
  if (!me) return null;
  const supervisor = me.supervisorId
    ? db
        .select({ name: employees.name, rank: employees.rank })
        .from(employees)
        .where(eq(employees.id, me.supervisorId))
        .get()
    : undefined;
  return {
    staffNumber: me.staffNumber,
    name: me.name,
    kana: me.kana,
    email: me.email,
    orgPath: orgPath(me.orgUnitId),
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

import { asc, eq, inArray } from "drizzle-orm";
import { first, schema, type Db } from "~/db.server";
import type { TierDefinition } from "./rules";

// The 階層 definitions, the tiers each course targets, and the facts about an employee
// their tiers are computed from. Every read takes the handle it runs on: the caller's
// transaction inside `immediate()`, getDb() outside.

const { trainingTiers, trainingTierRules, trainingCourseTiers, employees } = schema;

export type Tier = TierDefinition & { active: boolean };

/**
 * The tiers, in display order. With `fiscalYear`, each tier's placing rule and whether it is
 * used are the ones 人材育成課 set for that 年度 (training_tier_rules), where set; a tier
 * without a rule for the 年度 keeps its own definition.
 */
export async function listTiers(db: Db, { includeInactive = false, fiscalYear }: { includeInactive?: boolean; fiscalYear?: number } = {}): Promise<Tier[]> {
  const rows = await db.select().from(trainingTiers).orderBy(asc(trainingTiers.sortOrder), asc(trainingTiers.code));
  const year = fiscalYear === undefined ? [] : await db.select().from(trainingTierRules).where(eq(trainingTierRules.fiscalYear, fiscalYear));
  const byCode = new Map(year.map((r) => [r.tierCode, r]));
  const tiers = rows.map((t) => {
    const r = byCode.get(t.code);
    return r ? { ...t, basis: r.basis, serviceYear: r.serviceYear, rank: r.rank, active: r.active } : t;
  });
  return includeInactive ? tiers : tiers.filter((t) => t.active);
}

/** Tier code → label, inactive tiers included (old records keep their label). */
export async function tierLabelMap(db: Db): Promise<Map<string, string>> {
  return new Map((await listTiers(db, { includeInactive: true })).map((t) => [t.code, t.label]));
}

export async function courseTierCodes(db: Db, courseId: number): Promise<string[]> {
  const rows = await db.select({ code: trainingCourseTiers.tierCode }).from(trainingCourseTiers).where(eq(trainingCourseTiers.courseId, courseId))
    .orderBy(asc(trainingCourseTiers.tierCode));
  return rows.map((r) => r.code);
}

/** Tier codes of many courses at once. */
export async function courseTierCodesMap(db: Db, courseIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>(courseIds.map((id) => [id, []]));
  if (courseIds.length === 0) return map;
  // Ordered as SQLite read them through the primary key, on either engine.
  const rows = await db
    .select()
    .from(trainingCourseTiers)
    .where(inArray(trainingCourseTiers.courseId, courseIds))
    .orderBy(asc(trainingCourseTiers.courseId), asc(trainingCourseTiers.tierCode));
  for (const r of rows) map.get(r.courseId)?.push(r.tierCode);
  return map;
}

/** What tiers and approvals are computed from: rank, dates, unit and current supervisor. */
export async function employeeFacts(db: Db, employeeId: string) {
  return (
    (await first(
      db.select({
        id: employees.id,
        name: employees.name,
        rank: employees.rank,
        hiredOn: employees.hiredOn,
        rankSince: employees.rankSince,
        orgUnitId: employees.orgUnitId,
        supervisorId: employees.supervisorId,
      })
      .from(employees)
      .where(eq(employees.id, employeeId)),
    )) ?? null
  );
}

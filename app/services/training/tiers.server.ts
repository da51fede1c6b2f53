import { asc, eq, inArray } from "drizzle-orm";
import { schema, type Db } from "~/db.server";
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
export function listTiers(db: Db, { includeInactive = false, fiscalYear }: { includeInactive?: boolean; fiscalYear?: number } = {}): Tier[] {
  const rows = db.select().from(trainingTiers).orderBy(asc(trainingTiers.sortOrder), asc(trainingTiers.code)).all();
  const year = fiscalYear === undefined ? [] : db.select().from(trainingTierRules).where(eq(trainingTierRules.fiscalYear, fiscalYear)).all();
  const byCode = new Map(year.map((r) => [r.tierCode, r]));
  const tiers = rows.map((t) => {
    const r = byCode.get(t.code);
    return r ? { ...t, basis: r.basis, serviceYear: r.serviceYear, rank: r.rank, active: r.active } : t;
  });
  return includeInactive ? tiers : tiers.filter((t) => t.active);
}

/** Tier code → label, inactive tiers included (old records keep their label). */
export function tierLabelMap(db: Db): Map<string, string> {
  return new Map(listTiers(db, { includeInactive: true }).map((t) => [t.code, t.label]));
}

export function courseTierCodes(db: Db, courseId: number): string[] {
  return db
    .select({ code: trainingCourseTiers.tierCode })
    .from(trainingCourseTiers)
    .where(eq(trainingCourseTiers.courseId, courseId))
    .all()
    .map((r) => r.code);
}

/** Tier codes of many courses at once. */
export function courseTierCodesMap(db: Db, courseIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>(courseIds.map((id) => [id, []]));
  if (courseIds.length === 0) return map;
  const rows = db.select().from(trainingCourseTiers).where(inArray(trainingCourseTiers.courseId, courseIds)).all();
  for (const r of rows) map.get(r.courseId)?.push(r.tierCode);
  return map;
}

/** What tiers and approvals are computed from: rank, dates, unit and current supervisor. */
export function employeeFacts(db: Db, employeeId: string) {
  return (
    db
      .select({
        id: employees.id,
        name: employees.name,
        rank: employees.rank,
        hiredOn: employees.hiredOn,
        rankSince: employees.rankSince,
        orgUnitId: employees.orgUnitId,
        supervisorId: employees.supervisorId,
      })
      .from(employees)
      .where(eq(employees.id, employeeId))
      .get() ?? null
  );
}

import { and, asc, count, eq, inArray, max } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import type { TierDefinition } from "./rules";
import { SEAT_STATUSES } from "./transitions";

// Small shared reads used by the training queries and mutations. All synchronous, so
// they can run inside an `immediate()` transaction.

const { trainingTiers, trainingCourseTiers, trainingEnrollments: enr, employees } = schema;

export type Tier = TierDefinition & { active: boolean };

export function listTiers({ includeInactive = false } = {}): Tier[] {
  const rows = getDb().select().from(trainingTiers).orderBy(asc(trainingTiers.sortOrder), asc(trainingTiers.code)).all();
  return includeInactive ? rows : rows.filter((t) => t.active);
}

export function tierLabelMap(): Map<string, string> {
  return new Map(listTiers({ includeInactive: true }).map((t) => [t.code, t.label]));
}

export function courseTierCodes(courseId: number): string[] {
  return getDb()
    .select({ code: trainingCourseTiers.tierCode })
    .from(trainingCourseTiers)
    .where(eq(trainingCourseTiers.courseId, courseId))
    .all()
    .map((r) => r.code);
}

/** Tier codes of many courses at once. */
export function courseTierCodesMap(courseIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>(courseIds.map((id) => [id, []]));
  if (courseIds.length === 0) return map;
  const rows = getDb().select().from(trainingCourseTiers).where(inArray(trainingCourseTiers.courseId, courseIds)).all();
  for (const r of rows) map.get(r.courseId)?.push(r.tierCode);
  return map;
}

export function employeeFacts(employeeId: string) {
  return (
    getDb()
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

export function seatsTaken(courseSessionId: number): number {
  return (
    getDb()
      .select({ n: count() })
      .from(enr)
      .where(and(eq(enr.courseSessionId, courseSessionId), inArray(enr.status, [...SEAT_STATUSES])))
      .get()?.n ?? 0
  );
}

export function waitlistCount(courseSessionId: number): number {
  return (
    getDb()
      .select({ n: count() })
      .from(enr)
      .where(and(eq(enr.courseSessionId, courseSessionId), eq(enr.status, "waitlisted")))
      .get()?.n ?? 0
  );
}

/** Seats taken and waitlist length per session, for lists. */
export function sessionCounts(courseSessionIds: number[]): Map<number, { taken: number; waitlisted: number }> {
  const map = new Map<number, { taken: number; waitlisted: number }>(courseSessionIds.map((id) => [id, { taken: 0, waitlisted: 0 }]));
  if (courseSessionIds.length === 0) return map;
  const rows = getDb()
    .select({ sessionId: enr.courseSessionId, status: enr.status, n: count() })
    .from(enr)
    .where(inArray(enr.courseSessionId, courseSessionIds))
    .groupBy(enr.courseSessionId, enr.status)
    .all();
  for (const r of rows) {
    const c = map.get(r.sessionId);
    if (!c) continue;
    if (SEAT_STATUSES.includes(r.status)) c.taken += r.n;
    if (r.status === "waitlisted") c.waitlisted += r.n;
  }
  return map;
}

/** The next arrival number on a session's waitlist: strictly increasing, never reused. */
export function nextWaitlistSeq(courseSessionId: number): number {
  const row = getDb()
    .select({ m: max(enr.waitlistSeq) })
    .from(enr)
    .where(eq(enr.courseSessionId, courseSessionId))
    .get();
  return (row?.m ?? 0) + 1;
}

/** 1-based place on the waitlist of a waitlisted enrollment. */
export function waitlistPosition(courseSessionId: number, waitlistSeq: number): number {
  const ahead = getDb().$client
    .prepare(
      `SELECT count(*) AS n FROM training_enrollments
       WHERE course_session_id = ? AND status = 'waitlisted' AND waitlist_seq < ?`,
    )
    .get(courseSessionId, waitlistSeq) as { n: number };
  return ahead.n + 1;
}

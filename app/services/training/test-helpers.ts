// Arranging training data directly for unit tests (each test file has its own fresh DB).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import { getDb, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { DEFAULT_TIERS, type CourseKind } from "./rules";

/** "Now" in the tests: 2026-11-25 12:00 in Tokyo, 令和8年度. */
export const NOW = jstDate(2026, 11, 25, 12, 0);

export function seedTiers(): void {
  const db = getDb();
  for (const t of DEFAULT_TIERS) db.insert(schema.trainingTiers).values(t).onConflictDoNothing().run();
}

let unitId: number | undefined;
function orgUnit(): number {
  if (unitId !== undefined) return unitId;
  const db = getDb();
  const b = db.insert(schema.orgUnits).values({ code: `B-${randomUUID()}`, name: "中原区役所", kind: "bureau" }).returning().get();
  const s = db.insert(schema.orgUnits).values({ code: `S-${randomUUID()}`, name: "地域支援課", kind: "section", parentId: b.id }).returning().get();
  unitId = s.id;
  return s.id;
}

let counter = 0;
/**
 * A person in the org data and the Actor they act as: `viewer` carries the roles given
 * here (人材育成課 is `roles: ["hr_dev"]`), `id` is a shorthand for `viewer.id`.
 */
export function makeEmployee(
  opts: { rank?: string; hiredOn?: string; rankSince?: string; supervisorId?: string | null; name?: string; roles?: Role[] } = {},
): { id: string; ip: string; viewer: Viewer } {
  const id = randomUUID();
  counter++;
  const row = getDb()
    .insert(schema.employees)
    .values({
      id,
      staffNumber: `T${String(counter).padStart(6, "0")}-${id.slice(0, 4)}`,
      name: opts.name ?? `試験 ${counter}`,
      kana: "シケン",
      orgUnitId: orgUnit(),
      rank: opts.rank ?? "一般職員",
      hiredOn: opts.hiredOn ?? "2015-04-01",
      rankSince: opts.rankSince ?? "2015-04-01",
      supervisorId: opts.supervisorId ?? null,
    })
    .returning()
    .get();
  const viewer: Viewer = {
    id,
    staffNumber: row.staffNumber,
    name: row.name,
    kana: row.kana,
    rank: row.rank,
    orgUnitId: row.orgUnitId,
    orgPath: null,
    roles: ["employee", ...(opts.roles ?? [])],
  };
  return { id, ip: "127.0.0.1", viewer };
}

export function makeCourse(opts: { fiscalYear?: number; kind?: CourseKind; needsApproval?: boolean; tiers?: string[]; title?: string } = {}) {
  const db = getDb();
  const c = db
    .insert(schema.trainingCourses)
    .values({
      fiscalYear: opts.fiscalYear ?? 2026,
      title: opts.title ?? `研修 ${randomUUID().slice(0, 8)}`,
      kind: opts.kind ?? "optIn",
      needsApproval: opts.needsApproval ?? false,
    })
    .returning()
    .get();
  for (const t of opts.tiers ?? []) db.insert(schema.trainingCourseTiers).values({ courseId: c.id, tierCode: t }).run();
  return c;
}

export function makeSession(
  courseId: number,
  opts: Partial<{ capacity: number; startsAt: Date; signupOpensAt: Date; signupClosesAt: Date; cancelDeadline: Date; status: "open" | "closed"; seq: number }> = {},
) {
  const startsAt = opts.startsAt ?? jstDate(2026, 12, 10, 9, 30);
  return getDb()
    .insert(schema.trainingCourseSessions)
    .values({
      courseId,
      seq: opts.seq ?? Math.floor(Math.random() * 1e9),
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7.5 * 3600_000),
      venue: "川崎市役所 研修室A",
      capacity: opts.capacity ?? 2,
      signupOpensAt: opts.signupOpensAt ?? jstDate(2026, 11, 1, 9, 0),
      signupClosesAt: opts.signupClosesAt ?? jstDate(2026, 12, 1, 17, 0),
      cancelDeadline: opts.cancelDeadline ?? jstDate(2026, 12, 3, 17, 0),
      status: opts.status ?? "open",
    })
    .returning()
    .get();
}

export function enrollmentsOf(courseSessionId: number) {
  return getDb()
    .select()
    .from(schema.trainingEnrollments)
    .where(eq(schema.trainingEnrollments.courseSessionId, courseSessionId))
    .all();
}

export function historyOf(enrollmentId: number) {
  return getDb()
    .select()
    .from(schema.trainingEnrollmentHistory)
    .where(eq(schema.trainingEnrollmentHistory.enrollmentId, enrollmentId))
    .all();
}

export function notificationsOf(employeeId: string) {
  return getDb().select().from(schema.notifications).where(eq(schema.notifications.recipientId, employeeId)).all();
}

export function auditOf(target: string) {
  return getDb().select().from(schema.auditLog).where(eq(schema.auditLog.target, target)).all();
}

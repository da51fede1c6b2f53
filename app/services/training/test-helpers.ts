// Arranging training data directly for unit tests (each test file has its own fresh DB).
// Fixtures are writes: each goes through immediate() like the service's own.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import { getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { DEFAULT_TIERS, type CourseKind } from "./rules";
import { SEAT_STATUSES } from "./transitions";

/** "Now" in the tests: 2026-11-25 12:00 in Tokyo, 令和8年度. */
export const NOW = jstDate(2026, 11, 25, 12, 0);

export async function seedTiers(): Promise<void> {
  await immediate(async (tx) => {
    for (const t of DEFAULT_TIERS) await tx.insert(schema.trainingTiers).values(t).onConflictDoNothing();
  });
}

let unitId: Promise<number> | undefined;
function orgUnit(): Promise<number> {
  unitId ??= immediate(async (tx) => {
    const [b] = await tx.insert(schema.orgUnits).values({ code: `B-${randomUUID()}`, name: "中原区役所", kind: "bureau" }).returning();
    const [s] = await tx.insert(schema.orgUnits).values({ code: `S-${randomUUID()}`, name: "地域支援課", kind: "section", parentId: b!.id }).returning();
    return s!.id;
  });
  return unitId;
}

let counter = 0;
/**
 * A person in the org data and the Actor they act as: `viewer` carries the roles given
 * here (人材育成課 is `roles: ["hr_dev"]`), `id` is a shorthand for `viewer.id`.
 */
export async function makeEmployee(
  opts: { rank?: string; hiredOn?: string; rankSince?: string; supervisorId?: string | null; name?: string; roles?: Role[] } = {},
): Promise<{ id: string; ip: string; viewer: Viewer }> {
  const id = randomUUID();
  counter++;
  const n = counter;
  const orgUnitId = await orgUnit();
  const [row] = await immediate((tx) =>
    tx
      .insert(schema.employees)
      .values({
        id,
        staffNumber: `T${String(n).padStart(6, "0")}-${id.slice(0, 4)}`,
        name: opts.name ?? `試験 ${n}`,
        kana: "シケン",
        orgUnitId,
        rank: opts.rank ?? "一般職員",
        hiredOn: opts.hiredOn ?? "2015-04-01",
        rankSince: opts.rankSince ?? "2015-04-01",
        supervisorId: opts.supervisorId ?? null,
      })
      .returning(),
  );
  const viewer: Viewer = {
    id,
    staffNumber: row!.staffNumber,
    name: row!.name,
    kana: row!.kana,
    rank: row!.rank,
    orgUnitId: row!.orgUnitId,
    orgPath: null,
    roles: ["employee", ...(opts.roles ?? [])],
  };
  return { id, ip: "127.0.0.1", viewer };
}

export async function makeCourse(opts: { fiscalYear?: number; kind?: CourseKind; needsApproval?: boolean; tiers?: string[]; title?: string } = {}) {
  return immediate(async (tx) => {
    const [c] = await tx
      .insert(schema.trainingCourses)
      .values({
        fiscalYear: opts.fiscalYear ?? 2026,
        title: opts.title ?? `研修 ${randomUUID().slice(0, 8)}`,
        kind: opts.kind ?? "optIn",
        needsApproval: opts.needsApproval ?? false,
      })
      .returning();
    for (const t of opts.tiers ?? []) await tx.insert(schema.trainingCourseTiers).values({ courseId: c!.id, tierCode: t });
    return c!;
  });
}

export async function makeSession(
  courseId: number,
  opts: Partial<{ capacity: number; startsAt: Date; signupOpensAt: Date; signupClosesAt: Date; cancelDeadline: Date; status: "open" | "closed"; seq: number }> = {},
) {
  const startsAt = opts.startsAt ?? jstDate(2026, 12, 10, 9, 30);
  const [row] = await immediate((tx) =>
    tx
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
      .returning(),
  );
  return row!;
}

/** A session's enrollments, oldest first (ids in insertion order on both engines). */
export async function enrollmentsOf(courseSessionId: number) {
  return getDb()
    .select()
    .from(schema.trainingEnrollments)
    .where(eq(schema.trainingEnrollments.courseSessionId, courseSessionId))
    .orderBy(schema.trainingEnrollments.id);
}

/** Seats and waitlist of one 回, and whether the waitlist numbers are unique (the concurrency tests). */
export async function seatTally(sessionId: number) {
  const rows = await enrollmentsOf(sessionId);
  const waiting = rows.filter((r) => r.status === "waitlisted");
  return {
    seated: rows.filter((r) => SEAT_STATUSES.includes(r.status)).length,
    waitlisted: waiting.length,
    uniqueWaitlistSeqs: new Set(waiting.map((r) => r.waitlistSeq)).size === waiting.length,
    rows,
  };
}

export async function historyOf(enrollmentId: number) {
  return getDb()
    .select()
    .from(schema.trainingEnrollmentHistory)
    .where(eq(schema.trainingEnrollmentHistory.enrollmentId, enrollmentId))
    .orderBy(schema.trainingEnrollmentHistory.id);
}

export async function notificationsOf(employeeId: string) {
  return getDb().select().from(schema.notifications).where(eq(schema.notifications.recipientId, employeeId)).orderBy(schema.notifications.id);
}

export async function auditOf(target: string) {
  return getDb().select().from(schema.auditLog).where(eq(schema.auditLog.target, target)).orderBy(schema.auditLog.id);
}

/** Runs `fn` over `items` one after another, in order (as the synchronous tests did). */
export async function inOrder<T, R>(items: readonly T[], fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const [i, item] of items.entries()) out.push(await fn(item, i));
  return out;
}

/** `fn` called `n` times, one after another. */
export function times<R>(n: number, fn: (i: number) => Promise<R>): Promise<R[]> {
  return inOrder(Array.from({ length: n }, (_, i) => i), (_, i) => fn(i));
}

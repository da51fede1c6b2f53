import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, isNull, like } from "drizzle-orm";
import { first, immediate, type Tx } from "../db/client";
import { schema } from "../db/tables";
import { jstDate } from "../app/lib/fiscal-year";
import { rankGroupOf } from "../app/services/consultation/rules";
import { createRandom } from "./random";

const { employees, trainingCourses, trainingCourseSessions, trainingEnrollments, subsidySchemes, subsidyCertifications, subsidyApplications, consultants, slots, bookings } =
  schema;

type CourseKind = typeof trainingCourses.$inferInsert.kind;
type EnrollmentRow = typeof trainingEnrollments.$inferInsert;
type ApplicationRow = typeof subsidyApplications.$inferInsert;
type BookingRow = typeof bookings.$inferInsert;
type Topic = BookingRow["topic"];

/** Rows per INSERT: well under either engine's limit of bound parameters (SQLite 32766, PostgreSQL 65535). */
const BATCH = 500;

async function insertBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/**
 * Years of history in every service, for the scale mode the statistics are benchmarked on
 * (`npm run seed -- --employees 20000 --history 4`). Rows are written in multi-row INSERTs,
 * one transaction (`immediate()`) per 年度, on either engine; a 年度 that already has history
 * is skipped, so the seed stays re-runnable.
 */
export async function seedHistory(fiscalYears: number[]): Promise<{ enrollments: number; applications: number; bookings: number }> {
  const rng = createRandom(777);
  const totals = { enrollments: 0, applications: 0, bookings: 0 };
  const now = Date.now();
  for (const fy of fiscalYears) {
    const year = await immediate((tx) => seedYear(tx, fy, rng, now));
    totals.enrollments += year.enrollments;
    totals.applications += year.applications;
    totals.bookings += year.bookings;
  }
  return totals;
}

async function seedYear(tx: Tx, fy: number, rng: ReturnType<typeof createRandom>, now: number) {
  const totals = { enrollments: 0, applications: 0, bookings: 0 };
  const exists = await first(
    tx
      .select({ id: trainingCourses.id })
      .from(trainingCourses)
      .where(and(eq(trainingCourses.fiscalYear, fy), like(trainingCourses.title, "履歴研修%")))
      .limit(1),
  );
  if (exists) return totals;
  const staff = await tx
    .select({ id: employees.id, rank: employees.rank })
    .from(employees)
    .where(and(eq(employees.source, "personnel"), isNull(employees.disabledAt)))
    .orderBy(asc(employees.staffNumber));
  const certs = await tx.select({ id: subsidyCertifications.id }).from(subsidyCertifications).orderBy(asc(subsidyCertifications.id));
  const consultant = await first(tx.select({ id: consultants.id }).from(consultants).orderBy(asc(consultants.id)).limit(1));

  // 階層別研修: 150 courses × 2 sessions; each person signs up to about one course.
  const titles = Array.from({ length: 150 }, (_, c) => `履歴研修${String(c + 1).padStart(3, "0")}`);
  const kindOf = (c: number): CourseKind => (c % 3 === 0 ? "required" : c % 3 === 1 ? "elective" : "optIn");
  const courses = await tx
    .insert(trainingCourses)
    .values(titles.map((title, c) => ({ fiscalYear: fy, title, description: "", kind: kindOf(c), needsApproval: false })))
    .returning({ id: trainingCourses.id, title: trainingCourses.title });
  const courseId = new Map(courses.map((r) => [r.title, r.id]));
  const planned = titles.flatMap((title, c) =>
    [1, 2].map((s) => {
      const start = jstDate(fy + (c % 12 >= 9 ? 1 : 0), (((c % 12) + 3) % 12) + 1, 1 + ((c * 7 + s * 3) % 27), 9, 30).getTime();
      return { course: courseId.get(title)!, seq: s, startsAt: start };
    }),
  );
  const sessionRows = await tx
    .insert(trainingCourseSessions)
    .values(
      planned.map((p) => ({
        courseId: p.course,
        seq: p.seq,
        startsAt: new Date(p.startsAt),
        endsAt: new Date(p.startsAt + 3 * 3600_000),
        venue: "川崎市役所 本庁舎",
        capacity: 80,
        signupOpensAt: new Date(p.startsAt - 60 * 86400_000),
        signupClosesAt: new Date(p.startsAt - 7 * 86400_000),
        cancelDeadline: new Date(p.startsAt - 3 * 86400_000),
      })),
    )
    .returning({ id: trainingCourseSessions.id, courseId: trainingCourseSessions.courseId, seq: trainingCourseSessions.seq });
  const sessionId = new Map(sessionRows.map((r) => [`${r.courseId}:${r.seq}`, r.id]));
  const sessions = planned.map((p) => ({ course: p.course, id: sessionId.get(`${p.course}:${p.seq}`)!, startsAt: p.startsAt }));
  const enrollments: EnrollmentRow[] = [];
  for (const person of staff) {
    if (!rng.chance(0.6)) continue;
    const s = rng.pick(sessions);
    const past = s.startsAt < now;
    const roll = rng.next();
    const status = past ? (roll < 0.85 ? "completed" : roll < 0.9 ? "attended" : roll < 0.95 ? "absent" : "cancelled") : roll < 0.9 ? "confirmed" : "cancelled";
    enrollments.push({
      courseId: s.course,
      courseSessionId: s.id,
      employeeId: person.id,
      status,
      requestedAt: new Date(s.startsAt - 30 * 86400_000),
      updatedAt: new Date(s.startsAt),
    });
  }
  await insertBatches(enrollments, (batch) => tx.insert(trainingEnrollments).values(batch));
  totals.enrollments += enrollments.length;

  // 資格取得費用助成: about 6% of staff apply.
  await tx
    .insert(subsidySchemes)
    .values({
      fiscalYear: fy,
      allowOther: true,
      otherRatePercent: 50,
      otherCapPerApplication: 30000,
      perPersonYearlyCap: 100000,
      claimDeadlineDays: 180,
      roundingUnit: 1000,
      eligibleEmploymentTypes: ["正規", "任期付"],
      budget: 30000000,
    })
    .onConflictDoNothing();
  if (certs.length > 0) {
    const applications: ApplicationRow[] = [];
    for (const person of staff) {
      if (!rng.chance(0.06)) continue;
      const month = rng.int(4, 15);
      const passed = jstDate(month > 12 ? fy + 1 : fy, ((month - 1) % 12) + 1, rng.int(1, 28));
      const iso = passed.toISOString().slice(0, 10);
      const roll = rng.next();
      const status = roll < 0.55 ? "paid" : roll < 0.7 ? "approved" : roll < 0.8 ? "submitted" : roll < 0.9 ? "rejected" : "withdrawn";
      const submitted = new Date(passed.getTime() + 14 * 86400_000);
      applications.push({
        id: randomUUID(),
        applicantId: person.id,
        fiscalYear: fy,
        certificationId: rng.pick(certs).id,
        examDate: iso,
        passDate: iso,
        amount: rng.int(3, 50) * 1000,
        status,
        clientToken: randomUUID(),
        submittedAt: submitted,
        createdAt: submitted,
        updatedAt: submitted,
      });
    }
    await insertBatches(applications, (batch) => tx.insert(subsidyApplications).values(batch));
    totals.applications += applications.length;
  }

  // 相談窓口: two evening slots a week; about 70% booked.
  if (consultant && staff.length > 0) {
    const topics: Topic[] = ["work_anxiety", "career", "life", "management", "other"];
    const starts: number[] = [];
    for (let week = 0; week < 50; week++) for (const dayOffset of [1, 3]) starts.push(jstDate(fy, 4, 1 + week * 7 + dayOffset, 18, 0).getTime());
    // The demo seed's own slots of this 年度 are left as they are: only the slots written here are booked.
    const created = await tx
      .insert(slots)
      .values(starts.map((start) => ({ consultantId: consultant.id, startsAt: new Date(start), endsAt: new Date(start + 50 * 60_000), status: "open" as const })))
      .onConflictDoNothing()
      .returning({ id: slots.id, startsAt: slots.startsAt });
    const createdAt = new Map(created.map((r) => [r.startsAt.getTime(), r.id]));
    const rows: BookingRow[] = [];
    for (const start of starts) {
      const slot = createdAt.get(start);
      if (slot === undefined || !rng.chance(0.7)) continue;
      const person = rng.pick(staff);
      const past = start < now;
      const status = past ? (rng.chance(0.92) ? "held" : "no_show") : "booked";
      rows.push({
        id: randomUUID(),
        slotId: slot,
        employeeId: person.id,
        topic: rng.pick(topics),
        anonymous: rng.chance(0.3),
        bookingCode: randomBytes(5).toString("hex").toUpperCase(),
        status,
        fiscalYear: fy,
        rankGroup: rankGroupOf(person.rank),
        createdAt: new Date(start - 7 * 86400_000),
        updatedAt: new Date(start),
      });
    }
    await insertBatches(rows, (batch) => tx.insert(bookings).values(batch));
    totals.bookings += rows.length;
  }
  return totals;
}

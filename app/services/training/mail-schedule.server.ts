import { and, asc, count, eq, gte, lt, isNotNull } from "drizzle-orm";
import { schema, type Db } from "~/db.server";
import { jstDate, parseIsoDate } from "~/lib/fiscal-year";
import type { OverdueApprovals, ScheduledMail } from "~/services/contract/registration";
import { sessionMailValues } from "./enrollment-mutations.server";

// What the mail sender's timer asks of the training service: tomorrow's reminders and the
// sign-ups that have waited too long for a supervisor.

const { trainingEnrollments: enr, trainingCourseSessions: ses, trainingCourses: crs, employees } = schema;

/** Everyone with a confirmed seat in a session starting on `day` (Tokyo). */
export async function trainingReminders(db: Db, day: string): Promise<ScheduledMail[]> {
  const { year, month, day: d } = parseIsoDate(day);
  const from = jstDate(year, month, d);
  const to = new Date(from.getTime() + 24 * 60 * 60_000);
  const rows = await db
    .select({ enrollmentId: enr.id, employeeId: enr.employeeId, session: ses, course: crs })
    .from(enr)
    .innerJoin(ses, eq(ses.id, enr.courseSessionId))
    .innerJoin(crs, eq(crs.id, enr.courseId))
    .where(and(eq(enr.status, "confirmed"), gte(ses.startsAt, from), lt(ses.startsAt, to)))
    .orderBy(asc(enr.id));
  return rows.map((r) => ({
      recipientId: r.employeeId,
      kind: "training.reminder",
      values: sessionMailValues(r.course, r.session),
      key: `training:${r.enrollmentId}:reminder:${day}`,
    }));
}

/** Pending sign-ups (seat held, waiting for the supervisor) unchanged since before `olderThan`. */
export async function trainingOverdueApprovals(db: Db, olderThan: Date): Promise<OverdueApprovals[]> {
  const rows = await db
    .select({ supervisorId: employees.supervisorId, n: count() })
    .from(enr)
    .innerJoin(employees, eq(employees.id, enr.employeeId))
    .where(and(eq(enr.status, "pending"), lt(enr.updatedAt, olderThan), isNotNull(employees.supervisorId)))
    .groupBy(employees.supervisorId)
    .orderBy(asc(employees.supervisorId));
  return rows.map((r) => ({ supervisorId: r.supervisorId!, label: "研修の申込", count: r.n }));
}

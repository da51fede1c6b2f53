import { asc, eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { canMark } from "./rules";
import { toCsv } from "~/lib/csv";
import { listTiers } from "./store.server";
import { formatSessionTime } from "./time";
import { STATUS_LABELS, canDo, type EnrollmentStatus } from "./transitions";
import type { Actor } from "./enrollments.server";

// The roster of one session for 人材育成課: who holds a seat, who waits, who left.

const { trainingCourses: crs, trainingCourseSessions: ses, trainingEnrollments: enr, employees, orgUnits } = schema;

const GROUP_ORDER: EnrollmentStatus[] = ["confirmed", "attended", "completed", "absent", "pending", "waitlisted", "cancelled", "rejected"];

export function getRoster(courseSessionId: number, now = new Date()) {
  const db = getDb();
  const session = db.select().from(ses).where(eq(ses.id, courseSessionId)).get();
  if (!session) return null;
  const course = db.select().from(crs).where(eq(crs.id, session.courseId)).get()!;
  const tierLabel = new Map(listTiers({ includeInactive: true }).map((t) => [t.code, t.label]));
  const rows = db
    .select({
      id: enr.id,
      status: enr.status,
      waitlistSeq: enr.waitlistSeq,
      tierCode: enr.tierCode,
      requestedAt: enr.requestedAt,
      staffNumber: employees.staffNumber,
      name: employees.name,
      kana: employees.kana,
      rank: employees.rank,
      orgUnitName: orgUnits.name,
    })
    .from(enr)
    .innerJoin(employees, eq(employees.id, enr.employeeId))
    .leftJoin(orgUnits, eq(orgUnits.id, employees.orgUnitId))
    .where(eq(enr.courseSessionId, session.id))
    .orderBy(asc(enr.requestedAt), asc(enr.id))
    .all();
  const waitlisted = rows.filter((r) => r.status === "waitlisted").sort((a, b) => (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0));
  const people = [
    ...rows.filter((r) => r.status !== "waitlisted"),
    ...waitlisted,
  ]
    .sort((a, b) => GROUP_ORDER.indexOf(a.status) - GROUP_ORDER.indexOf(b.status))
    .map((r) => ({
      ...r,
      tierLabel: r.tierCode ? tierLabel.get(r.tierCode) ?? r.tierCode : null,
      waitlistPosition: r.status === "waitlisted" ? waitlisted.indexOf(r) + 1 : null,
      canRemove: canDo(r.status, "remove", "hr_dev"),
      canMark: canMark(session, now) && (r.status === "confirmed" || r.status === "attended" || r.status === "absent" || r.status === "completed"),
    }));
  const count = (s: EnrollmentStatus) => rows.filter((r) => r.status === s).length;
  return {
    course: { id: course.id, title: course.title, fiscalYear: course.fiscalYear, needsApproval: course.needsApproval },
    session,
    markable: canMark(session, now),
    people,
    summary: {
      seats: rows.filter((r) => ["pending", "confirmed", "attended", "absent", "completed"].includes(r.status)).length,
      confirmed: count("confirmed"),
      pending: count("pending"),
      waitlisted: count("waitlisted"),
      attended: count("attended"),
      absent: count("absent"),
      completed: count("completed"),
    },
  };
}

/** The roster as CSV (UTF-8 with BOM); the export is audit-logged. */
export function rosterCsv(actor: Actor, courseSessionId: number): { filename: string; body: string } | null {
  const roster = getRoster(courseSessionId);
  if (!roster) return null;
  const { course, session } = roster;
  const header = ["状態", "キャンセル待ち順", "職員番号", "氏名", "カナ", "職位", "所属", "階層", "申込日時", "研修", "回", "日時"];
  const rows = roster.people.map((p) => [
    STATUS_LABELS[p.status],
    p.waitlistPosition,
    p.staffNumber,
    p.name,
    p.kana,
    p.rank,
    p.orgUnitName,
    p.tierLabel,
    formatDateTimeJa(p.requestedAt),
    course.title,
    session.seq,
    formatSessionTime(session.startsAt, session.endsAt),
  ]);
  audit(getDb(), {
    actorId: actor.id,
    action: "training.roster.export",
    target: `training_course_session:${session.id}`,
    outcome: "success",
    ip: actor.ip,
    detail: { rows: rows.length },
  });
  return { filename: `roster-${course.fiscalYear}-${course.id}-${session.seq}.csv`, body: toCsv(header, rows) };
}

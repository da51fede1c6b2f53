import { asc, eq } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { first, getDb, immediate, schema, type Db } from "~/db.server";
import { toCsv } from "~/lib/csv";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { actionsFor } from "~/services/contract/transitions";
import { drawGroupLabel, type LotteryPriority } from "./lottery";
import { prioritiesOf } from "./lottery.server";
import { canMark } from "./rules";
import { tierLabelMap } from "./tiers.server";
import { formatSessionTime } from "./time";
import { SEAT_STATUSES, STATUS_LABELS, TRANSITIONS, roleCapacities, type EnrollmentStatus } from "./transitions";

// The roster of one session for 人材育成課: who holds a seat, who waits, who left — and
// which changes (remove, mark) the table allows on each. Nobody else sees it: the
// access rule is here, not only in the route.

const { trainingCourses: crs, trainingCourseSessions: ses, trainingEnrollments: enr, employees, orgUnits } = schema;

const GROUP_ORDER: EnrollmentStatus[] = ["confirmed", "attended", "completed", "absent", "pending", "applied", "applied_pending", "waitlisted", "cancelled", "rejected", "called_off"];

/** A 抽選 回's draw as the roster shows it: the priorities, and the draw once it ran. */
async function lotteryOf(db: Db, session: typeof ses.$inferSelect, course: typeof crs.$inferSelect, priorities: readonly LotteryPriority[]) {
  if (session.allocation !== "lottery") return null;
  const draw = (await first(db.select().from(schema.trainingDraws).where(eq(schema.trainingDraws.courseSessionId, session.id)))) ?? null;
  return {
    priorities: priorities.map((_, i) => drawGroupLabel(i + 1, priorities)),
    approvalBefore: course.needsApproval && course.lotteryApproval === "before",
    drawn: draw ? { seed: draw.seed, drawnAt: draw.drawnAt, byPortal: draw.drawnBy === null, applicants: draw.applicants, seated: draw.seated } : null,
  };
}

/** The roster, or null when the session does not exist or the viewer is not 人材育成課. */
export async function getRoster({ viewer, courseSessionId, now = new Date() }: { viewer: Viewer; courseSessionId: number; now?: Date }) {
  const capacities = roleCapacities(viewer);
  if (!capacities.includes("hr_dev")) return null;
  const db = getDb();
  const session = await first(db.select().from(ses).where(eq(ses.id, courseSessionId)));
  if (!session) return null;
  const course = (await first(db.select().from(crs).where(eq(crs.id, session.courseId))))!;
  const tierLabel = await tierLabelMap(db);
  const markable = canMark(session, now);
  const priorities = prioritiesOf(course);
  const rows = await db
    .select({
      id: enr.id,
      status: enr.status,
      waitlistSeq: enr.waitlistSeq,
      drawGroup: enr.drawGroup,
      drawRank: enr.drawRank,
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
    .orderBy(asc(enr.requestedAt), asc(enr.id));
  const waitlisted = rows.filter((r) => r.status === "waitlisted").sort((a, b) => (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0));
  const people = [...rows.filter((r) => r.status !== "waitlisted"), ...waitlisted]
    .sort((a, b) => GROUP_ORDER.indexOf(a.status) - GROUP_ORDER.indexOf(b.status))
    .map((r) => {
      const actions = actionsFor(TRANSITIONS, r.status, capacities, (t) => t.action !== "mark" || markable);
      return {
        ...r,
        tierLabel: r.tierCode ? tierLabel.get(r.tierCode) ?? r.tierCode : null,
        waitlistPosition: r.status === "waitlisted" ? waitlisted.indexOf(r) + 1 : null,
        canRemove: actions.some((t) => t.action === "remove"),
        canMark: actions.some((t) => t.action === "mark"),
        drawLabel: r.drawGroup !== null && r.drawRank !== null ? `${drawGroupLabel(r.drawGroup, priorities)}・${r.drawRank}番` : null,
      };
    });
  const count = (s: EnrollmentStatus) => rows.filter((r) => r.status === s).length;
  return {
    course: { id: course.id, title: course.title, fiscalYear: course.fiscalYear, needsApproval: course.needsApproval },
    session,
    markable,
    people,
    lottery: await lotteryOf(db, session, course, priorities),
    summary: {
      seats: rows.filter((r) => SEAT_STATUSES.includes(r.status)).length,
      confirmed: count("confirmed"),
      pending: count("pending"),
      applied: count("applied") + count("applied_pending"),
      waitlisted: count("waitlisted"),
      attended: count("attended"),
      absent: count("absent"),
      completed: count("completed"),
    },
  };
}

/** The roster as CSV (UTF-8 with BOM); the export is audit-logged. Null like getRoster. */
export async function rosterCsv(actor: Actor, courseSessionId: number): Promise<{ filename: string; body: string } | null> {
  const roster = await getRoster({ viewer: actor.viewer, courseSessionId });
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
  // The export's line is a write of its own (getDb() is read-only).
  await immediate((tx) =>
    audit(tx, {
    actorId: actor.viewer.id,
    action: "training.roster.export",
    target: `training_course_session:${session.id}`,
    outcome: "success",
    ip: actor.ip,
    detail: { rows: rows.length },
    }),
  );
  return { filename: `roster-${course.fiscalYear}-${course.id}-${session.seq}.csv`, body: toCsv(header, rows) };
}

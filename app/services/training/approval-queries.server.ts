import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { first, getDb, schema } from "~/db.server";
import { actionsFor } from "~/services/contract/transitions";
import { orgPath } from "~/services/org/org.server";
import { historyOf } from "./employee-queries.server";
import type { CourseKind } from "./rules";
import { tierLabelMap } from "./tiers.server";
import { AWAITING_APPROVAL_STATUSES, TRANSITIONS, capacitiesOf, type EnrollmentStatus } from "./transitions";

// The supervisor's reads for the 承認 page: pending sign-ups of their own direct
// subordinates, and one of them with its history. Anyone else's is null (→ 404).

const { trainingCourses: crs, trainingCourseSessions: ses, trainingEnrollments: enr, employees } = schema;

/** Pending training sign-ups of the viewer's own direct subordinates, oldest first. */
export async function listPendingApprovals(viewer: Viewer) {
  return getDb()
    .select({
      enrollmentId: enr.id,
      employeeName: employees.name,
      staffNumber: employees.staffNumber,
      rank: employees.rank,
      courseId: crs.id,
      courseTitle: crs.title,
      kind: crs.kind,
      seq: ses.seq,
      startsAt: ses.startsAt,
      endsAt: ses.endsAt,
      requestedAt: enr.requestedAt,
    })
    .from(enr)
    .innerJoin(employees, eq(employees.id, enr.employeeId))
    .innerJoin(ses, eq(ses.id, enr.courseSessionId))
    .innerJoin(crs, eq(crs.id, enr.courseId))
    .where(and(inArray(enr.status, [...AWAITING_APPROVAL_STATUSES]), eq(employees.supervisorId, viewer.id), isNull(employees.disabledAt)))
    .orderBy(asc(enr.requestedAt), asc(enr.id));
}

/**
 * One sign-up of the viewer's subordinate, with history and the decisions the viewer
 * may take on it (from the transitions table); null if the viewer is not the current
 * supervisor of its employee.
 */
export async function getApprovalItem({ viewer, enrollmentId }: { viewer: Viewer; enrollmentId: number }) {
  const db = getDb();
  const row = await first(
    db
    .select({ e: enr, employeeName: employees.name, staffNumber: employees.staffNumber, rank: employees.rank, orgUnitId: employees.orgUnitId, supervisorId: employees.supervisorId })
    .from(enr)
    .innerJoin(employees, eq(employees.id, enr.employeeId))
    .where(eq(enr.id, enrollmentId)),
  );
  if (!row) return null;
  const capacities = capacitiesOf(viewer, { employeeId: row.e.employeeId, supervisorId: row.supervisorId }).filter((c) => c === "supervisor");
  if (capacities.length === 0) return null;
  const s = (await first(db.select().from(ses).where(eq(ses.id, row.e.courseSessionId))))!;
  const c = (await first(db.select().from(crs).where(eq(crs.id, row.e.courseId))))!;
  const tierLabel = await tierLabelMap(db);
  return {
    id: row.e.id,
    status: row.e.status as EnrollmentStatus,
    employeeName: row.employeeName,
    staffNumber: row.staffNumber,
    rank: row.rank,
    orgPath: await orgPath(row.orgUnitId),
    tierLabel: row.e.tierCode ? tierLabel.get(row.e.tierCode) ?? row.e.tierCode : null,
    course: { id: c.id, title: c.title, kind: c.kind as CourseKind, description: c.description },
    session: { seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt, venue: s.venue, online: s.online },
    requestedAt: row.e.requestedAt,
    history: (await historyOf(db, [row.e.id])).get(row.e.id) ?? [],
    /** approve / return, with their labels: what the page draws as buttons. */
    actions: actionsFor(TRANSITIONS, row.e.status, capacities).map((t) => ({ action: t.action, label: t.label, needsComment: t.needsComment })),
  };
}

/** The employee of an enrollment, so the route can check (and audit) the supervisor line first. */
export async function enrollmentEmployeeId(enrollmentId: number): Promise<string | null> {
  return (await first(getDb().select({ employeeId: enr.employeeId }).from(enr).where(eq(enr.id, enrollmentId))))?.employeeId ?? null;
}

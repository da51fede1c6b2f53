import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { orgPath } from "~/services/org/org.server";
import {
  cancelRefusal,
  electiveProgress,
  electiveRuleText,
  isEligible,
  signUpRefusal,
  tiersOf,
  type CourseKind,
} from "./rules";
import { courseTierCodes, courseTierCodesMap, employeeFacts, listTiers, sessionCounts, waitlistPosition } from "./store.server";
import { ACTIVE_STATUSES, canDo, type EnrollmentStatus } from "./transitions";

// Reads for employees and supervisors. Each takes the viewer and returns only what that
// viewer may see; a record outside that is null (the route answers 404).

const { trainingCourses: crs, trainingCourseSessions: ses, trainingEnrollments: enr, trainingEnrollmentHistory: hist, trainingElectiveRules: rules, employees } =
  schema;

type EnrollmentRow = typeof enr.$inferSelect;

function historyOf(enrollmentIds: number[]) {
  if (enrollmentIds.length === 0) return new Map<number, (typeof hist.$inferSelect & { actorName: string | null })[]>();
  const rows = getDb()
    .select({ h: hist, actorName: employees.name })
    .from(hist)
    .leftJoin(employees, eq(employees.id, hist.actorId))
    .where(inArray(hist.enrollmentId, enrollmentIds))
    .orderBy(asc(hist.at), asc(hist.id))
    .all();
  const map = new Map<number, (typeof hist.$inferSelect & { actorName: string | null })[]>();
  for (const r of rows) map.set(r.h.enrollmentId, [...(map.get(r.h.enrollmentId) ?? []), { ...r.h, actorName: r.actorName }]);
  return map;
}

function positionOf(e: EnrollmentRow): number | null {
  return e.status === "waitlisted" && e.waitlistSeq !== null ? waitlistPosition(e.courseSessionId, e.waitlistSeq) : null;
}

/**
 * The employee's /training page: their tiers for the 年度, the courses of those tiers with
 * their own status, elective-rule progress, opt-in courses open to them, and all their
 * sign-ups of the 年度.
 */
export function getMyTraining(viewerId: string, fiscalYear: number, now = new Date()) {
  const db = getDb();
  const me = employeeFacts(viewerId);
  if (!me) return null;
  const allTiers = listTiers();
  const myTiers = tiersOf(me, fiscalYear, allTiers);
  const myTierCodes = myTiers.map((t) => t.code);
  const tierLabel = new Map(listTiers({ includeInactive: true }).map((t) => [t.code, t.label]));

  const courses = db.select().from(crs).where(eq(crs.fiscalYear, fiscalYear)).orderBy(asc(crs.title)).all();
  const tiersByCourse = courseTierCodesMap(courses.map((c) => c.id));
  const sessions = courses.length
    ? db.select().from(ses).where(inArray(ses.courseId, courses.map((c) => c.id))).orderBy(asc(ses.startsAt)).all()
    : [];
  const counts = sessionCounts(sessions.map((s) => s.id));
  const mine = courses.length
    ? db
        .select()
        .from(enr)
        .where(and(eq(enr.employeeId, viewerId), inArray(enr.courseId, courses.map((c) => c.id))))
        .orderBy(desc(enr.requestedAt), desc(enr.id))
        .all()
    : [];

  const courseView = (c: (typeof courses)[number]) => {
    const codes = tiersByCourse.get(c.id) ?? [];
    const active = mine.find((e) => e.courseId === c.id && ACTIVE_STATUSES.includes(e.status)) ?? null;
    const activeSession = active ? sessions.find((s) => s.id === active.courseSessionId) ?? null : null;
    const own = sessions.filter((s) => s.courseId === c.id);
    const eligible = isEligible(codes, myTierCodes);
    const openNow = own.filter((s) => signUpRefusal(s, now, eligible, []) === null);
    return {
      id: c.id,
      title: c.title,
      kind: c.kind as CourseKind,
      needsApproval: c.needsApproval,
      tierLabels: codes.map((code) => tierLabel.get(code) ?? code),
      eligible,
      sessionCount: own.length,
      openSessionCount: openNow.length,
      seatsLeft: openNow.reduce((n, s) => n + Math.max(0, s.capacity - (counts.get(s.id)?.taken ?? 0)), 0),
      nextStartsAt: own.find((s) => s.startsAt > now)?.startsAt ?? null,
      myStatus: active?.status ?? null,
      mySession: activeSession ? { seq: activeSession.seq, startsAt: activeSession.startsAt, endsAt: activeSession.endsAt } : null,
      myWaitlistPosition: active ? positionOf(active) : null,
    };
  };

  const tierCourses = courses.filter((c) => c.kind !== "optIn" && (tiersByCourse.get(c.id) ?? []).some((code) => myTierCodes.includes(code)));
  const optIn = courses.filter((c) => c.kind === "optIn" && isEligible(tiersByCourse.get(c.id) ?? [], myTierCodes));

  const yearRules = db.select().from(rules).where(eq(rules.fiscalYear, fiscalYear)).all();
  const progress = myTiers.flatMap((t) => {
    const rule = yearRules.find((r) => r.tierCode === t.code);
    if (!rule) return [];
    const electives = courses.filter((c) => c.kind === "elective" && (tiersByCourse.get(c.id) ?? []).includes(t.code));
    const statuses = electives.map((c) => ({ status: mine.find((e) => e.courseId === c.id && ACTIVE_STATUSES.includes(e.status))?.status ?? null }));
    return [{ tierLabel: t.label, rule: electiveRuleText(rule.minElectives), ...electiveProgress(rule.minElectives, statuses) }];
  });

  const enrollments = mine.map((e) => {
    const s = sessions.find((x) => x.id === e.courseSessionId)!;
    const c = courses.find((x) => x.id === e.courseId)!;
    return {
      id: e.id,
      courseId: c.id,
      courseTitle: c.title,
      seq: s.seq,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      status: e.status,
      waitlistPosition: positionOf(e),
      requestedAt: e.requestedAt,
    };
  });

  return {
    fiscalYear,
    tiers: myTiers.map((t) => t.label),
    tierCourses: tierCourses.map(courseView),
    optInCourses: optIn.map(courseView),
    progress,
    enrollments,
  };
}

/**
 * One course as an employee sees it: its sessions with seats and whether they may sign
 * up (and why not), and their own sign-ups with history. Null when it does not exist.
 */
export function getCourseForEmployee(viewerId: string, courseId: number, now = new Date()) {
  const db = getDb();
  const course = db.select().from(crs).where(eq(crs.id, courseId)).get();
  const me = employeeFacts(viewerId);
  if (!course || !me) return null;
  const tiers = listTiers({ includeInactive: true });
  const codes = courseTierCodes(course.id);
  const myTierCodes = tiersOf(me, course.fiscalYear, tiers.filter((t) => t.active)).map((t) => t.code);
  const eligible = isEligible(codes, myTierCodes);
  const tierLabels = codes.map((c) => tiers.find((t) => t.code === c)?.label ?? c);
  const sessions = db.select().from(ses).where(eq(ses.courseId, course.id)).orderBy(asc(ses.startsAt), asc(ses.seq)).all();
  const counts = sessionCounts(sessions.map((s) => s.id));
  const mine = db
    .select()
    .from(enr)
    .where(and(eq(enr.employeeId, viewerId), eq(enr.courseId, course.id)))
    .orderBy(desc(enr.requestedAt), desc(enr.id))
    .all();
  const active = mine.find((e) => ACTIVE_STATUSES.includes(e.status)) ?? null;
  const history = historyOf(mine.map((e) => e.id));

  return {
    course: { id: course.id, fiscalYear: course.fiscalYear, title: course.title, description: course.description, kind: course.kind as CourseKind, needsApproval: course.needsApproval },
    tierLabels,
    eligible,
    sessions: sessions.map((s) => {
      const c = counts.get(s.id) ?? { taken: 0, waitlisted: 0 };
      const refusal = s.endsAt <= now ? "この回は実施済みです。" : signUpRefusal(s, now, eligible, tierLabels);
      return {
        id: s.id,
        seq: s.seq,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        venue: s.venue,
        online: s.online,
        capacity: s.capacity,
        taken: c.taken,
        waitlisted: c.waitlisted,
        signupOpensAt: s.signupOpensAt,
        signupClosesAt: s.signupClosesAt,
        cancelDeadline: s.cancelDeadline,
        status: s.status,
        // With an active sign-up on this course, no other session offers a button.
        canSignUp: refusal === null && active === null,
        refusal,
        full: c.taken >= s.capacity,
      };
    }),
    enrollments: mine.map((e) => {
      const s = sessions.find((x) => x.id === e.courseSessionId)!;
      const cancellable = canDo(e.status, "cancel", "employee");
      return {
        id: e.id,
        seq: s.seq,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        status: e.status,
        waitlistPosition: positionOf(e),
        canCancel: cancellable && cancelRefusal(e.status, s, now) === null,
        cancelRefusal: cancellable ? cancelRefusal(e.status, s, now) : null,
        cancelDeadline: s.cancelDeadline,
        history: history.get(e.id) ?? [],
      };
    }),
  };
}

/** My confirmed sessions, for the calendar file. */
export function listMyConfirmedSessions(viewerId: string) {
  return getDb()
    .select({
      enrollmentId: enr.id,
      title: crs.title,
      description: crs.description,
      courseId: crs.id,
      seq: ses.seq,
      startsAt: ses.startsAt,
      endsAt: ses.endsAt,
      venue: ses.venue,
      online: ses.online,
    })
    .from(enr)
    .innerJoin(ses, eq(ses.id, enr.courseSessionId))
    .innerJoin(crs, eq(crs.id, enr.courseId))
    .where(and(eq(enr.employeeId, viewerId), eq(enr.status, "confirmed")))
    .orderBy(asc(ses.startsAt))
    .all();
}

/** Pending training sign-ups of the supervisor's own direct subordinates, oldest first. */
export function listPendingApprovals(supervisorId: string) {
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
    .where(and(eq(enr.status, "pending"), eq(employees.supervisorId, supervisorId), isNull(employees.disabledAt)))
    .orderBy(asc(enr.requestedAt), asc(enr.id))
    .all();
}

/** One sign-up of a subordinate, with history, for the approval page; null if not theirs. */
export function getApprovalItem(supervisorId: string, enrollmentId: number) {
  const db = getDb();
  const row = db
    .select({ e: enr, employeeName: employees.name, staffNumber: employees.staffNumber, rank: employees.rank, orgUnitId: employees.orgUnitId, supervisorId: employees.supervisorId })
    .from(enr)
    .innerJoin(employees, eq(employees.id, enr.employeeId))
    .where(eq(enr.id, enrollmentId))
    .get();
  if (!row || row.supervisorId !== supervisorId) return null;
  const s = db.select().from(ses).where(eq(ses.id, row.e.courseSessionId)).get()!;
  const c = db.select().from(crs).where(eq(crs.id, row.e.courseId)).get()!;
  const tiers = listTiers({ includeInactive: true });
  return {
    id: row.e.id,
    status: row.e.status as EnrollmentStatus,
    employeeName: row.employeeName,
    staffNumber: row.staffNumber,
    rank: row.rank,
    orgPath: orgPath(row.orgUnitId),
    tierLabel: row.e.tierCode ? tiers.find((t) => t.code === row.e.tierCode)?.label ?? row.e.tierCode : null,
    course: { id: c.id, title: c.title, kind: c.kind as CourseKind, description: c.description },
    session: { seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt, venue: s.venue, online: s.online },
    requestedAt: row.e.requestedAt,
    history: historyOf([row.e.id]).get(row.e.id) ?? [],
  };
}

import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { first, getDb, schema, type Db } from "~/db.server";
import { actionsFor, canDo } from "~/services/contract/transitions";
import { cancelBlock, changeBlock, electiveProgress, electiveRuleText, isEligible, signUpRefusal, tiersOf, type CourseKind } from "./rules";
import { awaitsDraw, sessionCounts, waitlistPosition } from "./seats.server";
import { courseTierCodes, courseTierCodesMap, employeeFacts, listTiers, tierLabelMap } from "./tiers.server";
import type { CalendarSession } from "./calendar";
import { ACTIVE_STATUSES, TRANSITIONS } from "./transitions";

// The employee's own reads: their /training page, one course with their sign-ups, their
// calendar. Each takes the viewer and returns only the viewer's own records; null when
// the viewer is not in the org data or the course does not exist (the route answers 404).

const { trainingCourses: crs, trainingCourseSessions: ses, trainingEnrollments: enr, trainingEnrollmentHistory: hist, trainingElectiveRules: rules, employees } =
  schema;

type EnrollmentRow = typeof enr.$inferSelect;

export type HistoryEntry = typeof hist.$inferSelect & { actorName: string | null };

/** Who changed each enrollment, when, from → to and why (oldest first). */
export async function historyOf(db: Db, enrollmentIds: number[]): Promise<Map<number, HistoryEntry[]>> {
  if (enrollmentIds.length === 0) return new Map<number, HistoryEntry[]>();
  const rows = await db
    .select({ h: hist, actorName: employees.name })
    .from(hist)
    .leftJoin(employees, eq(employees.id, hist.actorId))
    .where(inArray(hist.enrollmentId, enrollmentIds))
    .orderBy(asc(hist.at), asc(hist.id));
  const map = new Map<number, HistoryEntry[]>();
  for (const r of rows) map.set(r.h.enrollmentId, [...(map.get(r.h.enrollmentId) ?? []), { ...r.h, actorName: r.actorName }]);
  return map;
}

async function positionOf(db: Db, e: EnrollmentRow): Promise<number | null> {
  return e.status === "waitlisted" && e.waitlistSeq !== null ? waitlistPosition(db, e.courseSessionId, e.waitlistSeq) : null;
}

/**
 * The employee's /training page: their tiers for the 年度, the courses of those tiers with
 * their own status, elective-rule progress, opt-in courses open to them, and all their
 * sign-ups of the 年度.
 */
export async function getMyTraining({ viewer, fiscalYear, now = new Date() }: { viewer: Viewer; fiscalYear: number; now?: Date }) {
  const db = getDb();
  const viewerId = viewer.id;
  const me = await employeeFacts(db, viewerId);
  if (!me) return null;
  const allTiers = await listTiers(db, { fiscalYear });
  const myTiers = tiersOf(me, fiscalYear, allTiers);
  const myTierCodes = myTiers.map((t) => t.code);
  const tierLabel = await tierLabelMap(db);

  const courses = await db.select().from(crs).where(eq(crs.fiscalYear, fiscalYear)).orderBy(asc(crs.title));
  const tiersByCourse = await courseTierCodesMap(db, courses.map((c) => c.id));
  const sessions = courses.length
    ? await db.select().from(ses).where(inArray(ses.courseId, courses.map((c) => c.id))).orderBy(asc(ses.startsAt))
    : [];
  const counts = await sessionCounts(db, sessions.map((s) => s.id));
  const mine = courses.length
    ? await db
        .select()
        .from(enr)
        .where(and(eq(enr.employeeId, viewerId), inArray(enr.courseId, courses.map((c) => c.id))))
        .orderBy(desc(enr.requestedAt), desc(enr.id))
    : [];
  // Waitlist places of the viewer's own waitlisted sign-ups (one count each).
  const positions = new Map<number, number | null>();
  for (const e of mine) positions.set(e.id, await positionOf(db, e));

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
      myWaitlistPosition: active ? (positions.get(active.id) ?? null) : null,
    };
  };

  const tierCourses = courses.filter((c) => c.kind !== "optIn" && (tiersByCourse.get(c.id) ?? []).some((code) => myTierCodes.includes(code)));
  const optIn = courses.filter((c) => c.kind === "optIn" && isEligible(tiersByCourse.get(c.id) ?? [], myTierCodes));

  const yearRules = await db.select().from(rules).where(eq(rules.fiscalYear, fiscalYear));
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
      waitlistPosition: positions.get(e.id) ?? null,
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
export async function getCourseForEmployee({ viewer, courseId, now = new Date() }: { viewer: Viewer; courseId: number; now?: Date }) {
  const db = getDb();
  const viewerId = viewer.id;
  const course = await first(db.select().from(crs).where(eq(crs.id, courseId)));
  const me = await employeeFacts(db, viewerId);
  if (!course || !me) return null;
  const tiers = await listTiers(db, { includeInactive: true, fiscalYear: course.fiscalYear });
  const codes = await courseTierCodes(db, course.id);
  const myTierCodes = tiersOf(me, course.fiscalYear, tiers.filter((t) => t.active)).map((t) => t.code);
  const eligible = isEligible(codes, myTierCodes);
  const tierLabels = codes.map((c) => tiers.find((t) => t.code === c)?.label ?? c);
  const sessions = await db.select().from(ses).where(eq(ses.courseId, course.id)).orderBy(asc(ses.startsAt), asc(ses.seq));
  const counts = await sessionCounts(db, sessions.map((s) => s.id));
  const mine = await db
    .select()
    .from(enr)
    .where(and(eq(enr.employeeId, viewerId), eq(enr.courseId, course.id)))
    .orderBy(desc(enr.requestedAt), desc(enr.id));
  const active = mine.find((e) => ACTIVE_STATUSES.includes(e.status)) ?? null;
  const history = await historyOf(db, mine.map((e) => e.id));
  const drawPending = new Map<number, boolean>();
  for (const s of sessions) drawPending.set(s.id, await awaitsDraw(db, s));
  const positions = new Map<number, number | null>();
  for (const e of mine) positions.set(e.id, await positionOf(db, e));
  // A live sign-up may move to another 回 (the transitions table says which), until its 回's deadline.
  const activeSession = active ? sessions.find((s) => s.id === active.courseSessionId) ?? null : null;
  const changeable = active && activeSession && canDo(TRANSITIONS, active.status, "change", "employee") ? active : null;
  const leaveBlock = changeable && activeSession ? changeBlock(changeable.status, activeSession, now) : null;

  return {
    course: { id: course.id, fiscalYear: course.fiscalYear, title: course.title, description: course.description, kind: course.kind as CourseKind, needsApproval: course.needsApproval },
    tierLabels,
    eligible,
    sessions: sessions.map((s) => {
      const c = counts.get(s.id) ?? { taken: 0, waitlisted: 0, applied: 0 };
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
        applied: c.applied,
        signupOpensAt: s.signupOpensAt,
        signupClosesAt: s.signupClosesAt,
        cancelDeadline: s.cancelDeadline,
        status: s.status,
        cancelReason: s.cancelReason,
        /** 抽選 回 before its draw: sign-ups are 応募, drawn at the close. */
        awaitsDraw: drawPending.get(s.id) ?? false,
        lottery: s.allocation === "lottery",
        // With an active sign-up on this course, another session offers a change instead.
        canSignUp: refusal === null && active === null,
        changeFrom: refusal === null && changeable && !leaveBlock && changeable.courseSessionId !== s.id && !drawPending.get(s.id) ? { enrollmentId: changeable.id, seq: activeSession!.seq } : null,
        refusal,
        full: c.taken >= s.capacity,
      };
    }),
    enrollments: mine.map((e) => {
      const s = sessions.find((x) => x.id === e.courseSessionId)!;
      // The cancel button comes from the transitions table; the deadline is the guard.
      const cancellable = actionsFor(TRANSITIONS, e.status, ["employee"]).find((t) => t.action === "cancel");
      const block = cancellable ? cancelBlock(e.status, s, now) : null;
      return {
        id: e.id,
        seq: s.seq,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        status: e.status,
        waitlistPosition: positions.get(e.id) ?? null,
        /** The button's label when the employee may cancel now; null otherwise. */
        cancelLabel: cancellable && !block ? cancellable.label : null,
        canCancel: Boolean(cancellable) && !block,
        cancelRefusal: block?.message ?? null,
        cancelDeadline: s.cancelDeadline,
        history: history.get(e.id) ?? [],
      };
    }),
  };
}

/** My confirmed sessions, for the calendar file. */
/**
 * The viewer's sessions for their calendar file: confirmed ones, and those called off (中止)
 * while confirmed — a calendar may hold them, so the file carries them as CANCELLED.
 */
export async function listMyCalendarSessions(viewer: Viewer): Promise<CalendarSession[]> {
  const db = getDb();
  const rows = await db
    .select({
      enrollmentId: enr.id,
      status: enr.status,
      title: crs.title,
      description: crs.description,
      courseId: crs.id,
      seq: ses.seq,
      startsAt: ses.startsAt,
      endsAt: ses.endsAt,
      venue: ses.venue,
      online: ses.online,
      cancelReason: ses.cancelReason,
    })
    .from(enr)
    .innerJoin(ses, eq(ses.id, enr.courseSessionId))
    .innerJoin(crs, eq(crs.id, enr.courseId))
    .where(and(eq(enr.employeeId, viewer.id), inArray(enr.status, ["confirmed", "called_off"])))
    .orderBy(asc(ses.startsAt));
  const calledOff = rows.filter((r) => r.status === "called_off").map((r) => r.enrollmentId);
  // Only a sign-up that was confirmed when the 回 was called off can be in someone's calendar.
  const wasConfirmed = new Set(
    calledOff.length
      ? (
          await db
            .select({ id: hist.enrollmentId })
            .from(hist)
            .where(and(inArray(hist.enrollmentId, calledOff), eq(hist.fromStatus, "confirmed"), eq(hist.toStatus, "called_off")))
        ).map((h) => h.id)
      : [],
  );
  return rows.flatMap((r) =>
    r.status === "confirmed" || (r.status === "called_off" && wasConfirmed.has(r.enrollmentId)) ? [{ ...r, status: r.status }] : [],
  );
}

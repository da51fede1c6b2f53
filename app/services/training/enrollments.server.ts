import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { getDb, immediate, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import { notify } from "~/services/notifications/notifications.server";
import {
  canMark,
  canPromoteInto,
  cancelRefusal,
  hasStarted,
  isEligible,
  seatedStatus,
  signUpRefusal,
  tierForEnrollment,
  tiersOf,
} from "./rules";
import { courseTierCodes, employeeFacts, listTiers, nextWaitlistSeq, seatsTaken, waitlistPosition } from "./store.server";
import { formatSessionTime } from "./time";
import {
  ACTIVE_STATUSES,
  SEAT_STATUSES,
  STATUS_LABELS,
  canDo,
  findTransition,
  type EnrollmentActor,
  type EnrollmentStatus,
} from "./transitions";

// Every write that touches seats or the waitlist runs inside ONE `immediate()`
// transaction: the check (seats taken, waitlist order, current status) and the write
// cannot interleave with another request, so capacity holds under any concurrency.
// Audit lines and notifications are written in the same transaction, so a change and
// its record commit together.

const { trainingEnrollments: enr, trainingCourseSessions: ses, trainingCourses: crs, trainingEnrollmentHistory: hist, employees } = schema;

export type Actor = { id: string; ip: string };
export type Failure = { ok: false; error: string; notFound?: boolean };

type EnrollmentRow = typeof enr.$inferSelect;
type SessionRow = typeof ses.$inferSelect;
type CourseRow = typeof crs.$inferSelect;

function sessionLabel(course: CourseRow, session: SessionRow): string {
  return `「${course.title}」第${session.seq}回（${formatSessionTime(session.startsAt, session.endsAt)}）`;
}

function courseLink(courseId: number): string {
  return `/training/courses/${courseId}`;
}

/**
 * Moves one enrollment along the transitions table, with its history row and audit line.
 * Throws when the table does not allow it: callers check first, so this is a bug guard.
 * The UPDATE is conditional on the status read, so a stale row can never be moved twice.
 */
function applyTransition(
  row: EnrollmentRow,
  to: EnrollmentStatus,
  by: EnrollmentActor,
  actor: Actor | null,
  now: Date,
  comment: string | null = null,
): void {
  const t = findTransition(row.status, to, by);
  if (!t) throw new Error(`training: transition ${row.status} → ${to} by ${by} is not allowed`);
  const db = getDb();
  const changed = db
    .update(enr)
    .set({ status: to, updatedAt: now })
    .where(and(eq(enr.id, row.id), eq(enr.status, row.status)))
    .run().changes;
  if (changed !== 1) throw new Error(`training: enrollment ${row.id} changed underneath`);
  db.insert(hist).values({ enrollmentId: row.id, fromStatus: row.status, toStatus: to, actorId: actor?.id ?? null, actorRole: by, comment, at: now }).run();
  audit(db, {
    actorId: actor?.id ?? null,
    action: `training.enrollment.${t.action}`,
    target: `training_enrollment:${row.id}`,
    outcome: "success",
    ip: actor?.ip ?? null,
    detail: { from: row.status, to, courseSessionId: row.courseSessionId, employeeId: row.employeeId },
  });
}

function notifySupervisorOfPending(employeeId: string, course: CourseRow, session: SessionRow): void {
  const e = employeeFacts(employeeId);
  if (!e?.supervisorId) return;
  notify(getDb(), e.supervisorId, {
    title: "研修申込の承認依頼があります",
    body: `${e.name}さんの${sessionLabel(course, session)}への申込が承認待ちです。`,
    link: "/approvals",
  });
}

/**
 * Gives freed seats to the first on the waitlist, in arrival order, and tells them.
 * Nobody is promoted into a session that has started. Call inside `immediate()`.
 */
export function promoteWaitlisted(courseSessionId: number, now: Date): number[] {
  const db = getDb();
  const session = db.select().from(ses).where(eq(ses.id, courseSessionId)).get();
  if (!session || !canPromoteInto(session, now)) return [];
  const free = session.capacity - seatsTaken(session.id);
  if (free <= 0) return [];
  const course = db.select().from(crs).where(eq(crs.id, session.courseId)).get()!;
  const next = db
    .select()
    .from(enr)
    .where(and(eq(enr.courseSessionId, session.id), eq(enr.status, "waitlisted")))
    .orderBy(asc(enr.waitlistSeq), asc(enr.id))
    .limit(free)
    .all();
  for (const row of next) {
    const to = seatedStatus(course.needsApproval && hasSupervisor(row.employeeId));
    applyTransition(row, to, "system", null, now, "キャンセル待ちから繰り上げ");
    notify(db, row.employeeId, {
      title: "研修のキャンセル待ちから繰り上がりました",
      body:
        `${sessionLabel(course, session)}の席が確保されました。` +
        (to === "pending" ? "所属長の承認をお待ちください。" : "受講が決定しました。"),
      link: courseLink(course.id),
    });
    if (to === "pending") notifySupervisorOfPending(row.employeeId, course, session);
  }
  return next.map((r) => r.id);
}

function hasSupervisor(employeeId: string): boolean {
  return Boolean(employeeFacts(employeeId)?.supervisorId);
}

export type SignUpResult =
  | { ok: true; enrollmentId: number; courseId: number; status: EnrollmentStatus; already: boolean; waitlistPosition: number | null }
  | Failure;

/**
 * Signs the actor up to one session: a seat in arrival order (pending when the course
 * needs approval, which holds the seat) or the next waitlist place. A repeated submit
 * returns the existing enrollment instead of creating a second one.
 */
export function signUp({ actor, courseSessionId, now = new Date() }: { actor: Actor; courseSessionId: number; now?: Date }): SignUpResult {
  return immediate((tx): SignUpResult => {
    const session = tx.select().from(ses).where(eq(ses.id, courseSessionId)).get();
    if (!session) return { ok: false, error: "指定された研修の回が見つかりません。", notFound: true };
    const course = tx.select().from(crs).where(eq(crs.id, session.courseId)).get()!;
    const employee = employeeFacts(actor.id);
    if (!employee) return { ok: false, error: "職員情報が見つかりません。", notFound: true };

    const existing = tx
      .select({ enrollment: enr, seq: ses.seq })
      .from(enr)
      .innerJoin(ses, eq(ses.id, enr.courseSessionId))
      .where(and(eq(enr.courseId, course.id), eq(enr.employeeId, actor.id), inArray(enr.status, [...ACTIVE_STATUSES])))
      .get();
    if (existing) {
      const e = existing.enrollment;
      if (e.courseSessionId === session.id) {
        const position = e.status === "waitlisted" && e.waitlistSeq !== null ? waitlistPosition(session.id, e.waitlistSeq) : null;
        return { ok: true, enrollmentId: e.id, courseId: course.id, status: e.status, already: true, waitlistPosition: position };
      }
      return {
        ok: false,
        error: `この研修にはすでに第${existing.seq}回で申し込んでいます（${STATUS_LABELS[e.status]}）。別の回にする場合は、先にキャンセルしてください。`,
      };
    }

    const tiers = listTiers({ includeInactive: true });
    const courseTiers = courseTierCodes(course.id);
    const myTiers = tiersOf(employee, course.fiscalYear, tiers.filter((t) => t.active)).map((t) => t.code);
    const labels = courseTiers.map((c) => tiers.find((t) => t.code === c)?.label ?? c);
    const refusal = signUpRefusal(session, now, isEligible(courseTiers, myTiers), labels);
    if (refusal) return { ok: false, error: refusal };

    const needsApproval = course.needsApproval && employee.supervisorId !== null;
    const full = seatsTaken(session.id) >= session.capacity;
    const status: EnrollmentStatus = full ? "waitlisted" : seatedStatus(needsApproval);
    const waitlistSeq = full ? nextWaitlistSeq(session.id) : null;
    const inserted = tx
      .insert(enr)
      .values({
        courseId: course.id,
        courseSessionId: session.id,
        employeeId: actor.id,
        status,
        waitlistSeq,
        tierCode: tierForEnrollment(courseTiers, myTiers),
        orgUnitId: employee.orgUnitId,
        requestedAt: now,
        updatedAt: now,
      })
      .returning({ id: enr.id })
      .get();
    const comment = course.needsApproval && !needsApproval && !full ? "所属長が登録されていないため承認を省略" : null;
    tx.insert(hist).values({ enrollmentId: inserted.id, fromStatus: null, toStatus: status, actorId: actor.id, actorRole: "employee", comment, at: now }).run();
    audit(tx, {
      actorId: actor.id,
      action: "training.enrollment.signUp",
      target: `training_enrollment:${inserted.id}`,
      outcome: "success",
      ip: actor.ip,
      detail: { to: status, courseSessionId: session.id, waitlistSeq },
    });
    if (status === "pending") notifySupervisorOfPending(actor.id, course, session);
    return {
      ok: true,
      enrollmentId: inserted.id,
      courseId: course.id,
      status,
      already: false,
      waitlistPosition: waitlistSeq !== null ? waitlistPosition(session.id, waitlistSeq) : null,
    };
  });
}

export type ChangeResult = { ok: true; courseId: number; promoted: number[] } | Failure;

function loadForChange(enrollmentId: number) {
  const db = getDb();
  const row = db.select().from(enr).where(eq(enr.id, enrollmentId)).get();
  if (!row) return null;
  const session = db.select().from(ses).where(eq(ses.id, row.courseSessionId)).get()!;
  const course = db.select().from(crs).where(eq(crs.id, row.courseId)).get()!;
  return { row, session, course };
}

const NOT_FOUND: Failure = { ok: false, error: "申込が見つかりません。", notFound: true };

/** The employee cancels their own enrollment (until the deadline); a freed seat is passed on. */
export function cancelOwn({ actor, enrollmentId, now = new Date() }: { actor: Actor; enrollmentId: number; now?: Date }): ChangeResult {
  return immediate((_tx): ChangeResult => {
    const found = loadForChange(enrollmentId);
    // Someone else's enrollment is "not found", never "forbidden".
    if (!found || found.row.employeeId !== actor.id) return NOT_FOUND;
    const { row, session, course } = found;
    if (row.status === "cancelled") return { ok: true, courseId: course.id, promoted: [] };
    if (!canDo(row.status, "cancel", "employee")) return { ok: false, error: "この申込はキャンセルできる状態ではありません。" };
    const refusal = cancelRefusal(row.status, session, now);
    if (refusal) return { ok: false, error: refusal };
    applyTransition(row, "cancelled", "employee", actor, now);
    const promoted = SEAT_STATUSES.includes(row.status) ? promoteWaitlisted(session.id, now) : [];
    return { ok: true, courseId: course.id, promoted };
  });
}

/** The employee of an enrollment, so a route can check the supervisor line before deciding. */
export function enrollmentEmployeeId(enrollmentId: number): string | null {
  return getDb().select({ employeeId: enr.employeeId }).from(enr).where(eq(enr.id, enrollmentId)).get()?.employeeId ?? null;
}

/**
 * The supervisor approves or returns a pending sign-up of their own direct subordinate.
 * Returning frees the held seat for the waitlist in the same transaction.
 */
export function decideAsSupervisor({
  actor,
  enrollmentId,
  decision,
  comment = null,
  now = new Date(),
}: {
  actor: Actor;
  enrollmentId: number;
  decision: "approve" | "return";
  comment?: string | null;
  now?: Date;
}): ChangeResult {
  return immediate((tx): ChangeResult => {
    const found = loadForChange(enrollmentId);
    if (!found) return NOT_FOUND;
    const { row, session, course } = found;
    const sup = tx.select({ supervisorId: employees.supervisorId }).from(employees).where(eq(employees.id, row.employeeId)).get();
    if (sup?.supervisorId !== actor.id) return NOT_FOUND;
    if (row.status !== "pending") return { ok: false, error: `この申込はすでに処理されています（現在の状態: ${STATUS_LABELS[row.status]}）。` };
    if (hasStarted(session, now)) return { ok: false, error: "この回はすでに開始しています。" };
    if (decision === "approve") {
      applyTransition(row, "confirmed", "supervisor", actor, now, comment);
      notify(tx, row.employeeId, {
        title: "研修の申込が承認されました",
        body: `${sessionLabel(course, session)}の受講が決定しました。`,
        link: courseLink(course.id),
      });
      return { ok: true, courseId: course.id, promoted: [] };
    }
    if (!comment) return { ok: false, error: "差戻しの理由を入力してください。" };
    applyTransition(row, "rejected", "supervisor", actor, now, comment);
    notify(tx, row.employeeId, {
      title: "研修の申込が差し戻されました",
      body: `${sessionLabel(course, session)}への申込が所属長から差し戻されました。理由: ${comment}`,
      link: courseLink(course.id),
    });
    return { ok: true, courseId: course.id, promoted: promoteWaitlisted(session.id, now) };
  });
}

/** 人材育成課 takes someone off a session (with a reason); the seat goes to the waitlist. */
export function removeByHrDev({
  actor,
  enrollmentId,
  courseSessionId,
  comment,
  now = new Date(),
}: {
  actor: Actor;
  enrollmentId: number;
  courseSessionId: number;
  comment: string;
  now?: Date;
}): ChangeResult {
  return immediate((tx): ChangeResult => {
    const found = loadForChange(enrollmentId);
    if (!found || found.row.courseSessionId !== courseSessionId) return NOT_FOUND;
    const { row, session, course } = found;
    if (!canDo(row.status, "remove", "hr_dev")) return { ok: false, error: `この状態（${STATUS_LABELS[row.status]}）の申込は取り消せません。` };
    applyTransition(row, "cancelled", "hr_dev", actor, now, comment);
    notify(tx, row.employeeId, {
      title: "研修の申込が取り消されました",
      body: `${sessionLabel(course, session)}への申込が人材育成課により取り消されました。理由: ${comment}`,
      link: courseLink(course.id),
    });
    const promoted = SEAT_STATUSES.includes(row.status) ? promoteWaitlisted(session.id, now) : [];
    return { ok: true, courseId: course.id, promoted };
  });
}

export type MarkResult = { ok: true; changed: number } | Failure;

/**
 * 人材育成課 records 出席 / 欠席 / 修了 for several people of one session at once. All or
 * nothing: one person who cannot be marked refuses the whole batch with the reason.
 */
export function markAttendance({
  actor,
  courseSessionId,
  enrollmentIds,
  mark,
  now = new Date(),
}: {
  actor: Actor;
  courseSessionId: number;
  enrollmentIds: number[];
  mark: "attended" | "absent" | "completed";
  now?: Date;
}): MarkResult {
  return immediate((tx): MarkResult => {
    const session = tx.select().from(ses).where(eq(ses.id, courseSessionId)).get();
    if (!session) return { ok: false, error: "研修の回が見つかりません。", notFound: true };
    if (!canMark(session, now)) return { ok: false, error: "出席・欠席・修了は研修の開始後に記録できます。" };
    const ids = [...new Set(enrollmentIds)];
    const rows = tx
      .select({ enrollment: enr, name: employees.name })
      .from(enr)
      .innerJoin(employees, eq(employees.id, enr.employeeId))
      .where(and(inArray(enr.id, ids), eq(enr.courseSessionId, session.id)))
      .all();
    if (rows.length !== ids.length) return { ok: false, error: "この回の受講者ではない人が含まれています。" };
    const problems: string[] = [];
    for (const { enrollment: e, name } of rows) {
      if (e.status === mark) continue;
      if (!findTransition(e.status, mark, "hr_dev")) {
        problems.push(`${name}さん（${STATUS_LABELS[e.status]}）`);
        continue;
      }
      if (e.status === "absent") {
        // 欠席 freed the course for a new sign-up; a correction must not make two active ones.
        const other = tx
          .select({ id: enr.id })
          .from(enr)
          .where(and(eq(enr.courseId, e.courseId), eq(enr.employeeId, e.employeeId), inArray(enr.status, [...ACTIVE_STATUSES]), ne(enr.id, e.id)))
          .get();
        if (other) problems.push(`${name}さん（この研修の別の回に申込済み）`);
      }
    }
    if (problems.length > 0) return { ok: false, error: `次の人には「${STATUS_LABELS[mark]}」を記録できません: ${problems.join("、")}` };
    let changed = 0;
    for (const { enrollment: e } of rows) {
      if (e.status === mark) continue;
      applyTransition(e, mark, "hr_dev", actor, now);
      changed++;
    }
    return { ok: true, changed };
  });
}

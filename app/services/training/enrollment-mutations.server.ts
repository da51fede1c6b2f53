import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { affected, first, forUpdate, immediate, isUniqueViolation, schema, type Tx } from "~/db.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { canDo, findTransition, requireTransition } from "~/services/contract/transitions";
import { audit } from "~/services/audit/audit.server";
import { enqueueMail } from "~/services/mail/outbox.server";
import { notify } from "~/services/notifications/notifications.server";
import { callOffBlock, canMark, canPromoteInto, cancelBlock, changeBlock, hasStarted, isEligible, seatedStatus, signUpBlock, tierForEnrollment, tiersOf } from "./rules";
import { awaitsDraw, nextWaitlistSeq, seatsTaken, waitlistPosition } from "./seats.server";
import { courseTierCodes, employeeFacts, listTiers } from "./tiers.server";
import { formatSessionTime } from "./time";
import {
  ACTIVE_STATUSES,
  CALLABLE_OFF_STATUSES,
  SEAT_STATUSES,
  STATUS_LABELS,
  TRANSITIONS,
  capacitiesOf,
  roleCapacities,
  type EnrollmentCapacity,
  type EnrollmentStatus,
  type Mark,
} from "./transitions";

// Every write that touches seats or the waitlist runs inside ONE `immediate()`
// transaction that first locks the course session's row (`lockSession`: SELECT … FOR
// UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers): the check
// (seats taken, waitlist order, current status) and the write cannot interleave with
// another request on that 回, so capacity holds under any concurrency. A change of 回
// locks both sessions, the lower id first, so two opposite moves never deadlock.
// Every helper called inside takes that transaction's handle, and audit lines and
// notifications are written through it, so a change and its record commit together.
// A refusal is thrown inside the transaction (rolling it back) and returned by attempt().

const { trainingEnrollments: enr, trainingCourseSessions: ses, trainingCourses: crs, trainingEnrollmentHistory: hist, employees } = schema;

type EnrollmentRow = typeof enr.$inferSelect;
type SessionRow = typeof ses.$inferSelect;
type CourseRow = typeof crs.$inferSelect;

const NOT_FOUND = "申込が見つかりません。";

export function sessionLabel(course: CourseRow, session: SessionRow): string {
  return `「${course.title}」第${session.seq}回（${formatSessionTime(session.startsAt, session.endsAt)}）`;
}

export function courseLink(courseId: number): string {
  return `/training/courses/${courseId}`;
}

/** What every training mail shows of the session (see mail-templates.ts). */
export function sessionMailValues(course: CourseRow, session: SessionRow) {
  return { courseId: course.id, courseTitle: course.title, seq: session.seq, startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() };
}

/**
 * Moves one enrollment along the transitions table, with its history row and audit line.
 * Throws when the table does not allow it: callers refuse first, so this is a bug guard.
 * The UPDATE is conditional on the status read, so a stale row can never be moved twice.
 */
export async function applyTransition(
  tx: Tx,
  row: EnrollmentRow,
  to: EnrollmentStatus,
  by: EnrollmentCapacity,
  actor: Actor | null,
  now: Date,
  comment: string | null = null,
): Promise<void> {
  const t = findTransition(TRANSITIONS, row.status, to, by);
  if (!t) throw new Error(`training: transition ${row.status} → ${to} by ${by} is not allowed`);
  const changed = affected(
    await tx
      .update(enr)
      .set({ status: to, updatedAt: now })
      .where(and(eq(enr.id, row.id), eq(enr.status, row.status))),
  );
  if (changed !== 1) throw new Error(`training: enrollment ${row.id} changed underneath`);
  const actorId = actor?.viewer.id ?? null;
  await tx.insert(hist).values({ enrollmentId: row.id, fromStatus: row.status, toStatus: to, actorId, actorRole: by, comment, at: now });
  await audit(tx, {
    actorId,
    action: `training.enrollment.${t.action}`,
    target: `training_enrollment:${row.id}`,
    outcome: "success",
    ip: actor?.ip ?? null,
    detail: { from: row.status, to, courseSessionId: row.courseSessionId, employeeId: row.employeeId },
  });
}

export async function notifySupervisorOfPending(tx: Tx, enrollmentId: number, employeeId: string, course: CourseRow, session: SessionRow, now: Date): Promise<void> {
  const e = await employeeFacts(tx, employeeId);
  if (!e?.supervisorId) return;
  await notify(
    tx,
    e.supervisorId,
    {
      title: "研修申込の承認依頼があります",
      body: `${e.name}さんの${sessionLabel(course, session)}への申込が承認待ちです。`,
      link: "/approvals",
      mail: { kind: "training.approval_requested", values: { ...sessionMailValues(course, session), applicantName: e.name }, key: `training:${enrollmentId}:approval_requested` },
    },
    now,
  );
}

/**
 * Locks one course session's row for the rest of the transaction (PostgreSQL; a no-op on
 * SQLite, whose BEGIN IMMEDIATE already holds the one write lock) and returns it. Every
 * count of seats or waitlist places that a write depends on is taken after this lock.
 */
export async function lockSession(tx: Tx, courseSessionId: number): Promise<SessionRow | undefined> {
  return first(forUpdate(tx.select().from(ses).where(eq(ses.id, courseSessionId))));
}

/**
 * Gives freed seats to the first on the waitlist, in arrival order, and tells them.
 * Nobody is promoted into a session that has started. Runs inside the caller's transaction,
 * which has locked the session (the lock is taken again here: a no-op when already held).
 */
export async function promoteWaitlisted(tx: Tx, courseSessionId: number, now: Date): Promise<number[]> {
  const session = await lockSession(tx, courseSessionId);
  if (!session || !canPromoteInto(session, now)) return [];
  const free = session.capacity - (await seatsTaken(tx, session.id));
  if (free <= 0) return [];
  const course = (await first(tx.select().from(crs).where(eq(crs.id, session.courseId))))!;
  const next = await tx
    .select()
    .from(enr)
    .where(and(eq(enr.courseSessionId, session.id), eq(enr.status, "waitlisted")))
    .orderBy(asc(enr.waitlistSeq), asc(enr.id))
    .limit(free);
  for (const row of next) {
    // An approval once given (before a 抽選) is not asked again.
    const to = seatedStatus(course.needsApproval && row.approvedAt === null && Boolean((await employeeFacts(tx, row.employeeId))?.supervisorId));
    await applyTransition(tx, row, to, "system", null, now, "キャンセル待ちから繰り上げ");
    await notify(
      tx,
      row.employeeId,
      {
        title: "研修のキャンセル待ちから繰り上がりました",
        body:
          `${sessionLabel(course, session)}の席が確保されました。` +
          (to === "pending" ? "所属長の承認をお待ちください。" : "受講が決定しました。"),
        link: courseLink(course.id),
        mail: { kind: "training.promoted", values: { ...sessionMailValues(course, session), needsApproval: to === "pending" }, key: `training:${row.id}:promoted` },
      },
      now,
    );
    if (to === "pending") await notifySupervisorOfPending(tx, row.id, row.employeeId, course, session, now);
  }
  return next.map((r) => r.id);
}

export type SignUpResult = Outcome<{ enrollmentId: number; courseId: number; status: EnrollmentStatus; already: boolean; waitlistPosition: number | null }>;

/**
 * Signs the actor up to one session: a seat in arrival order (pending when the course
 * needs approval, which holds the seat) or the next waitlist place. A repeated submit
 * returns the existing enrollment instead of creating a second one.
 */
export async function signUp({ actor, courseSessionId, now = new Date() }: { actor: Actor; courseSessionId: number; now?: Date }): Promise<SignUpResult> {
  const me = actor.viewer.id;
  return attempt(() =>
    immediate(async (tx) => {
      // The 回 is locked first: concurrent sign-ups to it queue here and each counts the
      // seats the one before it left.
      const session = (await lockSession(tx, courseSessionId)) ?? refuse("not_found", "指定された研修の回が見つかりません。");
      const course = (await first(tx.select().from(crs).where(eq(crs.id, session.courseId))))!;
      const employee = (await employeeFacts(tx, me)) ?? refuse("not_found", "職員情報が見つかりません。");

      const existing = await first(
        tx
          .select({ enrollment: enr, seq: ses.seq })
          .from(enr)
          .innerJoin(ses, eq(ses.id, enr.courseSessionId))
          .where(and(eq(enr.courseId, course.id), eq(enr.employeeId, me), inArray(enr.status, [...ACTIVE_STATUSES])))
          .limit(1),
      );
      if (existing) {
        const e = existing.enrollment;
        if (e.courseSessionId === session.id) {
          const position = e.status === "waitlisted" && e.waitlistSeq !== null ? await waitlistPosition(tx, session.id, e.waitlistSeq) : null;
          return { ok: true as const, enrollmentId: e.id, courseId: course.id, status: e.status, already: true, waitlistPosition: position };
        }
        refuse(
          "conflict",
          `この研修にはすでに第${existing.seq}回で申し込んでいます（${STATUS_LABELS[e.status]}）。別の回にする場合は、その回の「第○回に変更する」を押してください。`,
        );
      }

      const tiers = await listTiers(tx, { includeInactive: true, fiscalYear: course.fiscalYear });
      const courseTiers = await courseTierCodes(tx, course.id);
      const myTiers = tiersOf(employee, course.fiscalYear, tiers.filter((t) => t.active)).map((t) => t.code);
      const labels = courseTiers.map((c) => tiers.find((t) => t.code === c)?.label ?? c);
      const block = signUpBlock(session, now, isEligible(courseTiers, myTiers), labels);
      if (block) refuse(block.reason, block.message);

      const needsApproval = course.needsApproval && employee.supervisorId !== null;
      // A 抽選 回 before its draw takes 応募 (no seat); after the draw it seats in arrival order.
      const lottery = await awaitsDraw(tx, session);
      const full = !lottery && (await seatsTaken(tx, session.id)) >= session.capacity;
      const status: EnrollmentStatus = lottery
        ? needsApproval && course.lotteryApproval === "before"
          ? "applied_pending"
          : "applied"
        : full
          ? "waitlisted"
          : seatedStatus(needsApproval);
      requireTransition(TRANSITIONS, null, status, "employee", "この回には申し込めません。");
      const waitlistSeq = full ? await nextWaitlistSeq(tx, session.id) : null;
      let inserted: { id: number };
      try {
        inserted = (await first(
          tx
          .insert(enr)
          .values({
            courseId: course.id,
            courseSessionId: session.id,
            employeeId: me,
            status,
            waitlistSeq,
            tierCode: tierForEnrollment(courseTiers, myTiers),
            orgUnitId: employee.orgUnitId,
            requestedAt: now,
            updatedAt: now,
          })
          .returning({ id: enr.id }),
        ))!;
      } catch (e) {
        // The partial unique index is the last word on "one active sign-up per course".
        if (isUniqueViolation(e)) refuse("conflict", "この研修にはすでに申し込んでいます。");
        throw e;
      }
      const comment = course.needsApproval && !needsApproval && !full && !lottery ? "所属長が登録されていないため承認を省略" : null;
      await tx.insert(hist).values({ enrollmentId: inserted.id, fromStatus: null, toStatus: status, actorId: me, actorRole: "employee", comment, at: now });
      await audit(tx, {
        actorId: me,
        action: "training.enrollment.signUp",
        target: `training_enrollment:${inserted.id}`,
        outcome: "success",
        ip: actor.ip,
        detail: { to: status, courseSessionId: session.id, waitlistSeq },
      });
      const position = waitlistSeq !== null ? await waitlistPosition(tx, session.id, waitlistSeq) : null;
      // The person's own sign-up needs no in-app notice (they see the page), but a mail of
      // the outcome: confirmed at once or waitlisted. A pending one waits for the supervisor.
      if (status === "pending" || status === "applied_pending") await notifySupervisorOfPending(tx, inserted.id, me, course, session, now);
      if (status === "confirmed") await enqueueMail(tx, me, { kind: "training.confirmed", values: sessionMailValues(course, session), key: `training:${inserted.id}:confirmed` }, now);
      if (status === "waitlisted") {
        await enqueueMail(tx, me, { kind: "training.waitlisted", values: { ...sessionMailValues(course, session), position }, key: `training:${inserted.id}:waitlisted` }, now);
      }
      return {
        ok: true as const,
        enrollmentId: inserted.id,
        courseId: course.id,
        status,
        already: false,
        waitlistPosition: position,
      };
    }),
  );
}

export type ChangeResult = Outcome<{ courseId: number; promoted: number[] }>;

/**
 * One enrollment with its session, course, the enrollee's current supervisor and the
 * parts the actor plays towards it; a `not_found` refusal when it does not exist or the
 * actor plays no part (someone else's enrollment is "not found", never "forbidden").
 */
async function findForChange(tx: Tx, enrollmentId: number) {
  return first(
    tx
      .select({ row: enr, supervisorId: employees.supervisorId })
      .from(enr)
      .innerJoin(employees, eq(employees.id, enr.employeeId))
      .where(eq(enr.id, enrollmentId)),
  );
}

/**
 * The enrollment's session is locked before the enrollment is read (and read again after
 * the lock, which it waited for when another change of that 回 held it): its status and
 * the seats counted after are the committed ones. A change of 回 locks both first instead
 * (`sessions` given: locked by the caller, lower id first).
 */
async function loadForChange(tx: Tx, actor: Actor, enrollmentId: number, locked?: ReadonlyMap<number, SessionRow>) {
  let found = await findForChange(tx, enrollmentId);
  if (!found) refuse("not_found", NOT_FOUND);
  let session = locked?.get(found.row.courseSessionId);
  if (!locked) {
    session = await lockSession(tx, found.row.courseSessionId);
    found = await findForChange(tx, enrollmentId);
    if (!found) refuse("not_found", NOT_FOUND);
  }
  // Moved to another 回 while this waited for the lock (another tab): it is not the 回 locked.
  if (!session || session.id !== found.row.courseSessionId) refuse("conflict", "この申込は他の操作で変更されました。もう一度確認してください。");
  const capacities = capacitiesOf(actor.viewer, { employeeId: found.row.employeeId, supervisorId: found.supervisorId });
  if (capacities.length === 0) refuse("not_found", NOT_FOUND);
  const course = (await first(tx.select().from(crs).where(eq(crs.id, found.row.courseId))))!;
  return { row: found.row, session, course, capacities };
}

/** The employee cancels their own enrollment (until the deadline); a freed seat is passed on. */
export async function cancelOwn({ actor, enrollmentId, now = new Date() }: { actor: Actor; enrollmentId: number; now?: Date }): Promise<ChangeResult> {
  return attempt(() =>
    immediate(async (tx) => {
      const { row, session, course, capacities } = await loadForChange(tx, actor, enrollmentId);
      if (!capacities.includes("employee")) refuse("not_found", NOT_FOUND);
      if (row.status === "cancelled") return { ok: true as const, courseId: course.id, promoted: [] };
      requireTransition(TRANSITIONS, row.status, "cancelled", "employee", "この申込はキャンセルできる状態ではありません。");
      const block = cancelBlock(row.status, session, now);
      if (block) refuse(block.reason, block.message);
      await applyTransition(tx, row, "cancelled", "employee", actor, now);
      const promoted = SEAT_STATUSES.includes(row.status) ? await promoteWaitlisted(tx, session.id, now) : [];
      return { ok: true as const, courseId: course.id, promoted };
    }),
  );
}

export type ChangeSessionResult = Outcome<{ courseId: number; status: EnrollmentStatus; waitlistPosition: number | null; promoted: number[] }>;

/**
 * The employee moves their sign-up to another 回 of the same course, in ONE transaction:
 * a seat in the new 回 if one is free (pending again where the course needs the
 * supervisor's approval), else the end of its waitlist; the seat they held in the old 回
 * goes to the first waitlisted there. Nobody can take the new seat between the two halves,
 * and the person never ends with none or two (one row moves; the partial unique index
 * still allows only one live sign-up per course). Until the old 回's cancellation deadline.
 */
export function changeSession({
  actor,
  enrollmentId,
  toSessionId,
  now = new Date(),
}: {
  actor: Actor;
  enrollmentId: number;
  toSessionId: number;
  now?: Date;
}): Promise<ChangeSessionResult> {
  return attempt(() =>
    immediate(async (tx) => {
      // Both 回 are locked before anything is counted, the lower id first: two people
      // moving in opposite directions queue instead of deadlocking.
      const before = (await findForChange(tx, enrollmentId)) ?? refuse("not_found", NOT_FOUND);
      const locked = new Map<number, SessionRow>();
      for (const id of [...new Set([before.row.courseSessionId, toSessionId])].sort((a, b) => a - b)) {
        const s = await lockSession(tx, id);
        if (s) locked.set(id, s);
      }
      const { row, session: from, course, capacities } = await loadForChange(tx, actor, enrollmentId, locked);
      if (!capacities.includes("employee")) refuse("not_found", NOT_FOUND);
      const to = locked.get(toSessionId);
      if (!to || to.courseId !== course.id) refuse("not_found", "変更先の回が見つかりません。");
      if (to.id === from.id) {
        const position = row.status === "waitlisted" && row.waitlistSeq !== null ? await waitlistPosition(tx, to.id, row.waitlistSeq) : null;
        return { ok: true as const, courseId: course.id, status: row.status, waitlistPosition: position, promoted: [] };
      }
      if (!canDo(TRANSITIONS, row.status, "change", "employee")) refuse("conflict", `この申込（${STATUS_LABELS[row.status]}）は回を変更できません。`);
      const leave = changeBlock(row.status, from, now);
      if (leave) refuse(leave.reason, leave.message);
      const employee = (await employeeFacts(tx, row.employeeId)) ?? refuse("not_found", "職員情報が見つかりません。");
      const tiers = await listTiers(tx, { includeInactive: true });
      const courseTiers = await courseTierCodes(tx, course.id);
      const myTiers = tiersOf(employee, course.fiscalYear, tiers.filter((t) => t.active)).map((t) => t.code);
      const join = signUpBlock(to, now, isEligible(courseTiers, myTiers), courseTiers.map((c) => tiers.find((t) => t.code === c)?.label ?? c));
      if (join) refuse(join.reason, join.message);
      if (await awaitsDraw(tx, to)) refuse("closed", `第${to.seq}回は抽選の回で、まだ抽選前です。変更するには今の申込をキャンセルしてから応募してください。`);

      const full = (await seatsTaken(tx, to.id)) >= to.capacity;
      const status: EnrollmentStatus = full ? "waitlisted" : seatedStatus(course.needsApproval && employee.supervisorId !== null);
      requireTransition(TRANSITIONS, row.status, status, "employee", "この回には変更できません。");
      const waitlistSeq = full ? await nextWaitlistSeq(tx, to.id) : null;
      const changed = affected(
        await tx
          .update(enr)
          .set({ courseSessionId: to.id, status, waitlistSeq, updatedAt: now })
          .where(and(eq(enr.id, row.id), eq(enr.status, row.status), eq(enr.courseSessionId, from.id))),
      );
      if (changed !== 1) throw new Error(`training: enrollment ${row.id} changed underneath`);
      const comment = `第${from.seq}回（${formatSessionTime(from.startsAt, from.endsAt)}）から第${to.seq}回（${formatSessionTime(to.startsAt, to.endsAt)}）に変更`;
      await tx.insert(hist).values({ enrollmentId: row.id, fromStatus: row.status, toStatus: status, actorId: actor.viewer.id, actorRole: "employee", comment, at: now });
      await audit(tx, {
        actorId: actor.viewer.id,
        action: "training.enrollment.change",
        target: `training_enrollment:${row.id}`,
        outcome: "success",
        ip: actor.ip,
        detail: { from: row.status, to: status, fromSessionId: from.id, toSessionId: to.id, waitlistSeq },
      });
      if (status === "pending") await notifySupervisorOfPending(tx, row.id, row.employeeId, course, to, now);
      const promoted = SEAT_STATUSES.includes(row.status) ? await promoteWaitlisted(tx, from.id, now) : [];
      return {
        ok: true as const,
        courseId: course.id,
        status,
        waitlistPosition: waitlistSeq !== null ? await waitlistPosition(tx, to.id, waitlistSeq) : null,
        promoted,
      };
    }),
  );
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
}): Promise<ChangeResult> {
  return attempt(() =>
    immediate(async (tx) => {
      const { row, session, course, capacities } = await loadForChange(tx, actor, enrollmentId);
      if (!capacities.includes("supervisor")) refuse("not_found", NOT_FOUND);
      // The decision's target comes from the table: a pending seat becomes confirmed, an
      // 応募 awaiting approval before the 抽選 becomes one that will be drawn.
      const t =
        TRANSITIONS.find((x) => x.from === row.status && x.action === decision && x.by.includes("supervisor")) ??
        refuse("conflict", `この申込はすでに処理されています（現在の状態: ${STATUS_LABELS[row.status]}）。`);
      if (hasStarted(session, now)) refuse("closed", "この回はすでに開始しています。");
      if (t.needsComment && !comment) refuse("invalid", "差戻しの理由を入力してください。", "comment");
      await applyTransition(tx, row, t.to, "supervisor", actor, now, comment);
      if (decision === "approve") {
        await tx.update(enr).set({ approvedAt: now }).where(eq(enr.id, row.id));
        await notify(
          tx,
          row.employeeId,
          {
            title: "研修の申込が承認されました",
            body: t.to === "applied" ? `${sessionLabel(course, session)}への応募が承認され、抽選の対象になりました。` : `${sessionLabel(course, session)}の受講が決定しました。`,
            link: courseLink(course.id),
            // An 応募 approved before the 抽選 is told the outcome by the draw's own mail.
            ...(t.to === "confirmed" ? { mail: { kind: "training.confirmed" as const, values: sessionMailValues(course, session), key: `training:${row.id}:confirmed` } } : {}),
          },
          now,
        );
        return { ok: true as const, courseId: course.id, promoted: [] };
      }
      await notify(
        tx,
        row.employeeId,
        {
          title: "研修の申込が差し戻されました",
          body: `${sessionLabel(course, session)}への申込が所属長から差し戻されました。理由: ${comment}`,
          link: courseLink(course.id),
          mail: { kind: "training.returned", values: { ...sessionMailValues(course, session), comment }, key: `training:${row.id}:rejected` },
        },
        now,
      );
      return { ok: true as const, courseId: course.id, promoted: SEAT_STATUSES.includes(row.status) ? await promoteWaitlisted(tx, session.id, now) : [] };
    }),
  );
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
}): Promise<ChangeResult> {
  return attempt(() =>
    immediate(async (tx) => {
      // The roster's changes are 人材育成課's alone, whoever else may see the enrollment.
      if (!roleCapacities(actor.viewer).includes("hr_dev")) refuse("forbidden", "申込を取り消せるのは人材育成課だけです。");
      const { row, session, course } = await loadForChange(tx, actor, enrollmentId);
      if (row.courseSessionId !== courseSessionId) refuse("not_found", NOT_FOUND);
      requireTransition(TRANSITIONS, row.status, "cancelled", "hr_dev", `この状態（${STATUS_LABELS[row.status]}）の申込は取り消せません。`);
      await applyTransition(tx, row, "cancelled", "hr_dev", actor, now, comment);
      await notify(
        tx,
        row.employeeId,
        {
          title: "研修の申込が取り消されました",
          body: `${sessionLabel(course, session)}への申込が人材育成課により取り消されました。理由: ${comment}`,
          link: courseLink(course.id),
          mail: { kind: "training.removed", values: { ...sessionMailValues(course, session), comment }, key: `training:${row.id}:cancelled` },
        },
        now,
      );
      const promoted = SEAT_STATUSES.includes(row.status) ? await promoteWaitlisted(tx, session.id, now) : [];
      return { ok: true as const, courseId: course.id, promoted };
    }),
  );
}

export type CallOffResult = Outcome<{ courseId: number; calledOff: number }>;

/**
 * 人材育成課 calls one 回 off (中止: a typhoon, an ill instructor) with a reason. In one
 * transaction the session becomes 中止, every sign-up still signed up or waiting moves to 中止
 * through the transitions table (its history carries the reason), and each person is told
 * why. Nobody is promoted: there is no session left to seat them in.
 */
export function callOffSession({
  actor,
  courseSessionId,
  reason,
  now = new Date(),
}: {
  actor: Actor;
  courseSessionId: number;
  reason: string;
  now?: Date;
}): Promise<CallOffResult> {
  return attempt(() =>
    immediate(async (tx) => {
      if (!roleCapacities(actor.viewer).includes("hr_dev")) refuse("forbidden", "研修の回を中止できるのは人材育成課だけです。");
      const session = (await lockSession(tx, courseSessionId)) ?? refuse("not_found", "研修の回が見つかりません。");
      const block = callOffBlock(session, now);
      if (block) refuse(block.reason, block.message);
      const why = reason.trim();
      if (!why) refuse("invalid", "中止の理由を入力してください。", "reason");
      const course = (await first(tx.select().from(crs).where(eq(crs.id, session.courseId))))!;
      const changed = affected(
        await tx
          .update(ses)
          .set({ status: "called_off", cancelReason: why, calledOffAt: now, calledOffBy: actor.viewer.id, updatedAt: now })
          .where(and(eq(ses.id, session.id), eq(ses.status, session.status))),
      );
      if (changed !== 1) refuse("conflict", "この回は他の操作で変更されました。もう一度確認してください。");
      const rows = await tx
        .select()
        .from(enr)
        .where(and(eq(enr.courseSessionId, session.id), inArray(enr.status, [...CALLABLE_OFF_STATUSES])))
        .orderBy(asc(enr.id));
      for (const row of rows) {
        await applyTransition(tx, row, "called_off", "hr_dev", actor, now, why);
        await notify(tx, row.employeeId, {
          title: "申し込んだ研修の回が中止になりました",
          body: `${sessionLabel(course, session)}は中止になりました。理由: ${why}`,
          link: courseLink(course.id),
        });
      }
      await audit(tx, {
        actorId: actor.viewer.id,
        action: "training.session.call_off",
        target: `training_course_session:${session.id}`,
        outcome: "success",
        ip: actor.ip,
        detail: { reason: why, calledOff: rows.length },
      });
      return { ok: true as const, courseId: course.id, calledOff: rows.length };
    }),
  );
}

export type MarkResult = Outcome<{ changed: number }>;

/**
 * 人材育成課 records 出席 / 欠席 / 修了 for several people of one session at once (or for
 * everyone with a confirmed seat). All or nothing: one person who cannot be marked
 * refuses the whole batch with the reason.
 */
export function markAttendance({
  actor,
  courseSessionId,
  enrollmentIds,
  allConfirmed = false,
  mark,
  now = new Date(),
}: {
  actor: Actor;
  courseSessionId: number;
  enrollmentIds: number[];
  /** Everyone with a confirmed seat, instead of `enrollmentIds`. */
  allConfirmed?: boolean;
  mark: Mark;
  now?: Date;
}): Promise<MarkResult> {
  return attempt(() =>
    immediate(async (tx) => {
      if (!roleCapacities(actor.viewer).includes("hr_dev")) refuse("forbidden", "出席・欠席・修了を記録できるのは人材育成課だけです。");
      const session = (await lockSession(tx, courseSessionId)) ?? refuse("not_found", "研修の回が見つかりません。");
      const ids = allConfirmed
        ? (await tx
            .select({ id: enr.id })
            .from(enr)
            .where(and(eq(enr.courseSessionId, session.id), eq(enr.status, "confirmed")))).map((r) => r.id)
        : [...new Set(enrollmentIds)];
      if (ids.length === 0) refuse("invalid", "記録する対象者がいません。");
      if (!canMark(session, now)) refuse("closed", "出席・欠席・修了は研修の開始後に記録できます。");
      const rows = await tx
        .select({ enrollment: enr, name: employees.name })
        .from(enr)
        .innerJoin(employees, eq(employees.id, enr.employeeId))
        .where(and(inArray(enr.id, ids), eq(enr.courseSessionId, session.id)));
      if (rows.length !== ids.length) refuse("invalid", "この回の受講者ではない人が含まれています。");
      const problems: string[] = [];
      for (const { enrollment: e, name } of rows) {
        if (e.status === mark) continue;
        if (!findTransition(TRANSITIONS, e.status, mark, "hr_dev")) {
          problems.push(`${name}さん（${STATUS_LABELS[e.status]}）`);
          continue;
        }
        if (e.status === "absent") {
          // 欠席 freed the course for a new sign-up; a correction must not make two active ones.
          const other = await first(
            tx
              .select({ id: enr.id })
              .from(enr)
              .where(and(eq(enr.courseId, e.courseId), eq(enr.employeeId, e.employeeId), inArray(enr.status, [...ACTIVE_STATUSES]), ne(enr.id, e.id)))
              .limit(1),
          );
          if (other) problems.push(`${name}さん（この研修の別の回に申込済み）`);
        }
      }
      if (problems.length > 0) refuse("conflict", `次の人には「${STATUS_LABELS[mark]}」を記録できません: ${problems.join("、")}`);
      let changed = 0;
      for (const { enrollment: e } of rows) {
        if (e.status === mark) continue;
        await applyTransition(tx, e, mark, "hr_dev", actor, now);
        changed++;
      }
      return { ok: true as const, changed };
    }),
  );
}

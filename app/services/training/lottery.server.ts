import { and, asc, count, eq, inArray, isNull, lt, lte, ne } from "drizzle-orm";
import { first, getDb, immediate, isUniqueViolation, schema, type Tx } from "~/db.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { audit } from "~/services/audit/audit.server";
import { notify } from "~/services/notifications/notifications.server";
import { applyTransition, courseLink, lockSession, notifySupervisorOfPending, sessionLabel, sessionMailValues } from "./enrollment-mutations.server";
import { drawGroupLabel, drawOrder, isLotteryPriority, newDrawSeed, type DrawEntry, type LotteryPriority } from "./lottery";
import { tiersOf } from "./rules";
import { nextWaitlistSeq, seatsTaken, waitlistPosition } from "./seats.server";
import { employeeFacts, listTiers } from "./tiers.server";
import { APPLIED_STATUSES, ATTENDED_STATUSES, SEAT_STATUSES, roleCapacities, type EnrollmentStatus } from "./transitions";

// The 抽選 of a 回: run by 人材育成課 (抽選を実行) or, at the close of the sign-up window,
// by the portal itself the first time anyone's page or the server's timer looks at it.
// One IMMEDIATE transaction that first locks the 回's row (so a draw, a sign-up and a
// second draw of the same 回 queue): the draw row (unique per 回 — a second draw is
// refused), every 応募 moved along the transitions table in the drawn order, each person
// notified.

const { trainingDraws: draws, trainingEnrollments: enr, trainingCourseSessions: ses, trainingCourses: crs, trainingElectiveRules: rules, trainingCourseTiers: ctiers } = schema;

type CourseRow = typeof crs.$inferSelect;
type SessionRow = typeof ses.$inferSelect;

/** The course's priorities as the lottery reads them (unknown keys dropped). */
export function prioritiesOf(course: Pick<CourseRow, "lotteryPriorities">): LotteryPriority[] {
  return (Array.isArray(course.lotteryPriorities) ? course.lotteryPriorities : []).filter(isLotteryPriority);
}

/** Which priority criteria one applicant meets, read inside the draw's transaction. */
async function criteriaOf(tx: Tx, course: CourseRow, employeeId: string): Promise<Set<LotteryPriority>> {
  const meets = new Set<LotteryPriority>();
  const me = await employeeFacts(tx, employeeId);
  if (course.kind === "elective" && me) {
    const myTiers = tiersOf(me, course.fiscalYear, await listTiers(tx)).map((t) => t.code);
    const courseTiers = (await tx.select({ code: ctiers.tierCode }).from(ctiers).where(eq(ctiers.courseId, course.id))).map((r) => r.code);
    for (const tier of myTiers.filter((t) => courseTiers.includes(t))) {
      const rule = await first(tx.select().from(rules).where(and(eq(rules.fiscalYear, course.fiscalYear), eq(rules.tierCode, tier))));
      if (!rule) continue;
      // Electives of this tier and 年度 the person holds a seat in or finished, other than this course.
      const held =
        (
          await first(
            tx
          .select({ n: count() })
          .from(enr)
          .innerJoin(crs, eq(crs.id, enr.courseId))
          .innerJoin(ctiers, and(eq(ctiers.courseId, crs.id), eq(ctiers.tierCode, tier)))
          .where(
            and(
              eq(enr.employeeId, employeeId),
              eq(crs.fiscalYear, course.fiscalYear),
              eq(crs.kind, "elective"),
              ne(crs.id, course.id),
              inArray(enr.status, [...SEAT_STATUSES.filter((s) => s !== "absent")]),
            ),
          ),
          )
        )?.n ?? 0;
      if (held < rule.minElectives) meets.add("elective_unmet");
    }
  }
  const before = await first(
    tx
      .select({ id: enr.id })
      .from(enr)
      .innerJoin(crs, eq(crs.id, enr.courseId))
      .where(and(eq(enr.employeeId, employeeId), eq(crs.title, course.title), lt(crs.fiscalYear, course.fiscalYear), inArray(enr.status, [...ATTENDED_STATUSES])))
      .limit(1),
  );
  if (!before) meets.add("first_time");
  return meets;
}

export type DrawResult = Outcome<{ courseId: number; applicants: number; seated: number }>;

/** The draw itself, inside the caller's transaction, which has locked the session row. */
async function drawInTx(tx: Tx, session: SessionRow, course: CourseRow, actor: Actor | null, now: Date) {
  const priorities = prioritiesOf(course);
  const seed = newDrawSeed();
  const applied = await tx
    .select()
    .from(enr)
    .where(and(eq(enr.courseSessionId, session.id), inArray(enr.status, [...APPLIED_STATUSES])))
    .orderBy(asc(enr.requestedAt), asc(enr.id));
  const seats = Math.max(0, session.capacity - (await seatsTaken(tx, session.id)));
  const entries: DrawEntry[] = [];
  for (const e of applied) entries.push({ enrollmentId: e.id, drawable: e.status === "applied", meets: await criteriaOf(tx, course, e.employeeId) });
  const order = drawOrder(entries, priorities, seed, seats);
  try {
    await tx
      .insert(draws)
      .values({ courseSessionId: session.id, seed, priorities, applicants: applied.length, seated: order.filter((o) => o.seated).length, drawnBy: actor?.viewer.id ?? null, drawnAt: now });
  } catch (e) {
    if (isUniqueViolation(e)) refuse("conflict", "この回の抽選はすでに実行されています。");
    throw e;
  }
  const byId = new Map(applied.map((e) => [e.id, e]));
  for (const o of order) {
    const row = byId.get(o.enrollmentId)!;
    const approvalAfter =
      course.needsApproval && course.lotteryApproval === "after" && row.approvedAt === null && Boolean((await employeeFacts(tx, row.employeeId))?.supervisorId);
    const to: EnrollmentStatus = o.seated ? (approvalAfter ? "pending" : "confirmed") : "waitlisted";
    const waitlistSeq = to === "waitlisted" ? await nextWaitlistSeq(tx, session.id) : null;
    await tx.update(enr).set({ drawGroup: o.group, drawRank: o.rank, waitlistSeq }).where(eq(enr.id, row.id));
    await applyTransition(tx, row, to, "system", null, now, `抽選: ${drawGroupLabel(o.group, priorities)}・${o.rank}番`);
    const label = sessionLabel(course, session);
    // The result reaches each person in the app and, for a seat or a waitlist place, by mail.
    if (to === "waitlisted") {
      const position = await waitlistPosition(tx, session.id, waitlistSeq!);
      await notify(
        tx,
        row.employeeId,
        {
          title: "研修の抽選結果: キャンセル待ちになりました",
          body: `${label}は応募多数のため抽選を行い、キャンセル待ち${position}番になりました。空きが出ると順に繰り上がり、お知らせします。`,
          link: courseLink(course.id),
          mail: { kind: "training.waitlisted", values: { ...sessionMailValues(course, session), position }, key: `training:${row.id}:waitlisted` },
        },
        now,
      );
    } else {
      await notify(
        tx,
        row.employeeId,
        {
          title: "研修の抽選結果: 受講が決まりました",
          body: to === "pending" ? `${label}の抽選で席が確保されました。所属長の承認をお待ちください。` : `${label}の抽選の結果、受講が決定しました。`,
          link: courseLink(course.id),
          ...(to === "confirmed" ? { mail: { kind: "training.confirmed" as const, values: sessionMailValues(course, session), key: `training:${row.id}:confirmed` } } : {}),
        },
        now,
      );
      if (to === "pending") await notifySupervisorOfPending(tx, row.id, row.employeeId, course, session, now);
    }
  }
  await audit(tx, {
    actorId: actor?.viewer.id ?? null,
    action: "training.session.draw",
    target: `training_course_session:${session.id}`,
    outcome: "success",
    ip: actor?.ip ?? null,
    detail: { seed, priorities, applicants: applied.length, seats, order: order.map((o) => [o.enrollmentId, o.group, o.seated ? 1 : 0]) },
  });
  return { applicants: applied.length, seated: order.filter((o) => o.seated).length };
}

/** 人材育成課 presses 抽選を実行 (any time after the window opened; later sign-ups then come first-come). */
export async function runDraw({ actor, courseSessionId, now = new Date() }: { actor: Actor; courseSessionId: number; now?: Date }): Promise<DrawResult> {
  return attempt(() =>
    immediate(async (tx) => {
      if (!roleCapacities(actor.viewer).includes("hr_dev")) refuse("forbidden", "抽選を実行できるのは人材育成課だけです。");
      const session = (await lockSession(tx, courseSessionId)) ?? refuse("not_found", "研修の回が見つかりません。");
      if (session.allocation !== "lottery") refuse("conflict", "この回は先着順です。抽選はありません。");
      if (session.status === "called_off") refuse("conflict", "この回は中止になっています。");
      if (now >= session.startsAt) refuse("closed", "この回はすでに開始しています。");
      const course = (await first(tx.select().from(crs).where(eq(crs.id, session.courseId))))!;
      const r = await drawInTx(tx, session, course, actor, now);
      return { ok: true as const, courseId: course.id, ...r };
    }),
  );
}

/**
 * Draws every 抽選 回 whose sign-up window has closed and that is not drawn yet. Cheap
 * when there is nothing to do (one indexed query); called by the training pages and the
 * server's timer, so a draw happens at the close whoever looks first.
 */
export async function drawDueLotteries(now: Date = new Date()): Promise<number> {
  const due = await getDb()
    .select({ id: ses.id })
    .from(ses)
    .leftJoin(draws, eq(draws.courseSessionId, ses.id))
    .where(and(eq(ses.allocation, "lottery"), ne(ses.status, "called_off"), lte(ses.signupClosesAt, now), isNull(draws.id)));
  let drawn = 0;
  for (const { id } of due) {
    await immediate(async (tx) => {
      // Locked first: another request or server drawing this 回 right now holds the row,
      // and this one then finds its draw below instead of drawing a second time.
      const session = await lockSession(tx, id);
      if (!session || session.status === "called_off") return;
      if (await first(tx.select({ id: draws.id }).from(draws).where(eq(draws.courseSessionId, id)))) return; // another request drew it
      const course = (await first(tx.select().from(crs).where(eq(crs.id, session.courseId))))!;
      await drawInTx(tx, session, course, null, now);
      drawn++;
    });
  }
  return drawn;
}

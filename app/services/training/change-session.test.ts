import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "~/lib/fiscal-year";
import { cancelOwn, changeSession, signUp } from "./enrollment-mutations.server";
import { auditOf, enrollmentsOf, historyOf, inOrder, makeCourse, makeEmployee, makeSession, notificationsOf, NOW, seedTiers, times } from "./test-helpers";
import { ACTIVE_STATUSES, SEAT_STATUSES } from "./transitions";

beforeAll(seedTiers);

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

async function signedUp(actor: Awaited<ReturnType<typeof makeEmployee>>, courseSessionId: number, now = NOW) {
  const r = await signUp({ actor, courseSessionId, now });
  if (!r.ok) throw new Error(r.refusal.message);
  return r.enrollmentId;
}

describe("change to another 回 of the same course", () => {
  it("takes a free seat in the new 回 and gives the old seat to the first waitlisted there, who is told", async () => {
    const course = await makeCourse();
    const a = await makeSession(course.id, { capacity: 1, seq: 1 });
    const b = await makeSession(course.id, { capacity: 1, seq: 2, startsAt: jstDate(2026, 12, 17, 9, 30) });
    const me = await makeEmployee();
    const waiting = await makeEmployee();
    const mine = await signedUp(me, a.id);
    await signedUp(waiting, a.id, later(1));

    const r = await changeSession({ actor: me, enrollmentId: mine, toSessionId: b.id, now: later(5) });
    expect(r).toMatchObject({ ok: true, status: "confirmed", waitlistPosition: null });
    // One row moved: the same enrollment now in 第2回, nothing left behind in 第1回.
    expect((await enrollmentsOf(b.id)).map((e) => [e.id, e.status])).toEqual([[mine, "confirmed"]]);
    expect((await enrollmentsOf(a.id)).map((e) => [e.employeeId, e.status])).toEqual([[waiting.id, "confirmed"]]);
    expect((await notificationsOf(waiting.id)).map((n) => n.title)).toContain("研修のキャンセル待ちから繰り上がりました");
    expect((await historyOf(mine)).at(-1)).toMatchObject({ fromStatus: "confirmed", toStatus: "confirmed", actorRole: "employee", comment: expect.stringMatching(/^第1回（.+）から第2回（.+）に変更$/) });
    expect((await auditOf(`training_enrollment:${mine}`)).map((x) => x.action)).toContain("training.enrollment.change");
  });

  it("joins the new 回's waitlist when it is full, and the old seat is still passed on", async () => {
    const course = await makeCourse();
    const a = await makeSession(course.id, { capacity: 1, seq: 1 });
    const b = await makeSession(course.id, { capacity: 1, seq: 2 });
    const me = await makeEmployee();
    const other = await makeEmployee();
    const waitingA = await makeEmployee();
    const mine = await signedUp(me, a.id);
    await signedUp(other, b.id);
    await signedUp(waitingA, a.id, later(1));
    const r = await changeSession({ actor: me, enrollmentId: mine, toSessionId: b.id, now: later(2) });
    expect(r).toMatchObject({ ok: true, status: "waitlisted", waitlistPosition: 1 });
    expect((await enrollmentsOf(a.id)).find((e) => e.employeeId === waitingA.id)?.status).toBe("confirmed");
  });

  it("from a waitlist place to a free seat frees nothing in the old 回", async () => {
    const course = await makeCourse();
    const a = await makeSession(course.id, { capacity: 1, seq: 1 });
    const b = await makeSession(course.id, { capacity: 3, seq: 2 });
    const first = await makeEmployee();
    const me = await makeEmployee();
    await signedUp(first, a.id);
    const mine = await signedUp(me, a.id, later(1));
    expect(await changeSession({ actor: me, enrollmentId: mine, toSessionId: b.id, now: later(2) })).toMatchObject({ ok: true, status: "confirmed", promoted: [] });
  });

  it("asks the supervisor again where the course needs approval, and tells them", async () => {
    const course = await makeCourse({ needsApproval: true });
    const a = await makeSession(course.id, { capacity: 2, seq: 1 });
    const b = await makeSession(course.id, { capacity: 2, seq: 2 });
    const boss = await makeEmployee({ rank: "係長" });
    const me = await makeEmployee({ supervisorId: boss.id });
    const mine = await signedUp(me, a.id);
    expect(await changeSession({ actor: me, enrollmentId: mine, toSessionId: b.id, now: later(1) })).toMatchObject({ ok: true, status: "pending" });
    expect((await notificationsOf(boss.id)).filter((n) => n.title === "研修申込の承認依頼があります")).toHaveLength(2);
  });

  it("refuses after the old 回's cancellation deadline, into a closed 回, into another course, and someone else's — writing nothing", async () => {
    const course = await makeCourse();
    const a = await makeSession(course.id, { capacity: 2, seq: 1, cancelDeadline: jstDate(2026, 11, 26, 17, 0) });
    const closed = await makeSession(course.id, { capacity: 2, seq: 2, status: "closed" });
    const open = await makeSession(course.id, { capacity: 2, seq: 3 });
    const elsewhere = await makeSession((await makeCourse()).id, { capacity: 2 });
    const me = await makeEmployee();
    const mine = await signedUp(me, a.id);
    const refusal = (r: Awaited<ReturnType<typeof changeSession>>) => (r.ok ? null : r.refusal);
    expect(refusal(await changeSession({ actor: me, enrollmentId: mine, toSessionId: closed.id, now: later(1) }))).toMatchObject({ reason: "closed" });
    expect(refusal(await changeSession({ actor: me, enrollmentId: mine, toSessionId: elsewhere.id, now: later(1) }))).toMatchObject({ reason: "not_found" });
    expect(refusal(await changeSession({ actor: await makeEmployee(), enrollmentId: mine, toSessionId: open.id, now: later(1) }))).toMatchObject({ reason: "not_found" });
    expect(refusal(await changeSession({ actor: me, enrollmentId: mine, toSessionId: open.id, now: jstDate(2026, 11, 27, 9, 0) }))).toMatchObject({
      reason: "closed",
      message: expect.stringContaining("回の変更は今の回のキャンセル期限"),
    });
    expect((await enrollmentsOf(a.id)).map((e) => e.status)).toEqual(["confirmed"]);
    expect(await historyOf(mine)).toHaveLength(1);
  });

  it("refuses a sign-up that is no longer live (cancelled)", async () => {
    const course = await makeCourse();
    const a = await makeSession(course.id, { seq: 1 });
    const b = await makeSession(course.id, { seq: 2 });
    const me = await makeEmployee();
    const mine = await signedUp(me, a.id);
    await cancelOwn({ actor: me, enrollmentId: mine, now: later(1) });
    const r = await changeSession({ actor: me, enrollmentId: mine, toSessionId: b.id, now: later(2) });
    expect(r.ok ? null : r.refusal.reason).toBe("conflict");
  });
});

describe("capacity and one live sign-up per person under any sequence of changes", () => {
  it("both 回 stay within capacity, nobody holds two places, a waitlist waits only when its 回 is full", async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("signUp" as const), who: fc.nat(9), to: fc.nat(1) }),
      fc.record({ kind: fc.constant("change" as const), who: fc.nat(9), to: fc.nat(1) }),
      fc.record({ kind: fc.constant("cancel" as const), who: fc.nat(9), to: fc.nat(1) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.array(op, { maxLength: 30 }), async (capacity, ops) => {
        const course = await makeCourse();
        const sessions = [await makeSession(course.id, { capacity, seq: 1 }), await makeSession(course.id, { capacity, seq: 2 })];
        const people = await times(10, () => makeEmployee());
        const mine = new Map<string, number>();
        for (const [i, o] of ops.entries()) {
          const p = people[o.who]!;
          const now = later(i);
          const target = sessions[o.to]!.id;
          if (o.kind === "signUp") {
            const r = await signUp({ actor: p, courseSessionId: target, now });
            if (r.ok) mine.set(p.id, r.enrollmentId);
          } else {
            const id = mine.get(p.id);
            if (id === undefined) continue;
            if (o.kind === "change") await changeSession({ actor: p, enrollmentId: id, toSessionId: target, now });
            else await cancelOwn({ actor: p, enrollmentId: id, now });
          }
          const all = (await inOrder(sessions, (s) => enrollmentsOf(s.id))).flat();
          for (const s of sessions) {
            const rows = all.filter((r) => r.courseSessionId === s.id);
            const seats = rows.filter((r) => SEAT_STATUSES.includes(r.status)).length;
            const waiting = rows.filter((r) => r.status === "waitlisted");
            expect(seats).toBeLessThanOrEqual(capacity);
            if (waiting.length > 0) expect(seats).toBe(capacity);
            expect(new Set(waiting.map((r) => r.waitlistSeq)).size).toBe(waiting.length);
          }
          const live = all.filter((r) => ACTIVE_STATUSES.includes(r.status)).map((r) => r.employeeId);
          expect(new Set(live).size).toBe(live.length);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

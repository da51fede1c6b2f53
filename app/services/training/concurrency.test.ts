// The invariants of 階層別研修 under real concurrency. On PostgreSQL every call below runs
// in its own pooled transaction at READ COMMITTED, all at once: what keeps seats, waitlist
// places and draws right is the lock on the course session's row (`lockSession`, SELECT …
// FOR UPDATE), taken before anything is counted — two 回 lower id first. On SQLite the same
// calls queue on the one writer and must give the same answers.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { cancelOwn, changeSession, signUp } from "./enrollment-mutations.server";
import { drawDueLotteries, runDraw } from "./lottery.server";
import { makeCourse, makeEmployee, makeSession, NOW, seatTally, seedTiers, times } from "./test-helpers";

beforeAll(seedTiers);

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("seats and waitlist of a 回 under parallel requests", () => {
  it("200 parallel sign-ups on a 20-seat 回: exactly 20 seated, 180 waitlisted with unique positions, none refused", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 20 });
    const people = await times(200, () => makeEmployee());
    const results = await Promise.all(people.map((p, i) => signUp({ actor: p, courseSessionId: session.id, now: later(i % 60) })));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const t = await seatTally(session.id);
    expect(t.seated).toBe(20);
    expect(t.waitlisted).toBe(180);
    expect(t.uniqueWaitlistSeqs).toBe(true);
    const positions = results.flatMap((r) => (r.ok && r.waitlistPosition !== null ? [r.waitlistPosition] : []));
    expect(new Set(positions).size).toBe(180);
  }, 120_000);

  it("20 parallel cancellations of seated people promote exactly the first 20 of the waitlist", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 20 });
    const people = await times(50, () => makeEmployee());
    const ids: number[] = [];
    for (const [i, p] of people.entries()) {
      const r = await signUp({ actor: p, courseSessionId: session.id, now: later(i) });
      if (!r.ok) throw new Error(r.refusal.message);
      ids.push(r.enrollmentId);
    }
    const firstWaiting = (await seatTally(session.id)).rows
      .filter((r) => r.status === "waitlisted")
      .sort((a, b) => a.waitlistSeq! - b.waitlistSeq!)
      .slice(0, 20)
      .map((r) => r.id);
    const results = await Promise.all(people.slice(0, 20).map((p, i) => cancelOwn({ actor: p, enrollmentId: ids[i]!, now: later(100) })));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const promoted = results.flatMap((r) => (r.ok ? r.promoted : []));
    expect(promoted.sort((a, b) => a - b)).toEqual([...firstWaiting].sort((a, b) => a - b));
    const t = await seatTally(session.id);
    expect(t.seated).toBe(20);
    expect(t.waitlisted).toBe(10);
    expect(t.rows.filter((r) => firstWaiting.includes(r.id)).every((r) => r.status === "confirmed")).toBe(true);
  }, 120_000);
});

describe("a change of 回 locks both 回, lower id first", () => {
  it("20 people moving into a 5-seat 回 at once: 5 seated there, 15 waitlisted with unique places", async () => {
    const course = await makeCourse();
    const from = await makeSession(course.id, { capacity: 20, seq: 1 });
    const to = await makeSession(course.id, { capacity: 5, seq: 2 });
    const people = await times(20, () => makeEmployee());
    const ids: number[] = [];
    for (const p of people) {
      const r = await signUp({ actor: p, courseSessionId: from.id, now: NOW });
      if (!r.ok) throw new Error(r.refusal.message);
      ids.push(r.enrollmentId);
    }
    const results = await Promise.all(people.map((p, i) => changeSession({ actor: p, enrollmentId: ids[i]!, toSessionId: to.id, now: later(1) })));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const t = await seatTally(to.id);
    expect(t.seated).toBe(5);
    expect(t.waitlisted).toBe(15);
    expect(t.uniqueWaitlistSeqs).toBe(true);
    expect((await seatTally(from.id)).rows).toHaveLength(0);
  }, 120_000);

  it("moves in both directions at once neither deadlock nor overbook either 回", async () => {
    const course = await makeCourse();
    const a = await makeSession(course.id, { capacity: 10, seq: 1 });
    const b = await makeSession(course.id, { capacity: 10, seq: 2 });
    const people = await times(24, () => makeEmployee());
    const moves: { p: (typeof people)[number]; enrollmentId: number; to: number }[] = [];
    for (const [i, p] of people.entries()) {
      const home = i % 2 === 0 ? a : b;
      const r = await signUp({ actor: p, courseSessionId: home.id, now: later(i) });
      if (!r.ok) throw new Error(r.refusal.message);
      moves.push({ p, enrollmentId: r.enrollmentId, to: home.id === a.id ? b.id : a.id });
    }
    const results = await Promise.all(moves.map((m) => changeSession({ actor: m.p, enrollmentId: m.enrollmentId, toSessionId: m.to, now: later(100) })));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    for (const s of [a, b]) {
      const t = await seatTally(s.id);
      expect(t.seated).toBeLessThanOrEqual(10);
      if (t.waitlisted > 0) expect(t.seated).toBe(10);
      expect(t.uniqueWaitlistSeqs).toBe(true);
    }
    const all = [...(await seatTally(a.id)).rows, ...(await seatTally(b.id)).rows];
    expect(all).toHaveLength(24);
  }, 120_000);
});

describe("one draw per 抽選 回", () => {
  it("the timer on several servers and 人材育成課's button at once: one draw, its seats given once", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 3 });
    await immediate(async (tx) => {
      await tx.update(schema.trainingCourseSessions).set({ allocation: "lottery" }).where(eq(schema.trainingCourseSessions.id, session.id));
    });
    for (const [i, p] of (await times(10, () => makeEmployee())).entries()) {
      const r = await signUp({ actor: p, courseSessionId: session.id, now: later(i) });
      if (!r.ok || r.status !== "applied") throw new Error("not an 応募");
    }
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    const afterClose = jstDate(2026, 12, 1, 17, 0);
    const [byTimer, byHand] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => drawDueLotteries(afterClose))),
      Promise.all(Array.from({ length: 2 }, () => runDraw({ actor: hr, courseSessionId: session.id, now: afterClose }))),
    ]);
    const draws = byTimer.reduce((n, d) => n + d, 0) + byHand.filter((r) => r.ok).length;
    expect(draws).toBe(1);
    for (const r of byHand) if (!r.ok) expect(r.refusal.reason).toBe("conflict");
    expect(await getDb().select().from(schema.trainingDraws).where(eq(schema.trainingDraws.courseSessionId, session.id))).toHaveLength(1);
    const t = await seatTally(session.id);
    expect(t.seated).toBe(3);
    expect(t.waitlisted).toBe(7);
    expect(t.uniqueWaitlistSeqs).toBe(true);
  }, 120_000);
});

import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, immediate, isUniqueViolation, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { updateSession } from "./catalogue.server";
import { cancelOwn, decideAsSupervisor, markAttendance, promoteWaitlisted, removeByHrDev, signUp } from "./enrollment-mutations.server";
import { seatsTaken } from "./seats.server";
import {
  NOW,
  auditOf,
  enrollmentsOf,
  historyOf,
  inOrder,
  makeCourse,
  makeEmployee,
  makeSession,
  notificationsOf,
  seedTiers,
  times,
} from "./test-helpers";
import { SEAT_STATUSES } from "./transitions";

beforeAll(seedTiers);

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("sign-up: seats in arrival order, then the waitlist", () => {
  it("fills the capacity, then gives waitlist places 1, 2, 3 with unique sequence numbers", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 2 });
    const people = await times(5, () => makeEmployee());
    const results = await inOrder(people, (p, i) => signUp({ actor: p, courseSessionId: session.id, now: later(i) }));
    expect(results.map((r) => (r.ok ? r.status : r.refusal.message))).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"]);
    expect(results.map((r) => (r.ok ? r.waitlistPosition : null))).toEqual([null, null, 1, 2, 3]);
    const rows = await enrollmentsOf(session.id);
    expect(rows.filter((r) => r.status === "confirmed").map((r) => r.employeeId)).toEqual([people[0]!.id, people[1]!.id]);
    const seqs = rows.filter((r) => r.status === "waitlisted").map((r) => r.waitlistSeq);
    expect(new Set(seqs).size).toBe(3);
  });

  it("a double submit creates one record and answers with the same enrollment", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 1 });
    const p = await makeEmployee();
    const first = await signUp({ actor: p, courseSessionId: session.id, now: NOW });
    const second = await signUp({ actor: p, courseSessionId: session.id, now: later(1) });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.already).toBe(true);
    expect(second.enrollmentId).toBe(first.enrollmentId);
    expect(await enrollmentsOf(session.id)).toHaveLength(1);
  });

  it("one active sign-up per course: another session of the same course is refused", async () => {
    const course = await makeCourse();
    const a = await makeSession(course.id, { capacity: 5 });
    const b = await makeSession(course.id, { capacity: 5 });
    const p = await makeEmployee();
    expect((await signUp({ actor: p, courseSessionId: a.id, now: NOW })).ok).toBe(true);
    const r = await signUp({ actor: p, courseSessionId: b.id, now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal).toMatchObject({ reason: "conflict", message: expect.stringMatching(/すでに第\d+回で申し込んでいます/) });
    expect(await enrollmentsOf(b.id)).toHaveLength(0);
  });

  it("the database itself refuses a second active enrollment for the same course and person", async () => {
    const course = await makeCourse();
    const s = await makeSession(course.id, { capacity: 5 });
    const p = await makeEmployee();
    const row = { courseId: course.id, courseSessionId: s.id, employeeId: p.id, requestedAt: NOW, updatedAt: NOW };
    const insert = (values: typeof schema.trainingEnrollments.$inferInsert) => immediate(async (tx) => void (await tx.insert(schema.trainingEnrollments).values(values)));
    await insert({ ...row, status: "confirmed" });
    for (const status of ["pending", "confirmed", "waitlisted", "attended", "completed"] as const) {
      // The engine's own unique-violation code (SQLite's message and PostgreSQL's differ).
      await expect(insert({ ...row, status, waitlistSeq: 99 })).rejects.toSatisfy(isUniqueViolation);
    }
    // Ended records do not block: they stay as history beside a new sign-up.
    for (const status of ["cancelled", "rejected", "absent"] as const) {
      await insert({ ...row, status });
    }
  });

  it("refuses outside the window, a closed or started session, and an employee outside the tiers — writing nothing", async () => {
    const course = await makeCourse({ kind: "elective", tiers: ["new_kakaricho"] });
    const s = await makeSession(course.id, { capacity: 5 });
    const shunin = await makeEmployee({ rank: "主任", rankSince: "2026-04-01" });
    const r = await signUp({ actor: shunin, courseSessionId: s.id, now: NOW });
    expect(r).toMatchObject({ ok: false, refusal: { reason: "invalid", message: "この研修の対象（新任係長）ではないため申し込めません。" } });
    const kakaricho = await makeEmployee({ rank: "係長", rankSince: "2026-04-01" });
    expect((await signUp({ actor: kakaricho, courseSessionId: s.id, now: jstDate(2026, 10, 31, 23, 59) })).ok).toBe(false);
    expect((await signUp({ actor: kakaricho, courseSessionId: s.id, now: jstDate(2026, 12, 1, 17, 0) })).ok).toBe(false);
    const closed = await makeSession(course.id, { status: "closed" });
    expect((await signUp({ actor: kakaricho, courseSessionId: closed.id, now: NOW })).ok).toBe(false);
    expect(await enrollmentsOf(s.id)).toHaveLength(0);
    expect(await signUp({ actor: kakaricho, courseSessionId: s.id, now: NOW })).toMatchObject({ ok: true, status: "confirmed" });
  });

  it("records history and an audit line for the sign-up", async () => {
    const course = await makeCourse();
    const s = await makeSession(course.id);
    const p = await makeEmployee();
    const r = await signUp({ actor: p, courseSessionId: s.id, now: NOW });
    if (!r.ok) throw r.refusal;
    expect(await historyOf(r.enrollmentId)).toMatchObject([{ fromStatus: null, toStatus: "confirmed", actorId: p.id, actorRole: "employee" }]);
    expect(await auditOf(`training_enrollment:${r.enrollmentId}`)).toMatchObject([{ action: "training.enrollment.signUp", actorId: p.id, outcome: "success" }]);
  });
});

describe("cancellation promotes the first on the waitlist in the same transaction", () => {
  it("the freed seat goes to waitlist #1, who is notified; #2 moves up to position 1", async () => {
    const course = await makeCourse();
    const s = await makeSession(course.id, { capacity: 1 });
    const [a, b, c] = [await makeEmployee(), await makeEmployee(), await makeEmployee()];
    const ra = await signUp({ actor: a, courseSessionId: s.id, now: NOW });
    await signUp({ actor: b, courseSessionId: s.id, now: later(1) });
    await signUp({ actor: c, courseSessionId: s.id, now: later(2) });
    if (!ra.ok) throw new Error();
    const res = await cancelOwn({ actor: a, enrollmentId: ra.enrollmentId, now: later(3) });
    expect(res.ok).toBe(true);
    const rows = await enrollmentsOf(s.id);
    expect(rows.find((r) => r.employeeId === a.id)?.status).toBe("cancelled");
    const promoted = rows.find((r) => r.employeeId === b.id)!;
    expect(promoted.status).toBe("confirmed");
    expect(res.ok && res.promoted).toEqual([promoted.id]);
    expect(rows.find((r) => r.employeeId === c.id)?.status).toBe("waitlisted");
    expect((await notificationsOf(b.id)).map((n) => n.title)).toContain("研修のキャンセル待ちから繰り上がりました");
    expect(await notificationsOf(c.id)).toHaveLength(0);
    expect((await historyOf(promoted.id)).map((h) => [h.fromStatus, h.toStatus, h.actorRole])).toEqual([
      [null, "waitlisted", "employee"],
      ["waitlisted", "confirmed", "system"],
    ]);
    expect((await auditOf(`training_enrollment:${promoted.id}`)).map((x) => x.action)).toContain("training.enrollment.promote");
    expect(await seatsTaken(getDb(), s.id)).toBe(1);
  });

  it("nobody is promoted into a session that has started", async () => {
    const course = await makeCourse();
    const startsAt = jstDate(2026, 12, 10, 9, 30);
    const s = await makeSession(course.id, { capacity: 1, startsAt });
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    const ra = await signUp({ actor: a, courseSessionId: s.id, now: NOW });
    await signUp({ actor: b, courseSessionId: s.id, now: later(1) });
    if (!ra.ok) throw new Error();
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    // 人材育成課 removes someone after the start: the seat is not passed on.
    const res = await removeByHrDev({ actor: hr, enrollmentId: ra.enrollmentId, courseSessionId: s.id, comment: "当日欠席連絡", now: new Date(startsAt.getTime() + 60_000) });
    expect(res).toMatchObject({ ok: true, promoted: [] });
    expect((await enrollmentsOf(s.id)).find((r) => r.employeeId === b.id)?.status).toBe("waitlisted");
    expect(await immediate((tx) => promoteWaitlisted(tx, s.id, startsAt))).toEqual([]);
    // One minute before the start the same removal would have promoted.
    expect(await immediate((tx) => promoteWaitlisted(tx, s.id, new Date(startsAt.getTime() - 60_000)))).toHaveLength(1);
  });

  it("the cancellation deadline holds; a waitlisted person may still leave", async () => {
    const course = await makeCourse();
    const s = await makeSession(course.id, { capacity: 1 });
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    const ra = await signUp({ actor: a, courseSessionId: s.id, now: NOW });
    const rb = await signUp({ actor: b, courseSessionId: s.id, now: NOW });
    if (!ra.ok || !rb.ok) throw new Error();
    const afterDeadline = jstDate(2026, 12, 3, 17, 0);
    expect(await cancelOwn({ actor: a, enrollmentId: ra.enrollmentId, now: afterDeadline })).toMatchObject({ ok: false });
    expect(await cancelOwn({ actor: b, enrollmentId: rb.enrollmentId, now: afterDeadline })).toMatchObject({ ok: true, promoted: [] });
    expect((await enrollmentsOf(s.id)).map((r) => r.status).sort()).toEqual(["cancelled", "confirmed"]);
  });

  it("nobody can cancel someone else's enrollment (answered as not found)", async () => {
    const course = await makeCourse();
    const s = await makeSession(course.id);
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    const ra = await signUp({ actor: a, courseSessionId: s.id, now: NOW });
    if (!ra.ok) throw new Error();
    expect(await cancelOwn({ actor: b, enrollmentId: ra.enrollmentId, now: NOW })).toMatchObject({ ok: false, refusal: { reason: "not_found" } });
    expect((await enrollmentsOf(s.id))[0]?.status).toBe("confirmed");
  });

  it("cancelling twice is harmless and promotes once", async () => {
    const course = await makeCourse();
    const s = await makeSession(course.id, { capacity: 1 });
    const [a, b, c] = [await makeEmployee(), await makeEmployee(), await makeEmployee()];
    const ra = await signUp({ actor: a, courseSessionId: s.id, now: NOW });
    await signUp({ actor: b, courseSessionId: s.id, now: NOW });
    await signUp({ actor: c, courseSessionId: s.id, now: NOW });
    if (!ra.ok) throw new Error();
    expect(await cancelOwn({ actor: a, enrollmentId: ra.enrollmentId, now: NOW })).toMatchObject({ ok: true });
    expect(await cancelOwn({ actor: a, enrollmentId: ra.enrollmentId, now: NOW })).toMatchObject({ ok: true, promoted: [] });
    expect((await enrollmentsOf(s.id)).filter((r) => r.status === "confirmed")).toHaveLength(1);
  });

  it("after cancelling, the person may sign up again (the old record stays)", async () => {
    const course = await makeCourse();
    const s = await makeSession(course.id, { capacity: 3 });
    const a = await makeEmployee();
    const r1 = await signUp({ actor: a, courseSessionId: s.id, now: NOW });
    if (!r1.ok) throw new Error();
    await cancelOwn({ actor: a, enrollmentId: r1.enrollmentId, now: NOW });
    const r2 = await signUp({ actor: a, courseSessionId: s.id, now: later(1) });
    expect(r2).toMatchObject({ ok: true, already: false, status: "confirmed" });
    expect((await enrollmentsOf(s.id)).map((r) => r.status).sort()).toEqual(["cancelled", "confirmed"]);
  });
});

describe("supervisor approval", () => {
  it("a pending sign-up holds the seat; returning it promotes the waitlist (to pending) and notifies", async () => {
    const course = await makeCourse({ needsApproval: true });
    const s = await makeSession(course.id, { capacity: 1 });
    const boss = await makeEmployee({ rank: "係長" });
    const [a, b] = [await makeEmployee({ supervisorId: boss.id }), await makeEmployee({ supervisorId: boss.id })];
    const ra = await signUp({ actor: a, courseSessionId: s.id, now: NOW });
    const rb = await signUp({ actor: b, courseSessionId: s.id, now: later(1) });
    expect(ra).toMatchObject({ ok: true, status: "pending" });
    expect(rb).toMatchObject({ ok: true, status: "waitlisted", waitlistPosition: 1 });
    expect((await notificationsOf(boss.id)).map((n) => n.title)).toEqual(["研修申込の承認依頼があります"]);
    if (!ra.ok || !rb.ok) throw new Error();

    // The comment is required to return.
    expect(await decideAsSupervisor({ actor: boss, enrollmentId: ra.enrollmentId, decision: "return", comment: null, now: later(2) })).toMatchObject({ ok: false });
    const res = await decideAsSupervisor({ actor: boss, enrollmentId: ra.enrollmentId, decision: "return", comment: "繁忙期のため次回に", now: later(2) });
    expect(res).toMatchObject({ ok: true, promoted: [rb.enrollmentId] });
    const rows = await enrollmentsOf(s.id);
    expect(rows.find((r) => r.id === ra.enrollmentId)?.status).toBe("rejected");
    expect(rows.find((r) => r.id === rb.enrollmentId)?.status).toBe("pending");
    expect((await historyOf(ra.enrollmentId)).at(-1)).toMatchObject({ fromStatus: "pending", toStatus: "rejected", actorRole: "supervisor", comment: "繁忙期のため次回に" });
    expect((await notificationsOf(a.id)).map((n) => n.title)).toContain("研修の申込が差し戻されました");
    expect(await notificationsOf(boss.id)).toHaveLength(2);

    expect(await decideAsSupervisor({ actor: boss, enrollmentId: rb.enrollmentId, decision: "approve", now: later(3) })).toMatchObject({ ok: true });
    expect((await enrollmentsOf(s.id)).find((r) => r.id === rb.enrollmentId)?.status).toBe("confirmed");
    // Deciding again is refused with the reason.
    expect(await decideAsSupervisor({ actor: boss, enrollmentId: rb.enrollmentId, decision: "approve", now: later(4) })).toMatchObject({ ok: false });
  });

  it("someone else's supervisor cannot decide (not found)", async () => {
    const course = await makeCourse({ needsApproval: true });
    const s = await makeSession(course.id);
    const boss = await makeEmployee({ rank: "係長" });
    const other = await makeEmployee({ rank: "係長" });
    const a = await makeEmployee({ supervisorId: boss.id });
    const r = await signUp({ actor: a, courseSessionId: s.id, now: NOW });
    if (!r.ok) throw new Error();
    expect(await decideAsSupervisor({ actor: other, enrollmentId: r.enrollmentId, decision: "approve", now: NOW })).toMatchObject({ ok: false, refusal: { reason: "not_found" } });
    expect(await decideAsSupervisor({ actor: a, enrollmentId: r.enrollmentId, decision: "approve", now: NOW })).toMatchObject({ ok: false, refusal: { reason: "not_found" } });
  });
});

describe("人材育成課", () => {
  it("marks attendance only after the start, all or nothing", async () => {
    const course = await makeCourse();
    const startsAt = jstDate(2026, 12, 10, 9, 30);
    const s = await makeSession(course.id, { capacity: 2, startsAt });
    const [a, b, c] = [await makeEmployee(), await makeEmployee(), await makeEmployee()];
    const ids = await inOrder([a, b, c], async (p) => {
      const r = await signUp({ actor: p, courseSessionId: s.id, now: NOW });
      if (!r.ok) throw new Error();
      return r.enrollmentId;
    });
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    expect(await markAttendance({ actor: hr, courseSessionId: s.id, enrollmentIds: ids.slice(0, 2), mark: "completed", now: NOW })).toMatchObject({ ok: false });
    const after = new Date(startsAt.getTime() + 8 * 3600_000);
    // c is on the waitlist: the whole batch is refused.
    const refused = await markAttendance({ actor: hr, courseSessionId: s.id, enrollmentIds: ids, mark: "completed", now: after });
    expect(refused.ok).toBe(false);
    expect((await enrollmentsOf(s.id)).filter((r) => r.status === "completed")).toHaveLength(0);
    expect(await markAttendance({ actor: hr, courseSessionId: s.id, enrollmentIds: ids.slice(0, 2), mark: "completed", now: after })).toEqual({ ok: true, changed: 2 });
    expect(await markAttendance({ actor: hr, courseSessionId: s.id, enrollmentIds: [ids[1]!], mark: "absent", now: after })).toEqual({ ok: true, changed: 1 });
    expect((await historyOf(ids[1]!)).map((h) => h.toStatus)).toEqual(["confirmed", "completed", "absent"]);
  });

  it("an enrollment of another session cannot be marked through this one", async () => {
    const course = await makeCourse();
    const s1 = await makeSession(course.id, { startsAt: jstDate(2026, 12, 10, 9, 30) });
    const s2 = await makeSession(course.id, { startsAt: jstDate(2026, 12, 11, 9, 30) });
    const r = await signUp({ actor: await makeEmployee(), courseSessionId: s2.id, now: NOW });
    if (!r.ok) throw new Error();
    expect(await markAttendance({ actor: await makeEmployee({ roles: ["hr_dev"] }), courseSessionId: s1.id, enrollmentIds: [r.enrollmentId], mark: "completed", now: jstDate(2027, 1, 1) })).toMatchObject({ ok: false });
  });

  it("raising the capacity promotes the waitlist; lowering below the seats taken is refused", async () => {
    const course = await makeCourse();
    const s = await makeSession(course.id, { capacity: 1 });
    for (let i = 0; i < 4; i++) await signUp({ actor: await makeEmployee(), courseSessionId: s.id, now: later(i) });
    const form = {
      fiscalYear: 2026,
      date: "2026-12-10",
      startTime: "09:30",
      endTime: "17:00",
      venue: "研修室",
      online: false,
      signupOpensAt: "2026-11-01T09:00",
      signupClosesAt: "2026-12-01T17:00",
      cancelDeadline: "2026-12-03T17:00",
      status: "open" as const,
      allocation: "first_come" as const,
    };
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    const up = await updateSession(hr, s.id, { ...form, capacity: 3 }, NOW);
    expect(up.ok && up.promoted.length).toBe(2);
    expect(await seatsTaken(getDb(), s.id)).toBe(3);
    expect(await updateSession(hr, s.id, { ...form, capacity: 2 }, NOW)).toMatchObject({ ok: false, refusal: { field: "capacity" } });
  });
});

describe("capacity invariant under any sequence of operations", () => {
  it("seats never exceed capacity, the waitlist waits only when full, and waitlist numbers are unique", async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("signUp" as const), who: fc.nat(11) }),
      fc.record({ kind: fc.constant("cancel" as const), who: fc.nat(11) }),
      fc.record({ kind: fc.constant("return" as const), who: fc.nat(11) }),
      fc.record({ kind: fc.constant("approve" as const), who: fc.nat(11) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.array(op, { maxLength: 40 }), async (capacity, needsApproval, ops) => {
        const course = await makeCourse({ needsApproval });
        const s = await makeSession(course.id, { capacity });
        const boss = await makeEmployee({ rank: "係長" });
        const people = await times(12, () => makeEmployee({ supervisorId: boss.id }));
        const mine = new Map<string, number>();
        for (const [i, o] of ops.entries()) {
          const p = people[o.who]!;
          const now = later(i);
          if (o.kind === "signUp") {
            const r = await signUp({ actor: p, courseSessionId: s.id, now });
            if (r.ok) mine.set(p.id, r.enrollmentId);
          } else {
            const id = mine.get(p.id);
            if (id === undefined) continue;
            if (o.kind === "cancel") await cancelOwn({ actor: p, enrollmentId: id, now });
            else await decideAsSupervisor({ actor: boss, enrollmentId: id, decision: o.kind, comment: "理由", now });
          }
          const rows = await enrollmentsOf(s.id);
          const seats = rows.filter((r) => SEAT_STATUSES.includes(r.status)).length;
          const waiting = rows.filter((r) => r.status === "waitlisted");
          expect(seats).toBeLessThanOrEqual(capacity);
          if (waiting.length > 0) expect(seats).toBe(capacity);
          expect(new Set(waiting.map((r) => r.waitlistSeq)).size).toBe(waiting.length);
          const active = rows.filter((r) => !["cancelled", "rejected", "absent"].includes(r.status)).map((r) => r.employeeId);
          expect(new Set(active).size).toBe(active.length);
        }
      }),
      { numRuns: 50 },
    );
    // Each operation is a committed, fsynced transaction (synchronous=FULL): give it time on a busy CI machine.
  }, 60_000);
});

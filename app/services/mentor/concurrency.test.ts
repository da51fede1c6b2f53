// The mentor programme's invariants under concurrent writes. On PostgreSQL each immediate()
// is its own pooled READ COMMITTED transaction, so these run truly in parallel and only the
// row locks (FOR UPDATE) keep the counts right; on SQLite they queue on the write lock and
// must give the same answers.
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { first, getDb, schema } from "~/db.server";
import { askMentor, checkFit, decideRequest, editProposal, logMeeting, transitionCycle } from "./mutations.server";
import { asMentee, asMentor, menteesApart, mentorOf, NOW, openCycle, requestsTo, version } from "./test-helpers";
import { jstDate } from "~/lib/fiscal-year";
import { SEAT_HOLDING_STATUSES } from "./transitions";

const { mentorPairs: pairs, notifications } = schema;
const LATER = jstDate(2026, 6, 20, 10, 0);

async function holding(cycleId: number, mentorId?: string) {
  return getDb()
    .select()
    .from(pairs)
    .where(and(eq(pairs.cycleId, cycleId), inArray(pairs.status, [...SEAT_HOLDING_STATUSES]), ...(mentorId ? [eq(pairs.mentorId, mentorId)] : [])));
}

describe("a mentor's capacity (the mentor's registration row is locked)", () => {
  it("12 requests accepted at once by a mentor with 3 seats: exactly 3 pairs, 9 refused as full", async () => {
    const { cycleId } = await openCycle();
    const m = await mentorOf(3);
    await asMentor(m.actor, cycleId, { capacity: m.capacity });
    const people = await menteesApart(12);
    const asked = await requestsTo(m.actor.viewer.id, cycleId, people);
    const results = await Promise.all(asked.map((id) => decideRequest(m.actor, id, "accept", NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.refusal.reason))).toEqual(Array(9).fill("limit"));
    expect(await holding(cycleId, m.actor.viewer.id)).toHaveLength(3);
  });

  it("accepting while the mentor lowers the capacity never leaves more pairs than seats", async () => {
    const { cycleId } = await openCycle();
    const m = await mentorOf(3);
    await asMentor(m.actor, cycleId, { capacity: m.capacity });
    const people = await menteesApart(3);
    const asked = await requestsTo(m.actor.viewer.id, cycleId, people);
    // The form is sent again with 1 seat while all three are accepted.
    const lower = asMentor(m.actor, cycleId, { capacity: "1", version: "1" }).then(
      () => true,
      () => false,
    );
    const [lowered, ...accepts] = await Promise.all([lower, ...asked.map((id) => decideRequest(m.actor, id, "accept", NOW))]);
    const reg = await first(getDb().select().from(schema.mentorRegistrations).where(and(eq(schema.mentorRegistrations.cycleId, cycleId), eq(schema.mentorRegistrations.employeeId, m.actor.viewer.id))));
    const held = await holding(cycleId, m.actor.viewer.id);
    expect(held.length).toBeLessThanOrEqual(reg!.capacity);
    expect(held).toHaveLength(accepts.filter((r) => r.ok).length);
    expect(reg!.capacity).toBe(lowered ? 1 : 3);
  });
});

describe("one pair per mentee", () => {
  it("two mentors of two cycles accept the same mentee at once: one pair, the other refused cleanly", async () => {
    const a = await openCycle();
    const b = await openCycle({ title: "令和8年度 職員メンター制度（後期）" });
    const [m1, m2] = [await mentorOf(2), await mentorOf(2)];
    const [me] = await menteesApart(1);
    await asMentor(m1.actor, a.cycleId);
    await asMentor(m2.actor, b.cycleId);
    await asMentee(me!, a.cycleId);
    await asMentee(me!, b.cycleId);
    const r1 = await askMentor(me!, a.cycleId, { mentorId: m1.actor.viewer.id, message: "" }, NOW);
    const r2 = await askMentor(me!, b.cycleId, { mentorId: m2.actor.viewer.id, message: "" }, NOW);
    if (!r1.ok || !r2.ok) throw new Error("asking failed");
    const results = await Promise.all([decideRequest(m1.actor, r1.id, "accept", NOW), decideRequest(m2.actor, r2.id, "accept", NOW)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, refusal: { reason: "conflict" } });
    const mine = await getDb()
      .select()
      .from(pairs)
      .where(and(eq(pairs.menteeId, me!.viewer.id), inArray(pairs.status, ["proposed", "active"])));
    expect(mine).toHaveLength(1);
  });
});

describe("人事課's cycle writes (the cycle row is locked)", () => {
  it("five 公開 at once with the same version: one publishes, four are refused (already published), each side told once", async () => {
    const { cycleId, hr } = await openCycle();
    const m = await mentorOf(3);
    await asMentor(m.actor, cycleId, { capacity: m.capacity });
    const people = await menteesApart(3);
    for (const p of people) await asMentee(p, cycleId);
    await transitionCycle(hr, cycleId, "start_matching", await version(cycleId), NOW);
    for (const p of people) expect((await editProposal(hr, cycleId, { intent: "add", menteeId: p.viewer.id, mentorId: m.actor.viewer.id }, NOW)).ok).toBe(true);
    const v = await version(cycleId);
    const results = await Promise.all(Array.from({ length: 5 }, () => transitionCycle(hr, cycleId, "publish", v, NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.refusal.reason))).toEqual(Array(4).fill("invalid"));
    const told = await getDb().select().from(notifications).where(eq(notifications.recipientId, m.actor.viewer.id));
    expect(told.filter((n) => n.title === "メンティが決まりました")).toHaveLength(3);
    const history = await getDb().select().from(schema.mentorHistory).where(and(eq(schema.mentorHistory.cycleId, cycleId), eq(schema.mentorHistory.action, "publish")));
    expect(history).toHaveLength(1 + 3); // the cycle's line and one per pair
  });
});

describe("a pair's own answers (the pair row is locked)", () => {
  it("mentee says 合わない while the mentor says 合う at the same moment: the rematch flag is never lost", async () => {
    const { cycleId, hr } = await openCycle();
    const mentors: Awaited<ReturnType<typeof mentorOf>>[] = [];
    for (let i = 0; i < 4; i++) mentors.push(await mentorOf(2));
    const people = await menteesApart(8);
    for (const m of mentors) await asMentor(m.actor, cycleId, { capacity: m.capacity });
    for (const p of people) await asMentee(p, cycleId);
    await transitionCycle(hr, cycleId, "start_matching", await version(cycleId), NOW);
    for (const [i, p] of people.entries()) {
      expect((await editProposal(hr, cycleId, { intent: "add", menteeId: p.viewer.id, mentorId: mentors[i % 4]!.actor.viewer.id }, NOW)).ok).toBe(true);
    }
    expect((await transitionCycle(hr, cycleId, "publish", await version(cycleId), NOW)).ok).toBe(true);
    const active = await holding(cycleId);
    for (const pair of active) {
      const mentee = people.find((p) => p.viewer.id === pair.menteeId)!;
      expect((await logMeeting(mentee, pair.id, { heldOn: "2026-06-19", minutes: 30, mode: "online" }, LATER)).ok).toBe(true);
    }
    const answers = await Promise.all(
      active.flatMap((pair) => {
        const mentee = people.find((p) => p.viewer.id === pair.menteeId)!;
        const m = mentors.find((x) => x.actor.viewer.id === pair.mentorId)!;
        return [checkFit(mentee, pair.id, "poor", LATER), checkFit(m.actor, pair.id, "good", LATER)];
      }),
    );
    expect(answers.every((r) => r.ok)).toBe(true);
    const after = await getDb().select().from(pairs).where(eq(pairs.cycleId, cycleId));
    expect(after.map((p) => [p.menteeFit, p.mentorFit, p.needsRematch])).toEqual(active.map(() => ["poor", "good", true]));
  });
});

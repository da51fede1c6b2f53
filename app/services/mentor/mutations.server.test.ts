import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, immediate, schema, sqlFor } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { addNote, answerSurvey, askMentor, checkFit, decideRequest, editProposal, endPairEarly, logMeeting, rematch, runMatching, transitionCycle } from "./mutations.server";
import { getCycleForHr, getPairForMember } from "./queries.server";
import { asMentee, asMentor, bureau, NOW, openCycle, person, version } from "./test-helpers";

const LATER = jstDate(2026, 6, 20, 10, 0);

async function pairsOf(cycleId: number) {
  return getDb().select().from(schema.mentorPairs).where(eq(schema.mentorPairs.cycleId, cycleId));
}

/** An open cycle with two 課 in one 局 and one in another, and the people of a small pool. */
async function pool() {
  const { cycleId, hr } = await openCycle();
  const [a1, a2] = await bureau("中原区役所", 2);
  const [b1] = await bureau("環境局", 1);
  const boss = await person({ unit: a1!, rank: "局長" });
  // The supervisor sits in another 課 here, so that only the supervisor-line rule keeps the two apart.
  const chief = await person({ unit: a2!, rank: "係長", supervisorId: boss.viewer.id });
  const mentee = await person({ unit: a1!, supervisorId: chief.viewer.id });
  const otherMentor = await person({ unit: b1!, rank: "課長" });
  const sameBureauMentor = await person({ unit: a2!, rank: "係長", supervisorId: boss.viewer.id });
  return { cycleId, hr, boss, chief, mentee, otherMentor, sameBureauMentor };
}

describe("registration", () => {
  it("one registration per person per cycle per side; a second form updates the first", async () => {
    const { cycleId } = await openCycle();
    const [u] = await bureau();
    const m = await person({ unit: u! });
    const a = await asMentee(m, cycleId);
    const b = await asMentee(m, cycleId, { worries: "人間関係について", version: "1" });
    expect(a).toBe(b);
    const rows = await getDb()
      .select()
      .from(schema.mentorRegistrations)
      .where(and(eq(schema.mentorRegistrations.cycleId, cycleId), eq(schema.mentorRegistrations.employeeId, m.viewer.id)));
    expect(rows.map((r) => [r.side, r.worries])).toEqual([["mentee", "人間関係について"]]);
  });

  it("refuses an ineligible mentor and an ineligible mentee with the rule's message", async () => {
    const { cycleId } = await openCycle();
    const [u] = await bureau();
    const junior = await person({ unit: u!, rank: "主任" });
    await expect(asMentor(junior, cycleId)).rejects.toThrow("係長以上");
    const senior = await person({ unit: u!, rank: "課長", hiredOn: "2000-04-01" });
    await expect(asMentee(senior, cycleId)).rejects.toThrow("採用から3年未満");
  });

  it("a required 研修 counts only when the training service records it as completed", async () => {
    const { cycleId } = await openCycle({ requiredCourseTitle: "メンター養成研修" });
    const [u] = await bureau();
    const m = await person({ unit: u!, rank: "係長" });
    await expect(asMentor(m, cycleId)).rejects.toThrow("メンター養成研修");
    await immediate(async (tx) => {
      const [course] = await tx.insert(schema.trainingCourses).values({ fiscalYear: 2026, title: "メンター養成研修", kind: "optIn" }).returning();
      const [session] = await tx
        .insert(schema.trainingCourseSessions)
        .values({ courseId: course!.id, seq: 1, startsAt: NOW, endsAt: NOW, capacity: 10, signupOpensAt: NOW, signupClosesAt: NOW, cancelDeadline: NOW })
        .returning();
      await tx.insert(schema.trainingEnrollments).values({ courseId: course!.id, courseSessionId: session!.id, employeeId: m.viewer.id, status: "completed", requestedAt: NOW, updatedAt: NOW });
    });
    expect(await asMentor(m, cycleId)).toBeGreaterThan(0);
  });
});

describe("matching, hand edits and publishing", () => {
  it("never proposes a mentor in the same 課 or the supervisor line; says why a named preference was not honoured", async () => {
    const p = await pool();
    await asMentor(p.chief, p.cycleId); // the mentee's own supervisor
    await asMentor(p.sameBureauMentor, p.cycleId);
    await asMentor(p.otherMentor, p.cycleId);
    await asMentee(p.mentee, p.cycleId, { preferred1: p.chief.viewer.id });
    expect((await transitionCycle(p.hr, p.cycleId, "start_matching", await version(p.cycleId), NOW)).ok).toBe(true);
    const run = await runMatching(p.hr, p.cycleId, await version(p.cycleId), NOW);
    expect(run).toMatchObject({ ok: true, pairs: 1, unmatched: 0 });
    const [pair] = (await pairsOf(p.cycleId)).filter((x) => x.status === "proposed");
    expect([p.otherMentor.viewer.id, p.sameBureauMentor.viewer.id]).toContain(pair!.mentorId);
    const view = (await getCycleForHr({ cycleId: p.cycleId, viewer: p.hr.viewer }))!;
    expect(view.pairs[0]!.preferenceNotes.join()).toContain("上司・部下の系列");
    expect(view.pairs[0]!.terms.length).toBeGreaterThan(0);
  });

  it("a hand edit is held to the hard rules and to capacity", async () => {
    const p = await pool();
    await asMentor(p.chief, p.cycleId);
    await asMentor(p.otherMentor, p.cycleId);
    await asMentee(p.mentee, p.cycleId);
    const [c1] = await bureau("川崎区役所", 1);
    const second = await person({ unit: c1! });
    await asMentee(second, p.cycleId);
    await transitionCycle(p.hr, p.cycleId, "start_matching", await version(p.cycleId), NOW);
    await runMatching(p.hr, p.cycleId, await version(p.cycleId), NOW);
    const mine = (await pairsOf(p.cycleId)).find((x) => x.menteeId === p.mentee.viewer.id && x.status === "proposed")!;
    const toBoss = await editProposal(p.hr, p.cycleId, { intent: "change", pairId: mine.id, mentorId: p.chief.viewer.id }, NOW);
    expect(toBoss).toMatchObject({ ok: false, refusal: { reason: "invalid", field: "mentorId" } });
    // The second mentee's pair with the chief (if any) is removed, then the chief is given to them by hand; a third pair for a full mentor is refused.
    const theirs = (await pairsOf(p.cycleId)).find((x) => x.menteeId === second.viewer.id && x.status === "proposed");
    if (theirs) expect((await editProposal(p.hr, p.cycleId, { intent: "remove", pairId: theirs.id }, NOW)).ok).toBe(true);
    expect((await editProposal(p.hr, p.cycleId, { intent: "add", menteeId: second.viewer.id, mentorId: p.chief.viewer.id }, NOW)).ok).toBe(true);
    const [d1] = await bureau("幸区役所", 1);
    const third = await person({ unit: d1! });
    await immediate((tx) => tx.insert(schema.mentorRegistrations).values({ cycleId: p.cycleId, employeeId: third.viewer.id, side: "mentee", topics: ["career"] }));
    expect(await editProposal(p.hr, p.cycleId, { intent: "add", menteeId: third.viewer.id, mentorId: p.chief.viewer.id }, NOW)).toMatchObject({ ok: false, refusal: { reason: "limit" } });
    // Publishing makes every proposal active and tells both sides.
    expect(await transitionCycle(p.hr, p.cycleId, "publish", await version(p.cycleId), NOW)).toMatchObject({ ok: true, status: "published" });
    const active = (await pairsOf(p.cycleId)).filter((x) => x.status === "active");
    expect(active).toHaveLength(2);
    const told = await getDb().select().from(schema.notifications).where(eq(schema.notifications.recipientId, p.chief.viewer.id));
    expect(told.map((n) => n.title)).toContain("メンティが決まりました");
  });
});

describe("direct requests", () => {
  it("accept forms an active pair at once; a second request while one waits is refused; an unanswered one lapses by the clock", async () => {
    const p = await pool();
    await asMentor(p.otherMentor, p.cycleId);
    await asMentor(p.sameBureauMentor, p.cycleId);
    await asMentee(p.mentee, p.cycleId);
    const asked = await askMentor(p.mentee, p.cycleId, { mentorId: p.otherMentor.viewer.id, message: "" }, NOW);
    expect(asked.ok).toBe(true);
    expect(await askMentor(p.mentee, p.cycleId, { mentorId: p.sameBureauMentor.viewer.id, message: "" }, NOW)).toMatchObject({ ok: false, refusal: { reason: "conflict" } });
    const id = asked.ok ? asked.id : 0;
    // Eight days later the request has lapsed: accepting it is refused, and a new request may be made.
    const late = jstDate(2026, 5, 23, 13, 0);
    expect(await decideRequest(p.otherMentor, id, "accept", late)).toMatchObject({ ok: false, refusal: { reason: "closed" } });
    const again = await askMentor(p.mentee, p.cycleId, { mentorId: p.otherMentor.viewer.id, message: "" }, late);
    expect(again.ok).toBe(true);
    const accepted = await decideRequest(p.otherMentor, again.ok ? again.id : 0, "accept", late);
    expect(accepted).toMatchObject({ ok: true, status: "accepted" });
    expect((await pairsOf(p.cycleId)).filter((x) => x.status === "active").map((x) => x.source)).toEqual(["request"]);
  });

  it("never against a hard rule, never to a full mentor, and a stranger cannot answer", async () => {
    const p = await pool();
    await asMentor(p.chief, p.cycleId);
    await asMentor(p.otherMentor, p.cycleId);
    await asMentee(p.mentee, p.cycleId);
    expect(await askMentor(p.mentee, p.cycleId, { mentorId: p.chief.viewer.id, message: "" }, NOW)).toMatchObject({ ok: false, refusal: { reason: "invalid" } });
    const [c1] = await bureau("高津区役所", 1);
    const other = await person({ unit: c1! });
    await asMentee(other, p.cycleId);
    const first = await askMentor(other, p.cycleId, { mentorId: p.otherMentor.viewer.id, message: "" }, NOW);
    const second = await askMentor(p.mentee, p.cycleId, { mentorId: p.otherMentor.viewer.id, message: "" }, NOW);
    expect(await decideRequest(p.hr, first.ok ? first.id : 0, "accept", NOW)).toMatchObject({ ok: false, refusal: { reason: "not_found" } });
    expect((await decideRequest(p.otherMentor, first.ok ? first.id : 0, "accept", NOW)).ok).toBe(true);
    expect(await decideRequest(p.otherMentor, second.ok ? second.id : 0, "accept", NOW)).toMatchObject({ ok: false, refusal: { reason: "limit" } });
  });
});

describe("the pair", () => {
  async function publishedPair() {
    const p = await pool();
    await asMentor(p.otherMentor, p.cycleId);
    await asMentee(p.mentee, p.cycleId);
    await transitionCycle(p.hr, p.cycleId, "start_matching", await version(p.cycleId), NOW);
    await runMatching(p.hr, p.cycleId, await version(p.cycleId), NOW);
    await transitionCycle(p.hr, p.cycleId, "publish", await version(p.cycleId), NOW);
    const pair = (await pairsOf(p.cycleId)).find((x) => x.status === "active")!;
    return { ...p, pairId: pair.id };
  }

  it("is seen by the two of them only; notes never by 人事課, a supervisor or anyone else", async () => {
    const p = await publishedPair();
    expect((await addNote(p.mentee, p.pairId, "秘密のメモ", LATER)).ok).toBe(true);
    expect((await getPairForMember({ pairId: p.pairId, viewer: p.mentee.viewer }))!.notes.map((n) => n.body)).toEqual(["秘密のメモ"]);
    expect((await getPairForMember({ pairId: p.pairId, viewer: p.otherMentor.viewer }))!.notes).toHaveLength(1);
    // The mentor reads what the mentee registered they want to talk about (the form says so).
    expect((await getPairForMember({ pairId: p.pairId, viewer: p.otherMentor.viewer }))!.menteeWorries).toBe("今後のキャリアが不安です");
    for (const stranger of [p.hr, p.chief, p.boss]) {
      expect(await getPairForMember({ pairId: p.pairId, viewer: stranger.viewer })).toBeNull();
      expect(await addNote(stranger, p.pairId, "x", LATER)).toMatchObject({ ok: false, refusal: { reason: "not_found" } });
      expect(await logMeeting(stranger, p.pairId, { heldOn: "2026-06-19", minutes: 30, mode: "online" }, LATER)).toMatchObject({ ok: false, refusal: { reason: "not_found" } });
    }
    const detail = sqlFor({ sqlite: sql`${schema.auditLog.detail}`, pg: sql`${schema.auditLog.detail}::text` });
    const [audits] = await getDb().select({ n: count() }).from(schema.auditLog).where(sql`${detail} LIKE '%秘密%'`);
    expect(audits!.n).toBe(0);
  });

  it("meeting → fit check 合わない flags a rematch → 人事課 rematches → the cycle ends → survey once", async () => {
    const p = await publishedPair();
    expect(await checkFit(p.mentee, p.pairId, "poor", LATER)).toMatchObject({ ok: false, refusal: { field: "fit" } });
    expect((await logMeeting(p.mentee, p.pairId, { heldOn: "2026-06-19", minutes: 45, mode: "in_person" }, LATER)).ok).toBe(true);
    expect(await logMeeting(p.otherMentor, p.pairId, { heldOn: "2026-06-19", minutes: 45, mode: "in_person" }, LATER)).toMatchObject({ ok: false, refusal: { field: "heldOn" } });
    expect(await checkFit(p.mentee, p.pairId, "poor", LATER)).toMatchObject({ ok: true, needsRematch: true });
    // The answer is the mentee's own: the mentor's page does not carry it, 人事課's list flags it.
    const mentorView = (await getPairForMember({ pairId: p.pairId, viewer: p.otherMentor.viewer }))!;
    expect(JSON.stringify(mentorView)).not.toContain("poor");
    expect((await getPairForMember({ pairId: p.pairId, viewer: p.mentee.viewer }))!.history.map((h) => h.action)).toContain("fit_poor");
    expect((await getCycleForHr({ cycleId: p.cycleId, viewer: p.hr.viewer }))!.pairs.find((x) => x.id === p.pairId)).toMatchObject({ fitFlag: true, needsRematch: true });
    const re = await rematch(p.hr, p.pairId, p.sameBureauMentor.viewer.id, LATER);
    // The same-局 mentor is allowed (another 課, not in the line), but is not registered: refused.
    expect(re).toMatchObject({ ok: false, refusal: { reason: "invalid" } });
    await immediate((tx) => tx.insert(schema.mentorRegistrations).values({ cycleId: p.cycleId, employeeId: p.sameBureauMentor.viewer.id, side: "mentor", topics: ["career"] }));
    const ok = await rematch(p.hr, p.pairId, p.sameBureauMentor.viewer.id, LATER);
    expect(ok.ok).toBe(true);
    const newId = ok.ok ? ok.pairId : 0;
    expect((await endPairEarly(p.mentee, newId, 1, "異動のため", LATER)).ok).toBe(true);
    expect((await answerSurvey(p.mentee, newId, { score: 4, comment: "" }, LATER)).ok).toBe(true);
    expect(await answerSurvey(p.mentee, newId, { score: 5, comment: "" }, LATER)).toMatchObject({ ok: false, refusal: { reason: "conflict" } });
    expect((await transitionCycle(p.hr, p.cycleId, "end", await version(p.cycleId), LATER)).ok).toBe(true);
    expect((await pairsOf(p.cycleId)).map((x) => x.status).sort()).toEqual(["ended_early", "ended_early"]);
    const history = (await getPairForMember({ pairId: newId, viewer: p.mentee.viewer }))!.history.map((h) => `${h.fromStatus ?? "-"}→${h.toStatus}`);
    expect(history).toEqual(["-→active", "active→ended_early"]);
  });
});

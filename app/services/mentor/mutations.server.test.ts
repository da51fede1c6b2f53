import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { addNote, answerSurvey, askMentor, checkFit, decideRequest, editProposal, endPairEarly, logMeeting, rematch, runMatching, transitionCycle } from "./mutations.server";
import { getCycleForHr, getPairForMember } from "./queries.server";
import { asMentee, asMentor, bureau, NOW, openCycle, person, version } from "./test-helpers";

const LATER = jstDate(2026, 6, 20, 10, 0);

function pairsOf(cycleId: number) {
  return getDb().select().from(schema.mentorPairs).where(eq(schema.mentorPairs.cycleId, cycleId)).all();
}

/** An open cycle with two 課 in one 局 and one in another, and the people of a small pool. */
function pool() {
  const { cycleId, hr } = openCycle();
  const [a1, a2] = bureau("中原区役所", 2);
  const [b1] = bureau("環境局", 1);
  const boss = person({ unit: a1!, rank: "局長" });
  // The supervisor sits in another 課 here, so that only the supervisor-line rule keeps the two apart.
  const chief = person({ unit: a2!, rank: "係長", supervisorId: boss.viewer.id });
  const mentee = person({ unit: a1!, supervisorId: chief.viewer.id });
  const otherMentor = person({ unit: b1!, rank: "課長" });
  const sameBureauMentor = person({ unit: a2!, rank: "係長", supervisorId: boss.viewer.id });
  return { cycleId, hr, boss, chief, mentee, otherMentor, sameBureauMentor };
}

describe("registration", () => {
  it("one registration per person per cycle per side; a second form updates the first", () => {
    const { cycleId } = openCycle();
    const [u] = bureau();
    const m = person({ unit: u! });
    const a = asMentee(m, cycleId);
    const b = asMentee(m, cycleId, { worries: "人間関係について", version: "1" });
    expect(a).toBe(b);
    const rows = getDb()
      .select()
      .from(schema.mentorRegistrations)
      .where(and(eq(schema.mentorRegistrations.cycleId, cycleId), eq(schema.mentorRegistrations.employeeId, m.viewer.id)))
      .all();
    expect(rows.map((r) => [r.side, r.worries])).toEqual([["mentee", "人間関係について"]]);
  });

  it("refuses an ineligible mentor and an ineligible mentee with the rule's message", () => {
    const { cycleId } = openCycle();
    const [u] = bureau();
    const junior = person({ unit: u!, rank: "主任" });
    expect(() => asMentor(junior, cycleId)).toThrow("係長以上");
    const senior = person({ unit: u!, rank: "課長", hiredOn: "2000-04-01" });
    expect(() => asMentee(senior, cycleId)).toThrow("採用から3年未満");
  });

  it("a required 研修 counts only when the training service records it as completed", () => {
    const { cycleId } = openCycle({ requiredCourseTitle: "メンター養成研修" });
    const [u] = bureau();
    const m = person({ unit: u!, rank: "係長" });
    expect(() => asMentor(m, cycleId)).toThrow("メンター養成研修");
    const db = getDb();
    const course = db.insert(schema.trainingCourses).values({ fiscalYear: 2026, title: "メンター養成研修", kind: "optIn" }).returning().get();
    const session = db
      .insert(schema.trainingCourseSessions)
      .values({ courseId: course.id, seq: 1, startsAt: NOW, endsAt: NOW, capacity: 10, signupOpensAt: NOW, signupClosesAt: NOW, cancelDeadline: NOW })
      .returning()
      .get();
    db.insert(schema.trainingEnrollments).values({ courseId: course.id, courseSessionId: session.id, employeeId: m.viewer.id, status: "completed", requestedAt: NOW, updatedAt: NOW }).run();
    expect(asMentor(m, cycleId)).toBeGreaterThan(0);
  });
});

describe("matching, hand edits and publishing", () => {
  it("never proposes a mentor in the same 課 or the supervisor line; says why a named preference was not honoured", async () => {
    const p = pool();
    asMentor(p.chief, p.cycleId); // the mentee's own supervisor
    asMentor(p.sameBureauMentor, p.cycleId);
    asMentor(p.otherMentor, p.cycleId);
    asMentee(p.mentee, p.cycleId, { preferred1: p.chief.viewer.id });
    expect(transitionCycle(p.hr, p.cycleId, "start_matching", version(p.cycleId), NOW).ok).toBe(true);
    const run = await runMatching(p.hr, p.cycleId, version(p.cycleId), NOW);
    expect(run).toMatchObject({ ok: true, pairs: 1, unmatched: 0 });
    const [pair] = pairsOf(p.cycleId).filter((x) => x.status === "proposed");
    expect([p.otherMentor.viewer.id, p.sameBureauMentor.viewer.id]).toContain(pair!.mentorId);
    const view = getCycleForHr({ cycleId: p.cycleId, viewer: p.hr.viewer })!;
    expect(view.pairs[0]!.preferenceNotes.join()).toContain("上司・部下の系列");
    expect(view.pairs[0]!.terms.length).toBeGreaterThan(0);
  });

  it("a hand edit is held to the hard rules and to capacity", async () => {
    const p = pool();
    asMentor(p.chief, p.cycleId);
    asMentor(p.otherMentor, p.cycleId);
    asMentee(p.mentee, p.cycleId);
    const [c1] = bureau("川崎区役所", 1);
    const second = person({ unit: c1! });
    asMentee(second, p.cycleId);
    transitionCycle(p.hr, p.cycleId, "start_matching", version(p.cycleId), NOW);
    await runMatching(p.hr, p.cycleId, version(p.cycleId), NOW);
    const mine = pairsOf(p.cycleId).find((x) => x.menteeId === p.mentee.viewer.id && x.status === "proposed")!;
    const toBoss = editProposal(p.hr, p.cycleId, { intent: "change", pairId: mine.id, mentorId: p.chief.viewer.id }, NOW);
    expect(toBoss).toMatchObject({ ok: false, refusal: { reason: "invalid", field: "mentorId" } });
    // The second mentee's pair with the chief (if any) is removed, then the chief is given to them by hand; a third pair for a full mentor is refused.
    const theirs = pairsOf(p.cycleId).find((x) => x.menteeId === second.viewer.id && x.status === "proposed");
    if (theirs) expect(editProposal(p.hr, p.cycleId, { intent: "remove", pairId: theirs.id }, NOW).ok).toBe(true);
    expect(editProposal(p.hr, p.cycleId, { intent: "add", menteeId: second.viewer.id, mentorId: p.chief.viewer.id }, NOW).ok).toBe(true);
    const [d1] = bureau("幸区役所", 1);
    const third = person({ unit: d1! });
    getDb().insert(schema.mentorRegistrations).values({ cycleId: p.cycleId, employeeId: third.viewer.id, side: "mentee", topics: ["career"] }).run();
    expect(editProposal(p.hr, p.cycleId, { intent: "add", menteeId: third.viewer.id, mentorId: p.chief.viewer.id }, NOW)).toMatchObject({ ok: false, refusal: { reason: "limit" } });
    // Publishing makes every proposal active and tells both sides.
    expect(transitionCycle(p.hr, p.cycleId, "publish", version(p.cycleId), NOW)).toMatchObject({ ok: true, status: "published" });
    const active = pairsOf(p.cycleId).filter((x) => x.status === "active");
    expect(active).toHaveLength(2);
    const told = getDb().select().from(schema.notifications).where(eq(schema.notifications.recipientId, p.chief.viewer.id)).all();
    expect(told.map((n) => n.title)).toContain("メンティが決まりました");
  });
});

describe("direct requests", () => {
  it("accept forms an active pair at once; a second request while one waits is refused; an unanswered one lapses by the clock", () => {
    const p = pool();
    asMentor(p.otherMentor, p.cycleId);
    asMentor(p.sameBureauMentor, p.cycleId);
    asMentee(p.mentee, p.cycleId);
    const asked = askMentor(p.mentee, p.cycleId, { mentorId: p.otherMentor.viewer.id, message: "" }, NOW);
    expect(asked.ok).toBe(true);
    expect(askMentor(p.mentee, p.cycleId, { mentorId: p.sameBureauMentor.viewer.id, message: "" }, NOW)).toMatchObject({ ok: false, refusal: { reason: "conflict" } });
    const id = asked.ok ? asked.id : 0;
    // Eight days later the request has lapsed: accepting it is refused, and a new request may be made.
    const late = jstDate(2026, 5, 23, 13, 0);
    expect(decideRequest(p.otherMentor, id, "accept", late)).toMatchObject({ ok: false, refusal: { reason: "closed" } });
    const again = askMentor(p.mentee, p.cycleId, { mentorId: p.otherMentor.viewer.id, message: "" }, late);
    expect(again.ok).toBe(true);
    const accepted = decideRequest(p.otherMentor, again.ok ? again.id : 0, "accept", late);
    expect(accepted).toMatchObject({ ok: true, status: "accepted" });
    expect(pairsOf(p.cycleId).filter((x) => x.status === "active").map((x) => x.source)).toEqual(["request"]);
  });

  it("never against a hard rule, never to a full mentor, and a stranger cannot answer", () => {
    const p = pool();
    asMentor(p.chief, p.cycleId);
    asMentor(p.otherMentor, p.cycleId);
    asMentee(p.mentee, p.cycleId);
    expect(askMentor(p.mentee, p.cycleId, { mentorId: p.chief.viewer.id, message: "" }, NOW)).toMatchObject({ ok: false, refusal: { reason: "invalid" } });
    const [c1] = bureau("高津区役所", 1);
    const other = person({ unit: c1! });
    asMentee(other, p.cycleId);
    const first = askMentor(other, p.cycleId, { mentorId: p.otherMentor.viewer.id, message: "" }, NOW);
    const second = askMentor(p.mentee, p.cycleId, { mentorId: p.otherMentor.viewer.id, message: "" }, NOW);
    expect(decideRequest(p.hr, first.ok ? first.id : 0, "accept", NOW)).toMatchObject({ ok: false, refusal: { reason: "not_found" } });
    expect(decideRequest(p.otherMentor, first.ok ? first.id : 0, "accept", NOW).ok).toBe(true);
    expect(decideRequest(p.otherMentor, second.ok ? second.id : 0, "accept", NOW)).toMatchObject({ ok: false, refusal: { reason: "limit" } });
  });
});

describe("the pair", () => {
  async function publishedPair() {
    const p = pool();
    asMentor(p.otherMentor, p.cycleId);
    asMentee(p.mentee, p.cycleId);
    transitionCycle(p.hr, p.cycleId, "start_matching", version(p.cycleId), NOW);
    await runMatching(p.hr, p.cycleId, version(p.cycleId), NOW);
    transitionCycle(p.hr, p.cycleId, "publish", version(p.cycleId), NOW);
    const pair = pairsOf(p.cycleId).find((x) => x.status === "active")!;
    return { ...p, pairId: pair.id };
  }

  it("is seen by the two of them only; notes never by 人事課, a supervisor or anyone else", async () => {
    const p = await publishedPair();
    expect(addNote(p.mentee, p.pairId, "秘密のメモ", LATER).ok).toBe(true);
    expect(getPairForMember({ pairId: p.pairId, viewer: p.mentee.viewer })!.notes.map((n) => n.body)).toEqual(["秘密のメモ"]);
    expect(getPairForMember({ pairId: p.pairId, viewer: p.otherMentor.viewer })!.notes).toHaveLength(1);
    // The mentor reads what the mentee registered they want to talk about (the form says so).
    expect(getPairForMember({ pairId: p.pairId, viewer: p.otherMentor.viewer })!.menteeWorries).toBe("今後のキャリアが不安です");
    for (const stranger of [p.hr, p.chief, p.boss]) {
      expect(getPairForMember({ pairId: p.pairId, viewer: stranger.viewer })).toBeNull();
      expect(addNote(stranger, p.pairId, "x", LATER)).toMatchObject({ ok: false, refusal: { reason: "not_found" } });
      expect(logMeeting(stranger, p.pairId, { heldOn: "2026-06-19", minutes: 30, mode: "online" }, LATER)).toMatchObject({ ok: false, refusal: { reason: "not_found" } });
    }
    const audits = getDb().$client.prepare("SELECT count(*) AS n FROM audit_log WHERE detail LIKE '%秘密%'").get() as { n: number };
    expect(audits.n).toBe(0);
  });

  it("meeting → fit check 合わない flags a rematch → 人事課 rematches → the cycle ends → survey once", async () => {
    const p = await publishedPair();
    expect(checkFit(p.mentee, p.pairId, "poor", LATER)).toMatchObject({ ok: false, refusal: { field: "fit" } });
    expect(logMeeting(p.mentee, p.pairId, { heldOn: "2026-06-19", minutes: 45, mode: "in_person" }, LATER).ok).toBe(true);
    expect(logMeeting(p.otherMentor, p.pairId, { heldOn: "2026-06-19", minutes: 45, mode: "in_person" }, LATER)).toMatchObject({ ok: false, refusal: { field: "heldOn" } });
    expect(checkFit(p.mentee, p.pairId, "poor", LATER)).toMatchObject({ ok: true, needsRematch: true });
    // The answer is the mentee's own: the mentor's page does not carry it, 人事課's list flags it.
    const mentorView = getPairForMember({ pairId: p.pairId, viewer: p.otherMentor.viewer })!;
    expect(JSON.stringify(mentorView)).not.toContain("poor");
    expect(getPairForMember({ pairId: p.pairId, viewer: p.mentee.viewer })!.history.map((h) => h.action)).toContain("fit_poor");
    expect(getCycleForHr({ cycleId: p.cycleId, viewer: p.hr.viewer })!.pairs.find((x) => x.id === p.pairId)).toMatchObject({ fitFlag: true, needsRematch: true });
    const re = rematch(p.hr, p.pairId, p.sameBureauMentor.viewer.id, LATER);
    // The same-局 mentor is allowed (another 課, not in the line), but is not registered: refused.
    expect(re).toMatchObject({ ok: false, refusal: { reason: "invalid" } });
    getDb().insert(schema.mentorRegistrations).values({ cycleId: p.cycleId, employeeId: p.sameBureauMentor.viewer.id, side: "mentor", topics: ["career"] }).run();
    const ok = rematch(p.hr, p.pairId, p.sameBureauMentor.viewer.id, LATER);
    expect(ok.ok).toBe(true);
    const newId = ok.ok ? ok.pairId : 0;
    expect(endPairEarly(p.mentee, newId, 1, "異動のため", LATER).ok).toBe(true);
    expect(answerSurvey(p.mentee, newId, { score: 4, comment: "" }, LATER).ok).toBe(true);
    expect(answerSurvey(p.mentee, newId, { score: 5, comment: "" }, LATER)).toMatchObject({ ok: false, refusal: { reason: "conflict" } });
    expect(transitionCycle(p.hr, p.cycleId, "end", version(p.cycleId), LATER).ok).toBe(true);
    expect(pairsOf(p.cycleId).map((x) => x.status).sort()).toEqual(["ended_early", "ended_early"]);
    const history = getPairForMember({ pairId: newId, viewer: p.mentee.viewer })!.history.map((h) => `${h.fromStatus ?? "-"}→${h.toStatus}`);
    expect(history).toEqual(["-→active", "active→ended_early"]);
  });
});

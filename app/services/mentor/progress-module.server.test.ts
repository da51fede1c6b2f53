import { describe, expect, it } from "vitest";
import { breakdown } from "~/services/progress/breakdown.server";
import { dimensionByKey } from "~/services/progress/dimensions";
import { shownFigures } from "~/services/progress/modules.server";
import { addNote, answerSurvey, logMeeting, runMatching, transitionCycle } from "./mutations.server";
import { mentorStatsModule, mentorSummary } from "./progress-module.server";
import { asMentee, asMentor, bureau, NOW, openCycle, person, version } from "./test-helpers";
import { jstDate } from "~/lib/fiscal-year";
import { getDb, rows, schema } from "~/db.server";
import { eq } from "drizzle-orm";

const LATER = jstDate(2026, 6, 20, 10, 0);

describe("the mentor programme's figures", () => {
  it("counts mentors, mentees, pairs formed, meetings, early ends and the average score — suppressed where few", async () => {
    const before = await mentorSummary(2026);
    const { cycleId, hr } = await openCycle();
    const units = await bureau("麻生区役所", 3);
    const mentors = [];
    for (const u of units) mentors.push(await person({ unit: u, rank: "課長" }));
    const [b1] = await bureau("多摩区役所", 1);
    const mentees = [await person({ unit: b1! }), await person({ unit: b1! })];
    for (const m of mentors) await asMentor(m, cycleId);
    for (const m of mentees) await asMentee(m, cycleId);
    await transitionCycle(hr, cycleId, "start_matching", await version(cycleId), NOW);
    await runMatching(hr, cycleId, await version(cycleId), NOW);
    await transitionCycle(hr, cycleId, "publish", await version(cycleId), NOW);
    const pairs = await getDb().select().from(schema.mentorPairs).where(eq(schema.mentorPairs.cycleId, cycleId));
    expect(pairs).toHaveLength(2);
    await logMeeting(mentees[0]!, pairs.find((p) => p.menteeId === mentees[0]!.viewer.id)!.id, { heldOn: "2026-06-19", minutes: 30, mode: "online" }, LATER);
    await addNote(mentees[0]!, pairs[0]!.id, "数えないメモ", LATER);
    await transitionCycle(hr, cycleId, "end", await version(cycleId), LATER);
    for (const p of pairs) await answerSurvey(mentees.find((m) => m.viewer.id === p.menteeId)!, p.id, { score: 4, comment: "" }, LATER);
    const after = await mentorSummary(2026);
    expect({
      mentors: after.mentors - before.mentors,
      mentees: after.mentees - before.mentees,
      pairs: after.pairsFormed - before.pairsFormed,
      meetings: after.meetings - before.meetings,
      respondents: after.respondents - before.respondents,
    }).toEqual({ mentors: 3, mentees: 2, pairs: 2, meetings: 1, respondents: 2 });
    // Two answers are too few: the average is not shown.
    const avg = (await shownFigures(mentorStatsModule, 2026, 5)).find((f) => f.label.startsWith("満足度"))!;
    expect(avg.value).toBeNull();
    // A breakdown by 局・区 goes through the one suppression engine: every count under 5 is hidden.
    const table = await breakdown(mentorStatsModule, 2026, dimensionByKey("bureau", mentorStatsModule), 5);
    expect(table.suppressionApplied).toBe(true);
    const row = table.rows.find((r) => r.label === "麻生区役所")!;
    expect(row.cells.filter((c) => c.value > 0 && c.value < 5).every((c) => c.suppressed)).toBe(true);
    expect(row.cells.some((c) => c.suppressed)).toBe(true);
  });

  it("the facts' `at` is the same epoch ms on both engines: a registration at its creation, a pair at its start, a meeting at 0:00 in Tokyo on its day", async () => {
    const { cycleId, hr } = await openCycle({ title: "時刻の確認" });
    const [u1, u2] = await bureau("時刻区役所", 2);
    const mentor = await person({ unit: u1!, rank: "課長" });
    const mentee = await person({ unit: u2! });
    await asMentor(mentor, cycleId);
    await asMentee(mentee, cycleId);
    await transitionCycle(hr, cycleId, "start_matching", await version(cycleId), NOW);
    await runMatching(hr, cycleId, await version(cycleId), NOW);
    await transitionCycle(hr, cycleId, "publish", await version(cycleId), LATER);
    const [pair] = await getDb().select().from(schema.mentorPairs).where(eq(schema.mentorPairs.cycleId, cycleId));
    expect((await logMeeting(mentee, pair!.id, { heldOn: "2026-06-20", minutes: 30, mode: "online" }, LATER)).ok).toBe(true);
    const facts = (await rows<Record<string, unknown>>(getDb(), mentorStatsModule.facts.query(2026)))
      .filter((f) => f.employee_id === mentee.viewer.id || f.employee_id === mentor.viewer.id)
      .map((f) => ({ who: f.employee_id === mentee.viewer.id ? "mentee" : "mentor", at: Number(f.at), mentors: Number(f.mentors), pairs: Number(f.pairs_formed), meetings: Number(f.meetings) }))
      .sort((a, b) => a.at - b.at || a.who.localeCompare(b.who));
    expect(facts).toEqual([
      { who: "mentee", at: NOW.getTime(), mentors: 0, pairs: 0, meetings: 0 },
      { who: "mentor", at: NOW.getTime(), mentors: 1, pairs: 0, meetings: 0 },
      { who: "mentee", at: jstDate(2026, 6, 20, 0, 0).getTime(), mentors: 0, pairs: 0, meetings: 1 },
      { who: "mentee", at: LATER.getTime(), mentors: 0, pairs: 1, meetings: 0 },
    ]);
  });
});

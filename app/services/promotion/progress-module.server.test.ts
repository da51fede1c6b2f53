import { describe, expect, it } from "vitest";
import { breakdown } from "~/services/progress/breakdown.server";
import { dimensionByKey } from "~/services/progress/dimensions";
import { shownFigures } from "~/services/progress/modules.server";
import { decideApplication, saveApplication, transitionCall } from "./mutations.server";
import { promotionStatsModule, promotionSummary } from "./progress-module.server";
import { NOW, person, publishedCall } from "./test-helpers";
import { first, getDb, immediate, rows, schema } from "~/db.server";
import { eq } from "drizzle-orm";
import { jstDate } from "~/lib/fiscal-year";

const text = { motivation: "志望", careerPlan: "計画", selfPr: "PR" };
const LATER = jstDate(2026, 12, 20, 9, 0);

// The breakdowns and the shown figures are the progress service's; they read
// `facts.query` and `summary` asynchronously once that service is on the async data layer
// (issue 18). Until then the tests through them wait, and the facts are checked directly below.
const progressAsync = breakdown.constructor.name === "AsyncFunction" && shownFigures.constructor.name === "AsyncFunction";
const viaProgress = it.runIf(progressAsync);

describe("昇任型公募 statistics", () => {
  viaProgress("counts calls, places, eligible staff, applicants, passes per stage and placements; breakdowns are suppressed", async () => {
    const { callId, hr } = await publishedCall();
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await person());
    const ids: string[] = [];
    for (const p of people) {
      const r = await saveApplication(p, callId, { intent: "submit", ...text }, NOW);
      if (!r.ok) throw r.refusal;
      ids.push(r.id);
    }
    // A submitted application is not saved over (withdraw first): the table has no submitted → draft.
    const v = async (id: string) => (await first(getDb().select().from(schema.promotionApplications).where(eq(schema.promotionApplications.id, id))))!.version;
    expect((await saveApplication(people[5]!, callId, { intent: "save", version: await v(ids[5]!), ...text }, NOW)).ok).toBe(false);
    await transitionCall(hr, callId, "close", 2, LATER);
    await transitionCall(hr, callId, "select", 3, LATER);
    for (const id of ids.slice(0, 3)) expect((await decideApplication(hr, { id, action: "advance", version: await v(id), comment: "" }, LATER)).ok).toBe(true);
    expect((await decideApplication(hr, { id: ids[3]!, action: "fail", version: await v(ids[3]!), comment: "" }, LATER)).ok).toBe(true);
    const s = await promotionSummary(2026);
    expect(s.calls).toBeGreaterThanOrEqual(1);
    expect(s.applicants).toBeGreaterThanOrEqual(6);
    expect(s.eligible).toBeGreaterThanOrEqual(6);
    expect(s.places).toBeGreaterThanOrEqual(2);
    const b = await breakdown(promotionStatsModule, 2026, dimensionByKey("level", promotionStatsModule), 5);
    expect(b.suppressionApplied).toBe(true);
    const row = b.rows.find((r) => r.label === "係長級")!;
    const stage1 = b.metrics.findIndex((m) => m.key === "stage1_passes");
    expect(row.cells[0]!.value).toBe(s.applicants);
    expect(row.cells[stage1]!.value).toBe(3);
    expect(row.cells[stage1]!.suppressed).toBe(true); // 3 < 5
  });

  it("offers only the confidential dimensions", async () => {
    expect(promotionStatsModule.confidential?.dimensions).toEqual(["level", "bureau", "gender", "ageBand"]);
  });
});

describe("the progress page's headline figures of 昇任型公募", () => {
  viaProgress("calls and places are published as they are; counts of people under the threshold are suppressed", async () => {
    await publishedCall();
    const shown = await shownFigures(promotionStatsModule, 2026, 1000);
    const by = (label: string) => shown.find((f) => f.label === label)!;
    expect(by("公募").value).toBe((await promotionSummary(2026)).calls);
    expect(by("募集人数").value).toBe((await promotionSummary(2026)).places);
    expect(by("応募者").value).toBeNull();
    expect(by("応募者").text).toContain("未満");
  });
});

describe("the eligible count follows the org data", () => {
  it("is recomputed when an employee changes (the figure is kept only while nothing it depends on changes)", async () => {
    const { eligibleCount, loadCall } = await import("./queries.server");
    const { callId } = await publishedCall();
    const call = async () => (await loadCall(getDb(), callId))!;
    const before = await eligibleCount(await call());
    const someone = await person();
    expect(await eligibleCount(await call())).toBe(before + 1);
    expect(await eligibleCount(await call())).toBe(before + 1);
    await immediate(async (tx) => {
      await tx.update(schema.employees).set({ workStatus: "休職", updatedAt: new Date(Date.now() + 1000) }).where(eq(schema.employees.id, someone.viewer.id));
    });
    expect(await eligibleCount(await call())).toBe(before);
  });
});

describe("breakdowns use the facts of the day of applying", () => {
  viaProgress("an applicant who moves to another 局/区 after applying stays counted where they applied from", async () => {
    const { callId } = await publishedCall({ fiscalYear: "2027" });
    const section = await movedSection(callId);
    const mover = await person();
    const r = await saveApplication(mover, callId, { intent: "submit", ...text }, NOW);
    expect(r.ok).toBe(true);
    // Threshold 0: nothing suppressed, so the cells can be read. After applying: another 局/区, and the org data's gender corrected.
    await immediate(async (tx) => {
      await tx.update(schema.employees).set({ orgUnitId: section.id, gender: "女性", updatedAt: new Date() }).where(eq(schema.employees.id, mover.viewer.id));
    });
    const byBureau = await breakdown(promotionStatsModule, 2027, dimensionByKey("bureau", promotionStatsModule), 0);
    expect(byBureau.rows.map((row) => [row.label, row.cells[0]!.value])).toEqual([["中原区役所", 1]]);
    const byGender = await breakdown(promotionStatsModule, 2027, dimensionByKey("gender", promotionStatsModule), 0);
    expect(byGender.rows.filter((row) => row.cells[0]!.value).map((row) => row.label)).toEqual(["未登録"]);
    const byAge = await breakdown(promotionStatsModule, 2027, dimensionByKey("ageBand", promotionStatsModule), 0);
    expect(byAge.rows.filter((row) => row.cells[0]!.value).map((row) => row.label)).toEqual(["30代"]); // born 1988, FY2027
  });
});

/** Another 局/区 with a 課, for a person to move to after applying. */
async function movedSection(callId: number) {
  return immediate(async (tx) => {
    const [movedTo] = await tx.insert(schema.orgUnits).values({ code: `B-moved-${callId}`, name: "川崎区役所", kind: "bureau" }).returning();
    const [section] = await tx.insert(schema.orgUnits).values({ code: `S-moved-${callId}`, name: "保険年金課", kind: "section", parentId: movedTo!.id }).returning();
    return section!;
  });
}

type FactRow = { employee_id: string; fact_id: string; at: number; level: string; bureau: string; rank: string; birth_year: number | null; gender: string; applicants: number; stage1_passes: number; stage2_passes: number; final_passes: number; placements: number };

describe("the facts of 昇任型公募 (on either engine)", () => {
  it("one row per submitted application, with the stage passes, the day-of-applying 局/区 and gender, and `at` in epoch ms", async () => {
    const { callId, hr } = await publishedCall({ fiscalYear: "2028" });
    const section = await movedSection(callId);
    const stay = await person();
    const mover = await person();
    const ids: string[] = [];
    for (const p of [stay, mover]) {
      const r = await saveApplication(p, callId, { intent: "submit", ...text }, NOW);
      if (!r.ok) throw r.refusal;
      ids.push(r.id);
    }
    const drafted = await saveApplication(await person(), callId, { intent: "save", ...text }, NOW);
    expect(drafted.ok).toBe(true);
    await immediate(async (tx) => {
      await tx.update(schema.employees).set({ orgUnitId: section.id, gender: "女性", updatedAt: new Date() }).where(eq(schema.employees.id, mover.viewer.id));
    });
    const v = async (id: string) => (await first(getDb().select().from(schema.promotionApplications).where(eq(schema.promotionApplications.id, id))))!.version;
    expect((await transitionCall(hr, callId, "close", 2, LATER)).ok).toBe(true);
    expect((await transitionCall(hr, callId, "select", 3, LATER)).ok).toBe(true);
    expect((await decideApplication(hr, { id: ids[0]!, action: "advance", version: await v(ids[0]!), comment: "" }, LATER)).ok).toBe(true);
    expect((await decideApplication(hr, { id: ids[0]!, action: "advance", version: await v(ids[0]!), comment: "" }, LATER)).ok).toBe(true);
    const facts = await rows<FactRow>(getDb(), promotionStatsModule.facts.query(2028));
    const byId = new Map(facts.map((f) => [f.fact_id, f]));
    expect(facts).toHaveLength(2); // the draft is no application yet
    expect(byId.get(ids[0]!)).toMatchObject({ employee_id: stay.viewer.id, level: "kakaricho", bureau: "中原区役所", rank: "主任", gender: "未登録", birth_year: 1988, applicants: 1, stage1_passes: 1, stage2_passes: 1, final_passes: 0, placements: 0 });
    expect(byId.get(ids[1]!)).toMatchObject({ bureau: "中原区役所", gender: "未登録", stage1_passes: 0 });
    expect(Number(byId.get(ids[0]!)!.at)).toBe(NOW.getTime());
    const s = await promotionSummary(2028);
    expect([s.calls, s.places, s.applicants, s.finalPasses, s.placements]).toEqual([1, 2, 2, 0, 0]);
    expect((await promotionStatsModule.summary(2028)).map((f) => [f.label, f.value])).toEqual([
      ["公募", 1],
      ["募集人数", 2],
      ["応募資格のある職員", s.eligible],
      ["応募者", 2],
      ["最終合格", 0],
      ["配置", 0],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { breakdown } from "~/services/progress/breakdown.server";
import { dimensionByKey } from "~/services/progress/dimensions";
import { decideApplication, saveApplication, transitionCall } from "./mutations.server";
import { promotionStatsModule, promotionSummary } from "./progress-module.server";
import { NOW, person, publishedCall } from "./test-helpers";
import { getDb, schema } from "~/db.server";
import { eq } from "drizzle-orm";
import { jstDate } from "~/lib/fiscal-year";

const text = { motivation: "志望", careerPlan: "計画", selfPr: "PR" };
const LATER = jstDate(2026, 12, 20, 9, 0);

describe("昇任型公募 statistics", () => {
  it("counts calls, places, eligible staff, applicants, passes per stage and placements; breakdowns are suppressed", () => {
    const { callId, hr } = publishedCall();
    const people = Array.from({ length: 6 }, () => person());
    const ids = people.map((p) => {
      const r = saveApplication(p, callId, { intent: "submit", ...text }, NOW);
      if (!r.ok) throw r.refusal;
      return r.id;
    });
    // A submitted application is not saved over (withdraw first): the table has no submitted → draft.
    const v = (id: string) => getDb().select().from(schema.promotionApplications).where(eq(schema.promotionApplications.id, id)).get()!.version;
    expect(saveApplication(people[5]!, callId, { intent: "save", version: v(ids[5]!), ...text }, NOW).ok).toBe(false);
    transitionCall(hr, callId, "close", 2, LATER);
    transitionCall(hr, callId, "select", 3, LATER);
    for (const id of ids.slice(0, 3)) expect(decideApplication(hr, { id, action: "advance", version: v(id), comment: "" }, LATER).ok).toBe(true);
    expect(decideApplication(hr, { id: ids[3]!, action: "fail", version: v(ids[3]!), comment: "" }, LATER).ok).toBe(true);
    const s = promotionSummary(2026);
    expect(s.calls).toBeGreaterThanOrEqual(1);
    expect(s.applicants).toBeGreaterThanOrEqual(6);
    expect(s.eligible).toBeGreaterThanOrEqual(6);
    expect(s.places).toBeGreaterThanOrEqual(2);
    const b = breakdown(promotionStatsModule, 2026, dimensionByKey("level", promotionStatsModule), 5);
    expect(b.suppressionApplied).toBe(true);
    const row = b.rows.find((r) => r.label === "係長級")!;
    const stage1 = b.metrics.findIndex((m) => m.key === "stage1_passes");
    expect(row.cells[0]!.value).toBe(s.applicants);
    expect(row.cells[stage1]!.value).toBe(3);
    expect(row.cells[stage1]!.suppressed).toBe(true); // 3 < 5
  });

  it("offers only the confidential dimensions", () => {
    expect(promotionStatsModule.confidential?.dimensions).toEqual(["level", "bureau", "gender", "ageBand"]);
  });
});

describe("the progress page's headline figures of 昇任型公募", () => {
  it("calls and places are published as they are; counts of people under the threshold are suppressed", async () => {
    const { shownFigures } = await import("~/services/progress/modules.server");
    publishedCall();
    const shown = shownFigures(promotionStatsModule, 2026, 1000);
    const by = (label: string) => shown.find((f) => f.label === label)!;
    expect(by("公募").value).toBe(promotionSummary(2026).calls);
    expect(by("募集人数").value).toBe(promotionSummary(2026).places);
    expect(by("応募者").value).toBeNull();
    expect(by("応募者").text).toContain("未満");
  });
});

describe("the eligible count follows the org data", () => {
  it("is recomputed when an employee changes (the figure is kept only while nothing it depends on changes)", async () => {
    const { eligibleCount, loadCall } = await import("./queries.server");
    const { callId } = publishedCall();
    const call = () => loadCall(getDb(), callId)!;
    const before = eligibleCount(call());
    const someone = person();
    expect(eligibleCount(call())).toBe(before + 1);
    expect(eligibleCount(call())).toBe(before + 1);
    getDb().update(schema.employees).set({ workStatus: "休職", updatedAt: new Date(Date.now() + 1000) }).where(eq(schema.employees.id, someone.viewer.id)).run();
    expect(eligibleCount(call())).toBe(before);
  });
});

describe("breakdowns use the facts of the day of applying", () => {
  it("an applicant who moves to another 局/区 after applying stays counted where they applied from", () => {
    const { callId } = publishedCall({ fiscalYear: "2027" });
    const db = getDb();
    const movedTo = db.insert(schema.orgUnits).values({ code: `B-moved-${callId}`, name: "川崎区役所", kind: "bureau" }).returning().get();
    const section = db.insert(schema.orgUnits).values({ code: `S-moved-${callId}`, name: "保険年金課", kind: "section", parentId: movedTo.id }).returning().get();
    const mover = person();
    const r = saveApplication(mover, callId, { intent: "submit", ...text }, NOW);
    expect(r.ok).toBe(true);
    // Threshold 0: nothing suppressed, so the cells can be read. After applying: another 局/区, and the org data's gender corrected.
    db.update(schema.employees).set({ orgUnitId: section.id, gender: "女性", updatedAt: new Date() }).where(eq(schema.employees.id, mover.viewer.id)).run();
    const byBureau = breakdown(promotionStatsModule, 2027, dimensionByKey("bureau", promotionStatsModule), 0);
    expect(byBureau.rows.map((row) => [row.label, row.cells[0]!.value])).toEqual([["中原区役所", 1]]);
    const byGender = breakdown(promotionStatsModule, 2027, dimensionByKey("gender", promotionStatsModule), 0);
    expect(byGender.rows.filter((row) => row.cells[0]!.value).map((row) => row.label)).toEqual(["未登録"]);
    const byAge = breakdown(promotionStatsModule, 2027, dimensionByKey("ageBand", promotionStatsModule), 0);
    expect(byAge.rows.filter((row) => row.cells[0]!.value).map((row) => row.label)).toEqual(["30代"]); // born 1988, FY2027
  });
});

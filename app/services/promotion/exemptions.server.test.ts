// "A stage passed may exempt the applicant from it in the next call": the call names the
// stage and for how many 年度; submitting fixes the exemption from the person's own results,
// and the stage flow (transitions.ts) passes over it for 人事課's buttons and the mutation alike.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { first, getDb, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { decideApplication, saveApplication, transitionCall } from "./mutations.server";
import { getCallForEmployee, viewApplicationAsStaff } from "./queries.server";
import { NOW, person, publishedCall } from "./test-helpers";

const text = { motivation: "志望", careerPlan: "計画", selfPr: "PR" };
const AFTER_CLOSE = jstDate(2026, 12, 16, 9, 0);
const version = async (id: string) => (await first(getDb().select().from(schema.promotionApplications).where(eq(schema.promotionApplications.id, id))))!.version;

async function submit(who: Awaited<ReturnType<typeof person>>, callId: number) {
  const r = await saveApplication(who, callId, { intent: "submit", ...text }, NOW);
  if (!r.ok) throw r.refusal;
  return r.id;
}

/** Last 年度's call of the same level: `me` passes 書類選考 there and fails 面接. */
async function passedScreeningLastYear(me: Awaited<ReturnType<typeof person>>, level = "kakaricho") {
  const last = await publishedCall({ fiscalYear: "2025", level });
  const id = await submit(me, last.callId);
  await transitionCall(last.hr, last.callId, "close", 2, AFTER_CLOSE);
  await transitionCall(last.hr, last.callId, "select", 3, AFTER_CLOSE);
  expect((await decideApplication(last.hr, { id, action: "advance", version: await version(id), comment: "" }, AFTER_CLOSE)).ok).toBe(true);
  expect((await decideApplication(last.hr, { id, action: "fail", version: await version(id), comment: "" }, AFTER_CLOSE)).ok).toBe(true);
}

const EXEMPTING = { fiscalYear: "2026", stageExemptions: [{ stage: "書類選考", years: "1" }] };

describe("stage exemptions", () => {
  it("a 書類選考 passed last 年度 exempts: judging starts at 面接, the record says why, 合格 goes on to 最終選考", async () => {
    const me = await person();
    await passedScreeningLastYear(me);
    const { callId, hr } = await publishedCall(EXEMPTING);
    // Before applying, the call page already says what submitting would give.
    expect((await getCallForEmployee({ callId, viewer: me.viewer, now: NOW }))!.exemptions).toEqual([{ stage: 0, label: "書類選考免除（令和7年度の公募で合格）" }]);
    const id = await submit(me, callId);
    const mine = (await getCallForEmployee({ callId, viewer: me.viewer, now: NOW }))!;
    expect(mine.application!.stageName).toBe("面接");
    expect(mine.exemptions).toEqual([{ stage: 0, label: "書類選考免除（令和7年度の公募で合格）" }]);
    expect(mine.application!.history.map((h) => [h.action, h.actorName, h.comment])).toEqual([
      ["submit", me.viewer.name, null],
      ["exempt", "自動", "書類選考免除（令和7年度の公募で合格）"],
    ]);
    await transitionCall(hr, callId, "close", 2, AFTER_CLOSE);
    await transitionCall(hr, callId, "select", 3, AFTER_CLOSE);
    const staff = (await viewApplicationAsStaff({ id, actor: hr, as: "hr", now: AFTER_CLOSE }))!;
    expect(staff.exemptions.map((e) => e.label)).toEqual(["書類選考免除（令和7年度の公募で合格）"]);
    expect(staff.actions.map((a) => a.action)).toEqual(["advance", "fail", "decline"]);
    expect(await decideApplication(hr, { id, action: "advance", version: await version(id), comment: "" }, AFTER_CLOSE)).toMatchObject({ ok: true });
    expect((await viewApplicationAsStaff({ id, actor: hr, as: "hr", now: AFTER_CLOSE }))!.application.stageName).toBe("最終選考");
    expect(await decideApplication(hr, { id, action: "pass", version: await version(id), comment: "" }, AFTER_CLOSE)).toMatchObject({ ok: true, status: "passed" });
  });

  it("no exemption without a pass, for another level, or when the call does not offer it", async () => {
    const fresh = await person();
    const { callId } = await publishedCall(EXEMPTING);
    await submit(fresh, callId);
    expect((await getCallForEmployee({ callId, viewer: fresh.viewer, now: NOW }))!.application!.stageName).toBe("書類選考");

    const other = await person();
    await passedScreeningLastYear(other, "kacho_hosa");
    await submit(other, callId);
    expect((await getCallForEmployee({ callId, viewer: other.viewer, now: NOW }))!.exemptions).toEqual([]);

    const me = await person();
    await passedScreeningLastYear(me);
    const plain = await publishedCall({ fiscalYear: "2026" });
    await submit(me, plain.callId);
    expect((await getCallForEmployee({ callId: plain.callId, viewer: me.viewer, now: NOW }))!.application!.stageName).toBe("書類選考");
  });

  it("the call form refuses an exemption of a stage it does not have, or of the last stage", async () => {
    const { callForm } = await import("./test-helpers");
    await expect(callForm({ stageExemptions: [{ stage: "書類", years: "1" }] })).rejects.toThrow(/選考の段階の名前のとおり/);
    await expect(callForm({ stageExemptions: [{ stage: "最終選考", years: "1" }] })).rejects.toThrow(/最後の段階は免除できません/);
    await expect(callForm({ stageExemptions: [{ stage: "書類選考", years: "9" }] })).rejects.toThrow(/1から5まで/);
  });
});

import { describe, expect, it } from "vitest";
import { first, getDb, immediate, isUniqueViolation, schema } from "~/db.server";
import { eq } from "drizzle-orm";
import { jstDate } from "~/lib/fiscal-year";
import { copyCall, decideApplication, saveApplication, transitionCall, withdrawApplication, writeOpinion } from "./mutations.server";
import { getCallForEmployee, listOpinionsDue, viewApplicationAsStaff } from "./queries.server";
import { NOW, person, publishedCall } from "./test-helpers";

const text = { motivation: "地域の防災に取り組みたい。", careerPlan: "係長として現場をまとめる。", selfPr: "避難所運営の経験があります。" };
const AFTER_CLOSE = jstDate(2026, 12, 16, 9, 0);

async function version(id: string) {
  return (await first(getDb().select().from(schema.promotionApplications).where(eq(schema.promotionApplications.id, id))))!.version;
}

describe("applying", () => {
  it("draft → submitted → withdrawn → resubmitted while the window is open; each step in the history", async () => {
    const { callId } = await publishedCall();
    const boss = await person({ rank: "係長" });
    const me = await person({ supervisorId: boss.viewer.id });
    const saved = await saveApplication(me, callId, { intent: "save", ...text, motivation: "" }, NOW);
    expect(saved).toMatchObject({ ok: true, status: "draft" });
    const id = saved.ok ? saved.id : "";
    expect(await saveApplication(me, callId, { intent: "submit", version: await version(id), ...text }, NOW)).toMatchObject({ ok: true, status: "submitted" });
    expect(await withdrawApplication(me, id, await version(id), NOW)).toMatchObject({ ok: true });
    expect(await saveApplication(me, callId, { intent: "resubmit", version: await version(id), ...text }, NOW)).toMatchObject({ ok: true, status: "submitted" });
    const view = (await getCallForEmployee({ callId, viewer: me.viewer, now: NOW }))!;
    expect(view.application!.history.map((h) => `${h.fromStatus ?? "-"}→${h.toStatus}`)).toEqual(["-→draft", "draft→submitted", "submitted→withdrawn", "withdrawn→submitted"]);
    // The supervisor was asked for an opinion.
    expect((await listOpinionsDue(boss.viewer, NOW)).map((r) => r.id)).toEqual([id]);
  });

  it("one application per person per call, even for two 'new' forms", async () => {
    const { callId } = await publishedCall();
    const me = await person();
    const a = await saveApplication(me, callId, { intent: "save", ...text }, NOW);
    const b = await saveApplication(me, callId, { intent: "save", ...text }, NOW);
    expect(a.ok && b.ok && a.id === b.id).toBe(true);
    const rows = await getDb().select().from(schema.promotionApplications).where(eq(schema.promotionApplications.callId, callId));
    expect(rows).toHaveLength(1);
    // The unique index refuses a second row whatever the code does.
    await expect(
      immediate(async (tx) => {
        await tx.insert(schema.promotionApplications).values({ id: "dup", callId, applicantId: me.viewer.id });
      }),
    ).rejects.toSatisfy(isUniqueViolation);
  });

  it("refuses outside the window, for the ineligible, and a stale form — writing nothing", async () => {
    const { callId } = await publishedCall();
    const me = await person();
    const late = await saveApplication(me, callId, { intent: "submit", ...text }, AFTER_CLOSE);
    expect(late.ok ? null : late.refusal.reason).toBe("closed");
    const young = await person({ rankSince: "2025-04-01" });
    const r = await saveApplication(young, callId, { intent: "submit", ...text }, NOW);
    expect(r.ok ? null : [r.refusal.reason, r.refusal.message]).toEqual(["invalid", "基準日（令和9年4月1日）時点で主任在職3年以上が必要です（現在2年）。"]);
    const s = await saveApplication(me, callId, { intent: "save", ...text }, NOW);
    const stale = await saveApplication(me, callId, { intent: "submit", version: 99, ...text }, NOW);
    expect(stale.ok ? null : stale.refusal.reason).toBe("conflict");
    expect(s.ok && await version(s.id)).toBe(1);
    const rows = await getDb().select().from(schema.promotionApplications).where(eq(schema.promotionApplications.callId, callId));
    expect(rows.map((x) => x.status)).toEqual(["draft"]);
  });

  it("cannot withdraw after the deadline", async () => {
    const { callId } = await publishedCall();
    const me = await person();
    const s = await saveApplication(me, callId, { intent: "submit", ...text }, NOW);
    const id = s.ok ? s.id : "";
    const r = await withdrawApplication(me, id, await version(id), AFTER_CLOSE);
    expect(r.ok ? null : r.refusal.reason).toBe("closed");
  });
});

describe("selection", () => {
  it("stages in order, then placement within the places; only in selection; the applicant sees the result", async () => {
    const { callId, hr } = await publishedCall();
    const me = await person();
    const s = await saveApplication(me, callId, { intent: "submit", ...text }, NOW);
    const id = s.ok ? s.id : "";
    const early = await decideApplication(hr, { id, action: "advance", version: await version(id), comment: "" }, NOW);
    expect(early.ok ? null : early.refusal.reason).toBe("conflict");
    expect((await transitionCall(hr, callId, "close", 2, AFTER_CLOSE)).ok).toBe(true);
    expect((await transitionCall(hr, callId, "select", 3, AFTER_CLOSE)).ok).toBe(true);
    expect((await decideApplication(hr, { id, action: "pass", version: await version(id), comment: "" }, AFTER_CLOSE)).ok).toBe(false); // not yet the last stage
    expect(await decideApplication(hr, { id, action: "advance", version: await version(id), comment: "書類良好" }, AFTER_CLOSE)).toMatchObject({ ok: true, status: "submitted" });
    expect((await decideApplication(hr, { id, action: "advance", version: await version(id), comment: "" }, AFTER_CLOSE)).ok).toBe(true);
    expect(await decideApplication(hr, { id, action: "pass", version: await version(id), comment: "" }, AFTER_CLOSE)).toMatchObject({ ok: true, status: "passed" });
    const staff = (await viewApplicationAsStaff({ id, actor: hr, as: "hr", now: AFTER_CLOSE }))!;
    const postId = staff.posts[0]!.id;
    expect(await decideApplication(hr, { id, action: "place", version: await version(id), comment: "", placementPostId: postId }, AFTER_CLOSE)).toMatchObject({ ok: true, status: "placed" });
    const mine = (await getCallForEmployee({ callId, viewer: me.viewer, now: AFTER_CLOSE }))!.application!;
    expect(mine.status).toBe("placed");
    expect(mine.placement?.duties).toBe("地域の防災計画");
    // The applicant sees 人事課's decisions but not the committee's comment.
    expect(mine.history.filter((h) => h.actorRole === "hr_personnel").map((h) => [h.actorName, h.comment])).toEqual([
      ["人事課", null],
      ["人事課", null],
      ["人事課", null],
      ["人事課", null],
    ]);
    const hrHistory = (await viewApplicationAsStaff({ id, actor: hr, as: "hr", now: AFTER_CLOSE }))!.history;
    expect(hrHistory.map((h) => `${h.fromStage}→${h.toStage} ${h.toStatus}`).slice(1)).toEqual(["0→1 submitted", "1→2 submitted", "2→2 passed", "2→2 placed"]);
    expect(hrHistory[1]!.comment).toBe("書類良好");
    expect((await transitionCall(hr, callId, "complete", 4, AFTER_CLOSE)).ok).toBe(true);
  });

  it("copying last year's call keeps rules and posts and moves dates a year on", async () => {
    const { callId, hr } = await publishedCall();
    const c = await copyCall(hr, callId, NOW);
    expect(c.ok).toBe(true);
    const row = (await first(getDb().select().from(schema.promotionCalls).where(eq(schema.promotionCalls.id, c.ok ? c.id : 0))))!;
    expect([row.fiscalYear, row.referenceDate, row.opensOn, row.status, row.copiedFromId]).toEqual([2027, "2028-04-01", "2027-11-16", "draft", callId]);
    expect(await getDb().select().from(schema.promotionPosts).where(eq(schema.promotionPosts.callId, row.id))).toHaveLength(1);
  });
});

describe("the supervisor's opinion", () => {
  it("only the own supervisor, only when asked, until the due date; never blocks; the applicant never sees it", async () => {
    const { callId, hr } = await publishedCall();
    const boss = await person({ rank: "係長" });
    const other = await person({ rank: "係長", roles: ["supervisor"] });
    const me = await person({ supervisorId: boss.viewer.id });
    const s = await saveApplication(me, callId, { intent: "submit", ...text }, NOW);
    const id = s.ok ? s.id : "";
    const denied = await writeOpinion(other, { applicationId: id, recommendation: "recommend", comment: "" }, NOW);
    expect(denied.ok ? null : denied.refusal.reason).toBe("not_found");
    expect((await writeOpinion(boss, { applicationId: id, recommendation: "recommend", comment: "責任感が強い" }, NOW)).ok).toBe(true);
    const late = await writeOpinion(boss, { applicationId: id, recommendation: "not_recommend", comment: "" }, jstDate(2026, 12, 23, 9, 0));
    expect(late.ok ? null : late.refusal.reason).toBe("closed");
    expect((await viewApplicationAsStaff({ id, actor: hr, as: "hr", now: NOW }))!.opinion).toMatchObject({ recommendation: "recommend", comment: "責任感が強い" });
    expect(JSON.stringify(await getCallForEmployee({ callId, viewer: me.viewer, now: NOW }))).not.toContain("責任感が強い");
    expect(await viewApplicationAsStaff({ id, actor: other, as: "supervisor", now: NOW })).toBeNull();
  });

  it("where the call does not ask, the supervisor learns nothing", async () => {
    const { callId } = await publishedCall({ opinionRequired: undefined, opinionDueOn: undefined });
    const boss = await person({ rank: "係長" });
    const me = await person({ supervisorId: boss.viewer.id });
    const s = await saveApplication(me, callId, { intent: "submit", ...text }, NOW);
    const id = s.ok ? s.id : "";
    expect(await listOpinionsDue(boss.viewer, NOW)).toEqual([]);
    expect(await viewApplicationAsStaff({ id, actor: boss, as: "supervisor", now: NOW })).toBeNull();
    const notices = await getDb().select().from(schema.notifications).where(eq(schema.notifications.recipientId, boss.viewer.id));
    expect(notices).toEqual([]);
  });
});

describe("confidentiality", () => {
  it("人材育成課, admin, another employee get nothing; every staff view is audit-logged", async () => {
    const { callId, hr } = await publishedCall();
    const me = await person();
    const s = await saveApplication(me, callId, { intent: "submit", ...text }, NOW);
    const id = s.ok ? s.id : "";
    for (const who of [await person({ roles: ["hr_dev"] }), await person({ roles: ["admin"] }), await person()]) {
      expect(await viewApplicationAsStaff({ id, actor: who, as: "hr", now: NOW })).toBeNull();
      expect(await viewApplicationAsStaff({ id, actor: who, as: "supervisor", now: NOW })).toBeNull();
      expect((await getCallForEmployee({ callId, viewer: who.viewer, now: NOW }))!.application).toBeNull();
    }
    await viewApplicationAsStaff({ id, actor: hr, as: "hr", now: NOW });
    const lines = await getDb().select().from(schema.auditLog).where(eq(schema.auditLog.target, `promotion_application:${id}`));
    const views = lines.filter((l) => l.action === "promotion.application.view");
    expect(views.map((l) => l.outcome)).toEqual(["denied", "denied", "denied", "denied", "denied", "denied", "success"]);
  });
});

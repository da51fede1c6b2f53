import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import type { Actor } from "~/services/contract/actor";
import { applicantsCsv, CSV_HEADER, listApplicants, listNotApplied, type ApplicantQuery } from "./applicant-list.server";
import { decideApplication, saveApplication, transitionCall, withdrawApplication } from "./mutations.server";
import { NOW, person, publishedCall } from "./test-helpers";

const text = { motivation: "秘密の志望動機です。", careerPlan: "係長として現場をまとめる。", selfPr: "避難所運営の経験があります。" };
const AFTER_CLOSE = jstDate(2026, 12, 16, 9, 0);
const BY_NAME: ApplicantQuery["sort"] = { id: "name", desc: false };

async function version(id: string) {
  return (await first(getDb().select().from(schema.promotionApplications).where(eq(schema.promotionApplications.id, id))))!.version;
}

async function named(name: string, kana: string): Promise<Actor> {
  const a = await person();
  await immediate(async (tx) => {
    await tx.update(schema.employees).set({ name, kana }).where(eq(schema.employees.id, a.viewer.id));
  });
  return a;
}

/** A call in selection with four applicants: アオキ at 面接, イトウ 不合格 at 書類選考, ウエダ withdrew, エンドウ still at 書類選考. */
async function arrange() {
  const { callId, hr } = await publishedCall();
  const people = [await named("青木 一", "アオキ ハジメ"), await named("伊藤 二", "イトウ ジ"), await named("上田 三", "ウエダ サン"), await named("遠藤 四", "エンドウ シ")];
  const ids: string[] = [];
  for (const p of people) {
    const s = await saveApplication(p, callId, { intent: "submit", ...text }, NOW);
    if (!s.ok) throw s.refusal;
    ids.push(s.id);
  }
  expect((await withdrawApplication(people[2]!, ids[2]!, await version(ids[2]!), NOW)).ok).toBe(true);
  // A draft is the applicant's own: never listed.
  await saveApplication(await named("大野 五", "オオノ ゴ"), callId, { intent: "save", ...text }, NOW);
  expect((await transitionCall(hr, callId, "close", 2, AFTER_CLOSE)).ok).toBe(true);
  expect((await transitionCall(hr, callId, "select", 3, AFTER_CLOSE)).ok).toBe(true);
  expect((await decideApplication(hr, { id: ids[0]!, action: "advance", version: await version(ids[0]!), comment: "" }, AFTER_CLOSE)).ok).toBe(true);
  expect((await decideApplication(hr, { id: ids[1]!, action: "fail", version: await version(ids[1]!), comment: "" }, AFTER_CLOSE)).ok).toBe(true);
  return { callId, hr, ids };
}

describe("人事課's applicant list", () => {
  it("sorts, filters and pages in SQL; drafts never appear; withdrawn ones stay", async () => {
    const { callId, hr, ids } = await arrange();
    const list = async (q: Partial<ApplicantQuery>) => (await listApplicants(hr, callId, { sort: BY_NAME, ...q }))!;
    const all = await list({});
    expect(all.rows.map((r) => r.name)).toEqual(["青木 一", "伊藤 二", "上田 三", "遠藤 四"]);
    expect(all.rows.map((r) => [r.status, r.stageName, r.result])).toEqual([
      ["submitted", "面接", null],
      ["failed", "書類選考", "fail"],
      ["withdrawn", "", null],
      ["submitted", "書類選考", null],
    ]);
    expect(all.options).toEqual({ bureaus: [{ id: expect.any(Number), name: "中原区役所" }], stages: ["書類選考", "面接", "最終選考"] });
    expect((await list({ sort: { id: "name", desc: true } })).rows[0]!.name).toBe("遠藤 四");
    expect((await list({ sort: { id: "stage", desc: true } })).rows[0]!.id).toBe(ids[0]);
    expect((await list({ sort: { id: "result", desc: false } })).rows[0]!.id).toBe(ids[1]);
    expect((await list({ status: "submitted" })).rows.map((r) => r.id)).toEqual([ids[0], ids[3]]);
    expect((await list({ stage: "0" })).rows.map((r) => r.id)).toEqual([ids[1], ids[2], ids[3]]);
    expect((await list({ stage: "9" })).total).toBe(4); // not a stage of the call: ignored
    expect((await list({ q: "イトウ" })).rows.map((r) => r.id)).toEqual([ids[1]]);
    expect((await list({ q: "100%" })).total).toBe(0);
    expect((await list({ bureauId: all.options.bureaus[0]!.id })).total).toBe(4);
    expect((await list({ bureauId: 999_999 })).total).toBe(0);
    const page2 = await list({ page: { page: 2, pageSize: 3 } });
    expect([page2.total, page2.rows.map((r) => r.id)]).toEqual([4, [ids[3]]]);
  });

  it("answers null to anyone but 人事課; each opening is one audit line with the ids shown", async () => {
    const { callId, hr, ids } = await arrange();
    for (const who of [await person({ roles: ["hr_dev"] }), await person({ roles: ["admin"] }), await person({ roles: ["supervisor"] })]) {
      expect(await listApplicants(who, callId, { sort: BY_NAME })).toBeNull();
      expect(await applicantsCsv(who, callId)).toBeNull();
    }
    expect(await listApplicants(hr, 999_999, { sort: BY_NAME })).toBeNull();
    await listApplicants(hr, callId, { sort: BY_NAME, page: { page: 1, pageSize: 2 } });
    const lines = await getDb().select().from(schema.auditLog).where(eq(schema.auditLog.target, `promotion_call:${callId}`));
    const views = lines.filter((l) => l.action === "promotion.applicants.view");
    expect(views).toHaveLength(1);
    expect(JSON.parse(views[0]!.detail!)).toEqual({ count: 2, total: 4, applicationIds: [ids[0], ids[1]] });
    expect(views[0]!.detail).not.toContain("青木");
  });

  it("人事課 is not shown its own application", async () => {
    const { callId } = await publishedCall();
    const hrApplicant = await person({ roles: ["hr_personnel"] });
    expect((await saveApplication(hrApplicant, callId, { intent: "submit", ...text }, NOW)).ok).toBe(true);
    expect((await listApplicants(hrApplicant, callId, { sort: BY_NAME }))!.total).toBe(0);
    expect((await listApplicants(await person({ roles: ["hr_personnel"] }), callId, { sort: BY_NAME }))!.total).toBe(1);
  });
});

describe("the selection committee's CSV", () => {
  it("one row per applicant with stage, result, placement, 所属 and 職位 — never the statements; audit-logged", async () => {
    const { callId, hr, ids } = await arrange();
    const csv = (await applicantsCsv(hr, callId))!;
    expect(csv.filename).toMatch(/^昇任型公募_応募者一覧_2026年度_\d+\.csv$/);
    const lines = csv.body.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER.join(","));
    expect(CSV_HEADER).toEqual(["職員番号", "氏名", "カナ", "職位（応募時）", "局・区", "所属（応募時）", "状態", "選考の段階", "結果", "所属長意見", "配置先", "配置先の職務", "応募日時"]);
    const cells = lines.slice(1).map((l) => l.split(","));
    expect(cells.map((c) => c.slice(1, 10))).toEqual([
      ["青木 一", "アオキ ハジメ", "主任", "中原区役所", "中原区役所 地域支援課", "応募済", "面接", "", ""],
      ["伊藤 二", "イトウ ジ", "主任", "中原区役所", "中原区役所 地域支援課", "不合格", "書類選考", "不合格", ""],
      ["上田 三", "ウエダ サン", "主任", "中原区役所", "中原区役所 地域支援課", "取下げ", "", "", ""],
      ["遠藤 四", "エンドウ シ", "主任", "中原区役所", "中原区役所 地域支援課", "応募済", "書類選考", "", ""],
    ]);
    expect(cells[0]![12]).toBe("2026年12月1日(火) 12:00");
    expect(csv.body).not.toContain(text.motivation);
    expect(csv.body).not.toContain(text.selfPr);
    expect(await applicantsCsv(await person({ roles: ["hr_dev"] }), callId)).toBeNull();
    const [line, denied] = (await getDb().select().from(schema.auditLog).where(eq(schema.auditLog.target, `promotion_call:${callId}`)).orderBy(schema.auditLog.id)).filter((l) => l.action === "promotion.applicants.export");
    expect(denied!.outcome).toBe("denied");
    expect([line!.actorId, line!.target, JSON.parse(line!.detail!).applicationIds]).toEqual([hr.viewer.id, `promotion_call:${callId}`, ids]);
  });

  it("shows the placement once recorded", async () => {
    const { callId, hr, ids } = await arrange();
    const v = () => version(ids[0]!);
    expect((await decideApplication(hr, { id: ids[0]!, action: "advance", version: await v(), comment: "" }, AFTER_CLOSE)).ok).toBe(true);
    expect((await decideApplication(hr, { id: ids[0]!, action: "pass", version: await v(), comment: "" }, AFTER_CLOSE)).ok).toBe(true);
    const post = (await first(getDb().select().from(schema.promotionPosts).where(eq(schema.promotionPosts.callId, callId))))!;
    expect((await decideApplication(hr, { id: ids[0]!, action: "place", version: await v(), comment: "", placementPostId: post.id }, AFTER_CLOSE)).ok).toBe(true);
    const row = (await applicantsCsv(hr, callId))!.body.split("\r\n")[1]!.split(",");
    expect(row.slice(6, 12)).toEqual(["配置決定", "最終選考", "合格", "", "中原区役所 地域支援課", "地域の防災計画"]);
  });
});

describe("eligible but not applied", () => {
  it("lists the eligible who have not applied (a withdrawal counts as not applied), filtered, sorted, paged; 人事課 only; audit-logged", async () => {
    const { callId, hr } = await publishedCall();
    const [a, b, c] = [await named("未応募 甲", "ミオウボ コウ"), await named("未応募 乙", "ミオウボ オツ"), await named("未応募 丙", "ミオウボ ヘイ")];
    await named("未応募 丁", "ミオウボ テイ"); // applies below
    await immediate(async (tx) => {
      await tx.update(schema.employees).set({ rankSince: "2025-04-01" }).where(eq(schema.employees.id, c.viewer.id)); // not eligible
    });
    const applied = await saveApplication(await named("応募 戊", "ミオウボ ボ"), callId, { intent: "submit", ...text }, NOW);
    expect(applied.ok).toBe(true);
    const withdrawn = await saveApplication(b, callId, { intent: "submit", ...text }, NOW);
    expect(withdrawn.ok && (await withdrawApplication(b, withdrawn.id, await version(withdrawn.id), NOW)).ok).toBe(true);
    const list = async (q: Partial<Parameters<typeof listNotApplied>[2]>) =>
      (await listNotApplied(hr, callId, { q: "ミオウボ", sort: { id: "name", desc: false }, page: { page: 1, pageSize: 50 }, ...q }))!;
    const all = await list({});
    expect(all.rows.map((r) => r.name)).toEqual(["未応募 乙", "未応募 甲", "未応募 丁"]);
    expect(all.rows[0]).toMatchObject({ rank: "主任", bureau: "中原区役所", unitPath: "中原区役所 地域支援課" });
    expect(all.eligible - all.notApplied).toBe(1);
    expect((await list({ sort: { id: "name", desc: true } })).rows[0]!.name).toBe("未応募 丁");
    expect((await list({ q: "コウ" })).rows.map((r) => r.id)).toEqual([a.viewer.id]);
    expect((await list({ bureauId: 999_999 })).total).toBe(0);
    expect((await list({ page: { page: 2, pageSize: 2 } })).rows.map((r) => r.name)).toEqual(["未応募 丁"]);
    for (const who of [await person({ roles: ["hr_dev"] }), await person({ roles: ["admin"] })]) expect(await listNotApplied(who, callId, { sort: { id: "name", desc: false }, page: { page: 1, pageSize: 50 } })).toBeNull();
    const lines = await getDb().select().from(schema.auditLog).where(eq(schema.auditLog.action, "promotion.not_applied.view")).orderBy(schema.auditLog.id);
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[4]!.detail!)).toEqual({ count: 1, total: 3, page: 2 });
  });
});

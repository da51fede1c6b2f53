// 資格取得費用助成: the whole flow through the browser, a return and resubmission, and who
// may open what. Each test uses fresh employees so it never depends on another's state.
import type { Page } from "@playwright/test";
import { DEMO, createTestEmployee, expect, expectNoSeriousA11yViolations, pageAs, sql, test } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f40000000049454e44ae426082",
  "hex",
);

/** A boss and a subordinate who belong to no other test. */
async function team() {
  const boss = await createTestEmployee({ rank: "係長" });
  const applicant = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
  return { boss, applicant };
}

type Apply = { certification: string; examDate?: string; passDate?: string; costs: Partial<Record<"受験料" | "登録料" | "講習受講料", string>> };

async function fillApplication(page: Page, a: Apply) {
  await page.goto("/subsidy/new");
  await page.getByLabel("取得した資格").selectOption({ label: a.certification });
  await page.getByLabel("受験日").fill(a.examDate ?? "2026-10-18");
  await page.getByLabel("合格日").fill(a.passDate ?? "2026-11-20");
  for (const [label, value] of Object.entries(a.costs)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("領収書", { exact: true }).setInputFiles({ name: "領収書.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByLabel("合格証の写し", { exact: true }).setInputFiles({ name: "合格証.png", mimeType: "image/png", buffer: PNG });
}

async function submitApplication(page: Page, a: Apply): Promise<string> {
  await fillApplication(page, a);
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(page.getByRole("status")).toContainText("資格取得費用助成を申請しました");
  const id = /\/subsidy\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no application id in ${page.url()}`);
  return id;
}

async function statusOf(id: string): Promise<string> {
  return (await sql.one<{ status: string }>("SELECT status FROM subsidy_applications WHERE id = ?", [id])).status;
}

test("apply → supervisor confirms → 人材育成課 approves → paid", async ({ browser }) => {
  const { boss, applicant } = await team();
  const me = await pageAs(browser, applicant.staffNumber);
  await fillApplication(me, { certification: "宅地建物取引士", costs: { 受験料: "８，２００", 登録料: "37,000円" } });
  // The preview is computed while typing: (8,200 + 37,000) × 50% = 22,600 → 22,000.
  await expect(me.locator(".amount-preview")).toContainText("22,000円");
  await me.getByRole("button", { name: "申請する" }).click();
  await expect(me.getByRole("status")).toContainText("資格取得費用助成を申請しました");
  const id = /\/subsidy\/([0-9a-f-]{36})/.exec(me.url())?.[1] ?? "";
  await expect(me.getByRole("heading", { level: 1 })).toContainText("申請中");
  await expect(me.locator("dl.profile")).toContainText("22,000円");

  const bossPage = await pageAs(browser, boss.staffNumber);
  await bossPage.goto("/approvals");
  await bossPage.getByRole("link", { name: `${applicant.name}さんの申請を確認する` }).click();
  await expect(bossPage).toHaveURL(new RegExp(`/subsidy/review/${id}$`));
  const fileLink = bossPage.getByRole("link", { name: "領収書.pdf" });
  const download = await bossPage.request.get((await fileLink.getAttribute("href")) ?? "");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(download.headers()["x-content-type-options"]).toMatch(/^nosniff/);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  await bossPage.getByLabel("コメント").fill("担当する用地取得業務に役立ちます。");
  await bossPage.getByRole("button", { name: "業務上の有用性を確認する" }).click();
  await expect(bossPage.getByRole("status")).toContainText("確認しました");
  expect(await statusOf(id)).toBe("supervisor_confirmed");

  const hr = await pageAs(browser, DEMO.hrDev);
  await hr.goto(`/subsidy/manage?status=supervisor_confirmed&applicant=${applicant.staffNumber}`);
  await expect(hr.locator(".data-table__count")).toContainText("1件中");
  await hr.getByRole("link", { name: new RegExp(applicant.staffNumber) }).click();
  await expect(hr.getByRole("heading", { name: "予算と上限額（令和8年度（FY2026））" })).toBeVisible();
  await hr.getByRole("button", { name: "交付決定する" }).click();
  await expect(hr.getByRole("status")).toContainText("交付決定しました");
  await hr.getByRole("button", { name: "支払済にする" }).click();
  await expect(hr.getByRole("status")).toContainText("支払済にしました");
  expect(await statusOf(id)).toBe("paid");

  await me.goto("/subsidy");
  await expect(me.locator(".subsidy-figures")).toContainText("22,000円");
  await me.getByRole("link", { name: "宅地建物取引士" }).click();
  const history = me.locator("ol.history li");
  // Submitted without a saved draft: the history starts with 「申請」, not 「作成 → 下書き」.
  await expect(history).toHaveCount(4);
  await expect(history.nth(0)).toContainText("申請（申請者");
  await expect(history.nth(0)).not.toContainText("下書き");
  await expect(history.nth(1)).toContainText("所属長確認済");
  await expect(history.nth(1)).toContainText("担当する用地取得業務に役立ちます。");
  await expect(history.nth(3)).toContainText("支払済");
  const notices = await sql.one<{ n: number }>("SELECT count(*) AS n FROM notifications WHERE recipient_id = ? AND link = ?", [applicant.id, `/subsidy/${id}`]);
  expect(notices.n).toBe(4);
  const audits = await sql.all<{ action: string }>("SELECT action FROM audit_log WHERE target = ? ORDER BY id", [`subsidy_application:${id}`]);
  expect(audits.map((a) => a.action)).toEqual(["subsidy.submitted", "subsidy.supervisor_confirmed", "subsidy.approved", "subsidy.paid"]);
});

test("a return with a reason, then edit and resubmit", async ({ browser }) => {
  const { boss, applicant } = await team();
  const me = await pageAs(browser, applicant.staffNumber);
  const id = await submitApplication(me, { certification: "基本情報技術者", costs: { 受験料: "7500" } });

  const bossPage = await pageAs(browser, boss.staffNumber);
  await bossPage.goto(`/subsidy/review/${id}`);
  await bossPage.getByRole("button", { name: "差し戻す" }).click();
  // No reason: refused at the comment field, nothing changes.
  await expect(bossPage.locator(".field__errors")).toContainText("理由を入力してください");
  expect(await statusOf(id)).toBe("submitted");
  await bossPage.getByLabel("コメント・理由").fill("受験料の領収書の日付が読めません。");
  await bossPage.getByRole("button", { name: "差し戻す" }).click();
  await expect(bossPage.getByRole("status")).toContainText("差し戻しました");
  expect(await statusOf(id)).toBe("returned");

  await me.goto(`/subsidy/${id}`);
  await expect(me.getByRole("note")).toContainText("受験料の領収書の日付が読めません。");
  await expect(me.getByLabel("受験料", { exact: true })).toHaveValue("7,500");
  await me.getByLabel("受験料", { exact: true }).fill("8,000");
  await me.getByLabel("領収書", { exact: true }).setInputFiles({ name: "領収書-再提出.pdf", mimeType: "application/pdf", buffer: PDF });
  await me.getByRole("button", { name: "再申請する" }).click();
  await expect(me.getByRole("status")).toContainText("資格取得費用助成を申請しました");
  expect(await statusOf(id)).toBe("submitted");
  const history = me.locator("ol.history li");
  await expect(history).toHaveCount(3);
  await expect(history.nth(1)).toContainText("差戻し");
  await expect(history.nth(2)).toContainText("差戻し → 申請中");
  const lines = await sql.all<{ amount: number }>("SELECT amount FROM subsidy_cost_lines WHERE application_id = ?", [id]);
  expect(lines).toEqual([{ amount: 8000 }]);
});

test("another employee gets 404 for my application and my file; the supervisor loses the file after confirming", async ({ browser }) => {
  const { boss, applicant } = await team();
  const me = await pageAs(browser, applicant.staffNumber);
  const id = await submitApplication(me, { certification: "日商簿記2級", costs: { 受験料: "5,500" } });
  const fileIds = (await sql.all<{ id: string }>("SELECT id FROM subsidy_files WHERE application_id = ?", [id])).map((f) => f.id);
  expect(fileIds).toHaveLength(2);
  const mine = await me.request.get(`/subsidy/files/${fileIds[0]}`);
  expect(mine.status()).toBe(200);

  const stranger = await createTestEmployee();
  const other = await pageAs(browser, stranger.staffNumber);
  for (const url of [`/subsidy/${id}`, `/subsidy/review/${id}`]) {
    const res = await other.goto(url);
    expect(res?.status(), url).toBe(404);
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  }
  for (const url of fileIds.map((f) => `/subsidy/files/${f}`)) {
    const res = await other.request.get(url);
    expect(res.status(), url).toBe(404);
    expect(res.headers()["content-disposition"]).toBeUndefined();
  }
  expect((await other.goto(`/subsidy/manage/${id}`))?.status()).toBe(403);
  // Someone else's supervisor is a stranger too.
  const otherBoss = await pageAs(browser, DEMO.supervisor);
  expect((await otherBoss.goto(`/subsidy/review/${id}`))?.status()).toBe(404);
  expect((await otherBoss.request.get(`/subsidy/files/${fileIds[0]}`)).status()).toBe(404);
  // A POST to my application from a stranger changes nothing.
  const post = await other.request.post(`/subsidy/${id}`, {
    headers: { Origin: new URL(other.url()).origin },
    form: { intent: "transition", to: "withdrawn", version: "2" },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(404);
  expect(await statusOf(id)).toBe("submitted");

  const bossPage = await pageAs(browser, boss.staffNumber);
  expect((await bossPage.request.get(`/subsidy/files/${fileIds[0]}`)).status()).toBe(200);
  await bossPage.goto(`/subsidy/review/${id}`);
  await bossPage.getByRole("button", { name: "業務上の有用性を確認する" }).click();
  await expect(bossPage.getByRole("status")).toContainText("確認しました");
  expect((await bossPage.request.get(`/subsidy/files/${fileIds[0]}`)).status()).toBe(404);
  const hr = await pageAs(browser, DEMO.hrDev);
  expect((await hr.request.get(`/subsidy/files/${fileIds[1]}`)).status()).toBe(200);
  const denied = await sql.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'subsidy.file.denied' AND actor_id = ?", [stranger.id]);
  expect(denied.n).toBe(2);
});

test("withdraw before a decision", async ({ browser }) => {
  const { applicant } = await team();
  const me = await pageAs(browser, applicant.staffNumber);
  const id = await submitApplication(me, { certification: "応用情報技術者", costs: { 受験料: "7,500" } });
  await me.getByRole("button", { name: "取り下げる" }).click();
  await expect(me.getByRole("status")).toContainText("申請を取り下げました");
  expect(await statusOf(id)).toBe("withdrawn");
  await expect(me.getByRole("button", { name: "取り下げる" })).toHaveCount(0);
});

test("the 人材育成課 table sorts and filters through the URL, without JavaScript too", async ({ browser }) => {
  const hr = await pageAs(browser, DEMO.hrDev, { javaScriptEnabled: false });
  await hr.goto("/subsidy/manage");
  await hr.getByRole("link", { name: /^助成額/ }).click();
  await expect(hr).toHaveURL(/sort=amount/);
  await expect(hr.getByRole("columnheader", { name: /助成額/ })).toHaveAttribute("aria-sort", "ascending");
  // Without JavaScript the new page may still be arriving when its URL shows: read the rows
  // only once the whole document is there.
  await hr.waitForLoadState("domcontentloaded");
  const amounts = async () =>
    (await hr.locator("table.table tbody tr td:nth-child(7)").allTextContents()).map((t) => Number(t.replace(/[^\d]/g, "")));
  const asc = await amounts();
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  await hr.getByLabel("状態").selectOption({ label: "支払済" });
  await hr.getByRole("button", { name: "絞り込む" }).click();
  await expect(hr).toHaveURL(/status=paid/);
  await expect(hr).toHaveURL(/sort=amount/);
  await hr.waitForLoadState("domcontentloaded");
  const states = await hr.locator("table.table tbody tr td:nth-child(5)").allTextContents();
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(["支払済"]));
});

test("axe finds nothing serious on the employee's subsidy pages and the supervisor's review", async ({ browser }) => {
  test.setTimeout(120_000);
  const me = await pageAs(browser, DEMO.employee);
  for (const url of ["/subsidy", "/subsidy/new"]) {
    await me.goto(url);
    await expectNoSeriousA11yViolations(me);
  }
  const boss = await pageAs(browser, DEMO.supervisor);
  await boss.goto("/approvals");
  await boss.getByRole("link", { name: /さんの申請を確認する/ }).first().click();
  // Check the review page, not the list it came from (axe would otherwise race the navigation).
  await expect(boss.getByRole("heading", { level: 1 })).toHaveText("資格取得費用助成の確認");
  await expectNoSeriousA11yViolations(boss);
});

test("axe finds nothing serious on 人材育成課's subsidy pages", async ({ browser }) => {
  test.setTimeout(120_000);
  const hr = await pageAs(browser, DEMO.hrDev);
  for (const url of ["/subsidy/manage", "/subsidy/manage/settings"]) {
    await hr.goto(url);
    await expectNoSeriousA11yViolations(hr);
  }
  await hr.goto("/subsidy/manage?status=supervisor_confirmed");
  await hr.locator("table.table tbody a").first().click();
  await expect(hr.getByRole("heading", { level: 1 })).toHaveText("資格取得費用助成の審査");
  await expectNoSeriousA11yViolations(hr);
});

// 資格取得費用助成: bad input. Each refusal must show a Japanese message at the field, keep
// what was typed, and write nothing. Most run with JavaScript off, so what is tested is
// the server's own check, not the browser's.
import type { Browser, Page } from "@playwright/test";
import { BASE_URL } from "./env";
import { createSession, createTestEmployee, e2eDb, expect, test } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f40000000049454e44ae426082",
  "hex",
);

async function applicantPage(browser: Browser, javaScriptEnabled: boolean): Promise<{ page: Page; id: string }> {
  const boss = await createTestEmployee({ rank: "係長" });
  const me = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
  const context = await browser.newContext({ javaScriptEnabled });
  await context.addCookies([{ name: "kjp_session", value: createSession(me.staffNumber), url: BASE_URL }]);
  return { page: await context.newPage(), id: me.id };
}

function applicationsOf(employeeId: string): number {
  return (e2eDb().prepare("SELECT count(*) AS n FROM subsidy_applications WHERE applicant_id = ?").get(employeeId) as { n: number }).n;
}

async function fill(page: Page, costs: Record<string, string>, dates = { exam: "2026-10-11", pass: "2026-11-20" }) {
  await page.goto("/subsidy/new");
  await page.getByLabel("取得した資格").selectOption({ label: "技術士" });
  await page.getByLabel("受験日").fill(dates.exam);
  await page.getByLabel("合格日").fill(dates.pass);
  for (const [label, value] of Object.entries(costs)) await page.getByLabel(label, { exact: true }).fill(value);
}

/** The error list right after the labelled input's field. */
function errorsAt(page: Page, label: string) {
  return page.locator(".field").filter({ has: page.getByLabel(label) }).locator(".field__errors");
}

for (const [bad, message] of [
  ["12.5", "小数は入力できません"],
  ["-1", "負の数は入力できません"],
  ["1e5", "数字で入力してください"],
  ["99999999999", "10,000,000円以下"],
] as const) {
  test(`a yen amount of ${bad} is refused at its field, kept, and nothing is written (JavaScript off)`, async ({ browser }) => {
    const { page, id } = await applicantPage(browser, false);
    await fill(page, { 受験料: "14,000", 登録料: bad });
    await page.getByRole("button", { name: "下書き保存" }).click();
    await expect(errorsAt(page, "登録料")).toContainText(message);
    await expect(page.getByLabel("登録料", { exact: true })).toHaveValue(bad);
    await expect(page.getByLabel("受験料", { exact: true })).toHaveValue("14,000");
    await expect(page.getByLabel("登録料", { exact: true })).toHaveAttribute("aria-invalid", "true");
    expect(applicationsOf(id)).toBe(0);
  });
}

test("yen as people type it is accepted, and 計算 shows the server's amount without JavaScript", async ({ browser }) => {
  const { page, id } = await applicantPage(browser, false);
  await fill(page, { 受験料: "１４，０００", 登録料: "￥36,000" });
  await page.getByRole("button", { name: "助成額を計算" }).click();
  // (14,000 + 36,000) × 50% = 25,000, within the ¥50,000 cap.
  await expect(page.locator(".amount-preview")).toContainText("25,000円");
  await expect(page.locator(".amount-preview")).toContainText("サーバーで計算した額です");
  await expect(page.getByLabel("受験料", { exact: true })).toHaveValue("１４，０００");
  expect(applicationsOf(id)).toBe(0);
  await page.getByRole("button", { name: "下書き保存" }).click();
  await expect(page.getByRole("status")).toContainText("下書き保存しました");
  const lines = e2eDb()
    .prepare("SELECT l.cost_type AS t, l.amount FROM subsidy_cost_lines l JOIN subsidy_applications a ON a.id = l.application_id WHERE a.applicant_id = ? ORDER BY l.cost_type")
    .all(id);
  expect(lines).toEqual([
    { t: "exam", amount: 14000 },
    { t: "registration", amount: 36000 },
  ]);
});

test("a pass date in the future, or before the exam, is refused at the field", async ({ browser }) => {
  const { page, id } = await applicantPage(browser, false);
  await fill(page, { 受験料: "14,000" }, { exam: "2026-10-11", pass: "2026-12-24" });
  await page.getByRole("button", { name: "下書き保存" }).click();
  await expect(errorsAt(page, "合格日")).toContainText("未来の日付は入力できません");
  await expect(page.getByLabel("合格日")).toHaveValue("2026-12-24");
  await page.getByLabel("合格日").fill("2026-10-01");
  await page.getByRole("button", { name: "下書き保存" }).click();
  await expect(errorsAt(page, "合格日")).toContainText("受験日以降");
  expect(applicationsOf(id)).toBe(0);
});

test("a .pdf that is really text is refused at the field, and nothing is written (with JavaScript)", async ({ browser }) => {
  const { page, id } = await applicantPage(browser, true);
  await fill(page, { 受験料: "14,000" });
  await page.getByLabel("領収書", { exact: true }).setInputFiles({ name: "領収書.pdf", mimeType: "application/pdf", buffer: Buffer.from("これはPDFではありません。ただのテキストです。\n") });
  await page.getByLabel("合格証の写し", { exact: true }).setInputFiles({ name: "合格証.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(errorsAt(page, "領収書")).toContainText("PDF・JPEG・PNGのファイルを選択してください");
  await expect(page.getByLabel("受験料", { exact: true })).toHaveValue("14,000");
  expect(applicationsOf(id)).toBe(0);
  const files = (e2eDb().prepare("SELECT count(*) AS n FROM subsidy_files WHERE uploaded_by = ?").get(id) as { n: number }).n;
  expect(files).toBe(0);
});

test("a PNG renamed to .pdf is refused: the file is not what it says", async ({ browser }) => {
  const { page, id } = await applicantPage(browser, false);
  await fill(page, { 受験料: "14,000" });
  await page.getByLabel("合格証の写し", { exact: true }).setInputFiles({ name: "合格証.pdf", mimeType: "application/pdf", buffer: PNG });
  await page.getByRole("button", { name: "下書き保存" }).click();
  await expect(errorsAt(page, "合格証の写し")).toContainText("拡張子（.pdf）と一致しません");
  expect(applicationsOf(id)).toBe(0);
});

for (const javaScriptEnabled of [true, false]) {
  test(`a file over 5MB is refused at the field (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const { page, id } = await applicantPage(browser, javaScriptEnabled);
    await fill(page, { 受験料: "14,000" });
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 10)]);
    await page.getByLabel("領収書", { exact: true }).setInputFiles({ name: "領収書.pdf", mimeType: "application/pdf", buffer: big });
    await page.getByRole("button", { name: "下書き保存" }).click();
    await expect(errorsAt(page, "領収書")).toContainText("5MB以下にしてください");
    expect(applicationsOf(id)).toBe(0);
  });
}

test("without JavaScript, 計算 keeps the chosen files (saved with a draft) and 申請する then goes through", async ({ browser }) => {
  const { page, id } = await applicantPage(browser, false);
  await fill(page, { 受験料: "14,000" });
  await page.getByLabel("領収書", { exact: true }).setInputFiles({ name: "領収書.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByLabel("合格証の写し", { exact: true }).setInputFiles({ name: "合格証.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "助成額を計算" }).click();
  // 14,000 × 50% = 7,000: the amount, and the files, which now wait with a draft.
  await expect(page.getByRole("status")).toContainText("助成額を計算しました");
  await expect(page.locator(".amount-preview")).toContainText("7,000円");
  await expect(page.getByText("添付済み: 領収書.pdf")).toBeVisible();
  await expect(page.getByText("添付済み: 合格証.png")).toBeVisible();
  expect(e2eDb().prepare("SELECT status FROM subsidy_applications WHERE applicant_id = ?").all(id)).toEqual([{ status: "draft" }]);
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(page.getByRole("status")).toContainText("資格取得費用助成を申請しました");
  expect(e2eDb().prepare("SELECT status FROM subsidy_applications WHERE applicant_id = ?").all(id)).toEqual([{ status: "submitted" }]);
  const kinds = e2eDb()
    .prepare("SELECT f.kind FROM subsidy_files f JOIN subsidy_applications a ON a.id = f.application_id WHERE a.applicant_id = ? ORDER BY f.kind")
    .all(id);
  expect(kinds).toEqual([{ kind: "proof" }, { kind: "receipt" }]);
});

test("submitting needs both files; a draft may wait for them", async ({ browser }) => {
  const { page, id } = await applicantPage(browser, false);
  await fill(page, { 受験料: "14,000" });
  await page.getByLabel("領収書", { exact: true }).setInputFiles({ name: "領収書.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(errorsAt(page, "合格証の写し")).toContainText("合格証の写しを添付してください");
  expect(applicationsOf(id)).toBe(0);
});

test("extra form fields that try to set status, amount or applicant are refused and never applied", async ({ browser }) => {
  const { page, id } = await applicantPage(browser, false);
  await page.goto("/subsidy/new");
  const origin = new URL(page.url()).origin;
  const certId = (e2eDb().prepare("SELECT id FROM subsidy_certifications WHERE name = '技術士'").get() as { id: number }).id;
  const extras: [string, string][] = [
    ["status", "approved"],
    ["amount", "50000"],
    ["applicantId", "someone-else"],
  ];
  for (const [name, value] of extras) {
    const token = `e2e-extra-${name}-${id}`;
    const res = await page.request.post("/subsidy/new", {
      headers: { Origin: origin },
      multipart: {
        intent: "save",
        token,
        certification: String(certId),
        examDate: "2026-10-11",
        passDate: "2026-11-20",
        examCost: "14000",
        [name]: value,
      },
      maxRedirects: 0,
    });
    expect(res.status(), name).toBe(200);
    expect(await res.text()).toContain("この画面から送信できない項目が含まれています");
    expect(e2eDb().prepare("SELECT count(*) AS n FROM subsidy_applications WHERE client_token = ?").get(token)).toEqual({ n: 0 });
  }
  expect(applicationsOf(id)).toBe(0);
});

test("a double-clicked or resent new-application form creates one record", async ({ browser }) => {
  const { page, id } = await applicantPage(browser, false);
  await page.goto("/subsidy/new");
  const origin = new URL(page.url()).origin;
  const token = await page.locator('input[name="token"]').inputValue();
  const certId = (e2eDb().prepare("SELECT id FROM subsidy_certifications WHERE name = '技術士'").get() as { id: number }).id;
  const send = () =>
    page.request.post("/subsidy/new", {
      headers: { Origin: origin },
      multipart: { intent: "save", token, certification: String(certId), examDate: "2026-10-11", passDate: "2026-11-20", examCost: "14000" },
      maxRedirects: 0,
    });
  const answers = await Promise.all([send(), send(), send()]);
  for (const a of answers) expect(a.status()).toBe(302);
  expect(new Set(answers.map((a) => a.headers()["location"])).size).toBe(1);
  expect(applicationsOf(id)).toBe(1);
});

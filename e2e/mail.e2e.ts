// Mail end to end, through the real server's outbox and sender to a real SMTP server on
// loopback (e2e/mail-sink.mjs, started by the Playwright config): a cancellation promotes
// the waitlisted person and their mail arrives with a link that opens their course; the
// admin's failed-mail page resends a mail, which then arrives; マイページ switches reminders
// off with JavaScript off. Screenshots at 1280 and 360 px.
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { BASE_URL, MAIL_SINK_URL } from "./env";
import { DEMO, createSession, createTestEmployee, e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

const SHOTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(import.meta.dirname, ".artifacts"), "screenshots");
const DAY = 86_400_000;

type SinkMessage = { envelopeTo: string[]; to: string; from: string; subject: string; text: string };

async function mailsTo(address: string): Promise<SinkMessage[]> {
  const res = await fetch(MAIL_SINK_URL);
  return ((await res.json()) as SinkMessage[]).filter((m) => m.envelopeTo.includes(address));
}

/** Waits until a mail with `subject` has arrived for `address` (as a person checking their inbox would). */
async function waitForMail(address: string, subject: string): Promise<SinkMessage> {
  await expect.poll(async () => (await mailsTo(address)).map((m) => m.subject), { timeout: 20_000 }).toContain(subject);
  return (await mailsTo(address)).find((m) => m.subject === subject)!;
}

async function pageAs(browser: Browser, staffNumber: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(opts);
  await context.addCookies([{ name: "kjp_session", value: createSession(staffNumber), url: BASE_URL }]);
  return context.newPage();
}

async function shoot(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `mail-${name}-${width}.png`), fullPage: true });
    if (width === 360) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at 360px`).toBeLessThanOrEqual(0);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

function withAddress(id: string): string {
  const address = `e2e-${id.slice(0, 8)}@city.kawasaki.example`;
  e2eDb().prepare("UPDATE employees SET email = ? WHERE id = ?").run(address, id);
  return address;
}

function fiscalYearOf(ms: number): number {
  const jst = new Date(ms + 9 * 3_600_000);
  return jst.getUTCMonth() + 1 >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

/** An opt-in course with one session of capacity 1, sign-up open now, no approval needed. */
function createCourse(): { courseId: number; title: string } {
  const db = e2eDb();
  const now = Date.now();
  const startsAt = now + 10 * DAY;
  const title = `メールE2E研修 ${Math.random().toString(36).slice(2, 8)}`;
  const courseId = Number(
    db
      .prepare(`INSERT INTO training_courses (fiscal_year, title, description, kind, needs_approval) VALUES (?, ?, ?, 'optIn', 0)`)
      .run(fiscalYearOf(startsAt), title, "e2e で作成した研修です。").lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, online, capacity, signup_opens_at, signup_closes_at, cancel_deadline, status)
     VALUES (?, 1, ?, ?, '研修室E2E', 0, 1, ?, ?, ?, 'open')`,
  ).run(courseId, startsAt, startsAt + 3 * 3_600_000, now - DAY, startsAt - DAY, startsAt - 2 * DAY);
  return { courseId, title };
}

test("キャンセルで繰り上がった職員に、繰り上げのメールがSMTPで届き、リンクから研修を開ける", async ({ browser }) => {
  const a = await createTestEmployee();
  const b = await createTestEmployee();
  const aAddress = withAddress(a.id);
  const bAddress = withAddress(b.id);
  const { courseId, title } = createCourse();

  const pageA = await pageAs(browser, a.staffNumber);
  await pageA.goto(`/training/courses/${courseId}`);
  await pageA.getByRole("button", { name: "第1回に申し込む" }).click();
  await expect(pageA.getByRole("status")).toContainText("受講が決定しました");
  await waitForMail(aAddress, `【研修】受講が決定しました: ${title}`);

  const pageB = await pageAs(browser, b.staffNumber);
  await pageB.goto(`/training/courses/${courseId}`);
  await pageB.getByRole("button", { name: "第1回のキャンセル待ちに登録する" }).click();
  await expect(pageB.getByRole("status")).toContainText("キャンセル待ちで登録しました");
  await waitForMail(bAddress, `【研修】キャンセル待ちで受け付けました: ${title}`);

  await pageA.getByRole("button", { name: "申込をキャンセルする" }).click();
  await expect(pageA.getByRole("status")).toContainText("キャンセルしました");

  const promoted = await waitForMail(bAddress, `【研修】キャンセル待ちから繰り上がりました: ${title}`);
  expect(promoted.from).toContain("かわさき人財ポータル");
  expect(promoted.text).toContain("受講が決定しました。");
  const link = `${BASE_URL}/training/courses/${courseId}`;
  expect(promoted.text).toContain(link);
  // Exactly one promotion mail, and A got nothing about B.
  expect((await mailsTo(bAddress)).filter((m) => m.subject.includes("繰り上がりました"))).toHaveLength(1);
  expect((await mailsTo(aAddress)).map((m) => m.subject)).toEqual([`【研修】受講が決定しました: ${title}`]);

  await pageB.goto(link);
  await expect(pageB.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(pageB.getByRole("region", { name: "第1回への申込" })).toContainText("受講決定");
});

test("管理: 送信に失敗したメールが理由とともに一覧され、再送すると届く", async ({ browser }) => {
  const p = await createTestEmployee();
  const address = withAddress(p.id);
  const key = `e2e-failed:${p.id}`;
  const values = JSON.stringify({ applicationId: "e2e-app", certification: "日商簿記検定2級", amount: 12000 });
  e2eDb()
    .prepare(
      `INSERT INTO mail_outbox (dedupe_key, recipient_id, to_address, template, "values", status, attempts, next_attempt_at, last_error)
       VALUES (?, ?, ?, 'subsidy.approved', ?, 'failed', 8, ?, '421 中継サーバーが応答しません')`,
    )
    .run(key, p.id, address, values, Date.now());

  const page = await pageAs(browser, DEMO.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "メールの送信状況" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("メールの送信状況");
  const row = page.getByRole("row").filter({ hasText: p.name });
  await expect(row).toContainText("【資格取得費用助成】交付が決定しました");
  await expect(row).toContainText("421 中継サーバーが応答しません");
  await expectNoSeriousA11yViolations(page);
  await shoot(page, "admin-failed");

  await row.getByRole("button", { name: "再送" }).click();
  await expect(page.getByRole("status")).toContainText("再送の待ち行列に戻しました");
  const mail = await waitForMail(address, "【資格取得費用助成】交付が決定しました");
  expect(mail.text).toContain("助成額: 12,000円");
  expect(mail.text).toContain(`${BASE_URL}/subsidy/e2e-app`);
  const audit = e2eDb().prepare("SELECT actor_id AS actorId FROM audit_log WHERE action = 'mail.resend' AND target LIKE 'mail_outbox:%' ORDER BY id DESC LIMIT 1").get();
  expect(audit).toBeTruthy();

  // Nobody else reaches the page.
  const other = await pageAs(browser, DEMO.hrDev);
  const res = await other.goto("/admin/mail");
  expect(res?.status()).toBe(403);
});

test.describe("マイページ（JavaScript なし）", () => {
  test("リマインダーを止め、承認待ちのまとめは残す", async ({ browser }) => {
    const p = await createTestEmployee();
    withAddress(p.id);
    const page = await pageAs(browser, p.staffNumber, { javaScriptEnabled: false });
    await page.goto("/my");
    const form = page.getByRole("group", { name: "受け取るお知らせ" });
    await expect(form.getByRole("checkbox", { name: /前日のリマインダー/ })).toBeChecked();
    await form.getByRole("checkbox", { name: /前日のリマインダー/ }).uncheck();
    await page.getByRole("button", { name: "メールの設定を保存" }).click();
    await expect(page.getByRole("status")).toContainText("メールの設定を保存しました");
    await expect(form.getByRole("checkbox", { name: /前日のリマインダー/ })).not.toBeChecked();
    await expect(form.getByRole("checkbox", { name: /承認待ちのまとめ/ })).toBeChecked();
    const saved = e2eDb().prepare("SELECT reminders, digests FROM mail_preferences WHERE employee_id = ?").get(p.id);
    expect(saved).toEqual({ reminders: 0, digests: 1 });
    // axe runs in the page's JavaScript: the same page once more with it on.
    const withJs = await pageAs(browser, p.staffNumber);
    await withJs.goto("/my");
    await expect(withJs.getByRole("checkbox", { name: /前日のリマインダー/ })).not.toBeChecked();
    await expectNoSeriousA11yViolations(withJs);
    await shoot(withJs, "my-settings");
  });
});

import fs from "node:fs";
import path from "node:path";
import { BASE_URL, E2E_PORT } from "./env";
import { DEMO, createSession, createTestEmployee, e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// 中止: 人材育成課 calls a 回 off with a reason (JavaScript off, plain forms); the employee
// who had a seat sees 中止 and the notice, and their calendar keeps the event's UID as
// CANCELLED with a higher SEQUENCE. Also the tiers page. Screenshots at 1280 and 360 px.

const DAY = 86_400_000;
const SHOTS = path.resolve(process.env.E2E_ARTIFACTS ?? "e2e/.artifacts", "screenshots");

function fiscalYearOf(d: Date): number {
  const jst = new Date(d.getTime() + 9 * 3_600_000);
  return jst.getUTCMonth() + 1 >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

function createCourse(capacity: number) {
  const db = e2eDb();
  const now = Date.now();
  const startsAt = now + 10 * DAY;
  const title = `中止E2E ${Math.random().toString(36).slice(2, 8)}`;
  const courseId = Number(
    db
      .prepare(`INSERT INTO training_courses (fiscal_year, title, description, kind, needs_approval) VALUES (?, ?, '', 'optIn', 0)`)
      .run(fiscalYearOf(new Date(startsAt)), title).lastInsertRowid,
  );
  const sessionId = Number(
    db
      .prepare(
        `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, online, capacity, signup_opens_at, signup_closes_at, cancel_deadline, status)
         VALUES (?, 1, ?, ?, '研修室E2E', 0, ?, ?, ?, ?, 'open')`,
      )
      .run(courseId, startsAt, startsAt + 3 * 3_600_000, capacity, now - DAY, startsAt - DAY, startsAt - 2 * DAY).lastInsertRowid,
  );
  return { courseId, sessionId, title };
}

/** The page as `staffNumber` sees it, with JavaScript on (axe runs in the page): 1280 and 360 px, axe at both, no sideways scroll at 360. */
async function shoot(browser: import("@playwright/test").Browser, staffNumber: string, url: string, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const ctx = await browser.newContext({ javaScriptEnabled: true });
  await ctx.addCookies([{ name: "kjp_session", value: createSession(staffNumber), url: BASE_URL }]);
  const page = await ctx.newPage();
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await page.goto(url);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    await expectNoSeriousA11yViolations(page);
    if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }
  await ctx.close();
}

test.use({ javaScriptEnabled: false });

test("人材育成課 calls a 回 off: the signed-up employee sees 中止 and the notice, the .ics shows it CANCELLED", async ({ browser, request }) => {
  // Two users and four pages screenshotted with axe at two widths: slow on a loaded machine.
  test.setTimeout(180_000);
  const seated = await createTestEmployee();
  const waiting = await createTestEmployee();
  const { courseId, sessionId, title } = createCourse(1);
  const cookieOf = (n: string) => `kjp_session=${createSession(n)}`;
  for (const p of [seated, waiting]) {
    await request.post(`/training/courses/${courseId}`, { headers: { Cookie: cookieOf(p.staffNumber), Origin: BASE_URL }, form: { intent: "signup", courseSessionId: String(sessionId) }, maxRedirects: 0 });
  }
  const seatedCookie = cookieOf(seated.staffNumber);
  const before = await (await request.get("/training/calendar.ics", { headers: { Cookie: seatedCookie } })).text();
  const uid = /UID:(training-enrollment-\d+@[^\r]+)\r\n/.exec(before)![1]!;
  // Not the Host the request came in on (127.0.0.1), and the same through another hostname.
  expect(uid).not.toContain("127.0.0.1");
  const viaLocalhost = await (await request.get(`http://localhost:${E2E_PORT}/training/calendar.ics`, { headers: { Cookie: seatedCookie } })).text();
  expect(viaLocalhost).toContain(`UID:${uid}\r\n`);

  // 人材育成課, JavaScript off: an empty reason is refused at the field, then the call-off.
  const hr = await browser.newContext({ javaScriptEnabled: false });
  await hr.addCookies([{ name: "kjp_session", value: createSession(DEMO.hrDev), url: BASE_URL }]);
  const page = await hr.newPage();
  await page.goto(`/training/manage/sessions/${sessionId}`);
  await page.getByText("この回を中止する").click();
  await page.getByRole("button", { name: "中止して全員に知らせる" }).click();
  await expect(page.getByLabel("中止の理由（必須、500文字以内）")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("中止の理由を入力してください。")).toBeVisible();
  await page.getByLabel("中止の理由（必須、500文字以内）").fill("台風の接近のため");
  await page.getByRole("button", { name: "中止して全員に知らせる" }).click();
  await expect(page.getByRole("status")).toContainText("この回を中止し、申込者全員にお知らせを送りました。");
  await expect(page.getByText("この回は中止しました（理由: 台風の接近のため）")).toBeVisible();
  await expect(page.getByRole("button", { name: "申込の受付を再開する" })).toHaveCount(0);
  await shoot(browser, DEMO.hrDev, `/training/manage/sessions/${sessionId}`, "roster-called-off");
  const statuses = e2eDb().prepare("SELECT status FROM training_enrollments WHERE course_session_id = ? ORDER BY id").all(sessionId) as { status: string }[];
  expect(statuses.map((s) => s.status)).toEqual(["called_off", "called_off"]);
  await page.goto(`/training/manage/courses/${courseId}`);
  await expect(page.getByRole("row", { name: /第1回/ })).toContainText("中止");

  // The employee who had the seat.
  const me = await browser.newContext({ javaScriptEnabled: false });
  await me.addCookies([{ name: "kjp_session", value: createSession(seated.staffNumber), url: BASE_URL }]);
  const mine = await me.newPage();
  await mine.goto("/notifications");
  await expect(mine.getByText("申し込んだ研修の回が中止になりました")).toBeVisible();
  await expect(mine.getByText(`「${title}」第1回`).first()).toBeVisible();
  await expect(mine.getByText(/理由: 台風の接近のため/).first()).toBeVisible();
  await mine.goto(`/training/courses/${courseId}`);
  await expect(mine.getByText("この回は中止になりました。理由: 台風の接近のため")).toBeVisible();
  await expect(mine.getByRole("button", { name: /申し込む/ })).toHaveCount(0);
  await expect(mine.locator(".tag", { hasText: "中止" }).first()).toBeVisible();
  await shoot(browser, seated.staffNumber, `/training/courses/${courseId}`, "course-called-off");
  await mine.goto("/training");
  await expect(mine.getByText(title).first()).toBeVisible();

  const after = await (await request.get("/training/calendar.ics", { headers: { Cookie: seatedCookie } })).text();
  const event = after.slice(after.indexOf(`UID:${uid}`));
  expect(event.slice(0, event.indexOf("END:VEVENT"))).toMatch(/SEQUENCE:1\r\n[\s\S]*STATUS:CANCELLED\r\n/);
  const cancel = await (await request.get("/training/calendar.ics?cancellations=1", { headers: { Cookie: seatedCookie } })).text();
  expect(cancel).toContain("METHOD:CANCEL\r\n");
  expect(cancel).toContain(`UID:${uid}\r\n`);
});

test("人材育成課 edits a 年度's tiers on a page (JavaScript off): a bad value is refused at its field, typed values kept", async ({ browser }) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  await ctx.addCookies([{ name: "kjp_session", value: createSession(DEMO.hrDev), url: BASE_URL }]);
  const page = await ctx.newPage();
  await page.goto("/training/manage?fy=2027");
  await page.getByRole("link", { name: "階層", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/階層（令和9年度/);
  const year3 = page.locator("#serviceYear-year3");
  await year3.fill("2");
  await page.getByRole("button", { name: "この年度の階層を保存する" }).click();
  await expect(page.locator("#serviceYear-year3")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("「2年目」と同じ条件です。").first()).toBeVisible();
  await expect(page.locator("#serviceYear-year3")).toHaveValue("2");
  await page.locator("#serviceYear-year3").fill("4");
  await page.getByRole("button", { name: "この年度の階層を保存する" }).click();
  await expect(page.getByRole("status")).toContainText("この年度の階層を保存しました。");
  await expect(page.locator("#serviceYear-year3")).toHaveValue("4");
  await shoot(browser, DEMO.hrDev, "/training/manage/tiers?fy=2027", "tiers");
  const row = e2eDb().prepare("SELECT service_year FROM training_tier_rules WHERE fiscal_year = 2027 AND tier_code = 'year3'").get() as { service_year: number };
  expect(row.service_year).toBe(4);
});

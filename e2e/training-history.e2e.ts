import path from "node:path";
import { BASE_URL } from "./env";
import { DEMO, createSession, createTestEmployee, e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// 受講歴: every 年度's trainings of a person, seen by the person, their supervisor (from the
// 承認 page) and 人材育成課 (from 研修管理), as a table and as the same CSV — and by nobody else.

const DAY = 86_400_000;
const SHOTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(import.meta.dirname, ".artifacts"), "screenshots");

/** A course of `fiscalYear` with one session on `startsAt`, and `employeeId` in it with `status`. */
function enrolled(fiscalYear: number, startsAt: number, employeeId: string, status: string) {
  const db = e2eDb();
  const title = `受講歴E2E ${fiscalYear} ${Math.random().toString(36).slice(2, 8)}`;
  const courseId = Number(
    db.prepare(`INSERT INTO training_courses (fiscal_year, title, description, kind, needs_approval) VALUES (?, ?, '', 'optIn', 0)`).run(fiscalYear, title).lastInsertRowid,
  );
  const sessionId = Number(
    db
      .prepare(
        `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, online, capacity, signup_opens_at, signup_closes_at, cancel_deadline, status)
         VALUES (?, 1, ?, ?, '研修室E2E', 0, 30, ?, ?, ?, 'open')`,
      )
      .run(courseId, startsAt, startsAt + 3 * 3_600_000, startsAt - 30 * DAY, startsAt - 5 * DAY, startsAt - 3 * DAY).lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO training_enrollments (course_id, course_session_id, employee_id, status, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(courseId, sessionId, employeeId, status, startsAt - 20 * DAY, startsAt);
  return title;
}

test("受講歴: 本人はすべての年度を見てCSVを取り、上司と人材育成課は開け、ほかの人には存在しない", async ({ browser }) => {
  test.setTimeout(90_000);
  const boss = await createTestEmployee({ rank: "係長" });
  const me = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
  const colleague = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
  const otherBoss = await createTestEmployee({ rank: "課長" });
  // 令和5年度 (FY2023) 修了 and 欠席, and a sign-up of the coming weeks.
  const past = enrolled(2023, Date.UTC(2023, 9, 10, 0, 30), me.id, "completed");
  const missed = enrolled(2023, Date.UTC(2024, 0, 16, 0, 30), me.id, "absent");
  const upcoming = enrolled(fiscalYearOf(Date.now() + 14 * DAY), Date.now() + 14 * DAY, me.id, "confirmed");

  const as = async (staffNumber: string) => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "kjp_session", value: createSession(staffNumber), url: BASE_URL }]);
    return context.newPage();
  };

  // The person: from マイページ, every 年度 newest first, then one 年度.
  const page = await as(me.staffNumber);
  await page.goto("/my");
  await page.getByRole("link", { name: "研修の受講歴（すべての年度）" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("研修の受講歴");
  const rows = page.getByRole("table", { name: "受講歴" }).locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(upcoming);
  await expect(rows.nth(0)).toContainText("受講決定");
  await expect(rows.nth(1)).toContainText(missed);
  await expect(rows.nth(1)).toContainText("欠席");
  await expect(rows.nth(2)).toContainText("令和5年度");
  await expect(rows.nth(2)).toContainText("修了");
  await expectNoSeriousA11yViolations(page);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: path.join(SHOTS, `training-history-${width}.png`), fullPage: true });
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel("年度", { exact: true }).selectOption("2023");
  await page.getByRole("button", { name: "表示" }).click();
  await expect(page).toHaveURL(/fy=2023/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByText(past)).toBeVisible();
  // The CSV has the same rows in the same order.
  const href = await page.getByRole("link", { name: "この受講歴をCSVでダウンロード" }).getAttribute("href");
  const csv = await (await page.request.get(href!)).text();
  const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe("年度,研修,回,日時,状況");
  expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual([missed, past]);
  expect(lines.slice(1).map((l) => l.split(",").at(-1))).toEqual(["欠席", "修了"]);

  // The supervisor: from the 承認 page, the subordinate's name opens it.
  const bossPage = await as(boss.staffNumber);
  await bossPage.goto("/approvals");
  await bossPage.getByRole("link", { name: `${me.name}さんの研修の受講歴` }).click();
  await expect(bossPage.getByRole("heading", { level: 1 })).toHaveText(`${me.name}さんの研修の受講歴`);
  await expect(bossPage.getByRole("table", { name: "受講歴" }).locator("tbody tr")).toHaveCount(3);

  // 人材育成課: searches the staff in 研修管理.
  const hrPage = await as(DEMO.hrDev);
  await hrPage.goto("/training/manage");
  await hrPage.getByRole("link", { name: "職員の受講歴" }).click();
  await hrPage.getByLabel("職員番号・氏名・カナ").fill(me.staffNumber);
  await hrPage.getByRole("button", { name: "検索" }).click();
  await hrPage.getByRole("link", { name: `${me.name}さんの研修の受講歴` }).click();
  await expect(hrPage.getByRole("table", { name: "受講歴" }).locator("tbody tr")).toHaveCount(3);
  await expectNoSeriousA11yViolations(hrPage);

  // Anyone else: a colleague, another supervisor, 人事課, admin — the page and the CSV do not exist.
  for (const who of [colleague.staffNumber, otherBoss.staffNumber, DEMO.hrPersonnel, DEMO.admin]) {
    const p = await as(who);
    for (const url of [`/training/history?employee=${me.id}`, `/training/history.csv?employee=${me.id}`]) {
      const res = await p.request.get(url);
      expect(res.status(), `${who} ${url}`).toBe(404);
      expect(await res.text()).not.toContain(past);
    }
    await p.context().close();
  }
  const search = await (await as(DEMO.supervisor)).request.get(`/training/manage/people?q=${me.staffNumber}`);
  expect(search.status()).toBe(403);
});

/** The 年度 (April–March, Tokyo) an instant falls in. */
function fiscalYearOf(ms: number): number {
  const jst = new Date(ms + 9 * 3_600_000);
  return jst.getUTCMonth() + 1 >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

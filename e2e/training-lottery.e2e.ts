import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { BASE_URL } from "./env";
import { DEMO, createSession, createTestEmployee, e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// 抽選: a popular course's 回 takes 応募 (JavaScript off), 人材育成課 runs the draw, the
// priority person (never took this course before) is drawn first, everyone learns the result.

const DAY = 86_400_000;
const SHOTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(import.meta.dirname, ".artifacts"), "screenshots");

function fiscalYearOf(ms: number): number {
  const jst = new Date(ms + 9 * 3_600_000);
  return jst.getUTCMonth() + 1 >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

/** This 年度's course with one 抽選 回 of `capacity`, and last run's course of the same title where `repeaters` completed it. */
function lotteryCourse(capacity: number, repeaters: string[]) {
  const db = e2eDb();
  const now = Date.now();
  const title = `抽選E2E ${randomBytes(3).toString("hex")}`;
  const insertCourse = db.prepare(
    `INSERT INTO training_courses (fiscal_year, title, description, kind, needs_approval, lottery_approval, lottery_priorities) VALUES (?, ?, '', 'optIn', 0, 'after', '["first_time"]')`,
  );
  const insertSession = db.prepare(
    `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, online, capacity, signup_opens_at, signup_closes_at, cancel_deadline, status, allocation)
     VALUES (?, 1, ?, ?, '研修室E2E', 0, ?, ?, ?, ?, 'open', ?)`,
  );
  const past = Number(insertCourse.run(2023, title).lastInsertRowid);
  const pastStart = Date.UTC(2023, 9, 10, 0, 30);
  const pastSession = Number(insertSession.run(past, pastStart, pastStart + 3 * 3_600_000, 30, pastStart - 30 * DAY, pastStart - 5 * DAY, pastStart - 3 * DAY, "first_come").lastInsertRowid);
  for (const id of repeaters) {
    db.prepare(`INSERT INTO training_enrollments (course_id, course_session_id, employee_id, status, requested_at, updated_at) VALUES (?, ?, ?, 'completed', ?, ?)`).run(
      past,
      pastSession,
      id,
      pastStart - 20 * DAY,
      pastStart,
    );
  }
  const startsAt = now + 20 * DAY;
  const courseId = Number(insertCourse.run(fiscalYearOf(startsAt), title).lastInsertRowid);
  const sessionId = Number(insertSession.run(courseId, startsAt, startsAt + 3 * 3_600_000, capacity, now - DAY, startsAt - 10 * DAY, startsAt - 5 * DAY, "lottery").lastInsertRowid);
  return { courseId, sessionId, title };
}

async function pageOf(browser: Browser, staffNumber: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  await context.addCookies([{ name: "kjp_session", value: createSession(staffNumber), url: BASE_URL }]);
  return context.newPage();
}

test("抽選: 応募（JavaScriptなし）→ 人材育成課が抽選を実行 → 初めての人が優先で受講決定、ほかはキャンセル待ちの番号", async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await createTestEmployee();
  const repeaters = [await createTestEmployee(), await createTestEmployee()];
  const { courseId, sessionId, title } = lotteryCourse(1, repeaters.map((r) => r.id));

  for (const person of [repeaters[0]!, first, repeaters[1]!]) {
    const page = await pageOf(browser, person.staffNumber, false);
    await page.goto(`/training/courses/${courseId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText("抽選（定員1名・応募")).toBeVisible();
    await page.getByRole("button", { name: "第1回に応募する（抽選）" }).click();
    await expect(page.getByRole("status")).toContainText("申込締切の後に抽選を行い");
    await expect(page.getByRole("region", { name: "第1回への申込" })).toContainText("応募（抽選待ち）");
    await page.context().close();
  }

  const hr = await pageOf(browser, DEMO.hrDev, true);
  await hr.goto(`/training/manage/sessions/${sessionId}`);
  const panel = hr.getByRole("region", { name: "抽選", exact: true });
  await expect(panel).toContainText("優先1（この研修を過去の年度に受講していない人）");
  await expect(panel).toContainText("応募 3名");
  await expectNoSeriousA11yViolations(hr);
  await panel.getByRole("button", { name: "抽選を実行" }).click();
  await expect(hr.getByRole("status")).toContainText("抽選を実行しました");
  await expect(hr.getByRole("region", { name: "抽選", exact: true })).toContainText("応募3名のうち1名が受講決定");
  // The first-timer holds the seat, drawn first in priority group 1.
  const seatedTable = hr.getByRole("table").first();
  await expect(seatedTable).toContainText(first.name);
  await expect(seatedTable).toContainText("優先1（この研修を過去の年度に受講していない人）・1番");
  await expectNoSeriousA11yViolations(hr);
  for (const width of [1280, 360]) {
    await hr.setViewportSize({ width, height: 900 });
    await hr.screenshot({ path: path.join(SHOTS, `training-lottery-roster-${width}.png`), fullPage: true });
  }

  // Everyone learns the result: 受講決定 for the drawn, the waitlist number for the others.
  const drawn = await pageOf(browser, first.staffNumber, false);
  await drawn.goto("/notifications");
  await expect(drawn.getByText("研修の抽選結果: 受講が決まりました").first()).toBeVisible();
  await drawn.goto(`/training/courses/${courseId}`);
  await expect(drawn.getByRole("region", { name: "第1回への申込" })).toContainText("受講決定");
  const places: number[] = [];
  for (const r of repeaters) {
    const page = await pageOf(browser, r.staffNumber, false);
    await page.goto("/notifications");
    const text = await page.getByText(/キャンセル待ち\d+番になりました/).first().textContent();
    places.push(Number(/キャンセル待ち(\d+)番/.exec(text ?? "")?.[1]));
    await page.goto(`/training/courses/${courseId}`);
    await expect(page.getByRole("region", { name: "第1回への申込" })).toContainText("キャンセル待ち");
  }
  expect(places.sort()).toEqual([1, 2]);
  const statuses = e2eDb().prepare("SELECT status, count(*) AS n FROM training_enrollments WHERE course_session_id = ? GROUP BY status ORDER BY status").all(sessionId);
  expect(statuses).toEqual([
    { status: "confirmed", n: 1 },
    { status: "waitlisted", n: 2 },
  ]);
});

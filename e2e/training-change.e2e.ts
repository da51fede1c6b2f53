import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { BASE_URL } from "./env";
import { DEMO, createTestEmployee, e2eDb, expect, test, useSession } from "./fixtures";

// Change to another 回 of the same course: one step, the old seat passed to the first
// waitlisted there — with JavaScript off, and under 200 simultaneous changes.

const DAY = 86_400_000;
const SHOTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(import.meta.dirname, ".artifacts"), "screenshots");

/** An opt-in course with two 回 of `capacity` seats, both open for sign-up now. */
function twoSessionCourse(capacity: number) {
  const db = e2eDb();
  const now = Date.now();
  const jst = new Date(now + 10 * DAY + 9 * 3_600_000);
  const fiscalYear = jst.getUTCMonth() + 1 >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
  const title = `回変更E2E ${randomBytes(3).toString("hex")}`;
  const courseId = Number(
    db.prepare(`INSERT INTO training_courses (fiscal_year, title, description, kind, needs_approval) VALUES (?, ?, '', 'optIn', 0)`).run(fiscalYear, title).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, online, capacity, signup_opens_at, signup_closes_at, cancel_deadline, status)
     VALUES (?, ?, ?, ?, '研修室E2E', 0, ?, ?, ?, ?, 'open')`,
  );
  const sessions = [10, 17].map((days, i) => {
    const startsAt = now + days * DAY;
    return Number(insert.run(courseId, i + 1, startsAt, startsAt + 3 * 3_600_000, capacity, now - DAY, startsAt - DAY, startsAt - 2 * DAY).lastInsertRowid);
  });
  return { courseId, title, first: sessions[0]!, second: sessions[1]! };
}

type Row = { id: number; employeeId: string; sessionId: number; status: string };
function rowsOf(courseId: number): Row[] {
  return e2eDb()
    .prepare("SELECT id, employee_id AS employeeId, course_session_id AS sessionId, status FROM training_enrollments WHERE course_id = ? ORDER BY id")
    .all(courseId) as Row[];
}

test.describe("JavaScript を無効にしても", () => {
  test.use({ javaScriptEnabled: false });

  test("回の変更: 空いている第2回へ1回の操作で移り、空いた第1回の席はキャンセル待ちの1番目へ繰り上がる", async ({ browser }) => {
    test.setTimeout(90_000);
    const { courseId, title, first, second } = twoSessionCourse(1);
    const me = await createTestEmployee();
    const waiting = await createTestEmployee();
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    await useSession(ctx, me.staffNumber);
    const page = await ctx.newPage();
    await page.goto(`/training/courses/${courseId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await page.getByRole("button", { name: "第1回に申し込む" }).click();
    await expect(page.getByRole("status")).toContainText("受講が決定しました");

    const ctxW = await browser.newContext({ javaScriptEnabled: false });
    await useSession(ctxW, waiting.staffNumber);
    const pageW = await ctxW.newPage();
    await pageW.goto(`/training/courses/${courseId}`);
    await pageW.getByRole("button", { name: "第1回のキャンセル待ちに登録する" }).click();
    await expect(pageW.getByRole("status")).toContainText("キャンセル待ちで登録しました");

    // The 第1回 sign-up offers a change on 第2回, not a second sign-up.
    await page.reload();
    await expect(page.getByRole("button", { name: "第2回に申し込む" })).toHaveCount(0);
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `training-change-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "第2回に変更する" }).click();
    await expect(page.getByRole("status")).toContainText("回を変更しました");
    await expect(page.getByRole("region", { name: "第2回への申込" })).toContainText("受講決定");
    await expect(page.getByRole("region", { name: "第2回への申込" })).toContainText(/第1回（.+）から第2回（.+）に変更/);

    const rows = rowsOf(courseId);
    expect(rows.map((r) => [r.employeeId, r.sessionId, r.status])).toEqual([
      [me.id, second, "confirmed"],
      [waiting.id, first, "confirmed"],
    ]);
    await pageW.goto("/notifications");
    await expect(pageW.getByText("研修のキャンセル待ちから繰り上がりました").first()).toBeVisible();
    await ctx.close();
    await ctxW.close();
  });
});

test("200人が同時に、満席の2つの回の間で回を変更しても、両方とも定員ちょうどで、2つの席を持つ人はいない", async () => {
  test.setTimeout(180_000);
  const capacity = 20;
  const { courseId, first, second } = twoSessionCourse(capacity);
  const db = e2eDb();
  const org = (db.prepare("SELECT org_unit_id AS o FROM employees WHERE staff_number = ?").get(DEMO.employee) as { o: number }).o;
  const run = randomBytes(3).toString("hex");
  const insertEmployee = db.prepare(
    `INSERT INTO employees (id, staff_number, name, kana, org_unit_id, rank, job_category, employment_type, hired_on, rank_since, birth_year, source)
     VALUES (?, ?, ?, 'カイヘンコウ テスト', ?, '一般職員', '行政事務', '正規', '2018-04-01', '2018-04-01', 1994, 'personnel')`,
  );
  const insertSession = db.prepare("INSERT INTO auth_sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)");
  const insertEnrollment = db.prepare(
    `INSERT INTO training_enrollments (course_id, course_session_id, employee_id, status, waitlist_seq, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // 100 people per 回: 20 seated, 80 waiting (in that order), each with a login session.
  const people: { id: string; cookie: string; enrollmentId: number; to: number }[] = [];
  db.transaction(() => {
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      insertEmployee.run(id, `m${run}${String(i).padStart(4, "0")}`, `回変更 試験${i}`, org);
      const sid = randomBytes(20).toString("hex");
      insertSession.run(sid, id, Math.floor(Date.now() / 1000) + 3600, Date.now());
      const session = i < 100 ? first : second;
      const place = i % 100;
      const status = place < capacity ? "confirmed" : "waitlisted";
      const enrollmentId = Number(insertEnrollment.run(courseId, session, id, status, status === "waitlisted" ? place : null, Date.now() - 60_000 + i, Date.now()).lastInsertRowid);
      people.push({ id, cookie: `kjp_session=${sid}`, enrollmentId, to: session === first ? second : first });
    }
  })();

  const responses = await Promise.all(
    people.map((p) =>
      fetch(`${BASE_URL}/training/courses/${courseId}`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: p.cookie, Origin: BASE_URL, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "change", enrollmentId: String(p.enrollmentId), toSessionId: String(p.to) }).toString(),
      }),
    ),
  );
  expect(responses.map((r) => r.status).filter((s) => s !== 302)).toEqual([]);

  const rows = rowsOf(courseId);
  expect(rows).toHaveLength(200);
  expect(new Set(rows.map((r) => r.employeeId)).size).toBe(200);
  for (const s of [first, second]) {
    const seated = rows.filter((r) => r.sessionId === s && r.status === "confirmed").length;
    const waiting = rows.filter((r) => r.sessionId === s && r.status === "waitlisted").length;
    expect(seated).toBe(capacity);
    expect(seated + waiting).toBeGreaterThan(capacity);
  }
  // Everyone's change went through: each person is now in the other 回.
  const byId = new Map(rows.map((r) => [r.employeeId, r]));
  for (const p of people) expect(byId.get(p.id)!.sessionId).toBe(p.to);
  const waitSeqs = db
    .prepare("SELECT course_session_id AS s, count(*) AS n, count(DISTINCT waitlist_seq) AS d FROM training_enrollments WHERE course_id = ? AND status = 'waitlisted' GROUP BY course_session_id")
    .all(courseId) as { s: number; n: number; d: number }[];
  for (const w of waitSeqs) expect(w.d).toBe(w.n);
});

import type { BrowserContext } from "@playwright/test";
import { BASE_URL } from "./env";
import { DEMO, createTestEmployee, expect, expectNoSeriousA11yViolations, sessionFor, sql, test, useSession } from "./fixtures";

// 階層別研修 end to end: sign-up, waitlist, supervisor approval, promotion on cancellation
// with its notification, completion by 人材育成課 — in Chromium, and the sign-up / cancel
// forms again with JavaScript off.

const DAY = 86_400_000;

/** The 年度 (April–March, Tokyo) an instant falls in. */
function fiscalYearOf(d: Date): number {
  const jst = new Date(d.getTime() + 9 * 3_600_000);
  return jst.getUTCMonth() + 1 >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

/** An opt-in course open to everyone with one session whose sign-up window is open now. */
async function createOpenCourse(opts: { capacity: number; needsApproval: boolean; title?: string }) {
  const now = Date.now();
  const startsAt = now + 10 * DAY;
  const title = opts.title ?? `E2E研修 ${Math.random().toString(36).slice(2, 8)}`;
  const course = await sql.one<{ id: number }>(
    `INSERT INTO training_courses (fiscal_year, title, description, kind, needs_approval) VALUES (?, ?, ?, 'optIn', ?) RETURNING id`,
    [fiscalYearOf(new Date(startsAt)), title, "e2e で作成した研修です。", opts.needsApproval],
  );
  const session = await sql.one<{ id: number }>(
    `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, online, capacity, signup_opens_at, signup_closes_at, cancel_deadline, status)
     VALUES (?, 1, ?, ?, '研修室E2E', ?, ?, ?, ?, ?, 'open') RETURNING id`,
    [course.id, new Date(startsAt), new Date(startsAt + 3 * 3_600_000), false, opts.capacity, new Date(now - DAY), new Date(startsAt - DAY), new Date(startsAt - 2 * DAY)],
  );
  return { courseId: course.id, sessionId: session.id, title };
}

async function statusOf(sessionId: number, employeeId: string): Promise<string | undefined> {
  const [row] = await sql.all<{ status: string }>(
    `SELECT status FROM training_enrollments WHERE course_session_id = ? AND employee_id = ? ORDER BY id DESC LIMIT 1`,
    [sessionId, employeeId],
  );
  return row?.status;
}

/** The one enrollment of the session (the test's only applicant). */
async function enrollmentId(sessionId: number, employeeId?: string): Promise<number> {
  const where = employeeId ? " AND employee_id = ?" : "";
  const row = await sql.one<{ id: number }>(`SELECT id FROM training_enrollments WHERE course_session_id = ?${where}`, employeeId ? [sessionId, employeeId] : [sessionId]);
  return row.id;
}

async function pageAs(context: BrowserContext, staffNumber: string) {
  await context.addCookies([{ name: "kjp_session", value: await sessionFor(staffNumber), url: BASE_URL }]);
  return context.newPage();
}

test("申込・キャンセル待ち・所属長の承認・キャンセルによる繰り上げ（通知）・人材育成課の修了記録", async ({ browser }) => {
  // Four people in four browser contexts, one after another.
  test.setTimeout(120_000);
  const boss = await createTestEmployee({ rank: "係長" });
  const a = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
  const b = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
  const { courseId, sessionId, title } = await createOpenCourse({ capacity: 1, needsApproval: true });

  // A signs up: the seat is held while the supervisor decides.
  const pageA = await pageAs(await browser.newContext(), a.staffNumber);
  await pageA.goto(`/training/courses/${courseId}`);
  await expect(pageA.getByRole("heading", { level: 1 })).toHaveText(title);
  await pageA.getByRole("button", { name: "第1回に申し込む" }).click();
  await expect(pageA.getByRole("status")).toContainText("所属長の承認を待っています");
  await expect(pageA.getByRole("region", { name: "第1回への申込" })).toContainText("承認待ち");
  expect(await statusOf(sessionId, a.id)).toBe("pending");

  // B finds the session full and joins the waitlist, seeing the position.
  const pageB = await pageAs(await browser.newContext(), b.staffNumber);
  await pageB.goto(`/training/courses/${courseId}`);
  await expect(pageB.getByText("満席", { exact: true })).toBeVisible();
  await pageB.getByRole("button", { name: "第1回のキャンセル待ちに登録する" }).click();
  await expect(pageB.getByRole("status")).toContainText("キャンセル待ちで登録しました");
  await expect(pageB.getByText("キャンセル待ち 1番目")).toBeVisible();
  expect(await statusOf(sessionId, b.id)).toBe("waitlisted");

  // The supervisor approves A from the 承認 page.
  const pageBoss = await pageAs(await browser.newContext(), boss.staffNumber);
  await pageBoss.goto("/approvals");
  await expect(pageBoss.getByText("承認を待っている申請はありません。")).toHaveCount(0);
  await pageBoss.getByRole("button", { name: `${a.name}さんの申込を承認する` }).click();
  await expect(pageBoss.getByRole("status")).toContainText("承認しました");
  expect(await statusOf(sessionId, a.id)).toBe("confirmed");

  // A cancels: B is promoted in the same transaction (to pending: the course needs approval).
  await pageA.goto(`/training/courses/${courseId}`);
  await pageA.getByRole("button", { name: "申込をキャンセルする" }).click();
  await expect(pageA.getByRole("status")).toContainText("キャンセルしました");
  expect(await statusOf(sessionId, a.id)).toBe("cancelled");
  expect(await statusOf(sessionId, b.id)).toBe("pending");

  // B sees the notification.
  await pageB.goto("/notifications");
  await expect(pageB.getByText("研修のキャンセル待ちから繰り上がりました")).toBeVisible();
  await expect(pageB.getByText(`「${title}」第1回`)).toBeVisible();

  // The supervisor returns nothing without a reason, then approves B.
  await pageBoss.goto(`/approvals/training/${await enrollmentId(sessionId, b.id)}`);
  await expect(pageBoss.getByRole("heading", { name: "履歴" })).toBeVisible();
  await expect(pageBoss.getByText("「キャンセル待ちから繰り上げ」")).toBeVisible();
  await pageBoss.getByRole("button", { name: "承認する" }).click();
  await expect(pageBoss.getByRole("status")).toContainText("承認しました");
  await expect(pageBoss.getByText("承認を待っている申請はありません。")).toBeVisible();
  expect(await statusOf(sessionId, b.id)).toBe("confirmed");

  // The session takes place; 人材育成課 records 修了 on the roster.
  const now = Date.now();
  await sql.run(`UPDATE training_course_sessions SET signup_opens_at = ?, signup_closes_at = ?, cancel_deadline = ?, starts_at = ?, ends_at = ? WHERE id = ?`, [
    new Date(now - 5 * DAY),
    new Date(now - 3 * DAY),
    new Date(now - 3 * DAY),
    new Date(now - 2 * 3_600_000),
    new Date(now - 3_600_000),
    sessionId,
  ]);
  const pageHr = await pageAs(await browser.newContext(), DEMO.hrDev);
  await pageHr.goto(`/training/manage/sessions/${sessionId}`);
  await pageHr.getByRole("checkbox", { name: `${b.name}さんを選択` }).check();
  await pageHr.getByLabel("記録する内容").selectOption("completed");
  await pageHr.getByRole("button", { name: "チェックした人に記録する" }).click();
  await expect(pageHr.getByRole("status")).toContainText("記録しました");
  expect(await statusOf(sessionId, b.id)).toBe("completed");

  // B sees 修了 with the whole history.
  await pageB.goto(`/training/courses/${courseId}`);
  const record = pageB.getByRole("region", { name: "第1回への申込" });
  await expect(record).toContainText("修了");
  await expect(record.getByRole("listitem")).toHaveCount(4);

  // Every transition left an audit line.
  const audited = await sql.all<{ action: string }>(
    `SELECT action FROM audit_log WHERE target IN (SELECT 'training_enrollment:' || id FROM training_enrollments WHERE course_session_id = ?) ORDER BY id`,
    [sessionId],
  );
  expect(audited.map((r) => r.action)).toEqual([
    "training.enrollment.signUp",
    "training.enrollment.signUp",
    "training.enrollment.approve",
    "training.enrollment.cancel",
    "training.enrollment.promote",
    "training.enrollment.approve",
    "training.enrollment.mark",
  ]);
});

test("所属長は自分の部下でない申込を見ることも判断することもできない（404）", async ({ browser, request }) => {
  const boss = await createTestEmployee({ rank: "係長" });
  const other = await createTestEmployee({ rank: "係長" });
  const a = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
  await createTestEmployee({ supervisorStaffNumber: other.staffNumber });
  const { courseId, sessionId } = await createOpenCourse({ capacity: 5, needsApproval: true });
  const pageA = await pageAs(await browser.newContext(), a.staffNumber);
  await pageA.goto(`/training/courses/${courseId}`);
  await pageA.getByRole("button", { name: "第1回に申し込む" }).click();
  await expect(pageA.getByRole("status")).toContainText("所属長の承認を待っています");
  const id = await enrollmentId(sessionId);

  const cookie = `kjp_session=${await sessionFor(other.staffNumber)}`;
  expect((await request.get(`/approvals/training/${id}`, { headers: { Cookie: cookie } })).status()).toBe(404);
  const post = await request.post(`/approvals/training/${id}`, { headers: { Cookie: cookie, Origin: BASE_URL }, form: { intent: "approve" }, maxRedirects: 0 });
  expect(post.status()).toBe(404);
  expect(await statusOf(sessionId, a.id)).toBe("pending");
  // Nor can another employee cancel it.
  const stranger = `kjp_session=${await sessionFor(DEMO.employee)}`;
  const cancel = await request.post(`/training/courses/${courseId}`, {
    headers: { Cookie: stranger, Origin: BASE_URL },
    form: { intent: "cancel", enrollmentId: String(id) },
    maxRedirects: 0,
  });
  expect(cancel.status()).toBe(404);
  // Extra fields are refused, not applied.
  const extra = await request.post(`/training/courses/${courseId}`, {
    headers: { Cookie: `kjp_session=${await sessionFor(a.staffNumber)}`, Origin: BASE_URL },
    form: { intent: "cancel", enrollmentId: String(id), status: "confirmed" },
    maxRedirects: 0,
  });
  expect(extra.status()).toBe(200);
  expect(await statusOf(sessionId, a.id)).toBe("pending");
});

test.describe("JavaScript を無効にしても", () => {
  test.use({ javaScriptEnabled: false });

  test("申込とキャンセルが通常のフォームで動き、二重送信でも申込は1件", async ({ page, context, request }) => {
    const me = await createTestEmployee();
    const { courseId, sessionId } = await createOpenCourse({ capacity: 3, needsApproval: false });
    await useSession(context, me.staffNumber);
    await page.goto(`/training/courses/${courseId}`);
    await page.getByRole("button", { name: "第1回に申し込む" }).click();
    await expect(page).toHaveURL(new RegExp(`/training/courses/${courseId}\\?notice=training-signed-up`));
    await expect(page.getByRole("status")).toContainText("受講が決定しました");
    expect(await statusOf(sessionId, me.id)).toBe("confirmed");

    // The same form sent again (back button + resubmit, or a double click) changes nothing.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        request.post(`/training/courses/${courseId}`, {
          headers: { Cookie: cookie, Origin: BASE_URL },
          form: { intent: "signup", courseSessionId: String(sessionId) },
          maxRedirects: 0,
        }),
      ),
    );
    for (const r of again) expect(r.headers()["location"]).toContain("notice=training-already");
    const rows = await sql.one<{ n: number }>("SELECT count(*) AS n FROM training_enrollments WHERE course_session_id = ? AND employee_id = ?", [sessionId, me.id]);
    expect(rows.n).toBe(1);

    await page.getByRole("button", { name: "申込をキャンセルする" }).click();
    await expect(page.getByRole("status")).toContainText("申込をキャンセルしました");
    expect(await statusOf(sessionId, me.id)).toBe("cancelled");
    // Signing up again makes a new record; the cancelled one stays.
    await page.getByRole("button", { name: "第1回に申し込む" }).click();
    await expect(page.getByRole("status")).toContainText("受講が決定しました");
    const all = await sql.all<{ status: string }>("SELECT status FROM training_enrollments WHERE course_session_id = ? AND employee_id = ? ORDER BY id", [sessionId, me.id]);
    expect(all.map((r) => r.status)).toEqual(["cancelled", "confirmed"]);
  });

  test("差戻しの理由が空なら、その場で理由の欄にエラーが出て何も変わらない", async ({ page, context, browser }) => {
    const boss = await createTestEmployee({ rank: "係長" });
    const a = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
    const { courseId, sessionId } = await createOpenCourse({ capacity: 2, needsApproval: true });
    const ctxA = await browser.newContext({ javaScriptEnabled: false });
    const pageA = await pageAs(ctxA, a.staffNumber);
    await pageA.goto(`/training/courses/${courseId}`);
    await pageA.getByRole("button", { name: "第1回に申し込む" }).click();
    // The database is read only once the page says the sign-up went through.
    await expect(pageA.getByRole("status")).toContainText("所属長の承認を待っています");
    expect(await statusOf(sessionId, a.id)).toBe("pending");

    await useSession(context, boss.staffNumber);
    await page.goto("/approvals");
    const id = await enrollmentId(sessionId);
    await page.goto(`/approvals/training/${id}`);
    await page.getByLabel("差戻しの理由").fill("   ");
    await page.getByRole("button", { name: "差し戻す" }).click();
    await expect(page.locator(".field__errors").getByText("差戻しの理由を入力してください。")).toBeVisible();
    expect(await statusOf(sessionId, a.id)).toBe("pending");
    await page.getByLabel("差戻しの理由").fill("繁忙期のため、次の回でお願いします。");
    await page.getByRole("button", { name: "差し戻す" }).click();
    await expect(page.getByRole("status")).toContainText("差し戻しました");
    expect(await statusOf(sessionId, a.id)).toBe("rejected");
  });
});

test("研修ページ（デモの職員）: 階層・選択科目の進み具合が表示され、アクセシビリティの重大な問題がない", async ({ page, context }) => {
  test.setTimeout(120_000);
  await useSession(context, DEMO.employee);
  await page.goto("/training");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("階層別研修");
  await expect(page.getByRole("main")).toContainText("あなたの階層: 新任主任");
  await expect(page.getByRole("heading", { name: "選択科目の受講状況" })).toBeVisible();
  await expect(page.getByText("選択科目から2科目以上")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "データ活用（EBPM）" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("データ活用（EBPM）");
  await expectNoSeriousA11yViolations(page);
});

test("受講決定の回を .ics で取り込める（Asia/Tokyo の時刻）", async ({ request }) => {
  const me = await createTestEmployee();
  const { courseId, sessionId, title } = await createOpenCourse({ capacity: 3, needsApproval: false });
  const cookie = `kjp_session=${await sessionFor(me.staffNumber)}`;
  await request.post(`/training/courses/${courseId}`, { headers: { Cookie: cookie, Origin: BASE_URL }, form: { intent: "signup", courseSessionId: String(sessionId) }, maxRedirects: 0 });
  const res = await request.get("/training/calendar.ics", { headers: { Cookie: cookie } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/calendar");
  const body = await res.text();
  expect(body).toContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo");
  expect(body).toMatch(/DTSTART;TZID=Asia\/Tokyo:\d{8}T\d{6}\r\n/);
  expect(body.replace(/\r\n /g, "")).toContain(`SUMMARY:${title}（第1回）`);
});

test("人材育成課: 名簿を CSV（BOM付き UTF-8）で出力でき、出力は監査ログに残る", async ({ request }) => {
  const { courseId, sessionId } = await createOpenCourse({ capacity: 3, needsApproval: false });
  const evil = await createTestEmployee();
  await sql.run(`UPDATE employees SET name = '=HYPERLINK("http://x")' WHERE id = ?`, [evil.id]);
  await request.post(`/training/courses/${courseId}`, {
    headers: { Cookie: `kjp_session=${await sessionFor(evil.staffNumber)}`, Origin: BASE_URL },
    form: { intent: "signup", courseSessionId: String(sessionId) },
    maxRedirects: 0,
  });
  const res = await request.get(`/training/manage/sessions/${sessionId}/roster.csv`, { headers: { Cookie: `kjp_session=${await sessionFor(DEMO.hrDev)}` } });
  expect(res.status()).toBe(200);
  const bytes = await res.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).toContain("状態,キャンセル待ち順,職員番号,氏名");
  expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
  // An employee may not export it.
  const denied = await request.get(`/training/manage/sessions/${sessionId}/roster.csv`, { headers: { Cookie: `kjp_session=${await sessionFor(DEMO.employee)}` } });
  expect(denied.status()).toBe(403);
  const logged = await sql.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'training.roster.export' AND target = ?", [`training_course_session:${sessionId}`]);
  expect(logged.n).toBe(1);
});

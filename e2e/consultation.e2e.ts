import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { jstDate, jstParts } from "../app/lib/fiscal-year";
import { BASE_URL } from "./env";
import { DEMO, createSession, createTestEmployee, e2eDb, employeeId, expect, expectNoSeriousA11yViolations, test, useSession } from "./fixtures";

// 外部の専門家相談窓口 in Chromium: book → move → cancel (with and without JavaScript),
// bad input answered at the field with nothing written, the .ics, the consultant marking
// a session held, 労務厚生課 running slots, and who may open which page.

const DAY = 86_400_000;

/** A consultant of this test only, so its slots (and their labels) are unique. */
function createConsultant(): { consultantId: number; name: string; employeeId: string } {
  const db = e2eDb();
  const id = randomUUID();
  const tag = randomBytes(3).toString("hex");
  const name = `試験相談員 ${tag}`;
  db.prepare(`INSERT INTO employees (id, staff_number, name, kana, source) VALUES (?, ?, ?, 'シケンソウダンイン', 'portal')`).run(id, `cc-${tag}`, name);
  db.prepare(`INSERT INTO role_grants (employee_id, role, granted_by) VALUES (?, 'consultant', 'e2e')`).run(id);
  const consultantId = Number(
    db.prepare(`INSERT INTO consultation_consultants (employee_id, meeting_url) VALUES (?, ?)`).run(id, `https://meet.example.jp/${tag}`).lastInsertRowid,
  );
  return { consultantId, name, employeeId: id };
}

/** A slot `days` days from now at `hour`:00 in Tokyo. */
function createSlot(consultantId: number, days: number, hour: number): { id: number; label: string } {
  const p = jstParts(new Date(Date.now() + days * DAY));
  const start = jstDate(p.year, p.month, p.day, hour, 0);
  const id = Number(
    e2eDb()
      .prepare(`INSERT INTO consultation_slots (consultant_id, starts_at, ends_at, status) VALUES (?, ?, ?, 'open')`)
      .run(consultantId, start.getTime(), start.getTime() + 50 * 60_000).lastInsertRowid,
  );
  return { id, label: `${hour}:00〜${hour}:50` };
}

function bookingsOf(employee: string) {
  return e2eDb()
    .prepare(`SELECT id, slot_id AS slotId, status, note, anonymous FROM consultation_bookings WHERE employee_id = ? ORDER BY created_at`)
    .all(employee) as { id: string; slotId: number; status: string; note: string; anonymous: number }[];
}

function slotRadio(page: Page, slotId: number) {
  return page.locator(`input[type=radio][name=slotId][value="${slotId}"]`);
}

async function bookMoveCancel(page: Page, person: { id: string }) {
  const c = createConsultant();
  const first = createSlot(c.consultantId, 5, 10);
  const second = createSlot(c.consultantId, 6, 11);
  await page.goto("/consultation");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("外部の専門家相談窓口");
  await expect(page.getByText("上司・所属・人材育成課・人事課・システム管理者には一切表示されません")).toBeVisible();
  await slotRadio(page, first.id).check();
  await page.getByLabel("相談したい内容").selectOption({ label: "キャリア形成" });
  await page.getByLabel("コンサルタントへのメモ（任意）").fill("異動後の働き方について");
  await page.getByLabel("匿名で予約する").check();
  await page.getByRole("button", { name: "この内容で予約する" }).click();
  await expect(page.getByRole("status")).toContainText("相談を予約しました");
  const card = page.locator(".consult-booking").filter({ hasText: c.name });
  await expect(card).toContainText("キャリア形成");
  await expect(card).toContainText(`https://meet.example.jp/`);
  await expect(card).toContainText("匿名");
  let rows = bookingsOf(person.id);
  expect(rows).toMatchObject([{ slotId: first.id, status: "booked", note: "異動後の働き方について", anonymous: 1 }]);

  // Move.
  await card.getByRole("link", { name: "日時の変更・取消" }).click();
  await expect(page.getByRole("heading", { name: "日時を変更する" })).toBeVisible();
  await slotRadio(page, second.id).check();
  await page.getByRole("button", { name: "この日時に変更する" }).click();
  await expect(page.getByRole("status")).toContainText("予約の日時を変更しました");
  rows = bookingsOf(person.id);
  expect(rows.map((r) => [r.slotId, r.status])).toEqual([
    [first.id, "moved"],
    [second.id, "booked"],
  ]);
  expect(rows[1]).toMatchObject({ note: "異動後の働き方について", anonymous: 1 });
  await expect(page.locator("table")).toContainText("別の日時から変更");

  // Cancel.
  await page.getByRole("button", { name: "この予約を取り消す" }).click();
  await expect(page.getByRole("status")).toContainText("予約を取り消しました");
  expect(bookingsOf(person.id).map((r) => r.status)).toEqual(["moved", "cancelled"]);
  // Both slots are free again.
  await expect(slotRadio(page, first.id)).toHaveCount(1);
  await expect(slotRadio(page, second.id)).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "これまでの予約" })).toBeVisible();
}

test("an employee books, moves and cancels a consultation", async ({ page, context }) => {
  const person = await createTestEmployee();
  await useSession(context, person.staffNumber);
  await bookMoveCancel(page, person);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("book, move and cancel work as plain HTML forms", async ({ page, context }) => {
    const person = await createTestEmployee();
    await useSession(context, person.staffNumber);
    await bookMoveCancel(page, person);
  });

  test("a note that is too long is refused at the field, keeping what was typed", async ({ page, context }) => {
    const person = await createTestEmployee();
    await useSession(context, person.staffNumber);
    const c = createConsultant();
    const slot = createSlot(c.consultantId, 7, 10);
    await page.goto("/consultation");
    await slotRadio(page, slot.id).check();
    await page.getByLabel("相談したい内容").selectOption({ label: "生活" });
    await page.getByLabel("コンサルタントへのメモ（任意）").fill("あ".repeat(1001));
    await page.getByRole("button", { name: "この内容で予約する" }).click();
    await expect(page.locator(".field__errors")).toContainText("1000文字以内で入力してください（現在1001文字）");
    await expect(page.getByLabel("相談したい内容")).toHaveValue("life");
    await expect(page.getByLabel("コンサルタントへのメモ（任意）")).toHaveValue("あ".repeat(1001));
    await expect(slotRadio(page, slot.id)).toBeChecked();
    expect(bookingsOf(person.id)).toEqual([]);
  });
});

test("a slot taken meanwhile, a forged slot id, a past slot and the limits get a clear message at the field; nothing is written", async ({
  page,
  context,
  browser,
}) => {
  const person = await createTestEmployee();
  await useSession(context, person.staffNumber);
  const c = createConsultant();
  const slot = createSlot(c.consultantId, 8, 10);
  const past = createSlot(c.consultantId, -1, 10);

  // Taken: someone else books it while this page is open.
  await page.goto("/consultation");
  await slotRadio(page, slot.id).check();
  await page.getByLabel("相談したい内容").selectOption({ label: "仕事の不安" });
  await page.getByLabel("コンサルタントへのメモ（任意）").fill("残しておきたいメモ");
  const other = await browser.newContext();
  const rival = await createTestEmployee();
  await useSession(other, rival.staffNumber);
  const rivalPage = await other.newPage();
  await rivalPage.goto("/consultation");
  await slotRadio(rivalPage, slot.id).check();
  await rivalPage.getByLabel("相談したい内容").selectOption({ label: "その他" });
  await rivalPage.getByRole("button", { name: "この内容で予約する" }).click();
  await expect(rivalPage.getByRole("status")).toContainText("相談を予約しました");
  await other.close();
  await page.getByRole("button", { name: "この内容で予約する" }).click();
  const slotErrors = page.locator(".consult-slots .field__errors");
  await expect(slotErrors).toHaveText("この相談枠はすでに予約されています。別の枠を選んでください。");
  await expect(page.getByLabel("相談したい内容")).toHaveValue("work_anxiety");
  await expect(page.getByLabel("コンサルタントへのメモ（任意）")).toHaveValue("残しておきたいメモ");
  expect(bookingsOf(person.id)).toEqual([]);

  // Forged and past slot ids (a crafted form): the page comes back with the message at the
  // slot field and the typed note kept.
  for (const [forged, message, status] of [
    ["999999", "選んだ相談枠が見つかりません。一覧から選び直してください。", 400],
    [String(past.id), "この相談枠の日時はすでに過ぎています。別の枠を選んでください。", 400],
    [String(slot.id), "この相談枠はすでに予約されています。別の枠を選んでください。", 409],
    ["abc", "相談枠を選んでください。", 400],
  ] as const) {
    const res = await page.request.post("/consultation?index", {
      headers: { Origin: BASE_URL },
      form: { intent: "book", slotId: forged, topic: "work_anxiety", note: "手で作ったフォーム" },
      maxRedirects: 0,
    });
    expect(res.status(), forged).toBe(status);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`class="field__errors"[^>]*><li>${message}</li>`));
    expect(html).toContain("手で作ったフォーム</textarea>");
  }
  expect(bookingsOf(person.id)).toEqual([]);

  // Limits: two upcoming bookings is the maximum (rules from the seed).
  const a = createSlot(c.consultantId, 9, 10);
  const b = createSlot(c.consultantId, 9, 11);
  const third = createSlot(c.consultantId, 9, 12);
  for (const s of [a, b]) {
    await page.goto("/consultation");
    await slotRadio(page, s.id).check();
    await page.getByLabel("相談したい内容").selectOption({ label: "キャリア形成" });
    await page.getByRole("button", { name: "この内容で予約する" }).click();
    await expect(page.getByRole("status")).toContainText("相談を予約しました");
  }
  await slotRadio(page, third.id).check();
  await page.getByLabel("相談したい内容").selectOption({ label: "キャリア形成" });
  await page.getByRole("button", { name: "この内容で予約する" }).click();
  await expect(slotErrors).toContainText("同時に予約できるのは2件までです");
  expect(bookingsOf(person.id).length).toBe(2);
  // Extra fields (status, employeeId) are refused whole.
  const res = await page.request.post("/consultation?index", {
    headers: { Origin: BASE_URL },
    form: { intent: "book", slotId: String(third.id), topic: "career", status: "held" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(400);
  expect(bookingsOf(person.id).length).toBe(2);
});

test("the .ics of a booking has Tokyo times with a VTIMEZONE; another person's is not found", async ({ page, context, request }) => {
  const person = await createTestEmployee();
  await useSession(context, person.staffNumber);
  const c = createConsultant();
  const slot = createSlot(c.consultantId, 10, 18);
  await page.goto("/consultation");
  await slotRadio(page, slot.id).check();
  await page.getByLabel("相談したい内容").selectOption({ label: "キャリア形成" });
  await page.getByRole("button", { name: "この内容で予約する" }).click();
  await expect(page.getByRole("status")).toContainText("相談を予約しました");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "予定表に追加（.ics）" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^meeting-\d{4}-\d{2}-\d{2}\.ics$/);
  const booking = bookingsOf(person.id)[0]!;
  const res = await page.request.get(`/consultation/bookings/${booking.id}.ics`);
  expect(res.headers()["content-type"]).toContain("text/calendar");
  const ics = (await res.text()).replace(/\r\n /g, "");
  expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo");
  expect(ics).toMatch(/DTSTART;TZID=Asia\/Tokyo:\d{8}T180000\r\n/);
  expect(ics).toMatch(/DTEND;TZID=Asia\/Tokyo:\d{8}T185000\r\n/);
  expect(ics).toContain("CLASS:PRIVATE");
  // Someone else asking for it — by the page, the .ics or the data request — gets 404.
  const stranger = createSession(DEMO.employee);
  for (const url of [`/consultation/bookings/${booking.id}.ics`, `/consultation/bookings/${booking.id}`]) {
    const r = await request.get(url, { headers: { Cookie: `kjp_session=${stranger}` }, maxRedirects: 0 });
    expect(r.status(), url).toBe(404);
  }
});

test("the consultant sees their own sessions, marks one held after it started, and keeps a private memo", async ({ page, context }) => {
  const consultant = employeeId(DEMO.consultant);
  const cid = (e2eDb().prepare("SELECT id FROM consultation_consultants WHERE employee_id = ?").get(consultant) as { id: number }).id;
  const person = await createTestEmployee();
  // A session that started an hour ago (booked earlier), and an anonymous one next week.
  const started = Date.now() - 60 * 60_000;
  const slot = Number(
    e2eDb()
      .prepare(`INSERT INTO consultation_slots (consultant_id, starts_at, ends_at) VALUES (?, ?, ?)`)
      .run(cid, started, started + 50 * 60_000).lastInsertRowid,
  );
  const bookingId = randomUUID();
  const code = `E2E${randomBytes(3).toString("hex").toUpperCase()}`;
  e2eDb()
    .prepare(
      `INSERT INTO consultation_bookings (id, slot_id, employee_id, topic, note, anonymous, booking_code, status, fiscal_year, rank_group)
       VALUES (?, ?, ?, 'management', '部下との面談の進め方', 0, ?, 'booked', 2026, 'other')`,
    )
    .run(bookingId, slot, person.id, code);
  await useSession(context, DEMO.consultant);
  await page.goto("/");
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "相談（コンサルタント）" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("担当する相談");
  const row = page.locator("tr").filter({ hasText: person.name });
  await expect(row).toContainText("管理職のマネジメント");
  await expect(row).toContainText("部下との面談の進め方");
  await row.getByRole("link", { name: /実施を記録・メモ/ }).click();
  await page.getByRole("button", { name: "実施した" }).click();
  await expect(page.getByRole("status")).toContainText("相談の実施状況を記録しました");
  await expect(page.locator("dl.profile")).toContainText("実施");
  expect((e2eDb().prepare("SELECT status FROM consultation_bookings WHERE id = ?").get(bookingId) as { status: string }).status).toBe("held");
  await page.getByLabel("あなただけが読めるメモ").fill("非公開: 次回は評価面談の準備");
  await page.getByRole("button", { name: "メモを保存" }).click();
  await expect(page.getByRole("status")).toContainText("メモを保存しました");
  await expect(page.getByLabel("あなただけが読めるメモ")).toHaveValue("非公開: 次回は評価面談の準備");
  await expectNoSeriousA11yViolations(page);

  // The memo is nowhere for 労務厚生課, the employee or the admin.
  for (const who of [DEMO.welfare, DEMO.admin]) {
    const cookie = `kjp_session=${createSession(who)}`;
    for (const url of ["/consultation/manage/bookings", "/consultation/manage/bookings.data", `/consultation/sessions/${bookingId}`]) {
      const r = await page.request.get(url, { headers: { Cookie: cookie }, maxRedirects: 0 });
      expect(await r.text()).not.toContain("次回は評価面談");
    }
  }
});

test("労務厚生課 publishes a pattern, closes a booked slot, and only the booking employee is told", async ({ page, context }) => {
  const supervisor = await createTestEmployee({ rank: "係長" });
  const person = await createTestEmployee({ supervisorStaffNumber: supervisor.staffNumber });
  const c = createConsultant();
  await useSession(context, DEMO.welfare);
  await page.goto("/consultation/manage/slots");
  const pattern = page.locator("section").filter({ hasText: "くり返しの枠をまとめて公開" });
  await pattern.getByLabel("コンサルタント").selectOption({ label: c.name });
  const from = jstParts(new Date(Date.now() + 14 * DAY));
  const iso = (p: { year: number; month: number; day: number }) => `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
  await pattern.getByLabel("開始日").fill(iso(from));
  await pattern.getByLabel("終了日").fill(iso(jstParts(new Date(Date.now() + 27 * DAY))));
  await pattern.getByRole("button", { name: "まとめて公開" }).click();
  await expect(page.getByRole("status").first()).toContainText("相談枠をまとめて公開しました");
  const published = e2eDb().prepare("SELECT id, starts_at AS startsAt FROM consultation_slots WHERE consultant_id = ? ORDER BY starts_at").all(c.consultantId) as {
    id: number;
    startsAt: number;
  }[];
  expect(published.length).toBe(4); // two weeks of Tuesdays and Thursdays
  for (const s of published) {
    const p = jstParts(new Date(s.startsAt));
    expect([2, 4]).toContain(p.weekday);
    expect([p.hour, p.minute]).toEqual([18, 0]);
  }
  // A forged consultant id gets a message at the field and nothing is published.
  await page.goto("/consultation/manage/slots");
  const single = page.locator("section").filter({ hasText: "1枠ずつ公開" });
  await single.getByLabel("コンサルタント").locator("option").nth(1).evaluate((o) => ((o as HTMLOptionElement).value = "999999"));
  await single.getByLabel("コンサルタント").selectOption({ index: 1 });
  await single.getByLabel("日付").fill(iso(from));
  await single.getByRole("button", { name: "公開" }).click();
  await expect(single.locator(".field__errors")).toContainText("選んだコンサルタントが見つからないか、登録が停止されています。");

  // The employee books the first one; 労務厚生課 closes it.
  const cookie = createSession(person.staffNumber);
  const booked = await page.request.post("/consultation?index", {
    headers: { Origin: BASE_URL, Cookie: `kjp_session=${cookie}` },
    form: { intent: "book", slotId: String(published[0]!.id), topic: "life" },
    maxRedirects: 0,
  });
  expect(booked.status()).toBe(302);
  const lastBefore = (e2eDb().prepare("SELECT coalesce(max(id), 0) AS n FROM notifications").get() as { n: number }).n;
  await page.goto("/consultation/manage/slots");
  const row = page.locator("tr").filter({ hasText: c.name }).filter({ has: page.getByRole("button", { name: /予約者に通知/ }) });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: /取り消す（予約者に通知）/ }).click();
  await expect(page.getByRole("status").first()).toContainText("予約していた職員本人にお知らせを送りました");
  const written = e2eDb().prepare("SELECT recipient_id AS r, title FROM notifications WHERE id > ?").all(lastBefore) as { r: string; title: string }[];
  expect(written.filter((w) => w.r === person.id).map((w) => w.title)).toEqual(["相談の予約が取り消されました"]);
  expect(written.filter((w) => w.r === supervisor.id)).toEqual([]);
  expect(bookingsOf(person.id).map((b) => b.status)).toEqual(["cancelled"]);

  // The bookings list shows who booked, and each view is audit-logged.
  const audits = () => (e2eDb().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'consultation.bookings.view'").get() as { n: number }).n;
  const n = audits();
  await page.getByRole("link", { name: "予約一覧" }).click();
  await expect(page.locator("table")).toContainText(person.name);
  // At least this view (the 360 px crawl may view the same list as 労務厚生課 at the same time).
  expect(audits()).toBeGreaterThanOrEqual(n + 1);
  await expectNoSeriousA11yViolations(page);
});

test("who may open which consultation page", async ({ request }) => {
  const as = (staffNumber: string) => ({ Cookie: `kjp_session=${createSession(staffNumber)}` });
  const cases: [string, string, number][] = [
    [DEMO.employee, "/consultation/sessions", 403],
    [DEMO.employee, "/consultation/manage", 403],
    [DEMO.employee, "/consultation/manage/bookings", 403],
    [DEMO.supervisor, "/consultation/manage/bookings", 403],
    [DEMO.hrDev, "/consultation/manage/bookings", 403],
    [DEMO.hrPersonnel, "/consultation/manage/bookings", 403],
    [DEMO.admin, "/consultation/manage/bookings", 403],
    [DEMO.admin, "/consultation/sessions", 403],
    [DEMO.consultant, "/consultation", 403],
    [DEMO.consultant, "/consultation/manage", 403],
    [DEMO.welfare, "/consultation/sessions", 403],
    [DEMO.welfare, "/consultation/manage/bookings", 200],
    [DEMO.consultant, "/consultation/sessions", 200],
    [DEMO.employee, "/consultation", 200],
  ];
  for (const [who, url, status] of cases) {
    const res = await request.get(url, { headers: as(who), maxRedirects: 0 });
    expect(res.status(), `${who} ${url}`).toBe(status);
  }
  // A consultant opening another consultant's session gets 404.
  const other = createConsultant();
  const s = createSlot(other.consultantId, 12, 9);
  const id = randomUUID();
  e2eDb()
    .prepare(
      `INSERT INTO consultation_bookings (id, slot_id, employee_id, topic, booking_code, status, fiscal_year, rank_group) VALUES (?, ?, ?, 'career', ?, 'booked', 2026, 'other')`,
    )
    .run(id, s.id, employeeId(DEMO.hrDev), `X${randomBytes(2).toString("hex").toUpperCase()}-E2EX`);
  const res = await request.get(`/consultation/sessions/${id}`, { headers: as(DEMO.consultant), maxRedirects: 0 });
  expect(res.status()).toBe(404);
});

test("axe finds no serious violations on the consultation pages", async ({ page, context, browser }) => {
  test.setTimeout(180_000); // six pages, one axe run each
  await useSession(context, DEMO.employee);
  await page.goto("/consultation");
  await expectNoSeriousA11yViolations(page);
  const welfare = await browser.newContext();
  await useSession(welfare, DEMO.welfare);
  const w = await welfare.newPage();
  for (const url of ["/consultation/manage", "/consultation/manage/slots", "/consultation/manage/consultants", "/consultation/manage/bookings"]) {
    await w.goto(url);
    await expectNoSeriousA11yViolations(w);
  }
  await welfare.close();
  const consultant = await browser.newContext();
  await useSession(consultant, DEMO.consultant);
  const cp = await consultant.newPage();
  await cp.goto("/consultation/sessions");
  await expectNoSeriousA11yViolations(cp);
  await consultant.close();
});

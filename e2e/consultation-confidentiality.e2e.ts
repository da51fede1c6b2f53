import { randomBytes, randomUUID } from "node:crypto";
import { jstDate, jstParts } from "../app/lib/fiscal-year";
import { BASE_URL } from "./env";
import { DEMO, createSession, e2eDb, employeeId, expect, test } from "./fixtures";

// The confidentiality of the consultation service, proven by a crawl. An employee with a
// distinctive name books (named and anonymous), moves, has a slot closed on them and has a
// past session with a consultant's memo. Then, as that employee's supervisor, 人材育成課,
// 人事課 and the admin, we follow every same-site link from their navigation (GET only,
// bounded) and fetch every page's data request too, and assert that the booking never
// surfaces: no booking code, note or memo anywhere, and wherever the person's name or staff
// number legitimately appears (the supervisor's list of subordinates, the admin's account
// directory), nothing about consultation appears next to it. 労務厚生課 is crawled the
// same way as a positive control: the same checks must find the booking there.

const DAY = 86_400_000;
const MAX_PAGES = 450;
const MAX_PER_PATTERN = 12;

type Secret = { id: string; staffNumber: string; name: string; kana: string };
type Leak = { url: string; why: string };

function createSecretEmployee(): Secret {
  const db = e2eDb();
  const id = randomUUID();
  const staffNumber = `6${String(Math.floor(Math.random() * 90000) + 10000)}`;
  const org = (db.prepare("SELECT org_unit_id AS o FROM employees WHERE staff_number = ?").get(DEMO.employee) as { o: number }).o;
  db.prepare(
    `INSERT INTO employees (id, staff_number, name, kana, org_unit_id, rank, job_category, employment_type, hired_on, rank_since, birth_year, source, supervisor_id)
     VALUES (?, ?, '秘密 守子', 'ヒミツ モリコ', ?, '主任', '行政事務', '正規', '2016-04-01', '2023-04-01', 1992, 'personnel', ?)`,
  ).run(id, staffNumber, org, employeeId(DEMO.supervisor));
  return { id, staffNumber, name: "秘密 守子", kana: "ヒミツ モリコ" };
}

function createConsultantWithSlots(count: number) {
  const db = e2eDb();
  const id = randomUUID();
  const tag = randomBytes(3).toString("hex");
  db.prepare(`INSERT INTO employees (id, staff_number, name, kana, source) VALUES (?, ?, ?, 'ケンショウ', 'portal')`).run(id, `cc-${tag}`, `検証相談員 ${tag}`);
  db.prepare(`INSERT INTO role_grants (employee_id, role, granted_by) VALUES (?, 'consultant', 'e2e')`).run(id);
  const consultantId = Number(db.prepare(`INSERT INTO consultation_consultants (employee_id, meeting_url) VALUES (?, 'https://meet.example.jp/k')`).run(id).lastInsertRowid);
  const slots: number[] = [];
  for (let i = 0; i < count; i++) {
    const p = jstParts(new Date(Date.now() + (4 + i) * DAY));
    const start = jstDate(p.year, p.month, p.day, 9, 0);
    slots.push(
      Number(
        db
          .prepare(`INSERT INTO consultation_slots (consultant_id, starts_at, ends_at) VALUES (?, ?, ?)`)
          .run(consultantId, start.getTime(), start.getTime() + 50 * 60_000).lastInsertRowid,
      ),
    );
  }
  return { consultantId, consultantEmployeeId: id, slots };
}

async function post(path: string, cookie: string, form: Record<string, string>): Promise<Response> {
  const res = await fetch(`${BASE_URL}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: `kjp_session=${cookie}`, Origin: BASE_URL, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  expect(res.status, `${path} ${JSON.stringify(form)}`).toBe(302);
  return res;
}

function latestBooking(employee: string): string {
  return (e2eDb().prepare("SELECT id FROM consultation_bookings WHERE employee_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1").get(employee) as { id: string })
    .id;
}

/** A URL's shape: ids and numbers replaced, query keys sorted — to bound the crawl per page kind. */
function patternOf(url: URL): string {
  const path = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":uuid").replace(/\d+/g, ":n");
  return `${path}?${[...url.searchParams.keys()].sort().join("&")}`;
}

function linksIn(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/href="([^"]+)"/g)) out.push(m[1]!.replace(/&amp;/g, "&"));
  return out;
}

function dataUrl(url: URL): string {
  const path = url.pathname === "/" ? "/_root.data" : `${url.pathname.replace(/\/$/, "")}.data`;
  return `${path}${url.search}`;
}

const NAV_NOISE = ["相談予約", "相談（コンサルタント）", "相談窓口の運用", "/consultation/sessions", "/consultation/manage", "/consultation"];

function check(url: string, body: string, html: boolean, secret: Secret, tokens: string[], leaks: Leak[]): boolean {
  for (const t of tokens) if (body.includes(t)) leaks.push({ url, why: `contains ${JSON.stringify(t)}` });
  const staff = new RegExp(`(?<![0-9])${secret.staffNumber}(?![0-9])`);
  const named = body.includes(secret.name) || body.includes(secret.kana) || staff.test(body);
  if (!named) return false;
  // The person may be listed (e.g. as a subordinate); the consultation never beside them.
  let context = html ? (/<main[\s\S]*<\/main>/.exec(body)?.[0] ?? body) : body;
  for (const noise of NAV_NOISE) context = context.split(noise).join("");
  const hit = /相談|予約番号|consultation/i.exec(context);
  if (hit) leaks.push({ url, why: `names ${secret.name} next to ${JSON.stringify(hit[0])}` });
  return true;
}

/** Breadth-first over same-site links, GET only, plus each page's data request. */
async function crawl(staffNumber: string, seeds: string[], secret: Secret, tokens: string[]) {
  const cookie = `kjp_session=${createSession(staffNumber)}`;
  const queue = ["/", "/notifications", ...seeds];
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();
  const leaks: Leak[] = [];
  const namedOn: string[] = [];
  let fetched = 0;
  while (queue.length > 0 && seen.size < MAX_PAGES) {
    const next = queue.shift()!;
    const url = new URL(next, BASE_URL);
    url.hash = "";
    const key = url.pathname + url.search;
    if (url.origin !== BASE_URL || seen.has(key)) continue;
    if (/^\/(build|logout)|\.(css|js|png|ico|svg)$/.test(url.pathname)) continue;
    const pattern = patternOf(url);
    if ((perPattern.get(pattern) ?? 0) >= MAX_PER_PATTERN && !seeds.includes(next)) continue;
    perPattern.set(pattern, (perPattern.get(pattern) ?? 0) + 1);
    seen.add(key);
    const res = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
    fetched++;
    expect(res.status, key).toBeLessThan(500);
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get("location");
      if (location) queue.push(location);
      continue;
    }
    const body = await res.text();
    const html = (res.headers.get("content-type") ?? "").includes("text/html");
    if (check(key, body, html, secret, tokens, leaks)) namedOn.push(key);
    if (html) {
      for (const link of linksIn(body)) if (link.startsWith("/") && !link.startsWith("//")) queue.push(link);
      const data = dataUrl(url);
      const dres = await fetch(new URL(data, BASE_URL), { headers: { Cookie: cookie }, redirect: "manual" });
      fetched++;
      expect(dres.status, data).toBeLessThan(500);
      if (check(data, await dres.text(), false, secret, tokens, leaks)) namedOn.push(data);
    }
  }
  return { visited: [...seen], fetched, leaks, namedOn };
}

test("who booked a consultation never surfaces for the supervisor, 人材育成課, 人事課 or the admin", async () => {
  test.setTimeout(360_000);
  const db = e2eDb();
  const secret = createSecretEmployee();
  const me = createSession(secret.staffNumber);
  const { consultantId, consultantEmployeeId, slots } = createConsultantWithSlots(5);
  const tag = randomBytes(3).toString("hex");
  const notes = [`秘密メモ名前あり${tag}`, `秘密メモ匿名${tag}`];

  // Named booking, then moved; an anonymous booking whose slot 労務厚生課 closes; another anonymous one.
  await post("/consultation?index", me, { intent: "book", slotId: String(slots[0]), topic: "management", note: notes[0]! });
  const named = latestBooking(secret.id);
  await post(`/consultation/bookings/${named}`, me, { intent: "move", slotId: String(slots[1]) });
  await post("/consultation?index", me, { intent: "book", slotId: String(slots[2]), topic: "life", note: notes[1]!, anonymous: "on" });
  const welfare = createSession(DEMO.welfare);
  await post("/consultation/manage/slots", welfare, { intent: "close", slotId: String(slots[2]) });
  await post("/consultation?index", me, { intent: "book", slotId: String(slots[3]), topic: "career", anonymous: "on" });
  // A past session, held, with the consultant's private memo.
  const past = Date.now() - 3 * DAY;
  const pastSlot = Number(
    db.prepare(`INSERT INTO consultation_slots (consultant_id, starts_at, ends_at) VALUES (?, ?, ?)`).run(consultantId, past, past + 50 * 60_000).lastInsertRowid,
  );
  const heldId = randomUUID();
  db.prepare(
    `INSERT INTO consultation_bookings (id, slot_id, employee_id, topic, note, anonymous, booking_code, status, fiscal_year, rank_group)
     VALUES (?, ?, ?, 'work_anxiety', '', 0, ?, 'held', 2026, 'other')`,
  ).run(heldId, pastSlot, secret.id, `H${tag.toUpperCase()}`);
  const memo = `コンサル非公開記録${tag}`;
  db.prepare(`INSERT INTO consultation_consultant_memos (booking_id, consultant_id, body, updated_at) VALUES (?, ?, ?, ?)`).run(heldId, consultantId, memo, Date.now());
  // 労務厚生課 looks at the bookings (an audited view).
  const view = await fetch(`${BASE_URL}/consultation/manage/bookings`, { headers: { Cookie: `kjp_session=${welfare}` } });
  expect(await view.text()).toContain(secret.name);

  const bookings = db.prepare("SELECT id, booking_code AS code, status FROM consultation_bookings WHERE employee_id = ?").all(secret.id) as {
    id: string;
    code: string;
    status: string;
  }[];
  expect(bookings.map((b) => b.status).sort()).toEqual(["booked", "booked", "cancelled", "held", "moved"]);
  const tokens = [...bookings.map((b) => b.code), ...notes, memo];
  // The employee was told about the closed slot — in their own notifications only.
  const theirs = db.prepare("SELECT title FROM notifications WHERE recipient_id = ?").all(secret.id) as { title: string }[];
  expect(theirs.map((n) => n.title)).toContain("相談の予約が取り消されました");

  const viewers: { who: string; staffNumber: string; seeds: string[]; mustName?: string }[] = [
    { who: "所属長（上司）", staffNumber: DEMO.supervisor, seeds: ["/approvals"], mustName: "/approvals" },
    { who: "人材育成課", staffNumber: DEMO.hrDev, seeds: ["/stats"] },
    { who: "人事課", staffNumber: DEMO.hrPersonnel, seeds: [] },
    {
      who: "システム管理者",
      staffNumber: DEMO.admin,
      // The account directory and its search: where an admin would look for a person.
      seeds: [`/admin/accounts?q=${encodeURIComponent("秘密")}`, `/admin/accounts?q=${secret.staffNumber}`, `/admin/accounts/${secret.id}`],
      mustName: `/admin/accounts/${secret.id}`,
    },
  ];
  for (const v of viewers) {
    const result = await crawl(v.staffNumber, v.seeds, secret, tokens);
    test.info().annotations.push({ type: v.who, description: `${result.visited.length} pages, ${result.fetched} requests; name listed on: ${result.namedOn.join(", ") || "none"}` });
    expect(result.visited.length, v.who).toBeGreaterThan(3);
    expect(result.leaks, v.who).toEqual([]);
    // The crawl did reach the places where the person is legitimately listed.
    if (v.mustName) expect(result.namedOn, v.who).toContain(v.mustName);
    // Nothing about the booking in their notifications.
    const notes = db.prepare("SELECT title || ' ' || body AS t FROM notifications WHERE recipient_id = ?").all(employeeId(v.staffNumber)) as { t: string }[];
    for (const n of notes) {
      expect(n.t).not.toContain(secret.name);
      expect(n.t).not.toMatch(/相談/);
      for (const t of tokens) expect(n.t).not.toContain(t);
    }
  }

  // Positive control: the same checks do find the booking where it is meant to be seen.
  const control = await crawl(DEMO.welfare, ["/consultation/manage/bookings"], secret, tokens);
  expect(control.leaks.some((l) => l.url.startsWith("/consultation/manage/bookings"))).toBe(true);
  const consultant = await crawl(
    (db.prepare("SELECT staff_number AS s FROM employees WHERE id = ?").get(consultantEmployeeId) as { s: string }).s,
    ["/consultation/sessions"],
    secret,
    tokens,
  );
  // The consultant sees the named booking by name and the anonymous ones by code only; the memo is theirs.
  expect(consultant.leaks.some((l) => l.why.includes(notes[0]!))).toBe(true);
  // No audit line names the person or carries what they typed.
  const audit = db.prepare("SELECT coalesce(actor_id, '') || ' ' || coalesce(target, '') || ' ' || coalesce(detail, '') AS t FROM audit_log").all() as { t: string }[];
  for (const line of audit) {
    expect(line.t).not.toContain(secret.id);
    expect(line.t).not.toContain(secret.name);
    for (const t of tokens) expect(line.t).not.toContain(t);
  }
});

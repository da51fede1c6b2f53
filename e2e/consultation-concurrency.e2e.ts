import { randomBytes, randomUUID } from "node:crypto";
import { jstDate, jstParts } from "../app/lib/fiscal-year";
import { BASE_URL } from "./env";
import { DEMO, e2eDb, expect, test } from "./fixtures";

// One slot, a hundred people pressing 予約 at the same moment, against the running server:
// exactly one booking is written, the 99 others get the clear "already booked" answer,
// and nothing fails with a 5xx.

const DAY = 86_400_000;

function createSlot(): number {
  const db = e2eDb();
  const id = randomUUID();
  const tag = randomBytes(3).toString("hex");
  db.prepare(`INSERT INTO employees (id, staff_number, name, kana, source) VALUES (?, ?, ?, 'ヘイコウ', 'portal')`).run(id, `cc-${tag}`, `並行相談員 ${tag}`);
  const consultantId = Number(db.prepare(`INSERT INTO consultation_consultants (employee_id) VALUES (?)`).run(id).lastInsertRowid);
  const p = jstParts(new Date(Date.now() + 6 * DAY));
  const start = jstDate(p.year, p.month, p.day, 12, 0);
  return Number(
    db
      .prepare(`INSERT INTO consultation_slots (consultant_id, starts_at, ends_at) VALUES (?, ?, ?)`)
      .run(consultantId, start.getTime(), start.getTime() + 50 * 60_000).lastInsertRowid,
  );
}

/** `n` fresh employees with a login session each, created directly in the e2e database. */
function createPeople(n: number): { id: string; cookie: string }[] {
  const db = e2eDb();
  const org = (db.prepare("SELECT org_unit_id AS o FROM employees WHERE staff_number = ?").get(DEMO.employee) as { o: number }).o;
  const run = randomBytes(3).toString("hex");
  const insertEmployee = db.prepare(
    `INSERT INTO employees (id, staff_number, name, kana, org_unit_id, rank, source) VALUES (?, ?, ?, 'ヘイコウ', ?, '一般職員', 'personnel')`,
  );
  const insertSession = db.prepare("INSERT INTO auth_sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)");
  const people: { id: string; cookie: string }[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      insertEmployee.run(id, `k${run}${String(i).padStart(3, "0")}`, `並行 予約${i}`, org);
      const sid = randomBytes(20).toString("hex");
      insertSession.run(sid, id, Math.floor(Date.now() / 1000) + 3600, Date.now());
      people.push({ id, cookie: `kjp_session=${sid}` });
    }
  })();
  return people;
}

type Outcome = { status: number; location: string | null; body: string };

function book(url: string, cookie: string, slotId: number): Promise<Outcome> {
  return fetch(`${BASE_URL}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: BASE_URL, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "book", slotId: String(slotId), topic: "career", note: "" }).toString(),
  }).then(async (res) => ({ status: res.status, location: res.headers.get("location"), body: await res.text() }));
}

function expectOneBooking(slotId: number, people: { id: string }[]) {
  const rows = e2eDb().prepare("SELECT employee_id AS e, status FROM consultation_bookings WHERE slot_id = ?").all(slotId) as { e: string; status: string }[];
  expect(rows.length).toBe(1);
  expect(rows[0]!.status).toBe("booked");
  expect(people.map((p) => p.id)).toContain(rows[0]!.e);
}

const TAKEN = "この相談枠はすでに予約されています。別の枠を選んでください。";

test("100 simultaneous bookings of one slot (as the browser sends them): exactly one succeeds, 99 are told it is taken, no 5xx", async () => {
  test.setTimeout(120_000);
  const slotId = createSlot();
  const people = createPeople(100);
  // With JavaScript on, Remix submits the form as a single-fetch data request.
  const results = await Promise.all(people.map((p) => book("/consultation.data?index", p.cookie, slotId)));
  expect(results.filter((r) => r.status >= 500)).toEqual([]);
  const ok = results.filter((r) => r.body.includes("/consultation?notice=consultation-booked"));
  expect(ok.length).toBe(1);
  const refused = results.filter((r) => !r.body.includes("/consultation?notice=consultation-booked"));
  expect(refused.length).toBe(99);
  for (const r of refused) {
    expect(r.status).toBe(409);
    expect(r.body).toContain(TAKEN);
  }
  expectOneBooking(slotId, people);
});

test("100 simultaneous bookings of one slot as plain HTML form posts (JavaScript off): one booked, 99 pages saying it is taken", async () => {
  test.setTimeout(180_000);
  const slotId = createSlot();
  const people = createPeople(100);
  const results = await Promise.all(people.map((p) => book("/consultation?index", p.cookie, slotId)));
  expect(results.filter((r) => r.status >= 500).map((r) => r.status)).toEqual([]);
  const ok = results.filter((r) => r.status === 302);
  expect(ok.length).toBe(1);
  expect(ok[0]!.location).toBe("/consultation?notice=consultation-booked");
  const refused = results.filter((r) => r.status !== 302);
  expect(refused.length).toBe(99);
  for (const r of refused) {
    expect(r.status).toBe(409);
    expect(r.body).toContain(TAKEN);
  }
  expectOneBooking(slotId, people);
});

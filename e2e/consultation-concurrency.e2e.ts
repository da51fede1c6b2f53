import { randomBytes, randomUUID } from "node:crypto";
import { jstDate, jstParts } from "../app/lib/fiscal-year";
import { BASE_URL } from "./env";
import { DEMO, expect, sql, test } from "./fixtures";

// One slot, a hundred people pressing 予約 at the same moment, against the running server:
// exactly one booking is written, the 99 others get the clear "already booked" answer,
// and nothing fails with a 5xx.

const DAY = 86_400_000;

async function createSlot(): Promise<number> {
  const id = randomUUID();
  const tag = randomBytes(3).toString("hex");
  await sql.run(`INSERT INTO employees (id, staff_number, name, kana, source) VALUES (?, ?, ?, 'ヘイコウ', 'portal')`, [id, `cc-${tag}`, `並行相談員 ${tag}`]);
  const consultant = await sql.one<{ id: number }>(`INSERT INTO consultation_consultants (employee_id) VALUES (?) RETURNING id`, [id]);
  const p = jstParts(new Date(Date.now() + 6 * DAY));
  const start = jstDate(p.year, p.month, p.day, 12, 0);
  const slot = await sql.one<{ id: number }>(`INSERT INTO consultation_slots (consultant_id, starts_at, ends_at) VALUES (?, ?, ?) RETURNING id`, [
    consultant.id,
    start,
    new Date(start.getTime() + 50 * 60_000),
  ]);
  return slot.id;
}

/** `n` fresh employees with a login session each, created directly in the e2e database. */
async function createPeople(n: number): Promise<{ id: string; cookie: string }[]> {
  const org = (await sql.one<{ o: number }>("SELECT org_unit_id AS o FROM employees WHERE staff_number = ?", [DEMO.employee])).o;
  const run = randomBytes(3).toString("hex");
  const people = Array.from({ length: n }, (_, i) => ({ i, id: randomUUID(), sid: randomBytes(20).toString("hex") }));
  // One statement each for all the people and all their sessions.
  await sql.run(
    `INSERT INTO employees (id, staff_number, name, kana, org_unit_id, rank, source) VALUES ${people.map(() => "(?, ?, ?, 'ヘイコウ', ?, '一般職員', 'personnel')").join(", ")}`,
    people.flatMap((p) => [p.id, `k${run}${String(p.i).padStart(3, "0")}`, `並行 予約${p.i}`, org]),
  );
  await sql.run(
    `INSERT INTO auth_sessions (id, user_id, expires_at, created_at) VALUES ${people.map(() => "(?, ?, ?, ?)").join(", ")}`,
    people.flatMap((p) => [p.sid, p.id, Math.floor(Date.now() / 1000) + 3600, Date.now()]),
  );
  return people.map((p) => ({ id: p.id, cookie: `kjp_session=${p.sid}` }));
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

async function expectOneBooking(slotId: number, people: { id: string }[]) {
  const rows = await sql.all<{ e: string; status: string }>("SELECT employee_id AS e, status FROM consultation_bookings WHERE slot_id = ?", [slotId]);
  expect(rows.length).toBe(1);
  expect(rows[0]!.status).toBe("booked");
  expect(people.map((p) => p.id)).toContain(rows[0]!.e);
}

const TAKEN = "この相談枠はすでに予約されています。別の枠を選んでください。";

test("100 simultaneous bookings of one slot (as the browser sends them): exactly one succeeds, 99 are told it is taken, no 5xx", async () => {
  test.setTimeout(120_000);
  const slotId = await createSlot();
  const people = await createPeople(100);
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
  await expectOneBooking(slotId, people);
});

test("100 simultaneous bookings of one slot as plain HTML form posts (JavaScript off): one booked, 99 pages saying it is taken", async () => {
  test.setTimeout(180_000);
  const slotId = await createSlot();
  const people = await createPeople(100);
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
  await expectOneBooking(slotId, people);
});

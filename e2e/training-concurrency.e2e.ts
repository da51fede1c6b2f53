import { randomBytes, randomUUID } from "node:crypto";
import { BASE_URL } from "./env";
import { DEMO, expect, sql, test } from "./fixtures";

// Capacity and waitlist order under concurrency, against the running server: many people
// press 申し込む at the same moment; exactly `capacity` get a seat, the rest a unique place.

const DAY = 86_400_000;

/** An opt-in course open to all, one session with sign-up open now (as in training.e2e.ts). */
async function createOpenCourse(opts: { capacity: number; needsApproval: boolean }) {
  const now = Date.now();
  const startsAt = now + 10 * DAY;
  const jst = new Date(startsAt + 9 * 3_600_000);
  const fiscalYear = jst.getUTCMonth() + 1 >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
  const course = await sql.one<{ id: number }>(`INSERT INTO training_courses (fiscal_year, title, kind, needs_approval) VALUES (?, ?, 'optIn', ?) RETURNING id`, [
    fiscalYear,
    `並行試験 ${randomBytes(4).toString("hex")}`,
    opts.needsApproval,
  ]);
  const session = await sql.one<{ id: number }>(
    `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, capacity, signup_opens_at, signup_closes_at, cancel_deadline)
     VALUES (?, 1, ?, ?, '研修室', ?, ?, ?, ?) RETURNING id`,
    [course.id, new Date(startsAt), new Date(startsAt + 3 * 3_600_000), opts.capacity, new Date(now - DAY), new Date(startsAt - DAY), new Date(startsAt - 2 * DAY)],
  );
  return { courseId: course.id, sessionId: session.id };
}

/** `n` fresh employees with a login session each, created directly in the e2e database. */
async function createPeople(n: number): Promise<{ id: string; cookie: string }[]> {
  const org = (await sql.one<{ o: number }>("SELECT org_unit_id AS o FROM employees WHERE staff_number = ?", [DEMO.employee])).o;
  const run = randomBytes(3).toString("hex");
  const people = Array.from({ length: n }, (_, i) => ({ i, id: randomUUID(), sid: randomBytes(20).toString("hex") }));
  // One statement each for all the people and all their sessions.
  await sql.run(
    `INSERT INTO employees (id, staff_number, name, kana, org_unit_id, rank, job_category, employment_type, hired_on, rank_since, birth_year, source)
     VALUES ${people.map(() => "(?, ?, ?, 'ヘイコウ テスト', ?, '一般職員', '行政事務', '正規', '2018-04-01', '2018-04-01', 1994, 'personnel')").join(", ")}`,
    people.flatMap((p) => [p.id, `c${run}${String(p.i).padStart(4, "0")}`, `並行 試験${p.i}`, org]),
  );
  await sql.run(
    `INSERT INTO auth_sessions (id, user_id, expires_at, created_at) VALUES ${people.map(() => "(?, ?, ?, ?)").join(", ")}`,
    people.flatMap((p) => [p.sid, p.id, Math.floor(Date.now() / 1000) + 3600, Date.now()]),
  );
  return people.map((p) => ({ id: p.id, cookie: `kjp_session=${p.sid}` }));
}

function post(courseId: number, cookie: string, form: Record<string, string>) {
  return fetch(`${BASE_URL}/training/courses/${courseId}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: BASE_URL, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

test("200人が同時に20席の回へ申し込む → 受講決定20・キャンセル待ち180（順番は一意）、その後10人が同時にキャンセル → ちょうど10人が繰り上がる", async () => {
  test.setTimeout(120_000);
  const { courseId, sessionId } = await createOpenCourse({ capacity: 20, needsApproval: false });
  const people = await createPeople(200);

  const responses = await Promise.all(people.map((p) => post(courseId, p.cookie, { intent: "signup", courseSessionId: String(sessionId) })));
  const statuses = responses.map((r) => r.status);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(new Set(statuses)).toEqual(new Set([302]));
  const notices = responses.map((r) => new URL(r.headers.get("location") ?? "", BASE_URL).searchParams.get("notice"));
  expect(notices.filter((n) => n === "training-signed-up")).toHaveLength(20);
  expect(notices.filter((n) => n === "training-waitlisted")).toHaveLength(180);

  const rows = await sql.all<{ id: number; employeeId: string; status: string; seq: number | null }>(
    `SELECT id, employee_id AS "employeeId", status, waitlist_seq AS seq FROM training_enrollments WHERE course_session_id = ?`,
    [sessionId],
  );
  expect(rows).toHaveLength(200);
  expect(new Set(rows.map((r) => r.employeeId)).size).toBe(200);
  const confirmed = rows.filter((r) => r.status === "confirmed");
  const waiting = rows.filter((r) => r.status === "waitlisted").sort((a, b) => a.seq! - b.seq!);
  expect(confirmed).toHaveLength(20);
  expect(waiting).toHaveLength(180);
  expect(new Set(waiting.map((r) => r.seq)).size).toBe(180);
  // Arrival order: every seat went to someone who arrived before every waitlisted person.
  expect(Math.max(...confirmed.map((r) => r.id))).toBeLessThan(Math.min(...waiting.map((r) => r.id)));

  // 10 of the seated cancel at once: exactly the first 10 on the waitlist move up.
  const leaving = confirmed.slice(0, 10);
  const cookieOf = new Map(people.map((p) => [p.id, p.cookie]));
  const cancels = await Promise.all(leaving.map((r) => post(courseId, cookieOf.get(r.employeeId)!, { intent: "cancel", enrollmentId: String(r.id) })));
  expect(cancels.map((r) => r.status)).toEqual(Array(10).fill(302));

  const after = await sql.all<{ id: number; status: string }>("SELECT id, status FROM training_enrollments WHERE course_session_id = ?", [sessionId]);
  const count = (s: string) => after.filter((r) => r.status === s).length;
  expect(count("cancelled")).toBe(10);
  expect(count("confirmed")).toBe(20);
  expect(count("waitlisted")).toBe(170);
  const promotedIds = new Set(after.filter((r) => r.status === "confirmed").map((r) => r.id));
  for (const w of waiting.slice(0, 10)) expect(promotedIds.has(w.id)).toBe(true);
  for (const w of waiting.slice(10)) expect(promotedIds.has(w.id)).toBe(false);
  const notified = await sql.one<{ n: number }>(
    `SELECT count(DISTINCT recipient_id) AS n FROM notifications WHERE title = '研修のキャンセル待ちから繰り上がりました' AND recipient_id IN (${waiting.map(() => "?").join(",")})`,
    waiting.map((w) => w.employeeId),
  );
  expect(notified.n).toBe(10);
});

test("同じ人が同時に20回押しても申込は1件", async () => {
  const { courseId, sessionId } = await createOpenCourse({ capacity: 5, needsApproval: false });
  const [me] = await createPeople(1);
  const responses = await Promise.all(Array.from({ length: 20 }, () => post(courseId, me!.cookie, { intent: "signup", courseSessionId: String(sessionId) })));
  expect(responses.every((r) => r.status === 302)).toBe(true);
  const n = await sql.one<{ n: number }>("SELECT count(*) AS n FROM training_enrollments WHERE course_session_id = ?", [sessionId]);
  expect(n.n).toBe(1);
});

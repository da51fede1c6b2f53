// The training sign-up burst: arranges a 30-seat session and 500 logged-in employees
// directly in the benchmark database, fires the burst, and checks the invariant after.
import { randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";

const DAY = 86_400_000;
/** A session as a login makes it: its idle window (2 h, app/auth/lucia.server.ts) just begun. */
const FRESH_SESSION_SECONDS = 2 * 3600;

export type SignupBench = { courseId: number; courseSessionId: number; cookies: string[] };

/** A 30-seat opt-in session open for sign-up now, and `users` login sessions created directly. */
export function prepareSignupBench(dbFile: string, { users = 500, capacity = 30 } = {}): SignupBench {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 5000");
  try {
    const now = Date.now();
    const startsAt = now + 14 * DAY;
    const jst = new Date(startsAt + 9 * 3_600_000);
    const fiscalYear = jst.getUTCMonth() + 1 >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
    return db.transaction((): SignupBench => {
      const courseId = Number(
        db
          .prepare(`INSERT INTO training_courses (fiscal_year, title, description, kind, needs_approval) VALUES (?, ?, '', 'optIn', 0)`)
          .run(fiscalYear, `ベンチマーク研修 ${randomBytes(3).toString("hex")}`).lastInsertRowid,
      );
      const courseSessionId = Number(
        db
          .prepare(
            `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, capacity, signup_opens_at, signup_closes_at, cancel_deadline)
             VALUES (?, 1, ?, ?, '研修室', ?, ?, ?, ?)`,
          )
          .run(courseId, startsAt, startsAt + 3 * 3_600_000, capacity, now - DAY, startsAt - DAY, startsAt - 2 * DAY).lastInsertRowid,
      );
      const ids = (db.prepare(`SELECT id FROM employees WHERE source = 'personnel' AND disabled_at IS NULL LIMIT ?`).all(users) as { id: string }[]).map((r) => r.id);
      const org = (db.prepare(`SELECT id FROM org_units LIMIT 1`).get() as { id: number } | undefined)?.id ?? null;
      const addEmployee = db.prepare(
        `INSERT INTO employees (id, staff_number, name, kana, org_unit_id, rank, hired_on, rank_since, source) VALUES (?, ?, ?, 'ベンチ', ?, '一般職員', '2018-04-01', '2018-04-01', 'personnel')`,
      );
      while (ids.length < users) {
        const id = randomUUID();
        addEmployee.run(id, `b${ids.length}-${id.slice(0, 6)}`, `ベンチ ${ids.length}`, org);
        ids.push(id);
      }
      const addSession = db.prepare(`INSERT INTO auth_sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)`);
      const cookies = ids.map((userId) => {
        const sid = randomBytes(20).toString("hex");
        addSession.run(sid, userId, Math.floor(now / 1000) + FRESH_SESSION_SECONDS, now);
        return `kjp_session=${sid}`;
      });
      return { courseId, courseSessionId, cookies };
    })();
  } finally {
    db.close();
  }
}

/** One sign-up request, as the browser's form would send it without JavaScript. */
export function signUpRequest(base: string, bench: SignupBench, cookie: string): () => Promise<Response> {
  const body = new URLSearchParams({ intent: "signup", courseSessionId: String(bench.courseSessionId) }).toString();
  return () =>
    fetch(`${base}/training/courses/${bench.courseId}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body,
      signal: AbortSignal.timeout(30_000),
    });
}

/** After the burst: seats, waitlist and uniqueness as the database holds them. */
export function verifySignupBench(dbFile: string, bench: SignupBench) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db
      .prepare(`SELECT status, waitlist_seq AS seq, employee_id AS employeeId FROM training_enrollments WHERE course_session_id = ?`)
      .all(bench.courseSessionId) as { status: string; seq: number | null; employeeId: string }[];
    const waitlisted = rows.filter((r) => r.status === "waitlisted");
    return {
      total: rows.length,
      confirmed: rows.filter((r) => r.status === "confirmed").length,
      waitlisted: waitlisted.length,
      uniqueWaitlistSeqs: new Set(waitlisted.map((r) => r.seq)).size,
      uniquePeople: new Set(rows.map((r) => r.employeeId)).size,
    };
  } finally {
    db.close();
  }
}

/** A login session created directly for one staff number (e.g. the demo 人材育成課 100003). */
export function loginSessionFor(dbFile: string, staffNumber: string): string {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 5000");
  try {
    const user = db.prepare(`SELECT id FROM employees WHERE staff_number = ?`).get(staffNumber) as { id: string } | undefined;
    if (!user) throw new Error(`no employee ${staffNumber}`);
    const sid = randomBytes(20).toString("hex");
    db.prepare(`INSERT INTO auth_sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)`).run(sid, user.id, Math.floor(Date.now() / 1000) + FRESH_SESSION_SECONDS, Date.now());
    return `kjp_session=${sid}`;
  } finally {
    db.close();
  }
}

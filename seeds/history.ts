import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { jstDate } from "../app/lib/fiscal-year";
import { rankGroupOf } from "../app/services/consultation/rules";
import { createRandom } from "./random";

/**
 * Years of history in every service, for the scale mode the statistics are benchmarked on
 * (`npm run seed -- --employees 20000 --history 4`). Rows are written with prepared
 * statements in one transaction per 年度; a 年度 that already has history is skipped, so
 * the seed stays re-runnable.
 */
export function seedHistory(db: Db, fiscalYears: number[]): { enrollments: number; applications: number; bookings: number } {
  const sqlite = db.$client;
  const rng = createRandom(777);
  const staff = sqlite
    .prepare("SELECT id, rank FROM employees WHERE source = 'personnel' AND disabled_at IS NULL ORDER BY staff_number")
    .all() as { id: string; rank: string | null }[];
  const certs = sqlite.prepare("SELECT id FROM subsidy_certifications ORDER BY id").all() as { id: number }[];
  const consultant = sqlite.prepare("SELECT id FROM consultation_consultants ORDER BY id LIMIT 1").get() as { id: number } | undefined;
  const now = Date.now();
  const totals = { enrollments: 0, applications: 0, bookings: 0 };

  const insertCourse = sqlite.prepare("INSERT INTO training_courses (fiscal_year, title, description, kind, needs_approval) VALUES (?, ?, '', ?, 0) RETURNING id");
  const insertSession = sqlite.prepare(
    `INSERT INTO training_course_sessions (course_id, seq, starts_at, ends_at, venue, capacity, signup_opens_at, signup_closes_at, cancel_deadline)
     VALUES (?, ?, ?, ?, '川崎市役所 本庁舎', ?, ?, ?, ?) RETURNING id`,
  );
  const insertEnrollment = sqlite.prepare(
    "INSERT INTO training_enrollments (course_id, course_session_id, employee_id, status, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertScheme = sqlite.prepare(
    `INSERT OR IGNORE INTO subsidy_schemes (fiscal_year, allow_other, other_rate_percent, other_cap_per_application, per_person_yearly_cap, claim_deadline_days, rounding_unit, eligible_employment_types, budget)
     VALUES (?, 1, 50, 30000, 100000, 180, 1000, '["正規","任期付"]', 30000000)`,
  );
  const insertApplication = sqlite.prepare(
    `INSERT INTO subsidy_applications (id, applicant_id, fiscal_year, certification_id, exam_date, pass_date, amount, status, client_token, submitted_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSlot = sqlite.prepare("INSERT OR IGNORE INTO consultation_slots (consultant_id, starts_at, ends_at, status) VALUES (?, ?, ?, 'open') RETURNING id");
  const insertBooking = sqlite.prepare(
    `INSERT INTO consultation_bookings (id, slot_id, employee_id, topic, anonymous, booking_code, status, fiscal_year, rank_group, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const topics = ["work_anxiety", "career", "life", "management", "other"];

  for (const fy of fiscalYears) {
    const exists = sqlite.prepare("SELECT 1 FROM training_courses WHERE fiscal_year = ? AND title LIKE '履歴研修%' LIMIT 1").get(fy);
    if (exists) continue;
    sqlite.transaction(() => {
      // 階層別研修: 150 courses × 2 sessions; each person signs up to about one course.
      const sessions: { course: number; id: number; startsAt: number }[] = [];
      for (let c = 0; c < 150; c++) {
        const course = (insertCourse.get(fy, `履歴研修${String(c + 1).padStart(3, "0")}`, c % 3 === 0 ? "required" : c % 3 === 1 ? "elective" : "optIn") as { id: number }).id;
        for (let s = 1; s <= 2; s++) {
          const start = jstDate(fy + (c % 12 >= 9 ? 1 : 0), ((c % 12) + 3) % 12 + 1, 1 + ((c * 7 + s * 3) % 27), 9, 30).getTime();
          const id = (insertSession.get(course, s, start, start + 3 * 3600_000, 80, start - 60 * 86400_000, start - 7 * 86400_000, start - 3 * 86400_000) as { id: number }).id;
          sessions.push({ course, id, startsAt: start });
        }
      }
      for (const person of staff) {
        if (!rng.chance(0.6)) continue;
        const s = rng.pick(sessions);
        const past = s.startsAt < now;
        const roll = rng.next();
        const status = past ? (roll < 0.85 ? "completed" : roll < 0.9 ? "attended" : roll < 0.95 ? "absent" : "cancelled") : roll < 0.9 ? "confirmed" : "cancelled";
        insertEnrollment.run(s.course, s.id, person.id, status, s.startsAt - 30 * 86400_000, s.startsAt);
        totals.enrollments++;
      }

      // 資格取得費用助成: about 6% of staff apply.
      insertScheme.run(fy);
      if (certs.length > 0) {
        for (const person of staff) {
          if (!rng.chance(0.06)) continue;
          const month = rng.int(4, 15);
          const passed = jstDate(month > 12 ? fy + 1 : fy, ((month - 1) % 12) + 1, rng.int(1, 28));
          const iso = passed.toISOString().slice(0, 10);
          const roll = rng.next();
          const status = roll < 0.55 ? "paid" : roll < 0.7 ? "approved" : roll < 0.8 ? "submitted" : roll < 0.9 ? "rejected" : "withdrawn";
          const submitted = passed.getTime() + 14 * 86400_000;
          insertApplication.run(randomUUID(), person.id, fy, rng.pick(certs).id, iso, iso, rng.int(3, 50) * 1000, status, randomUUID(), submitted, submitted, submitted);
          totals.applications++;
        }
      }

      // 相談窓口: two evening slots a week; about 70% booked.
      if (consultant) {
        for (let week = 0; week < 50; week++) {
          for (const dayOffset of [1, 3]) {
            const start = jstDate(fy, 4, 1 + week * 7 + dayOffset, 18, 0).getTime();
            // The demo seed's own slots of this 年度 are left as they are.
            const slot = (insertSlot.get(consultant.id, start, start + 50 * 60_000) as { id: number } | undefined)?.id;
            if (slot === undefined || !rng.chance(0.7)) continue;
            const person = rng.pick(staff);
            const past = start < now;
            const status = past ? (rng.chance(0.92) ? "held" : "no_show") : "booked";
            const manager = rankGroupOf(person.rank);
            insertBooking.run(randomUUID(), slot, person.id, rng.pick(topics), rng.chance(0.3) ? 1 : 0, randomBytes(5).toString("hex").toUpperCase(), status, fy, manager, start - 7 * 86400_000, start);
            totals.bookings++;
          }
        }
      }
    })();
  }
  return totals;
}

// 外部の専門家相談窓口 demo data: the demo consultant (900001 岡本 奈美) registered with a
// meeting link, the rules, Tue/Thu 18:00–18:50 slots from eight weeks ago to ten weeks
// ahead, past sessions (mostly 実施, a few 無断キャンセル) and one upcoming booking of the
// demo employee. Re-runnable: consultant, rules and slots are keyed on natural keys,
// bookings on deterministic ids; nothing is duplicated and nothing already there changes.
import type { Db } from "../db/client";
import { jstDate, jstParts, fiscalYearOf } from "../app/lib/fiscal-year";
import { TOPICS, rankGroupOf } from "../app/services/consultation/rules";
import { DEMO_ACCOUNTS } from "./org";
import { createRandom } from "./random";

const DAY_MS = 24 * 60 * 60 * 1000;
const MEETING_URL = "https://meet.city.kawasaki.example/career/okamoto";
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export const CONSULTATION_DEMO_RULES = {
  bookingWindowDays: 60,
  deadlineDaysBefore: 1,
  deadlineMinuteOfDay: 17 * 60,
  maxPerFiscalYear: 4,
  maxFutureBookings: 2,
};

/** Tue and Thu 18:00 (JST) from `fromDays` to `toDays` days around `now`. */
function tuesdaysAndThursdays(now: Date, fromDays: number, toDays: number): Date[] {
  const out: Date[] = [];
  for (let d = fromDays; d <= toDays; d++) {
    const p = jstParts(new Date(now.getTime() + d * DAY_MS));
    if (p.weekday === 2 || p.weekday === 4) out.push(jstDate(p.year, p.month, p.day, 18, 0));
  }
  return out;
}

export function seedConsultation(db: Db, now: Date = new Date()): { slots: number; bookings: number } {
  const sqlite = db.$client;
  const rng = createRandom(20261125);
  const code = () => Array.from({ length: 9 }, (_, i) => (i === 4 ? "-" : CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)])).join("");
  const idOf = (staffNumber: string) =>
    (sqlite.prepare("SELECT id, rank FROM employees WHERE staff_number = ?").get(staffNumber) as { id: string; rank: string | null } | undefined) ?? null;

  let slotCount = 0;
  let bookingCount = 0;
  sqlite.transaction(() => {
    const consultant = idOf(DEMO_ACCOUNTS.consultant.staffNumber);
    const welfare = idOf(DEMO_ACCOUNTS.welfare.staffNumber);
    if (!consultant) return;
    sqlite
      .prepare("INSERT OR IGNORE INTO consultation_consultants (employee_id, meeting_url, created_by) VALUES (?, ?, ?)")
      .run(consultant.id, MEETING_URL, welfare?.id ?? "seed");
    const consultantId = (sqlite.prepare("SELECT id FROM consultation_consultants WHERE employee_id = ?").get(consultant.id) as { id: number }).id;
    const r = CONSULTATION_DEMO_RULES;
    sqlite
      .prepare(
        `INSERT OR IGNORE INTO consultation_rules (id, booking_window_days, deadline_days_before, deadline_minute_of_day, max_per_fiscal_year, max_future_bookings, updated_by)
         VALUES (1, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.bookingWindowDays, r.deadlineDaysBefore, r.deadlineMinuteOfDay, r.maxPerFiscalYear, r.maxFutureBookings, welfare?.id ?? "seed");

    const insertSlot = sqlite.prepare(
      "INSERT OR IGNORE INTO consultation_slots (consultant_id, starts_at, ends_at, status, created_by) VALUES (?, ?, ?, 'open', ?)",
    );
    const slotIdAt = sqlite.prepare("SELECT id FROM consultation_slots WHERE consultant_id = ? AND starts_at = ?");
    const starts = tuesdaysAndThursdays(now, -56, 70);
    const slotIds = new Map<number, number>();
    for (const s of starts) {
      slotCount += insertSlot.run(consultantId, s.getTime(), s.getTime() + 50 * 60_000, welfare?.id ?? "seed").changes;
      slotIds.set(s.getTime(), (slotIdAt.get(consultantId, s.getTime()) as { id: number }).id);
    }

    const insertBooking = sqlite.prepare(
      `INSERT OR IGNORE INTO consultation_bookings (id, slot_id, employee_id, topic, note, anonymous, booking_code, status, fiscal_year, rank_group, created_at, updated_at)
       VALUES (@id, @slotId, @employeeId, @topic, @note, @anonymous, @code, @status, @fiscalYear, @rankGroup, @createdAt, @createdAt)`,
    );
    const insertEvent = sqlite.prepare(
      `INSERT INTO consultation_booking_events (booking_id, at, actor_kind, actor_id, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    // Generated staff (not the demo accounts): about two of every three past slots were used.
    const people = sqlite
      .prepare("SELECT staff_number FROM employees WHERE source = 'personnel' AND staff_number >= '200001' ORDER BY staff_number LIMIT 400")
      .all() as { staff_number: string }[];
    const past = starts.filter((s) => s.getTime() < now.getTime());
    const book = (start: Date, staffNumber: string, status: "booked" | "held" | "no_show", anonymous: boolean, note: string) => {
      const person = idOf(staffNumber);
      const slotId = slotIds.get(start.getTime());
      if (!person || slotId === undefined) return;
      const id = `seed-consultation-${start.getTime()}`;
      const createdAt = start.getTime() - 7 * DAY_MS;
      const topic = TOPICS[rng.int(0, TOPICS.length - 1)]!;
      const bookingCode = code();
      const inserted = insertBooking.run({
        id,
        slotId,
        employeeId: person.id,
        topic,
        note,
        anonymous: anonymous ? 1 : 0,
        code: bookingCode,
        status,
        fiscalYear: fiscalYearOf(start),
        rankGroup: rankGroupOf(person.rank),
        createdAt,
      }).changes;
      if (!inserted) return;
      bookingCount++;
      insertEvent.run(id, createdAt, "employee", person.id, null, "booked", "booked");
      if (status !== "booked") {
        insertEvent.run(id, start.getTime() + 55 * 60_000, "consultant", consultant.id, "booked", status, status === "held" ? "marked_held" : "marked_no_show");
      }
    };
    past.forEach((start, i) => {
      if (i % 3 === 2 || people.length === 0) return;
      const person = people[rng.int(0, people.length - 1)]!;
      book(start, person.staff_number, i % 7 === 3 ? "no_show" : "held", rng.chance(0.4), "");
    });
    // The demo employee has one upcoming consultation (about two weeks ahead).
    const upcoming = starts.find((s) => s.getTime() > now.getTime() + 12 * DAY_MS);
    const demo = idOf(DEMO_ACCOUNTS.employee.staffNumber);
    const hasUpcoming =
      demo &&
      sqlite
        .prepare(
          `SELECT 1 FROM consultation_bookings b JOIN consultation_slots s ON s.id = b.slot_id
           WHERE b.employee_id = ? AND b.status = 'booked' AND s.starts_at > ?`,
        )
        .get(demo.id, now.getTime());
    if (upcoming && !hasUpcoming) book(upcoming, DEMO_ACCOUNTS.employee.staffNumber, "booked", false, "今後のキャリアについて相談したいです。");
  })();
  return { slots: slotCount, bookings: bookingCount };
}

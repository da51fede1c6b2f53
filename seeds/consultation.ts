// 外部の専門家相談窓口 demo data: the demo consultant (900001 岡本 奈美) registered with a
// meeting link, the rules, Tue/Thu 18:00–18:50 slots from eight weeks ago to ten weeks
// ahead, past sessions (mostly 実施, a few 無断キャンセル) and one upcoming booking of the
// demo employee. Re-runnable: consultant, rules and slots are keyed on natural keys,
// bookings on deterministic ids; nothing is duplicated and nothing already there changes.
import { and, asc, eq, gt, gte } from "drizzle-orm";
import { first, immediate, type Tx } from "../db/client";
import { schema } from "../db/tables";
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

const { employees, consultants, slots, bookings, bookingEvents, consultationRules } = schema;

type BookingRow = typeof bookings.$inferInsert;
type EventRow = typeof bookingEvents.$inferInsert;

/** Rows in batches small enough for either engine's limit of bound parameters. */
async function insertBatches<T>(rows: T[], size: number, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** One transaction on either engine (SQLite or PostgreSQL, from DATABASE_URL). */
export function seedConsultation(now: Date = new Date()): Promise<{ slots: number; bookings: number }> {
  return immediate((tx) => seedConsultationIn(tx, now));
}

async function seedConsultationIn(tx: Tx, now: Date): Promise<{ slots: number; bookings: number }> {
  const rng = createRandom(20261125);
  const code = () => Array.from({ length: 9 }, (_, i) => (i === 4 ? "-" : CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)])).join("");
  const idOf = async (staffNumber: string) =>
    (await first(tx.select({ id: employees.id, rank: employees.rank }).from(employees).where(eq(employees.staffNumber, staffNumber)).limit(1))) ?? null;

  const consultant = await idOf(DEMO_ACCOUNTS.consultant.staffNumber);
  const welfare = await idOf(DEMO_ACCOUNTS.welfare.staffNumber);
  if (!consultant) return { slots: 0, bookings: 0 };
  await tx
    .insert(consultants)
    .values({ employeeId: consultant.id, meetingUrl: MEETING_URL, createdBy: welfare?.id ?? "seed" })
    .onConflictDoNothing();
  const consultantId = (await first(tx.select({ id: consultants.id }).from(consultants).where(eq(consultants.employeeId, consultant.id))))!.id;
  await tx
    .insert(consultationRules)
    .values({ id: 1, ...CONSULTATION_DEMO_RULES, updatedBy: welfare?.id ?? "seed" })
    .onConflictDoNothing();

  const starts = tuesdaysAndThursdays(now, -56, 70);
  const inserted = await tx
    .insert(slots)
    .values(starts.map((s) => ({ consultantId, startsAt: s, endsAt: new Date(s.getTime() + 50 * 60_000), status: "open" as const, createdBy: welfare?.id ?? "seed" })))
    .onConflictDoNothing()
    .returning({ id: slots.id });
  const slotCount = inserted.length;
  const slotIds = new Map<number, number>();
  for (const r of await tx
    .select({ id: slots.id, startsAt: slots.startsAt })
    .from(slots)
    .where(and(eq(slots.consultantId, consultantId), gte(slots.startsAt, starts[0] ?? now)))) {
    slotIds.set(r.startsAt.getTime(), r.id);
  }

  // Generated staff (not the demo accounts): about two of every three past slots were used.
  const people = await tx
    .select({ staffNumber: employees.staffNumber, id: employees.id, rank: employees.rank })
    .from(employees)
    .where(and(eq(employees.source, "personnel"), gte(employees.staffNumber, "200001")))
    .orderBy(asc(employees.staffNumber))
    .limit(400);
  const existing = new Set((await tx.select({ id: bookings.id }).from(bookings)).map((b) => b.id));
  const newBookings: BookingRow[] = [];
  const newEvents: EventRow[] = [];
  const past = starts.filter((s) => s.getTime() < now.getTime());
  const book = (start: Date, person: { id: string; rank: string | null } | null, status: "booked" | "held" | "no_show", anonymous: boolean, note: string) => {
    const slotId = slotIds.get(start.getTime());
    if (!person || slotId === undefined) return;
    const id = `seed-consultation-${start.getTime()}`;
    const createdAt = new Date(start.getTime() - 7 * DAY_MS);
    const topic = TOPICS[rng.int(0, TOPICS.length - 1)]!;
    const bookingCode = code();
    if (existing.has(id)) return;
    existing.add(id);
    newBookings.push({
      id,
      slotId,
      employeeId: person.id,
      topic,
      note,
      anonymous,
      bookingCode,
      status,
      fiscalYear: fiscalYearOf(start),
      rankGroup: rankGroupOf(person.rank),
      createdAt,
      updatedAt: createdAt,
    });
    newEvents.push({ bookingId: id, at: createdAt, actorKind: "employee", actorId: person.id, fromStatus: null, toStatus: "booked", reason: "booked" });
    if (status !== "booked") {
      newEvents.push({
        bookingId: id,
        at: new Date(start.getTime() + 55 * 60_000),
        actorKind: "consultant",
        actorId: consultant.id,
        fromStatus: "booked",
        toStatus: status,
        reason: status === "held" ? "marked_held" : "marked_no_show",
      });
    }
  };
  past.forEach((start, i) => {
    if (i % 3 === 2 || people.length === 0) return;
    const person = people[rng.int(0, people.length - 1)]!;
    book(start, person, i % 7 === 3 ? "no_show" : "held", rng.chance(0.4), "");
  });
  // The demo employee has one upcoming consultation (about two weeks ahead).
  const upcoming = starts.find((s) => s.getTime() > now.getTime() + 12 * DAY_MS);
  const demo = await idOf(DEMO_ACCOUNTS.employee.staffNumber);
  const hasUpcoming =
    demo &&
    (await first(
      tx
        .select({ id: bookings.id })
        .from(bookings)
        .innerJoin(slots, eq(slots.id, bookings.slotId))
        .where(and(eq(bookings.employeeId, demo.id), eq(bookings.status, "booked"), gt(slots.startsAt, now)))
        .limit(1),
    ));
  if (upcoming && demo && !hasUpcoming) book(upcoming, demo, "booked", false, "今後のキャリアについて相談したいです。");

  // A slot already occupied (an earlier run on another day) keeps its booking: the partial
  // unique index on the slot would refuse a second one, so such rows are skipped.
  const occupied = new Set(
    (await tx.select({ slotId: bookings.slotId, status: bookings.status }).from(bookings))
      .filter((b) => b.status === "booked" || b.status === "held" || b.status === "no_show")
      .map((b) => b.slotId),
  );
  const writable = newBookings.filter((b) => !occupied.has(b.slotId));
  const written = new Set(writable.map((b) => b.id));
  await insertBatches(writable, 200, (batch) => tx.insert(bookings).values(batch));
  await insertBatches(
    newEvents.filter((e) => written.has(e.bookingId)),
    400,
    (batch) => tx.insert(bookingEvents).values(batch),
  );
  return { slots: slotCount, bookings: writable.length };
}

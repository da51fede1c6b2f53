// Small reads and writes shared by the consultation modules. Each takes the handle it runs
// on: `tx` inside a transaction, `getDb()` for a plain read. None of these returns a
// person's booking: those reads live in the readers named after whom they serve
// (employee-bookings, consultant-sessions, welfare-desk), under access.server.ts.
import { randomInt } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { first, forUpdate, schema, type Db, type Tx } from "~/db.server";
import { DEFAULT_PAGE_SETTINGS, type ConsultationPageSettings, type ConsultationRules } from "./rules";
import { OCCUPYING, type BookingCapacity, type BookingStatus } from "./transitions";

export const { consultants, slots, bookings, bookingEvents, consultantMemos, consultationRules, employees } = schema;

/** The rules row, or null while 労務厚生課 has not set them (the service is then closed). */
export async function getRules(db: Db | Tx): Promise<ConsultationRules | null> {
  const row = await first(db.select().from(consultationRules).where(eq(consultationRules.id, 1)));
  if (!row) return null;
  return {
    bookingWindowDays: row.bookingWindowDays,
    deadlineDaysBefore: row.deadlineDaysBefore,
    deadlineMinuteOfDay: row.deadlineMinuteOfDay,
    maxPerFiscalYear: row.maxPerFiscalYear,
    maxFutureBookings: row.maxFutureBookings,
  };
}

/** The page settings kept with the rules; the defaults while no rules are set. */
export async function getPageSettings(db: Db | Tx): Promise<ConsultationPageSettings> {
  const row = await first(db.select().from(consultationRules).where(eq(consultationRules.id, 1)));
  if (!row) return DEFAULT_PAGE_SETTINGS;
  return {
    overviewDays: row.overviewDays,
    slotListDaysBack: row.slotListDaysBack,
    slotListDaysAhead: row.slotListDaysAhead,
    sessionHistoryDays: row.sessionHistoryDays,
    defaultSlotStartMinute: row.defaultSlotStartMinute,
    defaultSlotEndMinute: row.defaultSlotEndMinute,
  };
}

// No 0/O, 1/I/L: a booking code is read aloud or typed from a screen.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** "K7QM-3PXA": what the consultant sees instead of a name when the booking is anonymous. */
export function newBookingCode(): string {
  const c = () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${Array.from({ length: 4 }, c).join("")}-${Array.from({ length: 4 }, c).join("")}`;
}

/** A code not used yet; called inside the booking transaction. */
export async function uniqueBookingCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = newBookingCode();
    const used = await first(tx.select({ one: sql`1` }).from(bookings).where(eq(bookings.bookingCode, code)));
    if (!used) return code;
  }
}

/** The booking occupying a slot (予約中・実施・無断キャンセル), if any. */
export async function slotOccupant(tx: Tx, slotId: number) {
  return (await first(tx.select().from(bookings).where(and(eq(bookings.slotId, slotId), inArray(bookings.status, OCCUPYING))))) ?? null;
}

/**
 * Locks a slot row for the rest of the transaction (PostgreSQL `FOR UPDATE`; SQLite's
 * BEGIN IMMEDIATE already holds the one write lock). Every transaction that books onto a
 * slot, moves onto or off it, closes or reopens it takes this lock before it checks the
 * slot's occupant, so "one occupying booking per slot" and "a closed slot holds no booking"
 * are decided one transaction at a time. Lock several slots in ascending id order.
 */
export async function lockSlots(tx: Tx, slotIds: readonly number[]): Promise<void> {
  for (const id of [...new Set(slotIds)].sort((a, b) => a - b)) {
    await forUpdate(tx.select({ id: slots.id }).from(slots).where(eq(slots.id, id)));
  }
}

/**
 * Locks the booking employee's row: the per-person limits (bookings per 年度, future
 * bookings) are counts over their bookings, so two of their own transactions must not count
 * at once. Taken first, before any slot, by every transaction of the employee's own.
 */
export async function lockBooker(tx: Tx, employeeId: string): Promise<void> {
  await forUpdate(tx.select({ id: employees.id }).from(employees).where(eq(employees.id, employeeId)));
}

/** One line of a booking's history, in the transaction of the change it records. */
export async function recordEvent(
  tx: Tx,
  e: {
    bookingId: string;
    at: Date;
    actorKind: BookingCapacity;
    actorId: string | null;
    fromStatus: BookingStatus | null;
    toStatus: BookingStatus;
    reason: string;
  },
): Promise<void> {
  await tx.insert(bookingEvents).values(e);
}

/** The meeting link of a slot: its own, else its consultant's. */
export function meetingUrlOf(slotUrl: string | null, consultantUrl: string | null): string | null {
  return slotUrl ?? consultantUrl ?? null;
}

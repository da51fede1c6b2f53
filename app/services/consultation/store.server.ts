// Small reads and writes shared by the consultation modules. Each takes the handle it runs
// on: `tx` inside a transaction, `getDb()` for a plain read. None of these returns a
// person's booking: those reads live in the readers named after whom they serve
// (employee-bookings, consultant-sessions, welfare-desk), under access.server.ts.
import { randomInt } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "~/db.server";
import { DEFAULT_PAGE_SETTINGS, type ConsultationPageSettings, type ConsultationRules } from "./rules";
import { OCCUPYING, type BookingCapacity, type BookingStatus } from "./transitions";

export const { consultants, slots, bookings, bookingEvents, consultantMemos, consultationRules, employees } = schema;

/** The rules row, or null while 労務厚生課 has not set them (the service is then closed). */
export function getRules(db: Db | Tx): ConsultationRules | null {
  const row = db.select().from(consultationRules).where(eq(consultationRules.id, 1)).get();
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
export function getPageSettings(db: Db | Tx): ConsultationPageSettings {
  const row = db.select().from(consultationRules).where(eq(consultationRules.id, 1)).get();
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
export function uniqueBookingCode(tx: Tx): string {
  for (;;) {
    const code = newBookingCode();
    const used = tx.select({ one: sql`1` }).from(bookings).where(eq(bookings.bookingCode, code)).get();
    if (!used) return code;
  }
}

/** The booking occupying a slot (予約中・実施・無断キャンセル), if any. */
export function slotOccupant(tx: Tx, slotId: number) {
  return (
    tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.slotId, slotId), inArray(bookings.status, OCCUPYING)))
      .get() ?? null
  );
}

/** One line of a booking's history, in the transaction of the change it records. */
export function recordEvent(
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
): void {
  tx.insert(bookingEvents).values(e).run();
}

/** The meeting link of a slot: its own, else its consultant's. */
export function meetingUrlOf(slotUrl: string | null, consultantUrl: string | null): string | null {
  return slotUrl ?? consultantUrl ?? null;
}

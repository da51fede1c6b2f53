// Small reads shared by the consultation modules. None of these returns a person's booking:
// those reads live in bookings/sessions/manage.server.ts, each with its own access rule.
import { randomInt } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { hasRole } from "~/auth/viewer";
import { getDb, schema } from "~/db.server";
import type { BookingStatus, ConsultationRules } from "./rules";

export const { consultants, slots, bookings, bookingEvents, consultantMemos, consultationRules, employees } = schema;

export const OCCUPYING: BookingStatus[] = ["booked", "held", "no_show"];

/** The rules row, or null while 労務厚生課 has not set them (the service is then closed). */
export function getRules(): ConsultationRules | null {
  const row = getDb().select().from(consultationRules).where(eq(consultationRules.id, 1)).get();
  if (!row) return null;
  return {
    bookingWindowDays: row.bookingWindowDays,
    deadlineDaysBefore: row.deadlineDaysBefore,
    deadlineMinuteOfDay: row.deadlineMinuteOfDay,
    maxPerFiscalYear: row.maxPerFiscalYear,
    maxFutureBookings: row.maxFutureBookings,
  };
}

/** The consultant record of this viewer, when they hold the consultant role. */
export function consultantOf(viewer: Viewer) {
  if (!hasRole(viewer, "consultant")) return null;
  return getDb().select().from(consultants).where(eq(consultants.employeeId, viewer.id)).get() ?? null;
}

// No 0/O, 1/I/L: a booking code is read aloud or typed from a screen.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** "K7QM-3PXA": what the consultant sees instead of a name when the booking is anonymous. */
export function newBookingCode(): string {
  const c = () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${Array.from({ length: 4 }, c).join("")}-${Array.from({ length: 4 }, c).join("")}`;
}

/** A code not used yet; called inside the booking transaction. */
export function uniqueBookingCode(): string {
  const db = getDb();
  for (;;) {
    const code = newBookingCode();
    const used = db.select({ one: sql`1` }).from(bookings).where(eq(bookings.bookingCode, code)).get();
    if (!used) return code;
  }
}

/** Whether a slot is occupied by a booking (予約中・実施・無断キャンセル). */
export function slotOccupant(slotId: number) {
  return (
    getDb()
      .select()
      .from(bookings)
      .where(and(eq(bookings.slotId, slotId), inArray(bookings.status, OCCUPYING)))
      .get() ?? null
  );
}

export function recordEvent(e: {
  bookingId: string;
  at: Date;
  actorKind: "employee" | "consultant" | "welfare";
  actorId: string | null;
  fromStatus: BookingStatus | null;
  toStatus: BookingStatus;
  reason: string;
}): void {
  getDb().insert(bookingEvents).values(e).run();
}

/** The meeting link of a slot: its own, else its consultant's. */
export function meetingUrlOf(slotUrl: string | null, consultantUrl: string | null): string | null {
  return slotUrl ?? consultantUrl ?? null;
}

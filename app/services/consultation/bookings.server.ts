// The employee's side of the consultation service. Access rule of every read here: the
// viewer's own bookings, nothing else. Nothing here writes to anyone's notifications or to
// the shared audit log: who booked must not surface anywhere outside this service.
import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, lt, ne, notExists } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { hasRole } from "~/auth/viewer";
import { getDb, immediate } from "~/db.server";
import { fiscalYearOf } from "~/lib/fiscal-year";
import {
  allowedTransitions,
  changeDeadline,
  checkLimits,
  rankGroupOf,
  slotRefusal,
  type BookingRefusal,
  type BookingStatus,
  type ConsultationRules,
  type Topic,
} from "./rules";
import {
  OCCUPYING,
  bookingEvents,
  bookings,
  consultants,
  employees,
  getRules,
  meetingUrlOf,
  recordEvent,
  slotOccupant,
  slots,
  uniqueBookingCode,
} from "./store.server";

const DAY_MS = 24 * 60 * 60 * 1000;

export type FreeSlot = { id: number; startsAt: Date; endsAt: Date; consultantName: string };

/** Slots the viewer could book right now, soonest first. */
export function listFreeSlots(viewer: Viewer, now: Date, rules: ConsultationRules | null): FreeSlot[] {
  if (!rules || !hasRole(viewer, "employee")) return [];
  const db = getDb();
  const rows = db
    .select({
      id: slots.id,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      consultantName: employees.name,
      consultantEmployeeId: consultants.employeeId,
    })
    .from(slots)
    .innerJoin(consultants, eq(consultants.id, slots.consultantId))
    .innerJoin(employees, eq(employees.id, consultants.employeeId))
    .where(
      and(
        eq(slots.status, "open"),
        eq(consultants.active, true),
        gt(slots.startsAt, now),
        lt(slots.startsAt, new Date(now.getTime() + (rules.bookingWindowDays + 2) * DAY_MS)),
        notExists(
          db
            .select({ id: bookings.id })
            .from(bookings)
            .where(and(eq(bookings.slotId, slots.id), inArray(bookings.status, OCCUPYING))),
        ),
      ),
    )
    .orderBy(asc(slots.startsAt), asc(slots.id))
    .all();
  return rows
    .filter((r) => r.consultantEmployeeId !== viewer.id)
    .filter((r) => slotRefusal(now, { status: "open", startsAt: r.startsAt, occupied: false }, rules) === null)
    .map(({ id, startsAt, endsAt, consultantName }) => ({ id, startsAt, endsAt, consultantName }));
}

export type MyBooking = {
  id: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  consultantName: string;
  topic: Topic;
  note: string;
  anonymous: boolean;
  bookingCode: string;
  /** Only while the booking is active. */
  meetingUrl: string | null;
  deadline: Date | null;
  canMove: boolean;
  canCancel: boolean;
  history: { at: Date; actorKind: "employee" | "consultant" | "welfare"; fromStatus: BookingStatus | null; toStatus: BookingStatus; reason: string | null }[];
};

function myBookingRows(viewerId: string, bookingId?: string) {
  return getDb()
    .select({
      id: bookings.id,
      status: bookings.status,
      topic: bookings.topic,
      note: bookings.note,
      anonymous: bookings.anonymous,
      bookingCode: bookings.bookingCode,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      slotUrl: slots.meetingUrl,
      consultantUrl: consultants.meetingUrl,
      consultantName: employees.name,
    })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(consultants, eq(consultants.id, slots.consultantId))
    .innerJoin(employees, eq(employees.id, consultants.employeeId))
    .where(bookingId ? and(eq(bookings.employeeId, viewerId), eq(bookings.id, bookingId)) : eq(bookings.employeeId, viewerId))
    .orderBy(desc(slots.startsAt), desc(bookings.createdAt))
    .all();
}

function toMyBooking(r: ReturnType<typeof myBookingRows>[number], now: Date, rules: ConsultationRules | null): MyBooking {
  const ctx = { now, startsAt: r.startsAt, rules };
  const allowed = allowedTransitions(r.status, "employee", ctx);
  const history = getDb()
    .select({
      at: bookingEvents.at,
      actorKind: bookingEvents.actorKind,
      fromStatus: bookingEvents.fromStatus,
      toStatus: bookingEvents.toStatus,
      reason: bookingEvents.reason,
    })
    .from(bookingEvents)
    .where(eq(bookingEvents.bookingId, r.id))
    .orderBy(asc(bookingEvents.at), asc(bookingEvents.id))
    .all();
  return {
    id: r.id,
    status: r.status,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    consultantName: r.consultantName,
    topic: r.topic,
    note: r.note,
    anonymous: r.anonymous,
    bookingCode: r.bookingCode,
    meetingUrl: r.status === "booked" ? meetingUrlOf(r.slotUrl, r.consultantUrl) : null,
    deadline: rules && r.status === "booked" ? changeDeadline(r.startsAt, rules) : null,
    canMove: allowed.includes("moved"),
    canCancel: allowed.includes("cancelled"),
    history,
  };
}

/** The viewer's own bookings, newest slot first. */
export function listMyBookings(viewer: Viewer, now: Date, rules: ConsultationRules | null): MyBooking[] {
  if (!hasRole(viewer, "employee")) return [];
  return myBookingRows(viewer.id).map((r) => toMyBooking(r, now, rules));
}

/** One of the viewer's own bookings; null for anyone else's (→ 404). */
export function getMyBooking(viewer: Viewer, bookingId: string, now: Date): MyBooking | null {
  if (!hasRole(viewer, "employee")) return null;
  const row = myBookingRows(viewer.id, bookingId)[0];
  return row ? toMyBooking(row, now, getRules()) : null;
}

function usageCounts(employeeId: string, fiscalYear: number, now: Date, excludeId?: string) {
  const db = getDb();
  const notExcluded = excludeId ? ne(bookings.id, excludeId) : undefined;
  const bookedInFiscalYear =
    db
      .select({ n: count() })
      .from(bookings)
      .where(and(eq(bookings.employeeId, employeeId), eq(bookings.fiscalYear, fiscalYear), inArray(bookings.status, OCCUPYING), notExcluded))
      .get()?.n ?? 0;
  const upcoming =
    db
      .select({ n: count() })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(and(eq(bookings.employeeId, employeeId), eq(bookings.status, "booked"), gt(slots.startsAt, now), notExcluded))
      .get()?.n ?? 0;
  return { bookedInFiscalYear, upcoming, fiscalYear };
}

/** How much of the limits the viewer has used, for the page ("今年度あと2回"). */
export function myUsage(viewer: Viewer, now: Date) {
  return usageCounts(viewer.id, fiscalYearOf(now), now);
}

export type BookingResult = { ok: true; bookingId: string; duplicate: boolean } | { ok: false; refusal: BookingRefusal };

type BookInput = { slotId: number; topic: Topic; note: string; anonymous: boolean };

/**
 * Everything a booking must satisfy, checked inside the caller's transaction. `excludeId`
 * is the booking being moved away from: it does not count against the limits.
 */
function checkBookable(viewer: Viewer, slotId: number, now: Date, rules: ConsultationRules, excludeId?: string) {
  const db = getDb();
  const slot = db
    .select({ id: slots.id, status: slots.status, startsAt: slots.startsAt, consultantActive: consultants.active, consultantEmployeeId: consultants.employeeId })
    .from(slots)
    .innerJoin(consultants, eq(consultants.id, slots.consultantId))
    .where(eq(slots.id, slotId))
    .get();
  if (!slot) return { refusal: { code: "slot_not_found" } as BookingRefusal };
  if (slot.consultantEmployeeId === viewer.id) return { refusal: { code: "own_slot" } as BookingRefusal };
  const occupant = slotOccupant(slot.id);
  const status = slot.consultantActive ? slot.status : "closed";
  const refusal = slotRefusal(now, { status, startsAt: slot.startsAt, occupied: occupant !== null }, rules);
  if (refusal) return { refusal, occupant };
  const fiscalYear = fiscalYearOf(slot.startsAt);
  const limit = checkLimits(usageCounts(viewer.id, fiscalYear, now, excludeId), rules);
  if (limit) return { refusal: limit };
  return { slot, fiscalYear };
}

function insertBooking(viewer: Viewer, input: BookInput, fiscalYear: number, now: Date, movedFromId: string | null): string {
  const id = randomUUID();
  getDb()
    .insert(bookings)
    .values({
      id,
      slotId: input.slotId,
      employeeId: viewer.id,
      topic: input.topic,
      note: input.note,
      anonymous: input.anonymous,
      bookingCode: uniqueBookingCode(),
      status: "booked",
      fiscalYear,
      rankGroup: rankGroupOf(viewer.rank),
      movedFromId,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  recordEvent({
    bookingId: id,
    at: now,
    actorKind: "employee",
    actorId: viewer.id,
    fromStatus: null,
    toStatus: "booked",
    reason: movedFromId ? "moved_from" : "booked",
  });
  return id;
}

function isActiveSlotConflict(e: unknown): boolean {
  return e instanceof Error && /UNIQUE constraint failed: consultation_bookings\.slot_id/.test(e.message);
}

/**
 * Books a slot: the check (open, future, before the deadline, inside the window, free,
 * limits) and the insert are one BEGIN IMMEDIATE transaction, and the partial unique
 * index on slot_id backs it, so one slot is never booked twice. A repeated submission by
 * the same person for the same slot answers with their existing booking.
 */
export function bookSlot(viewer: Viewer, input: BookInput, now: Date = new Date()): BookingResult {
  if (!hasRole(viewer, "employee")) return { ok: false, refusal: { code: "not_open" } };
  try {
    return immediate((_tx): BookingResult => {
      const rules = getRules();
      if (!rules) return { ok: false, refusal: { code: "not_open" } };
      const occupant = slotOccupant(input.slotId);
      if (occupant && occupant.employeeId === viewer.id && occupant.status === "booked") {
        return { ok: true, bookingId: occupant.id, duplicate: true };
      }
      const check = checkBookable(viewer, input.slotId, now, rules);
      if ("refusal" in check) return { ok: false, refusal: check.refusal! };
      return { ok: true, bookingId: insertBooking(viewer, input, check.fiscalYear, now, null), duplicate: false };
    });
  } catch (e) {
    if (isActiveSlotConflict(e)) return { ok: false, refusal: { code: "taken" } };
    throw e;
  }
}

/**
 * Moves one of the viewer's bookings to another slot: cancel-and-book in one transaction,
 * so either both happen or neither. The new booking keeps the topic, note and anonymity.
 */
export function moveBooking(viewer: Viewer, bookingId: string, newSlotId: number, now: Date = new Date()): BookingResult {
  if (!hasRole(viewer, "employee")) return { ok: false, refusal: { code: "booking_not_found" } };
  try {
    return immediate((tx): BookingResult => {
      const old = tx
        .select({ booking: bookings, startsAt: slots.startsAt })
        .from(bookings)
        .innerJoin(slots, eq(slots.id, bookings.slotId))
        .where(and(eq(bookings.id, bookingId), eq(bookings.employeeId, viewer.id)))
        .get();
      if (!old) return { ok: false, refusal: { code: "booking_not_found" } };
      const rules = getRules();
      if (old.booking.status === "moved") {
        // A resubmitted move: answer with the booking it already became.
        const next = tx.select().from(bookings).where(eq(bookings.movedFromId, old.booking.id)).get();
        if (next && next.slotId === newSlotId) return { ok: true, bookingId: next.id, duplicate: true };
      }
      if (old.booking.status !== "booked") return { ok: false, refusal: { code: "not_changeable", status: old.booking.status } };
      if (!rules) return { ok: false, refusal: { code: "not_open" } };
      if (!allowedTransitions("booked", "employee", { now, startsAt: old.startsAt, rules }).includes("moved")) {
        return { ok: false, refusal: { code: "change_deadline_passed", deadline: changeDeadline(old.startsAt, rules) } };
      }
      if (old.booking.slotId === newSlotId) return { ok: false, refusal: { code: "same_slot" } };
      const check = checkBookable(viewer, newSlotId, now, rules, old.booking.id);
      if ("refusal" in check) return { ok: false, refusal: check.refusal! };
      tx.update(bookings).set({ status: "moved", updatedAt: now }).where(and(eq(bookings.id, old.booking.id), eq(bookings.status, "booked"))).run();
      recordEvent({ bookingId: old.booking.id, at: now, actorKind: "employee", actorId: viewer.id, fromStatus: "booked", toStatus: "moved", reason: "moved_to" });
      const input = { slotId: newSlotId, topic: old.booking.topic, note: old.booking.note, anonymous: old.booking.anonymous };
      return { ok: true, bookingId: insertBooking(viewer, input, check.fiscalYear, now, old.booking.id), duplicate: false };
    });
  } catch (e) {
    if (isActiveSlotConflict(e)) return { ok: false, refusal: { code: "taken" } };
    throw e;
  }
}

export type CancelResult = { ok: true } | { ok: false; refusal: BookingRefusal };

/** Cancels one of the viewer's bookings before the deadline. Cancelling twice is a no-op. */
export function cancelBooking(viewer: Viewer, bookingId: string, now: Date = new Date()): CancelResult {
  if (!hasRole(viewer, "employee")) return { ok: false, refusal: { code: "booking_not_found" } };
  return immediate((tx): CancelResult => {
    const row = tx
      .select({ booking: bookings, startsAt: slots.startsAt })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(and(eq(bookings.id, bookingId), eq(bookings.employeeId, viewer.id)))
      .get();
    if (!row) return { ok: false, refusal: { code: "booking_not_found" } };
    if (row.booking.status === "cancelled") return { ok: true };
    if (row.booking.status !== "booked") return { ok: false, refusal: { code: "not_changeable", status: row.booking.status } };
    const rules = getRules();
    if (!allowedTransitions("booked", "employee", { now, startsAt: row.startsAt, rules }).includes("cancelled")) {
      return {
        ok: false,
        refusal: rules ? { code: "change_deadline_passed", deadline: changeDeadline(row.startsAt, rules) } : { code: "not_open" },
      };
    }
    tx.update(bookings).set({ status: "cancelled", updatedAt: now }).where(and(eq(bookings.id, bookingId), eq(bookings.status, "booked"))).run();
    recordEvent({ bookingId, at: now, actorKind: "employee", actorId: viewer.id, fromStatus: "booked", toStatus: "cancelled", reason: "cancelled_by_employee" });
    return { ok: true };
  });
}

/** Everything the employee's page shows: rules, free slots, own bookings, what is left. */
export function getBookingPage(viewer: Viewer, now: Date = new Date()) {
  if (!hasRole(viewer, "employee")) return null;
  const rules = getRules();
  const usage = myUsage(viewer, now);
  return {
    rules,
    usage: {
      ...usage,
      leftInFiscalYear: rules ? Math.max(0, rules.maxPerFiscalYear - usage.bookedInFiscalYear) : 0,
    },
    freeSlots: listFreeSlots(viewer, now, rules),
    bookings: listMyBookings(viewer, now, rules),
  };
}

// The employee's side of the consultation service: their free slots, their own bookings,
// and booking, moving and cancelling. Access rule (access.server.ts): the viewer's own
// bookings, nothing else. Nothing here writes to anyone's notifications or to the shared
// audit log: who booked must not surface anywhere outside this service.
import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, lt, ne, notExists, type SQL } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { affected, first, getDb, immediate, isUniqueViolation, type Db, type Tx } from "~/db.server";
import { mailBooker } from "./employee-mail.server";
import { fiscalYearOf } from "~/lib/fiscal-year";
import type { Actor } from "~/services/contract/actor";
import { attempt, type Outcome } from "~/services/contract/refusal";
import { EMPLOYEE_FIELDS, mayBook, ownBookings } from "./access.server";
import { bookingRefusal, refuseBooking } from "./refusals";
import { bookingActions, changeDeadline, checkLimits, rankGroupOf, slotRefusal, type ConsultationRules, type Topic } from "./rules";
import { bookingEvents, bookings, consultants, employees, getRules, lockBooker, lockSlots, meetingUrlOf, recordEvent, slotOccupant, slots, uniqueBookingCode } from "./store.server";
import { OCCUPYING, type BookingCapacity, type BookingStatus, type BookingTransition } from "./transitions";

const DAY_MS = 24 * 60 * 60 * 1000;

export type FreeSlot = { id: number; startsAt: Date; endsAt: Date; consultantName: string };

/** Slots the viewer could book right now, soonest first. */
export async function listFreeSlots(viewer: Viewer, now: Date, rules: ConsultationRules | null): Promise<FreeSlot[]> {
  if (!rules || !mayBook(viewer)) return [];
  const db = getDb();
  const rows = await db
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
    .orderBy(asc(slots.startsAt), asc(slots.id));
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
  /** What the employee may do now, from TRANSITIONS: the page draws one form per action. */
  actions: Pick<BookingTransition, "action" | "label">[];
  canMove: boolean;
  canCancel: boolean;
  history: { at: Date; actorKind: BookingCapacity; fromStatus: BookingStatus | null; toStatus: BookingStatus; reason: string | null }[];
};

const EMPLOYEE: readonly BookingCapacity[] = ["employee"];

function myBookingRows(db: Db, scope: SQL, bookingId?: string) {
  return db
    .select(EMPLOYEE_FIELDS)
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(consultants, eq(consultants.id, slots.consultantId))
    .innerJoin(employees, eq(employees.id, consultants.employeeId))
    .where(bookingId ? and(scope, eq(bookings.id, bookingId)) : scope)
    .orderBy(desc(slots.startsAt), desc(bookings.createdAt), desc(bookings.id));
}

async function toMyBooking(db: Db, r: Awaited<ReturnType<typeof myBookingRows>>[number], now: Date, rules: ConsultationRules | null): Promise<MyBooking> {
  const actions = bookingActions(r.status, EMPLOYEE, { now, startsAt: r.startsAt, rules });
  const history = await db
    .select({
      at: bookingEvents.at,
      actorKind: bookingEvents.actorKind,
      fromStatus: bookingEvents.fromStatus,
      toStatus: bookingEvents.toStatus,
      reason: bookingEvents.reason,
    })
    .from(bookingEvents)
    .where(eq(bookingEvents.bookingId, r.id))
    .orderBy(asc(bookingEvents.at), asc(bookingEvents.id));
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
    actions: actions.map(({ action, label }) => ({ action, label })),
    canMove: actions.some((t) => t.action === "move"),
    canCancel: actions.some((t) => t.action === "cancel"),
    history,
  };
}

/** The viewer's own bookings, newest slot first. */
export async function listMyBookings(viewer: Viewer, now: Date, rules: ConsultationRules | null): Promise<MyBooking[]> {
  const scope = ownBookings(viewer);
  if (!scope) return [];
  const db = getDb();
  return Promise.all((await myBookingRows(db, scope)).map((r) => toMyBooking(db, r, now, rules)));
}

/** One of the viewer's own bookings; null for anyone else's (→ 404). */
export async function getMyBooking(viewer: Viewer, bookingId: string, now: Date): Promise<MyBooking | null> {
  const scope = ownBookings(viewer);
  if (!scope) return null;
  const db = getDb();
  const row = (await myBookingRows(db, scope, bookingId))[0];
  return row ? toMyBooking(db, row, now, await getRules(db)) : null;
}

/** One of the viewer's own bookings with the slots they could move it to; null for anyone else's. */
export async function getMyBookingPage(viewer: Viewer, bookingId: string, now: Date = new Date()) {
  const booking = await getMyBooking(viewer, bookingId, now);
  if (!booking) return null;
  return { booking, freeSlots: booking.canMove ? await listFreeSlots(viewer, now, await getRules(getDb())) : [] };
}

async function usageCounts(db: Db, employeeId: string, fiscalYear: number, now: Date, excludeId?: string) {
  const notExcluded = excludeId ? ne(bookings.id, excludeId) : undefined;
  const bookedInFiscalYear =
    (
      await first(
        db
          .select({ n: count() })
          .from(bookings)
          .where(and(eq(bookings.employeeId, employeeId), eq(bookings.fiscalYear, fiscalYear), inArray(bookings.status, OCCUPYING), notExcluded)),
      )
    )?.n ?? 0;
  const upcoming =
    (
      await first(
        db
          .select({ n: count() })
          .from(bookings)
          .innerJoin(slots, eq(slots.id, bookings.slotId))
          .where(and(eq(bookings.employeeId, employeeId), eq(bookings.status, "booked"), gt(slots.startsAt, now), notExcluded)),
      )
    )?.n ?? 0;
  return { bookedInFiscalYear, upcoming, fiscalYear };
}

/** How much of the limits the viewer has used, for the page ("今年度あと2回"). */
export function myUsage(viewer: Viewer, now: Date) {
  return usageCounts(getDb(), viewer.id, fiscalYearOf(now), now);
}

export type BookingResult = Outcome<{ bookingId: string; duplicate: boolean }>;

type BookInput = { slotId: number; topic: Topic; note: string; anonymous: boolean };

/**
 * Everything a booking must satisfy, checked inside the caller's transaction; refuses by
 * throwing. `excludeId` is the booking being moved away from: it does not count against the limits.
 */
async function requireBookable(tx: Tx, viewer: Viewer, slotId: number, now: Date, rules: ConsultationRules, excludeId?: string): Promise<{ fiscalYear: number }> {
  const slot = await first(
    tx
      .select({ id: slots.id, status: slots.status, startsAt: slots.startsAt, consultantActive: consultants.active, consultantEmployeeId: consultants.employeeId })
      .from(slots)
      .innerJoin(consultants, eq(consultants.id, slots.consultantId))
      .where(eq(slots.id, slotId)),
  );
  if (!slot) refuseBooking({ code: "slot_not_found" });
  if (slot.consultantEmployeeId === viewer.id) refuseBooking({ code: "own_slot" });
  const occupant = await slotOccupant(tx, slot.id);
  const status = slot.consultantActive ? slot.status : "closed";
  const refusal = slotRefusal(now, { status, startsAt: slot.startsAt, occupied: occupant !== null }, rules);
  if (refusal) refuseBooking(refusal);
  const fiscalYear = fiscalYearOf(slot.startsAt);
  const limit = checkLimits(await usageCounts(tx, viewer.id, fiscalYear, now, excludeId), rules);
  if (limit) refuseBooking(limit);
  return { fiscalYear };
}

async function insertBooking(tx: Tx, viewer: Viewer, input: BookInput, fiscalYear: number, now: Date, movedFromId: string | null): Promise<string> {
  const id = randomUUID();
  const bookingCode = await uniqueBookingCode(tx);
  await tx.insert(bookings).values({
      id,
      slotId: input.slotId,
      employeeId: viewer.id,
      topic: input.topic,
      note: input.note,
      anonymous: input.anonymous,
      bookingCode,
      status: "booked",
      fiscalYear,
      rankGroup: rankGroupOf(viewer.rank),
      movedFromId,
      createdAt: now,
      updatedAt: now,
    });
  await recordEvent(tx, {
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

/**
 * Runs a booking transaction. Inside it the slot row is locked (`lockSlots`) before its
 * occupant is checked, so concurrent bookings of one slot queue there on PostgreSQL (SQLite's
 * BEGIN IMMEDIATE is serial already). The partial unique index on slot_id backs the check:
 * should two writers still meet there, the engine's UNIQUE error means "taken".
 * (The booking code has a unique index too: a clash of two random codes in two concurrent
 * transactions is as unlikely as it gets, and would answer "taken" too.)
 */
async function bookingTransaction(fn: (tx: Tx) => Promise<{ ok: true; bookingId: string; duplicate: boolean }>): Promise<BookingResult> {
  try {
    return await attempt(() => immediate(fn));
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, refusal: bookingRefusal({ code: "taken" }) };
    throw e;
  }
}

/**
 * Books a slot: the check (open, future, before the deadline, inside the window, free,
 * limits) and the insert are one BEGIN IMMEDIATE transaction, and the partial unique
 * index on slot_id backs it, so one slot is never booked twice. A repeated submission by
 * the same person for the same slot answers with their existing booking.
 */
export async function bookSlot({ viewer }: Actor, input: BookInput, now: Date = new Date()): Promise<BookingResult> {
  if (!mayBook(viewer)) return { ok: false, refusal: bookingRefusal({ code: "not_open" }) };
  return bookingTransaction(async (tx) => {
    // The person first (their limits), then the slot (its one occupant): every booking
    // transaction takes the locks in this order.
    await lockBooker(tx, viewer.id);
    await lockSlots(tx, [input.slotId]);
    const rules = (await getRules(tx)) ?? refuseBooking({ code: "not_open" });
    const occupant = await slotOccupant(tx, input.slotId);
    if (occupant && occupant.employeeId === viewer.id && occupant.status === "booked") {
      return { ok: true, bookingId: occupant.id, duplicate: true };
    }
    const { fiscalYear } = await requireBookable(tx, viewer, input.slotId, now, rules);
    const bookingId = await insertBooking(tx, viewer, input, fiscalYear, now, null);
    await mailBooker(tx, bookingId, "booked", now);
    return { ok: true, bookingId, duplicate: false };
  });
}

/** One of the viewer's own bookings with its slot's start, inside a transaction; not_found otherwise. */
async function requireOwnBooking(tx: Tx, viewer: Viewer, bookingId: string) {
  const scope = ownBookings(viewer) ?? refuseBooking({ code: "booking_not_found" });
  return (
    (await first(
      tx
        .select({ booking: bookings, startsAt: slots.startsAt })
        .from(bookings)
        .innerJoin(slots, eq(slots.id, bookings.slotId))
        .where(and(scope, eq(bookings.id, bookingId))),
    )) ?? refuseBooking({ code: "booking_not_found" })
  );
}

/** The employee's transition `action` on a booked booking, or the refusal that explains why not. */
function requireEmployeeAction(status: BookingStatus, action: "move" | "cancel", startsAt: Date, now: Date, rules: ConsultationRules | null): void {
  if (status !== "booked") refuseBooking({ code: "not_changeable", status });
  if (!rules) refuseBooking({ code: "not_open" });
  if (!bookingActions(status, EMPLOYEE, { now, startsAt, rules }).some((t) => t.action === action)) {
    refuseBooking({ code: "change_deadline_passed", deadline: changeDeadline(startsAt, rules) });
  }
}

/**
 * Moves one of the viewer's bookings to another slot: cancel-and-book in one transaction,
 * so either both happen or neither. The new booking keeps the topic, note and anonymity.
 */
export async function moveBooking({ viewer }: Actor, bookingId: string, newSlotId: number, now: Date = new Date()): Promise<BookingResult> {
  return bookingTransaction(async (tx) => {
    await lockBooker(tx, viewer.id);
    // Both slots, lower id first: the one left (whose booking changes) and the one taken.
    const before = await requireOwnBooking(tx, viewer, bookingId);
    await lockSlots(tx, [before.booking.slotId, newSlotId]);
    const old = await requireOwnBooking(tx, viewer, bookingId);
    if (old.booking.status === "moved") {
      // A resubmitted move: answer with the booking it already became.
      const next = await first(tx.select().from(bookings).where(eq(bookings.movedFromId, old.booking.id)).limit(1));
      if (next && next.slotId === newSlotId) return { ok: true, bookingId: next.id, duplicate: true };
    }
    const rules = await getRules(tx);
    requireEmployeeAction(old.booking.status, "move", old.startsAt, now, rules);
    if (old.booking.slotId === newSlotId) refuseBooking({ code: "same_slot" });
    const { fiscalYear } = await requireBookable(tx, viewer, newSlotId, now, rules!, old.booking.id);
    const left = affected(
      await tx.update(bookings).set({ status: "moved", updatedAt: now }).where(and(eq(bookings.id, old.booking.id), eq(bookings.status, "booked"))),
    );
    if (left !== 1) refuseBooking({ code: "not_changeable", status: old.booking.status });
    await recordEvent(tx, { bookingId: old.booking.id, at: now, actorKind: "employee", actorId: viewer.id, fromStatus: "booked", toStatus: "moved", reason: "moved_to" });
    const input = { slotId: newSlotId, topic: old.booking.topic, note: old.booking.note, anonymous: old.booking.anonymous };
    const newId = await insertBooking(tx, viewer, input, fiscalYear, now, old.booking.id);
    await mailBooker(tx, newId, { movedFrom: { bookingId: old.booking.id, startsAt: old.startsAt } }, now);
    return { ok: true, bookingId: newId, duplicate: false };
  });
}

/** Cancels one of the viewer's bookings before the deadline. Cancelling twice is a no-op. */
export function cancelBooking({ viewer }: Actor, bookingId: string, now: Date = new Date()): Promise<Outcome> {
  return attempt(() =>
    immediate(async (tx) => {
      await lockBooker(tx, viewer.id);
      const before = await requireOwnBooking(tx, viewer, bookingId);
      // The slot too: 労務厚生課 closing it cancels the same booking (closeSlot locks it first).
      await lockSlots(tx, [before.booking.slotId]);
      const row = await requireOwnBooking(tx, viewer, bookingId);
      if (row.booking.status === "cancelled") return { ok: true } as const;
      requireEmployeeAction(row.booking.status, "cancel", row.startsAt, now, await getRules(tx));
      await tx.update(bookings).set({ status: "cancelled", updatedAt: now }).where(and(eq(bookings.id, bookingId), eq(bookings.status, "booked")));
      await recordEvent(tx, { bookingId, at: now, actorKind: "employee", actorId: viewer.id, fromStatus: "booked", toStatus: "cancelled", reason: "cancelled_by_employee" });
      await mailBooker(tx, bookingId, "cancelled", now);
      return { ok: true } as const;
    }),
  );
}

/** Everything the employee's page shows: rules, free slots, own bookings, what is left. */
export async function getBookingPage(viewer: Viewer, now: Date = new Date()) {
  if (!mayBook(viewer)) return null;
  const rules = await getRules(getDb());
  const [usage, freeSlots, myBookings] = await Promise.all([myUsage(viewer, now), listFreeSlots(viewer, now, rules), listMyBookings(viewer, now, rules)]);
  return {
    rules,
    usage: {
      ...usage,
      leftInFiscalYear: rules ? Math.max(0, rules.maxPerFiscalYear - usage.bookedInFiscalYear) : 0,
    },
    freeSlots,
    bookings: myBookings,
  };
}

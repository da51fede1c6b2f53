/**
 * Who may see a consultation booking, and which of its fields — the one place that says it
 * (decision 301). The three readers apply it and nothing else:
 *
 * | reader | which bookings | which fields |
 * |---|---|---|
 * | the employee (`employee-bookings.server.ts`) | their own (`employee_id = viewer.id`) | everything of theirs: slot, consultant, topic, note, 匿名, code, meeting link, history |
 * | the consultant (`consultant-sessions.server.ts`) | occupying bookings in slots of their own consultant record | slot, topic, note, code, the name — or null when 匿名 —, their own private memo |
 * | 労務厚生課 (`welfare-desk.server.ts`) | every booking, to run the service; every read is one audit line (ids, never names) | slot, consultant, staff number, name, 匿名, status, booked at — never topic, note or memo |
 *
 * Everyone else (supervisors, 人材育成課, 人事課, admin) has no reader at all: counts only,
 * suppressed, through the statistics. A record outside the reader's scope is `null` (→ 404).
 */
import { and, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { hasRole, type Viewer } from "~/auth/viewer";
import { first, type Db, type Tx } from "~/db.server";
import type { Actor } from "~/services/contract/actor";
import { auditAlone } from "~/services/audit/audit.server";
import { bookings, consultants, employees, slots } from "./store.server";
import { OCCUPYING } from "./transitions";

/** What the booking employee and the consultant both see of a booking itself. */
const BOOKING_CONTENT = {
  id: bookings.id,
  status: bookings.status,
  topic: bookings.topic,
  note: bookings.note,
  anonymous: bookings.anonymous,
  bookingCode: bookings.bookingCode,
  startsAt: slots.startsAt,
  endsAt: slots.endsAt,
  slotUrl: slots.meetingUrl,
};

// ——— The employee ————————————————————————————————————————————————

/** Staff (from the personnel data) book for themselves. */
export function mayBook(viewer: Viewer): boolean {
  return hasRole(viewer, "employee");
}

/** The employee's scope: their own bookings; null when they are no employee. */
export function ownBookings(viewer: Viewer): SQL | null {
  return mayBook(viewer) ? eq(bookings.employeeId, viewer.id) : null;
}

/** What the employee sees of their own booking (joined: slot, consultant, consultant's person). */
export const EMPLOYEE_FIELDS = {
  ...BOOKING_CONTENT,
  consultantUrl: consultants.meetingUrl,
  consultantName: employees.name,
};

// ——— The consultant ——————————————————————————————————————————————

/** The consultant record of this viewer, when they hold the consultant role. */
export async function consultantOf(db: Db | Tx, viewer: Viewer) {
  if (!hasRole(viewer, "consultant")) return null;
  return (await first(db.select().from(consultants).where(eq(consultants.employeeId, viewer.id)))) ?? null;
}

/** The consultant's scope: occupying bookings in slots of their own record. */
export function ownSessions(consultantId: number): SQL {
  return and(eq(slots.consultantId, consultantId), inArray(bookings.status, OCCUPYING))!;
}

/** What the consultant sees (joined: slot, the booking employee). `clientName` passes through `clientNameFor`. */
export const CONSULTANT_FIELDS = {
  ...BOOKING_CONTENT,
  clientName: employees.name,
};

/** The name never leaves the server for an anonymous booking. */
export function clientNameFor(row: { anonymous: boolean; clientName: string }): string | null {
  return row.anonymous ? null : row.clientName;
}

// ——— 労務厚生課 ——————————————————————————————————————————————————

/** 労務厚生課 runs the service: consultants, slots, rules, and the (audited) bookings list. */
export function isWelfareDesk(viewer: Viewer): boolean {
  return hasRole(viewer, "welfare");
}

const consultantPerson = alias(employees, "consultant_person");

/** What 労務厚生課 sees of a booking: not the topic, not the note (those are the consultant's). */
export const WELFARE_FIELDS = {
  id: bookings.id,
  status: bookings.status,
  anonymous: bookings.anonymous,
  createdAt: bookings.createdAt,
  startsAt: slots.startsAt,
  endsAt: slots.endsAt,
  consultantName: consultantPerson.name,
  employeeName: employees.name,
  staffNumber: employees.staffNumber,
};
/** The joins WELFARE_FIELDS reads from. */
export const WELFARE_JOINS = { consultantPerson };

/**
 * The audit line of every read of bookings by 労務厚生課 or a consultant: who, and the ids
 * shown — never a name or an employee id, so the log reveals nobody to whoever reads it.
 * A read changes nothing, so its line is a transaction of its own, written before the
 * rows are returned.
 */
export async function auditBookingView({ viewer, ip }: Actor, action: "consultation.bookings.view" | "consultation.sessions.view", detail: { bookingIds: string[] } & Record<string, unknown>): Promise<void> {
  await auditAlone({ actorId: viewer.id, action, target: "consultation_bookings", outcome: "success", ip, detail });
}

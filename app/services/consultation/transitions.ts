/**
 * The booking state machine of 外部の専門家相談窓口, as data, and the named status sets.
 * The pages draw their buttons from it (`bookingActions` in rules.ts), the mutations refuse
 * anything not in it, the tests walk it — and the schema's partial unique index on slot_id
 * is generated from OCCUPYING (db/schema/consultation.ts), so code and index cannot drift.
 *
 * Relative imports only: drizzle-kit loads this file through the schema.
 */
import type { Transition } from "../contract/transitions";

export const BOOKING_STATUSES = ["booked", "cancelled", "moved", "held", "no_show"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * Statuses that occupy a slot (予約中・実施・無断キャンセル): one per slot (the partial unique
 * index), what the per-年度 limit counts, and what the statistics count.
 */
export const OCCUPYING = ["booked", "held", "no_show"] as const satisfies readonly BookingStatus[];

/** The part a viewer plays towards one booking (access.server.ts decides who holds which). */
export type BookingCapacity = "employee" | "consultant" | "welfare";

/**
 * When a transition may be taken, checked by the pure rules against the clock:
 * before the change deadline (the employee), once the session has started (the consultant),
 * or at any time (労務厚生課 closing a slot).
 */
export type TransitionTime = "before_deadline" | "after_start" | "any";

export type BookingAction = "cancel" | "move" | "held" | "no_show";

export type BookingTransition = Transition<BookingStatus, BookingCapacity, BookingAction> & { readonly when: TransitionTime };

export const TRANSITIONS: readonly BookingTransition[] = [
  { from: "booked", to: "cancelled", by: ["employee"], action: "cancel", label: "この予約を取り消す", needsComment: false, when: "before_deadline" },
  { from: "booked", to: "moved", by: ["employee"], action: "move", label: "この日時に変更する", needsComment: false, when: "before_deadline" },
  // 労務厚生課 cancels a booking only by closing its slot; the booking employee is told.
  { from: "booked", to: "cancelled", by: ["welfare"], action: "cancel", label: "取り消す（予約者に通知）", needsComment: false, when: "any" },
  { from: "booked", to: "held", by: ["consultant"], action: "held", label: "実施した", needsComment: false, when: "after_start" },
  { from: "booked", to: "no_show", by: ["consultant"], action: "no_show", label: "無断キャンセル", needsComment: false, when: "after_start" },
  // A consultant may correct a mark made by mistake.
  { from: "held", to: "no_show", by: ["consultant"], action: "no_show", label: "無断キャンセル", needsComment: false, when: "after_start" },
  { from: "no_show", to: "held", by: ["consultant"], action: "held", label: "実施した", needsComment: false, when: "after_start" },
];

export function isOccupying(status: BookingStatus): boolean {
  return (OCCUPYING as readonly BookingStatus[]).includes(status);
}

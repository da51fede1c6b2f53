/**
 * The booking rules' refusals (rules.ts `BookingRefusal`, pure codes with their figures) as
 * the contract's Refusal: a typed reason, the employee's Japanese sentence, the field.
 */
import { Refusal, formRefusal, type RefusalReason } from "~/services/contract/refusal";
import { refusalMessage, type BookingRefusal } from "./rules";

/**
 * Each refusal's typed reason (the contract's one mapping to HTTP decides the rest):
 * - `own_slot` is `invalid`, not `forbidden`: the viewer may book (and see) every other
 *   slot; picking one's own slot is a rule of the input, answered at the slot field with the
 *   typed note kept — the page never offers that slot, so only a crafted form meets it.
 */
export const REFUSAL_REASONS: Record<BookingRefusal["code"], RefusalReason> = {
  slot_not_found: "not_found",
  booking_not_found: "not_found",
  taken: "conflict",
  same_slot: "conflict",
  not_changeable: "conflict",
  year_limit: "limit",
  future_limit: "limit",
  not_open: "closed",
  slot_closed: "closed",
  slot_past: "closed",
  deadline_passed: "closed",
  change_deadline_passed: "closed",
  beyond_window: "closed",
  own_slot: "invalid",
};

/** Refusals about the slot the form named; the others are about the booking or the service. */
const ABOUT_THE_SLOT: ReadonlySet<BookingRefusal["code"]> = new Set([
  "slot_not_found",
  "own_slot",
  "slot_closed",
  "slot_past",
  "deadline_passed",
  "beyond_window",
  "taken",
  "year_limit",
  "future_limit",
  "same_slot",
]);

/**
 * The contract Refusal of a booking rule: typed reason, the employee's Japanese sentence,
 * the slot field when it is about the slot, and the rule's own code and figures as detail.
 */
export function bookingRefusal(r: BookingRefusal): Refusal {
  const { code, ...facts } = r;
  return new Refusal(REFUSAL_REASONS[code], refusalMessage(r), ABOUT_THE_SLOT.has(code) ? "slotId" : undefined, { code, ...facts });
}

/** Throws the booking refusal (inside `immediate()`: rolls back). */
export function refuseBooking(r: BookingRefusal): never {
  throw bookingRefusal(r);
}

/** The rule code a booking Refusal was made from (tests and the audit detail read it). */
export function refusalCode(refusal: Refusal): BookingRefusal["code"] | undefined {
  return refusal.detail?.code as BookingRefusal["code"] | undefined;
}

/**
 * A booking form's answer to a refusal: the page again with the typed values, the message at
 * `field` (under `headline`) or at the form. 409 when someone else changed it first (the
 * concurrency tests count on it), 400 otherwise. A slot the form named that does not exist
 * is the form's error; the page's own booking being gone is a 404 (`formRefusal` throws).
 */
export function bookingFormReply(refusal: Refusal, headline: string, field: string | undefined = refusal.field) {
  if (!refusal.field) formRefusal(refusal);
  const status = refusal.reason === "conflict" ? 409 : 400;
  return {
    status,
    reply: field ? { formErrors: [headline], fieldErrors: { [field]: [refusal.message] } } : { formErrors: [refusal.message] },
  };
}

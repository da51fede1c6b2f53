/**
 * The one failure type of every service. A mutation returns its result or a Refusal (or
 * throws one inside `immediate()` to roll the transaction back); the route maps it to the
 * HTTP answer with `refusalResponse` or shows its message at `field`. No caller ever looks
 * at the Japanese text to decide what happened: the `reason` says it.
 */
export type RefusalReason =
  /** No such record, or not one this viewer may see (→ 404: the two are indistinguishable). */
  | "not_found"
  /** The viewer may see it but not do this (→ 403). */
  | "forbidden"
  /** The record is not in a state that allows this, or someone else changed it first (→ 409). */
  | "conflict"
  /** The input breaks a rule (→ 422, message at the field). */
  | "invalid"
  /** A window, deadline or service is closed for this (→ 409). */
  | "closed"
  /** A limit (seats, yearly cap, budget, bookings per year) would be passed (→ 409). */
  | "limit";

export class Refusal extends Error {
  override readonly name = "Refusal";
  constructor(
    readonly reason: RefusalReason,
    message: string,
    /** The form field the message belongs next to, when there is one. */
    readonly field?: string,
    /** Extra facts for the audit line written after a rollback (never free text a user typed). */
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Throws a Refusal: inside `immediate()` this rolls the whole transaction back. */
export function refuse(reason: RefusalReason, message: string, field?: string, detail?: Record<string, unknown>): never {
  throw new Refusal(reason, message, field, detail);
}

export function isRefusal(e: unknown): e is Refusal {
  return e instanceof Refusal;
}

/** What a mutation answers: its result, or the refusal. */
export type Outcome<T extends object = object> = ({ ok: true } & T) | { ok: false; refusal: Refusal };

/** Runs `fn`; a thrown Refusal becomes `{ ok: false, refusal }`, anything else propagates. */
export async function attempt<T extends object>(fn: () => Promise<{ ok: true } & T>): Promise<Outcome<T>> {
  try {
    return await fn();
  } catch (e) {
    if (isRefusal(e)) return { ok: false, refusal: e };
    throw e;
  }
}

export const REFUSAL_STATUS: Record<RefusalReason, number> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 422,
  closed: 409,
  limit: 409,
};

/** The HTTP answer for a refusal that ends the request (not_found / forbidden, or an API call). */
export function refusalResponse(refusal: Refusal): Response {
  return new Response(refusal.message, {
    status: REFUSAL_STATUS[refusal.reason],
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * For a form action: a refusal that means "there is nothing here for you" (not_found,
 * forbidden) ends the request as 404/403; any other is returned so the page can show its
 * message at the field with the typed values kept.
 */
export function formRefusal(refusal: Refusal): { field: string | undefined; message: string } {
  if (refusal.reason === "not_found" || refusal.reason === "forbidden") throw refusalResponse(refusal);
  return { field: refusal.field, message: refusal.message };
}

/** Conform's reply shape for a refusal: the message at its field, or at the form. */
export function refusalReply(refusal: Refusal): { fieldErrors?: Record<string, string[]>; formErrors?: string[] } {
  const { field, message } = formRefusal(refusal);
  return field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] };
}

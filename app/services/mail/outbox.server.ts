import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lte, lt, or, sql } from "drizzle-orm";
import { affected, first, schema, type Db, type Tx } from "~/db.server";
import type { MailRequest } from "~/services/registry.server";
import { CLAIM_LEASE_MS, retryDelayMs } from "./outbox";

// The outbox: rows written inside the change's transaction, claimed and settled by senders.

const { mailOutbox: outbox, mailPreferences: prefs, employees } = schema;

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Queues one mail for `recipientId` in the caller's transaction: it commits or rolls back
 * with the change. The dedupe key names the change, so a second call for the same change
 * (a retried transaction, a double submission) writes nothing. A person without an e-mail
 * in the org data (or a disabled account) gets none: the in-app notice is all they have.
 * Returns whether a row was written.
 */
export async function enqueueMail(tx: Tx, recipientId: string, mail: MailRequest, now: Date = new Date()): Promise<boolean> {
  const person = await first(tx.select({ email: employees.email, disabledAt: employees.disabledAt }).from(employees).where(eq(employees.id, recipientId)));
  const address = person?.email?.trim();
  if (!address || person?.disabledAt) return false;
  const written = await tx
    .insert(outbox)
    .values({
      dedupeKey: mail.key,
      recipientId,
      toAddress: address,
      template: mail.kind,
      values: mail.values as Record<string, unknown>,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
  return affected(written) === 1;
}

/**
 * Claims up to `limit` due rows for one sender with a single conditional UPDATE: a row
 * is due, pending and not under another sender's unexpired claim, or it is not taken.
 * Two senders (two processes, two servers on one database) never hold the same row.
 */
export function claimDue(db: Db, token: string, now: Date, limit: number): OutboxRow[] {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now))))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit);
  return db
    .update(outbox)
    .set({ claimToken: token, claimedUntil: new Date(now.getTime() + CLAIM_LEASE_MS), updatedAt: now })
    .where(and(inArray(outbox.id, due), eq(outbox.status, "pending"), or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now))))
    .returning()
    .all();
}

/** The claim still held by `token`; a settle under a lost claim changes nothing. */
function held(row: { id: number }, token: string) {
  return and(eq(outbox.id, row.id), eq(outbox.claimToken, token), eq(outbox.status, "pending"));
}

export function markSent(db: Db, row: OutboxRow, token: string, messageId: string | null, now: Date): boolean {
  return (
    db
      .update(outbox)
      .set({ status: "sent", sentAt: now, messageId, attempts: row.attempts + 1, lastError: null, claimToken: null, claimedUntil: null, updatedAt: now })
      .where(held(row, token))
      .run().changes === 1
  );
}

/** A failed attempt: tried again after the backoff, or 失敗 once `maxAttempts` are used. */
export function markFailedAttempt(
  db: Db,
  row: OutboxRow,
  token: string,
  error: string,
  now: Date,
  policy: { maxAttempts: number; retryBaseMs: number },
): "retry" | "failed" {
  const attempts = row.attempts + 1;
  const failed = attempts >= policy.maxAttempts;
  db.update(outbox)
    .set({
      status: failed ? "failed" : "pending",
      attempts,
      lastError: error.slice(0, 1000),
      nextAttemptAt: failed ? row.nextAttemptAt : new Date(now.getTime() + retryDelayMs(attempts, policy.retryBaseMs)),
      claimToken: null,
      claimedUntil: null,
      updatedAt: now,
    })
    .where(held(row, token))
    .run();
  return failed ? "failed" : "retry";
}

/** Not sent, on purpose (the person switched the kind off since, or has no address now). */
export function markDiscarded(db: Db, row: OutboxRow, token: string, reason: string, now: Date): void {
  db.update(outbox)
    .set({ status: "discarded", lastError: reason, claimToken: null, claimedUntil: null, updatedAt: now })
    .where(held(row, token))
    .run();
}

/** Puts a 失敗 row back in the queue, due now, with its attempts counted afresh. */
export function requeueFailed(tx: Tx, id: number, now: Date): boolean {
  return (
    tx
      .update(outbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, claimToken: null, claimedUntil: null, updatedAt: now })
      .where(and(eq(outbox.id, id), eq(outbox.status, "failed")))
      .run().changes === 1
  );
}

export function listFailed(db: Db, limit = 200): OutboxRow[] {
  return db.select().from(outbox).where(eq(outbox.status, "failed")).orderBy(desc(outbox.updatedAt), desc(outbox.id)).limit(limit).all();
}

export function countByStatus(db: Db): Record<string, number> {
  const rows = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

// ——— マイページ: what a person receives ———————————————————————————————————

export type MailPreferences = { reminders: boolean; digests: boolean };

export function preferencesOf(db: Db, employeeId: string): MailPreferences {
  const row = db.select().from(prefs).where(eq(prefs.employeeId, employeeId)).get();
  return { reminders: row?.reminders ?? true, digests: row?.digests ?? true };
}

export function savePreferences(tx: Tx, employeeId: string, p: MailPreferences, now: Date): void {
  tx.insert(prefs)
    .values({ employeeId, ...p, updatedAt: now })
    .onConflictDoUpdate({ target: prefs.employeeId, set: { ...p, updatedAt: now } })
    .run();
}

export function newClaimToken(): string {
  return randomUUID();
}

import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, inArray, isNull, lte, lt, or } from "drizzle-orm";
import { affected, first, forUpdate, schema, type Db, type Tx } from "~/db.server";
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
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return written.length === 1;
}

/** Rows that are due, pending and not under another sender's unexpired claim. */
function claimable(now: Date) {
  return and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now)));
}

/**
 * Claims up to `limit` due rows for one sender, in the caller's transaction. On PostgreSQL
 * the due rows are selected `FOR UPDATE SKIP LOCKED`: rows another sender is claiming at
 * this moment are skipped, not waited for, so concurrent senders take disjoint batches.
 * The UPDATE re-checks the claim conditions too, so a row is never held by two senders
 * (two processes, two servers on one database).
 */
export async function claimDue(tx: Tx, token: string, now: Date, limit: number): Promise<OutboxRow[]> {
  const due = await forUpdate(
    tx.select({ id: outbox.id }).from(outbox).where(claimable(now)).orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(limit),
    { skipLocked: true },
  );
  if (due.length === 0) return [];
  const claimed = await tx
    .update(outbox)
    .set({ claimToken: token, claimedUntil: new Date(now.getTime() + CLAIM_LEASE_MS), updatedAt: now })
    .where(and(inArray(outbox.id, due.map((r) => r.id)), claimable(now)))
    .returning();
  return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
}

/** The claim still held by `token`; a settle under a lost claim changes nothing. */
function held(row: { id: number }, token: string) {
  return and(eq(outbox.id, row.id), eq(outbox.claimToken, token), eq(outbox.status, "pending"));
}

export async function markSent(tx: Tx, row: OutboxRow, token: string, messageId: string | null, now: Date): Promise<boolean> {
  const result = await tx
    .update(outbox)
    .set({ status: "sent", sentAt: now, messageId, attempts: row.attempts + 1, lastError: null, claimToken: null, claimedUntil: null, updatedAt: now })
    .where(held(row, token));
  return affected(result) === 1;
}

/** A failed attempt: tried again after the backoff, or 失敗 once `maxAttempts` are used. */
export async function markFailedAttempt(
  tx: Tx,
  row: OutboxRow,
  token: string,
  error: string,
  now: Date,
  policy: { maxAttempts: number; retryBaseMs: number },
): Promise<"retry" | "failed"> {
  const attempts = row.attempts + 1;
  const failed = attempts >= policy.maxAttempts;
  await tx
    .update(outbox)
    .set({
      status: failed ? "failed" : "pending",
      attempts,
      lastError: error.slice(0, 1000),
      nextAttemptAt: failed ? row.nextAttemptAt : new Date(now.getTime() + retryDelayMs(attempts, policy.retryBaseMs)),
      claimToken: null,
      claimedUntil: null,
      updatedAt: now,
    })
    .where(held(row, token));
  return failed ? "failed" : "retry";
}

/** Not sent, on purpose (the person switched the kind off since, or has no address now). */
export async function markDiscarded(tx: Tx, row: OutboxRow, token: string, reason: string, now: Date): Promise<void> {
  await tx.update(outbox).set({ status: "discarded", lastError: reason, claimToken: null, claimedUntil: null, updatedAt: now }).where(held(row, token));
}

/** Puts a 失敗 row back in the queue, due now, with its attempts counted afresh. */
export async function requeueFailed(tx: Tx, id: number, now: Date): Promise<boolean> {
  const result = await tx
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, claimToken: null, claimedUntil: null, updatedAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, "failed")));
  return affected(result) === 1;
}

export async function listFailed(db: Db, limit = 200): Promise<OutboxRow[]> {
  return db.select().from(outbox).where(eq(outbox.status, "failed")).orderBy(desc(outbox.updatedAt), desc(outbox.id)).limit(limit);
}

export async function countByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

// ——— マイページ: what a person receives ———————————————————————————————————

export type MailPreferences = { reminders: boolean; digests: boolean };

export async function preferencesOf(db: Db, employeeId: string): Promise<MailPreferences> {
  const row = await first(db.select().from(prefs).where(eq(prefs.employeeId, employeeId)));
  return { reminders: row?.reminders ?? true, digests: row?.digests ?? true };
}

export async function savePreferences(tx: Tx, employeeId: string, p: MailPreferences, now: Date): Promise<void> {
  await tx
    .insert(prefs)
    .values({ employeeId, ...p, updatedAt: now })
    .onConflictDoUpdate({ target: prefs.employeeId, set: { ...p, updatedAt: now } });
}

export function newClaimToken(): string {
  return randomUUID();
}

import { immediate, schema, type Tx } from "~/db.server";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  target?: string | null;
  outcome: "success" | "failure" | "denied";
  ip?: string | null;
  detail?: Record<string, unknown>;
};

/**
 * Appends one line to the audit log. The table refuses UPDATE and DELETE (trigger), so
 * what is written here stays. Never put passwords or free text a user typed in `detail`.
 * Pass the transaction of the change it records, so the change and its line commit together.
 */
export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(schema.auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    target: entry.target ?? null,
    outcome: entry.outcome,
    ip: entry.ip ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  });
}

/** A line that records no change of its own (a view, a denial, a failed login): its own transaction. */
export async function auditAlone(entry: AuditEntry): Promise<void> {
  await immediate((tx) => audit(tx, entry));
}

const pending = new Set<Promise<void>>();

/**
 * For a check that must stay synchronous (requireRole throws its 403 at once): the line is
 * written in its own transaction right after, and a failure to write it is logged, never
 * lost silently. `auditWritten()` waits for such lines (tests, shutdown).
 */
export function auditSoon(entry: AuditEntry): void {
  const p = auditAlone(entry)
    .catch((e: unknown) => console.error(`audit line not written (${entry.action}):`, e instanceof Error ? e.message : e))
    .finally(() => pending.delete(p));
  pending.add(p);
}

export async function auditWritten(): Promise<void> {
  await Promise.all([...pending]);
}

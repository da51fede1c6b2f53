import { schema, type Db } from "~/db.server";

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
export function audit(db: Db, entry: AuditEntry): void {
  db.insert(schema.auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      target: entry.target ?? null,
      outcome: entry.outcome,
      ip: entry.ip ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .run();
}

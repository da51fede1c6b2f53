import { getDb, schema } from "~/db.server";

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
 */
export function audit(entry: AuditEntry): void {
  getDb()
    .insert(schema.auditLog)
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

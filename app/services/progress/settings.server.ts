import { eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export function suppressionThreshold(): number {
  const row = getDb().select().from(schema.progressSettings).where(eq(schema.progressSettings.key, "suppression_threshold")).get();
  const n = row ? Number(row.value) : NaN;
  return Number.isInteger(n) && n >= 2 ? n : DEFAULT_SUPPRESSION_THRESHOLD;
}

export function setSuppressionThreshold(actor: { id: string; ip: string }, value: number): void {
  getDb()
    .insert(schema.progressSettings)
    .values({ key: "suppression_threshold", value: String(value), updatedBy: actor.id, updatedAt: new Date() })
    .onConflictDoUpdate({ target: schema.progressSettings.key, set: { value: String(value), updatedBy: actor.id, updatedAt: new Date() } })
    .run();
  audit(getDb(), { actorId: actor.id, action: "progress.settings", outcome: "success", ip: actor.ip, detail: { suppressionThreshold: value } });
}

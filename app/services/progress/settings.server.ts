import { eq } from "drizzle-orm";
import { hasRole } from "~/auth/viewer";
import { first, getDb, immediate, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export async function suppressionThreshold(): Promise<number> {
  const row = await first(getDb().select().from(schema.progressSettings).where(eq(schema.progressSettings.key, "suppression_threshold")));
  const n = row ? Number(row.value) : NaN;
  return Number.isInteger(n) && n >= 2 ? n : DEFAULT_SUPPRESSION_THRESHOLD;
}

/** 人材育成課 sets the small-cell threshold of every statistic (audited with the change). */
export function setSuppressionThreshold(actor: Actor, value: number): Promise<Outcome> {
  return attempt(async () => {
    if (!hasRole(actor.viewer, "hr_dev")) refuse("forbidden", "秘匿の基準を変更できるのは人材育成課です。");
    await immediate(async (tx) => {
      const now = new Date();
      await tx
        .insert(schema.progressSettings)
        .values({ key: "suppression_threshold", value: String(value), updatedBy: actor.viewer.id, updatedAt: now })
        .onConflictDoUpdate({ target: schema.progressSettings.key, set: { value: String(value), updatedBy: actor.viewer.id, updatedAt: now } });
      await audit(tx, { actorId: actor.viewer.id, action: "progress.settings", outcome: "success", ip: actor.ip, detail: { suppressionThreshold: value } });
    });
    return { ok: true as const };
  });
}

import { and, asc, eq } from "drizzle-orm";
import { hasRole, type Viewer } from "~/auth/viewer";
import { first, getDb, immediate, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { refuse, attempt, type Outcome } from "~/services/contract/refusal";
import type { IndicatorCode } from "./indicators";

// The plan's outcome indicators (ストレスチェックの集団分析). Access rule, here and nowhere
// else: 人材育成課 enters and sees them; a section that only owns a service's statistics
// (労務厚生課) sees its service, not these.

export type IndicatorValue = { fiscalYear: number; indicator: IndicatorCode; value: number };

function allValues(): Promise<IndicatorValue[]> {
  return getDb()
    .select({ fiscalYear: schema.indicatorValues.fiscalYear, indicator: schema.indicatorValues.indicator, value: schema.indicatorValues.value })
    .from(schema.indicatorValues)
    .orderBy(asc(schema.indicatorValues.fiscalYear), asc(schema.indicatorValues.indicator));
}

/** Every recorded value, and whether the viewer may enter them; null for anyone but 人材育成課. */
export async function indicatorsFor(viewer: Viewer): Promise<{ values: IndicatorValue[]; canEdit: boolean } | null> {
  if (!hasRole(viewer, "hr_dev")) return null;
  return { values: await allValues(), canEdit: true };
}

/** Records (or corrects) the values of one 年度; a blank leaves that indicator as it was. */
export function saveIndicatorValues(actor: Actor, fiscalYear: number, values: Partial<Record<IndicatorCode, number>>): Promise<Outcome> {
  return attempt(async () => {
    if (!hasRole(actor.viewer, "hr_dev")) refuse("forbidden", "成果指標を入力できるのは人材育成課です。");
    await immediate(async (tx) => {
      for (const [indicator, value] of Object.entries(values) as [IndicatorCode, number | undefined][]) {
        if (value === undefined) continue;
        const where = and(eq(schema.indicatorValues.fiscalYear, fiscalYear), eq(schema.indicatorValues.indicator, indicator));
        const existing = await first(tx.select().from(schema.indicatorValues).where(where));
        if (existing) await tx.update(schema.indicatorValues).set({ value, enteredBy: actor.viewer.id, enteredAt: new Date() }).where(where);
        else await tx.insert(schema.indicatorValues).values({ fiscalYear, indicator, value, enteredBy: actor.viewer.id });
      }
      await audit(tx, { actorId: actor.viewer.id, action: "progress.indicators", target: String(fiscalYear), outcome: "success", ip: actor.ip, detail: values });
    });
    return { ok: true as const };
  });
}

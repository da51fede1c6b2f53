import { and, asc, eq } from "drizzle-orm";
import { hasRole, type Viewer } from "~/auth/viewer";
import { getDb, immediate, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { refuse, attempt, type Outcome } from "~/services/contract/refusal";
import type { IndicatorCode } from "./indicators";

// The plan's outcome indicators (ストレスチェックの集団分析). Access rule, here and nowhere
// else: 人材育成課 enters and sees them; a section that only owns a service's statistics
// (労務厚生課) sees its service, not these.

export type IndicatorValue = { fiscalYear: number; indicator: IndicatorCode; value: number };

function allValues(): IndicatorValue[] {
  return getDb()
    .select({ fiscalYear: schema.indicatorValues.fiscalYear, indicator: schema.indicatorValues.indicator, value: schema.indicatorValues.value })
    .from(schema.indicatorValues)
    .orderBy(asc(schema.indicatorValues.fiscalYear))
    .all();
}

/** Every recorded value, and whether the viewer may enter them; null for anyone but 人材育成課. */
export function indicatorsFor(viewer: Viewer): { values: IndicatorValue[]; canEdit: boolean } | null {
  if (!hasRole(viewer, "hr_dev")) return null;
  return { values: allValues(), canEdit: true };
}

/** Records (or corrects) the values of one 年度; a blank leaves that indicator as it was. */
export function saveIndicatorValues(actor: Actor, fiscalYear: number, values: Partial<Record<IndicatorCode, number>>): Outcome {
  return attempt(() => {
    if (!hasRole(actor.viewer, "hr_dev")) refuse("forbidden", "成果指標を入力できるのは人材育成課です。");
    immediate((tx) => {
      for (const [indicator, value] of Object.entries(values) as [IndicatorCode, number | undefined][]) {
        if (value === undefined) continue;
        const where = and(eq(schema.indicatorValues.fiscalYear, fiscalYear), eq(schema.indicatorValues.indicator, indicator));
        const existing = tx.select().from(schema.indicatorValues).where(where).get();
        if (existing) tx.update(schema.indicatorValues).set({ value, enteredBy: actor.viewer.id, enteredAt: new Date() }).where(where).run();
        else tx.insert(schema.indicatorValues).values({ fiscalYear, indicator, value, enteredBy: actor.viewer.id }).run();
      }
      audit(tx, { actorId: actor.viewer.id, action: "progress.indicators", target: String(fiscalYear), outcome: "success", ip: actor.ip, detail: values });
    });
    return { ok: true as const };
  });
}

import { and, asc, eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { IndicatorCode } from "./indicators";

export function indicatorValues(): { fiscalYear: number; indicator: IndicatorCode; value: number }[] {
  return getDb()
    .select({ fiscalYear: schema.indicatorValues.fiscalYear, indicator: schema.indicatorValues.indicator, value: schema.indicatorValues.value })
    .from(schema.indicatorValues)
    .orderBy(asc(schema.indicatorValues.fiscalYear))
    .all();
}

/** Records (or corrects) the values of one 年度; a blank leaves that indicator as it was. */
export function saveIndicatorValues(actor: { id: string; ip: string }, fiscalYear: number, values: Partial<Record<IndicatorCode, number>>): void {
  const db = getDb();
  db.transaction((tx) => {
    for (const [indicator, value] of Object.entries(values) as [IndicatorCode, number | undefined][]) {
      if (value === undefined) continue;
      const existing = tx
        .select()
        .from(schema.indicatorValues)
        .where(and(eq(schema.indicatorValues.fiscalYear, fiscalYear), eq(schema.indicatorValues.indicator, indicator)))
        .get();
      if (existing) {
        tx.update(schema.indicatorValues)
          .set({ value, enteredBy: actor.id, enteredAt: new Date() })
          .where(and(eq(schema.indicatorValues.fiscalYear, fiscalYear), eq(schema.indicatorValues.indicator, indicator)))
          .run();
      } else {
        tx.insert(schema.indicatorValues).values({ fiscalYear, indicator, value, enteredBy: actor.id }).run();
      }
    }
  });
  audit(db, { actorId: actor.id, action: "progress.indicators", target: String(fiscalYear), outcome: "success", ip: actor.ip, detail: values });
}

import { getDb, openReadConnection } from "~/db.server";
import { EMPLOYEE_DIMS_CTE, compareLabels, type Dimension } from "./dimensions";
import { suppressColumn, type Cell } from "./suppression";
import type { Metric, StatsModule } from "./types";

export type BreakdownRow = { label: string; cells: Cell[] };
export type Breakdown = {
  metrics: Metric[];
  rows: BreakdownRow[];
  totals: Cell[];
  suppressionApplied: boolean;
};

function breakdownSql(module: StatsModule, dimension: Dimension): string {
  const sums = module.metrics.map((m) => `SUM(f.${m.key}) AS ${m.key}`).join(", ");
  return `WITH RECURSIVE f AS (${module.facts.sql}), ${EMPLOYEE_DIMS_CTE}
    SELECT ${dimension.sql} AS label, ${sums}
    FROM f JOIN employee_dims d ON d.id = f.employee_id
    GROUP BY 1`;
}

export function shouldSuppress(module: StatsModule, dimension: Dimension): boolean {
  return module.suppression === "always" || Boolean(module.confidential) || dimension.personal;
}

/** One breakdown of a service's facts for a 年度, suppressed where it must be. */
export function breakdown(module: StatsModule, fiscalYear: number, dimension: Dimension, threshold: number): Breakdown {
  const params = [...module.facts.params(fiscalYear), ...dimension.params(fiscalYear)];
  const raw = getDb().$client.prepare(breakdownSql(module, dimension)).all(...params) as Record<string, number | string>[];
  raw.sort((a, b) => compareLabels(dimension, String(a.label), String(b.label)));
  const labels = raw.map((r) => String(r.label));
  const columns = module.metrics.map((m) => raw.map((r) => Number(r[m.key] ?? 0)));
  const suppress = shouldSuppress(module, dimension);

  const results = new Map<string, { cells: Cell[]; total: Cell }>();
  module.metrics.forEach((m, i) => {
    const values = columns[i]!;
    if (!suppress) {
      results.set(m.key, {
        cells: values.map((value) => ({ value, suppressed: false })),
        total: { value: values.reduce((a, b) => a + b, 0), suppressed: false },
      });
      return;
    }
    if (m.unit === "count") results.set(m.key, suppressColumn(values, threshold, { suppressZero: Boolean(module.confidential) }));
  });
  if (suppress) {
    // Money follows the suppression of the count it belongs to.
    module.metrics.forEach((m, i) => {
      if (m.unit !== "yen") return;
      const values = columns[i]!;
      const mask = m.suppressWith ? results.get(m.suppressWith) : undefined;
      results.set(m.key, {
        cells: values.map((value, r) => ({ value, suppressed: mask ? mask.cells[r]!.suppressed : true })),
        total: { value: values.reduce((a, b) => a + b, 0), suppressed: mask ? mask.total.suppressed : true },
      });
    });
  }
  const ordered = module.metrics.map((m) => results.get(m.key)!);
  return {
    metrics: module.metrics,
    rows: labels.map((label, r) => ({ label, cells: ordered.map((o) => o.cells[r]!) })),
    totals: ordered.map((o) => o.total),
    suppressionApplied: suppress,
  };
}

/**
 * Streams the rows of a breakdown that needs no suppression straight from the database
 * cursor (for exports of big tables); suppressed breakdowns need whole columns and are small.
 */
export function* iterateBreakdownRows(module: StatsModule, fiscalYear: number, dimension: Dimension): Generator<(string | number)[]> {
  const params = [...module.facts.params(fiscalYear), ...dimension.params(fiscalYear)];
  const conn = openReadConnection();
  try {
    const stmt = conn.prepare(breakdownSql(module, dimension));
    for (const row of stmt.iterate(...params) as Iterable<Record<string, number | string>>) {
      yield [String(row.label), ...module.metrics.map((m) => Number(row[m.key] ?? 0))];
    }
  } finally {
    conn.close();
  }
}

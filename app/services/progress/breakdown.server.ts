import { sql, type SQL } from "drizzle-orm";
import { getDb, rows } from "~/db.server";
import { EMPLOYEE_DIMS_CTE, compareLabels, dimensionSql, type Dimension } from "./dimensions";
import { suppressGrid, type Cell, type GridColumn } from "./suppression";
import type { Metric, StatsModule } from "./types";

export type BreakdownRow = { label: string; cells: Cell[] };
export type Breakdown = {
  metrics: Metric[];
  rows: BreakdownRow[];
  totals: Cell[];
  suppressionApplied: boolean;
  /** No suppression pattern protects every cell: only the totals are published. */
  withheld: boolean;
};

/** Metric keys become column names of the statement: plain identifiers only. */
function metricColumn(key: string): SQL {
  if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw new Error(`metric key ${key}: not a plain identifier`);
  return sql.raw(key);
}

function breakdownSql(module: StatsModule, fiscalYear: number, dimension: Dimension): SQL {
  const sums = sql.join(
    module.metrics.map((m) => sql`SUM(f.${metricColumn(m.key)}) AS ${metricColumn(m.key)}`),
    sql`, `,
  );
  const sortKey = dimension.sortSql ? sql`${sql.raw(dimension.sortSql)} AS sort_key, ` : sql``;
  const label = dimensionSql(dimension, fiscalYear);
  const facts = module.facts.query(fiscalYear);
  if (module.facts.snapshotDims) {
    return sql`WITH RECURSIVE f AS (${facts})
    SELECT ${label} AS label, ${sortKey}${sums}
    FROM f JOIN f AS d ON d.fact_id = f.fact_id
    GROUP BY 1`;
  }
  return sql`WITH RECURSIVE f AS (${facts}), ${sql.raw(EMPLOYEE_DIMS_CTE)}
    SELECT ${label} AS label, ${sortKey}${sums}
    FROM f JOIN employee_dims d ON d.id = f.employee_id
    GROUP BY 1`;
}

export function shouldSuppress(module: StatsModule, dimension: Dimension): boolean {
  return module.suppression === "always" || Boolean(module.confidential) || dimension.personal;
}

/**
 * What the engine needs to know of a module's columns. A total is public whenever the
 * service is not confidential: the progress page prints its headline figures exactly, and
 * a service suppressed only on personal dimensions prints every total in its other
 * breakdowns. A confidential service's totals follow the same rule on every page (shown
 * from the threshold up, else 5未満), so they tell a reader nothing more.
 */
function gridColumns(module: StatsModule): GridColumn[] {
  return module.metrics.map((m) => ({
    key: m.key,
    unit: m.unit,
    ...(m.partOf ? { partOf: m.partOf } : {}),
    ...(m.everyRecord ? { everyRecord: true } : {}),
    ...(m.suppressWith ? { suppressWith: m.suppressWith } : {}),
    totalKnown: !module.confidential,
  }));
}

/** One breakdown of a service's facts for a 年度, suppressed where it must be. */
export async function breakdown(module: StatsModule, fiscalYear: number, dimension: Dimension, threshold: number): Promise<Breakdown> {
  const raw = await rows<Record<string, number | string | null>>(getDb(), breakdownSql(module, fiscalYear, dimension));
  // A confidential service lists every label of the dimension, so that a listed row does not
  // tell that someone used it.
  const allListed = Boolean(module.confidential) && Boolean(dimension.order);
  if (allListed) {
    for (const label of dimension.order!) if (!raw.some((r) => String(r.label) === label)) raw.push({ label });
  }
  const key = (r: Record<string, number | string | null>) => (typeof r.sort_key === "number" ? r.sort_key : null);
  raw.sort((a, b) => compareLabels(dimension, String(a.label), String(b.label), { a: key(a), b: key(b) }));
  const labels = raw.map((r) => String(r.label));
  const values = raw.map((r) => module.metrics.map((m) => Number(r[m.key] ?? 0)));
  const suppress = shouldSuppress(module, dimension);
  if (!suppress) {
    return {
      metrics: module.metrics,
      rows: labels.map((label, r) => ({ label, cells: values[r]!.map((value) => ({ value, suppressed: false })) })),
      totals: module.metrics.map((_, j) => ({ value: values.reduce((s, row) => s + row[j]!, 0), suppressed: false })),
      suppressionApplied: false,
      withheld: false,
    };
  }
  const grid = suppressGrid(values, gridColumns(module), threshold, { confidential: Boolean(module.confidential), rows: allListed ? "all" : "present" });
  return {
    metrics: module.metrics,
    rows: grid.withheld ? [] : labels.map((label, r) => ({ label, cells: grid.cells[r]! })),
    totals: grid.totals,
    suppressionApplied: true,
    withheld: grid.withheld,
  };
}

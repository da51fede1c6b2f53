import { breakdown } from "./breakdown.server";
import type { Dimension } from "./dimensions";
import { suppressedText, type Cell } from "./suppression";
import type { StatsModule } from "./types";

export type ViewCell = { text: string; sort: number | null };
export type ViewRow = { label: string; cells: ViewCell[] };
export type BreakdownView = {
  columns: { key: string; label: string }[];
  rows: ViewRow[];
  totals: ViewCell[];
  suppressionApplied: boolean;
  /** Too few records to publish any row without giving one away: only the totals are shown. */
  withheld: boolean;
  threshold: number;
};

function viewCell(cell: Cell, unit: "count" | "yen", threshold: number): ViewCell {
  // A suppressed value never leaves the server, not even for sorting.
  if (cell.suppressed) return { text: unit === "yen" ? "秘匿" : suppressedText(cell, threshold), sort: null };
  return { text: unit === "yen" ? `${cell.value.toLocaleString("ja-JP")}円` : cell.value.toLocaleString("ja-JP"), sort: cell.value };
}

export type TableQuery = { sort: string; desc: boolean; q: string };

export function parseTableQuery(url: URL): TableQuery {
  return {
    sort: url.searchParams.get("sort") ?? "label",
    desc: url.searchParams.get("dir") === "desc",
    q: (url.searchParams.get("q") ?? "").trim().slice(0, 50),
  };
}

/** The breakdown as the page and the CSV show it: suppressed, filtered, sorted. */
export async function breakdownView(module: StatsModule, fiscalYear: number, dimension: Dimension, threshold: number, query: TableQuery): Promise<BreakdownView> {
  const b = await breakdown(module, fiscalYear, dimension, threshold);
  let rows: ViewRow[] = b.rows.map((r) => ({
    label: r.label,
    cells: r.cells.map((c, i) => viewCell(c, b.metrics[i]!.unit, threshold)),
  }));
  if (query.q) rows = rows.filter((r) => r.label.includes(query.q));
  const col = b.metrics.findIndex((m) => m.key === query.sort);
  if (col >= 0) {
    rows = [...rows].sort((x, y) => (x.cells[col]!.sort ?? -1) - (y.cells[col]!.sort ?? -1));
    if (query.desc) rows.reverse();
  } else if (query.desc) {
    rows = [...rows].reverse();
  }
  return {
    columns: b.metrics.map((m) => ({ key: m.key, label: m.label })),
    rows,
    totals: b.totals.map((c, i) => viewCell(c, b.metrics[i]!.unit, threshold)),
    suppressionApplied: b.suppressionApplied,
    withheld: b.withheld,
    threshold,
  };
}

/**
 * The breakdown as CSV: header, then the page's rows in the page's order, then its 合計 row
 * (one source, so the file and the screen cannot disagree). Numbers stay numbers; a
 * suppressed cell carries its label, never the value.
 */
export function breakdownCsv(module: StatsModule, dimension: Dimension, view: BreakdownView): [string[], (string | number)[][]] {
  const header = [dimension.label, ...module.metrics.map((m) => (m.unit === "yen" ? `${m.label}（円）` : m.label))];
  const cells = (cs: ViewCell[]) => cs.map((c) => (c.sort === null ? c.text : c.sort));
  return [header, [...view.rows.map((r) => [r.label, ...cells(r.cells)]), ["合計", ...cells(view.totals)]]];
}

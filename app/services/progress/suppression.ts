/**
 * The one small-cell suppression engine of the portal: every statistics table (the
 * breakdowns of /stats/<measure>, their CSV, the consultation service's own table) is
 * suppressed here. See docs/decisions/009-one-suppression-engine.md.
 *
 * A table is described as quantities and lines (total = sum of parts). Some quantities are
 * never published (upcoming bookings: the slack between 予約 and 実施 + 無断キャンセル).
 *
 * Primary suppression: a count under the threshold is shown as 「5未満」 (for threshold 5);
 * a confidential service does so for 0 too. Secondary suppression: while a reader could
 * still work a hidden count out exactly, one more shown number from a line that pins it is
 * hidden — a count as 「秘匿」, a 0 as 「5未満」 (it is under 5), a yen amount as 「秘匿」.
 *
 * What the reader knows (and the engine assumes): a shown number exactly; 「5未満」 is
 * 0 … threshold−1; 「秘匿」 on a count is ≥ threshold (it would have been shown); a hidden
 * yen amount or an unpublished quantity is ≥ 0; plus whatever the caller says is known from
 * elsewhere (`known`: a total the progress page prints, a row listed only when it has a
 * record). Whether a hidden quantity is pinned is decided exactly: interval propagation
 * first (sound — if it pins, the reader pins), then a linear programme for the minimum and
 * maximum of each hidden quantity. The tables here are flows (every quantity is an arc,
 * every line a node), so their constraint matrices are totally unimodular: the LP bounds
 * are integers and every integer between them is a possible value — the LP is exact.
 */

export type Bounds = { lo: number; hi: number };
export type QuantityState = "shown" | "small" | "secondary" | "unpublished";

export type Quantity = {
  id: string;
  value: number;
  /** false for helper quantities that are part of a line but never shown (e.g. "pending"). */
  published: boolean;
  /** Lower is hidden first when a secondary suppression is needed; totals should outrank their parts. */
  priority: number;
  /** Default "count". A yen amount is never "small"; hidden, it says nothing about its size. */
  unit?: "count" | "yen";
  /** What a reader knows of it from elsewhere: a total printed on another page, "≥ 1" for a listed row. */
  known?: Bounds;
  /** Never hidden to protect another (it is printed elsewhere by the same rule, e.g. a column total). */
  fixed?: boolean;
  /** A yen amount hidden whenever this count is hidden (one person's money is personal). */
  follows?: string;
  /** Hidden from the start (a yen amount with no count to follow). */
  hidden?: boolean;
};

export type Line = { total: string; parts: string[] };

export type EngineOptions = {
  /** Services that are not confidential show 0 as 0 (and hide a 0 only to protect another). */
  zeroShown?: boolean;
};

export type Suppression = {
  states: Map<string, QuantityState>;
  /** Quantities a reader could still pin although everything hideable was tried: the table must not be published. */
  unprotected: string[];
};

const INF = Infinity;

function knowledge(q: Quantity, state: QuantityState, threshold: number): Bounds {
  let b: Bounds;
  if (state === "shown") b = { lo: q.value, hi: q.value };
  else if (state === "small") b = { lo: 0, hi: threshold - 1 };
  else if (state === "secondary" && (q.unit ?? "count") === "count") b = { lo: threshold, hi: INF };
  else b = { lo: 0, hi: INF };
  return q.known ? { lo: Math.max(b.lo, q.known.lo), hi: Math.min(b.hi, q.known.hi) } : b;
}

function isPublic(q: Quantity): boolean {
  return q.known !== undefined && q.known.lo === q.known.hi;
}

/**
 * Interval propagation over every line until nothing tightens. Sound: the true values lie
 * inside; a quantity it pins is pinned for the reader too.
 */
export function propagateBounds(bounds: Map<string, Bounds>, lines: Line[]): Map<string, Bounds> {
  const b = new Map(bounds);
  for (let round = 0; round < 10_000; round++) {
    let changed = false;
    for (const line of lines) {
      const ids = [line.total, ...line.parts];
      // Σ sign·x = 0 with the total negative.
      const lo = ids.map((id, i) => (i === 0 ? -b.get(id)!.hi : b.get(id)!.lo));
      const hi = ids.map((id, i) => (i === 0 ? -b.get(id)!.lo : b.get(id)!.hi));
      const sumLo = sumFinite(lo);
      const sumHi = sumFinite(hi);
      ids.forEach((id, i) => {
        // This term lies in [−(Σ others' hi), −(Σ others' lo)].
        const othersHi = without(sumHi, hi, i);
        const othersLo = without(sumLo, lo, i);
        const tLo = Number.isNaN(othersHi) ? -INF : -othersHi;
        const tHi = Number.isNaN(othersLo) ? INF : -othersLo;
        const cur = b.get(id)!;
        const next = i === 0 ? { lo: Math.max(cur.lo, -tHi), hi: Math.min(cur.hi, -tLo) } : { lo: Math.max(cur.lo, tLo), hi: Math.min(cur.hi, tHi) };
        if (next.lo !== cur.lo || next.hi !== cur.hi) {
          b.set(id, next);
          changed = true;
        }
      });
    }
    if (!changed) break;
  }
  return b;
}

/** A sum that remembers how many infinite terms it has, so that one can be taken out again. */
type Sum = { finite: number; inf: number; negInf: number };
function sumFinite(xs: number[]): Sum {
  const s: Sum = { finite: 0, inf: 0, negInf: 0 };
  for (const x of xs) {
    if (x === INF) s.inf++;
    else if (x === -INF) s.negInf++;
    else s.finite += x;
  }
  return s;
}
function without(s: Sum, xs: number[], i: number): number {
  const x = xs[i]!;
  const inf = s.inf - (x === INF ? 1 : 0);
  const negInf = s.negInf - (x === -INF ? 1 : 0);
  if (inf > 0 && negInf === 0) return INF;
  if (negInf > 0 && inf === 0) return -INF;
  if (inf > 0 && negInf > 0) return NaN;
  return s.finite - (Number.isFinite(x) ? x : 0);
}

// ---------------------------------------------------------------------------------------
// A small dense simplex (Bland's rule, two phases) for: max c·y, A y = b, 0 ≤ y ≤ u.
// Upper bounds become rows y + s = u. Sizes here are tens of variables.

const EPS = 1e-9;

type Tableau = { t: number[][]; basis: number[]; n: number; artificialFrom: number };

function pivot(tab: Tableau, r: number, c: number) {
  const row = tab.t[r]!;
  const p = row[c]!;
  for (let j = 0; j < row.length; j++) row[j]! /= p;
  for (let i = 0; i < tab.t.length; i++) {
    if (i === r) continue;
    const other = tab.t[i]!;
    const f = other[c]!;
    if (Math.abs(f) < EPS) continue;
    for (let j = 0; j < other.length; j++) other[j]! -= f * row[j]!;
  }
  tab.basis[r] = c;
}

/** Runs the simplex on `tab` for max Σ cost_j y_j; columns ≥ `allowed` never enter. Returns false when unbounded. */
function runSimplex(tab: Tableau, cost: number[], allowed: number): boolean {
  const width = tab.t[0]?.length ?? 0;
  const rhs = width - 1;
  for (let iter = 0; iter < 50_000; iter++) {
    // Reduced cost of column j: cost_j − Σ_i cost_{basis i} t[i][j].
    let enter = -1;
    for (let j = 0; j < allowed; j++) {
      if (tab.basis.includes(j)) continue;
      let rc = cost[j] ?? 0;
      for (let i = 0; i < tab.t.length; i++) rc -= (cost[tab.basis[i]!] ?? 0) * tab.t[i]![j]!;
      if (rc > EPS) {
        enter = j;
        break;
      }
    }
    if (enter < 0) return true;
    let leave = -1;
    let best = INF;
    for (let i = 0; i < tab.t.length; i++) {
      const a = tab.t[i]![enter]!;
      if (a <= EPS) continue;
      const ratio = tab.t[i]![rhs]! / a;
      if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && tab.basis[i]! < tab.basis[leave]!)) {
        best = ratio;
        leave = i;
      }
    }
    if (leave < 0) return false;
    pivot(tab, leave, enter);
  }
  throw new Error("simplex did not finish");
}

/** Phase 1 for A y = b, y ≥ 0 (b may be negative). Null when infeasible (never, for true tables). */
function feasibleTableau(A: number[][], b: number[], n: number): Tableau | null {
  const m = A.length;
  const t = A.map((row, i) => {
    const s = b[i]! < 0 ? -1 : 1;
    const r = new Array<number>(n + m + 1).fill(0);
    row.forEach((a, j) => (r[j] = s * a));
    r[n + i] = 1;
    r[n + m] = s * b[i]!;
    return r;
  });
  const tab: Tableau = { t, basis: Array.from({ length: m }, (_, i) => n + i), n, artificialFrom: n };
  const cost = [...new Array<number>(n).fill(0), ...new Array<number>(m).fill(-1)];
  runSimplex(tab, cost, n + m);
  const rhs = n + m;
  if (tab.t.some((row, i) => tab.basis[i]! >= n && row[rhs]! > 1e-7)) return null;
  // Drive artificials out of the basis; a row where none can leave is redundant.
  for (let i = tab.t.length - 1; i >= 0; i--) {
    if (tab.basis[i]! < n) continue;
    const j = tab.t[i]!.findIndex((a, k) => k < n && Math.abs(a) > EPS);
    if (j >= 0) pivot(tab, i, j);
    else {
      tab.t.splice(i, 1);
      tab.basis.splice(i, 1);
    }
  }
  return tab;
}

function cloneTableau(tab: Tableau): Tableau {
  return { t: tab.t.map((r) => [...r]), basis: [...tab.basis], n: tab.n, artificialFrom: tab.artificialFrom };
}

/** max (or min) y_k over the tableau's polytope, with the optimal y; Infinity when unbounded. */
function optimise(base: Tableau, k: number, sense: 1 | -1): { value: number; y: number[] } {
  const tab = cloneTableau(base);
  const cost = new Array<number>(tab.n).fill(0);
  cost[k] = sense;
  if (!runSimplex(tab, cost, tab.n)) return { value: sense * INF, y: [] };
  const y = new Array<number>(tab.n).fill(0);
  tab.basis.forEach((j, i) => {
    const row = tab.t[i]!;
    if (j < tab.n) y[j] = row[row.length - 1]!;
  });
  return { value: y[k]!, y };
}

// ---------------------------------------------------------------------------------------

/**
 * The published quantities a reader can work out exactly from the states given (public
 * ones excepted). `certified` holds ids already known not to be pinned; it grows.
 */
function pinnedQuantities(
  quantities: Quantity[],
  lines: Line[],
  states: Map<string, QuantityState>,
  threshold: number,
  certified: Set<string>,
): string[] {
  const start = new Map(quantities.map((q) => [q.id, knowledge(q, states.get(q.id)!, threshold)]));
  const bounds = propagateBounds(start, lines);
  const targets = quantities.filter((q) => {
    const s = states.get(q.id)!;
    return (s === "small" || s === "secondary") && !isPublic(q) && !certified.has(q.id);
  });
  const pinned = targets.filter((q) => bounds.get(q.id)!.lo === bounds.get(q.id)!.hi).map((q) => q.id);
  const open = targets.filter((q) => !pinned.includes(q.id));
  if (open.length === 0) return pinned;

  // The LP over the quantities propagation left free; the others are constants.
  const free = quantities.filter((q) => bounds.get(q.id)!.lo < bounds.get(q.id)!.hi);
  const col = new Map(free.map((q, j) => [q.id, j]));
  const finiteUpper = free.filter((q) => bounds.get(q.id)!.hi !== INF);
  const nY = free.length;
  const nCols = nY + finiteUpper.length;
  const A: number[][] = [];
  const b: number[] = [];
  for (const line of lines) {
    const row = new Array<number>(nCols).fill(0);
    let rhs = 0;
    let any = false;
    [line.total, ...line.parts].forEach((id, i) => {
      const sign = i === 0 ? -1 : 1;
      const lo = bounds.get(id)!.lo;
      rhs -= sign * lo; // x = lo + y
      const j = col.get(id);
      if (j !== undefined) {
        row[j]! += sign;
        any = true;
      }
    });
    if (any) {
      A.push(row);
      b.push(rhs);
    }
  }
  finiteUpper.forEach((q, k) => {
    const row = new Array<number>(nCols).fill(0);
    row[col.get(q.id)!] = 1;
    row[nY + k] = 1;
    A.push(row);
    b.push(bounds.get(q.id)!.hi - bounds.get(q.id)!.lo);
  });
  const tab = feasibleTableau(A, b, nCols);
  if (!tab) throw new Error("suppression: the table's own values do not satisfy its lines");
  const truth = (q: Quantity) => q.value - bounds.get(q.id)!.lo;
  const certify = (y: number[]) => {
    for (const q of open) if (y.length && Math.abs(y[col.get(q.id)!]! - truth(q)) > 0.5) certified.add(q.id);
  };
  for (const q of open) {
    if (certified.has(q.id)) continue;
    const j = col.get(q.id)!;
    const max = optimise(tab, j, 1);
    if (max.value > truth(q) + 0.5) {
      certified.add(q.id);
      certify(max.y);
      continue;
    }
    const min = optimise(tab, j, -1);
    if (min.value < truth(q) - 0.5) {
      certified.add(q.id);
      certify(min.y);
      continue;
    }
    pinned.push(q.id);
  }
  return pinned;
}

function initialState(q: Quantity, threshold: number, options: EngineOptions): QuantityState {
  if (!q.published) return "unpublished";
  if (q.hidden) return "secondary";
  if ((q.unit ?? "count") === "yen") return "shown";
  if (q.value < threshold && (q.value > 0 || !options.zeroShown)) return "small";
  return "shown";
}

/**
 * Suppresses a set of tables described by quantities and lines; see the header comment.
 * Deterministic: the same values give the same states on every page that shows them.
 */
export function suppressQuantities(quantities: Quantity[], lines: Line[], threshold: number, options: EngineOptions = {}): Suppression {
  const states = new Map<string, QuantityState>();
  for (const q of quantities) states.set(q.id, initialState(q, threshold, options));
  const order = new Map(quantities.map((q, i) => [q.id, i]));
  const linesOf = new Map<string, Line[]>();
  for (const line of lines) for (const id of [line.total, ...line.parts]) linesOf.set(id, [...(linesOf.get(id) ?? []), line]);
  const followers = quantities.filter((q) => q.follows);
  const syncFollowers = () => {
    for (const q of followers) {
      const s = states.get(q.follows!);
      if ((s === "small" || s === "secondary") && states.get(q.id) === "shown") states.set(q.id, "secondary");
    }
  };
  const hideable = (q: Quantity) =>
    q.published && !q.fixed && states.get(q.id) === "shown" && !isPublic(q) && ((q.unit ?? "count") === "count" ? q.value === 0 || q.value >= threshold : q.value > 0);
  const rank = (q: Quantity) => [(q.unit ?? "count") === "count" && q.value === 0 ? 1 : 0, q.priority, q.value, order.get(q.id)!];
  const byRank = (a: Quantity, c: Quantity) => {
    const x = rank(a);
    const y = rank(c);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  };
  const byId = new Map(quantities.map((q) => [q.id, q]));
  const certified = new Set<string>();

  for (let guard = 0; guard <= quantities.length + 1; guard++) {
    syncFollowers();
    const pinned = pinnedQuantities(quantities, lines, states, threshold, certified);
    if (pinned.length === 0) return { states, unprotected: [] };
    // Hide one more shown number from the lines of the first pinned quantity; if none is left
    // there, the leak comes from further away: any shown number will do.
    const unit = byId.get(pinned[0]!)!.unit ?? "count";
    const sameUnit = (q: Quantity) => (q.unit ?? "count") === unit;
    let candidates = (linesOf.get(pinned[0]!) ?? []).flatMap((l) => [l.total, ...l.parts]).map((id) => byId.get(id)!);
    candidates = candidates.filter(hideable);
    if (candidates.length === 0) candidates = quantities.filter((q) => hideable(q) && sameUnit(q));
    if (candidates.length === 0) return { states, unprotected: pinned };
    const pick = [...new Set(candidates)].sort(byRank)[0]!;
    states.set(pick.id, (pick.unit ?? "count") === "count" && pick.value === 0 ? "small" : "secondary");
  }
  throw new Error("suppression did not finish");
}

/** The suppression states of every quantity (a confidential service: 0 is small too). */
export function suppress(quantities: Quantity[], lines: Line[], threshold: number, options: EngineOptions = {}): Map<string, QuantityState> {
  return suppressQuantities(quantities, lines, threshold, options).states;
}

// ---------------------------------------------------------------------------------------
// Cells of the breakdown tables.

/** `secondary`: hidden only so that another cell cannot be worked out (it is `threshold` or more). */
export type Cell = { value: number; suppressed: boolean; secondary?: true };

export function suppressedLabel(threshold: number): string {
  return `${threshold}未満`;
}

export type SuppressOptions = {
  /** A confidential service shows even 0 as "5未満": that nobody used it is not told either. */
  suppressZero?: boolean;
  /** The total is printed elsewhere (the progress page, an unsuppressed breakdown): it protects nothing. */
  totalKnown?: boolean;
};

function cellOf(q: Quantity, state: QuantityState): Cell {
  if (state === "shown" || state === "unpublished") return { value: q.value, suppressed: false };
  if (state === "secondary" && (q.unit ?? "count") === "count") return { value: q.value, suppressed: true, secondary: true };
  return { value: q.value, suppressed: true };
}

/** Suppresses one column of counts and its total. `withheld`: no pattern protects it; publish nothing of it. */
export function suppressColumn(values: number[], threshold: number, options: SuppressOptions = {}): { cells: Cell[]; total: Cell; withheld: boolean } {
  const total = values.reduce((a, b) => a + b, 0);
  const quantities: Quantity[] = [
    ...values.map((value, i): Quantity => ({ id: `c${i}`, value, published: true, priority: 0 })),
    {
      id: "total",
      value: total,
      published: true,
      priority: 10,
      ...(options.totalKnown ? { known: { lo: total, hi: total }, fixed: true } : {}),
    },
  ];
  const lines: Line[] = [{ total: "total", parts: values.map((_, i) => `c${i}`) }];
  const { states, unprotected } = suppressQuantities(quantities, lines, threshold, { zeroShown: !options.suppressZero });
  return {
    cells: quantities.slice(0, -1).map((q) => cellOf(q, states.get(q.id)!)),
    total: cellOf(quantities.at(-1)!, states.get("total")!),
    withheld: unprotected.length > 0,
  };
}

/** Suppresses every column of a table (rows × metric columns) independently. */
export function suppressTable(rows: number[][], threshold: number, options: SuppressOptions = {}): { cells: Cell[][]; totals: Cell[] } {
  const columns = rows[0]?.length ?? 0;
  const out: Cell[][] = rows.map(() => []);
  const totals: Cell[] = [];
  for (let c = 0; c < columns; c++) {
    const { cells, total } = suppressColumn(
      rows.map((r) => r[c] ?? 0),
      threshold,
      options,
    );
    cells.forEach((cell, r) => (out[r]![c] = cell));
    totals.push(total);
  }
  return { cells: out, totals };
}

/** A column of a breakdown (rows × columns, one total per column), as the engine needs it. */
export type GridColumn = {
  key: string;
  unit: "count" | "yen";
  /** A count whose records are among this column's records; columns with the same `partOf` are disjoint. */
  partOf?: string;
  /** Every record counts 1 here: a listed row has at least 1. */
  everyRecord?: boolean;
  /** Yen: hidden with this count (and always hidden without one). */
  suppressWith?: string;
  /** The total is printed exactly elsewhere (progress page, unsuppressed breakdown). */
  totalKnown?: boolean;
};

export type GridOptions = {
  /** A confidential service: 0 is 5未満 too. */
  confidential: boolean;
  /** "present": only rows with a record are listed (so the reader knows each has one); "all": every label is listed. */
  rows: "present" | "all";
};

/**
 * Suppresses a whole breakdown at once: the lines of every column, the lines between
 * columns of one row (承認 + 不承認 ≤ 申請 …) and the totals printed elsewhere. A column
 * total is never hidden to protect a cell (it is the same on every breakdown of the 年度).
 */
export function suppressGrid(values: number[][], columns: GridColumn[], threshold: number, options: GridOptions): { cells: Cell[][]; totals: Cell[]; withheld: boolean } {
  const id = (key: string, r: number | "total") => `${key}|${r}`;
  const quantities: Quantity[] = [];
  const lines: Line[] = [];
  const totalOf = (j: number) => values.reduce((s, row) => s + (row[j] ?? 0), 0);
  columns.forEach((c, j) => {
    values.forEach((row, r) => {
      const listed = c.everyRecord && options.rows === "present" ? { known: { lo: 1, hi: INF } } : {};
      const follows = c.unit === "yen" ? (c.suppressWith ? { follows: id(c.suppressWith, r) } : { hidden: true }) : {};
      quantities.push({ id: id(c.key, r), value: row[j] ?? 0, published: true, priority: 0, unit: c.unit, ...listed, ...follows });
    });
    const total = totalOf(j);
    quantities.push({
      id: id(c.key, "total"),
      value: total,
      published: true,
      priority: 10,
      unit: c.unit,
      fixed: true,
      ...(c.totalKnown ? { known: { lo: total, hi: total } } : {}),
      ...(c.unit === "yen" ? (c.suppressWith ? { follows: id(c.suppressWith, "total") } : { hidden: true }) : {}),
    });
    lines.push({ total: id(c.key, "total"), parts: values.map((_, r) => id(c.key, r)) });
  });
  // Parts within a row: parent = Σ children + the rest (never published).
  const index = new Map(columns.map((c, j) => [c.key, j]));
  for (const parent of columns) {
    const children = columns.filter((c) => c.partOf === parent.key);
    if (children.length === 0) continue;
    const p = index.get(parent.key)!;
    const restOf = (r: number) => (values[r]![p] ?? 0) - children.reduce((s, c) => s + (values[r]![index.get(c.key)!] ?? 0), 0);
    values.forEach((_, r) => {
      quantities.push({ id: id(`${parent.key}~rest`, r), value: restOf(r), published: false, priority: 0 });
      lines.push({ total: id(parent.key, r), parts: [...children.map((c) => id(c.key, r)), id(`${parent.key}~rest`, r)] });
    });
    const restTotal = values.reduce((s, _, r) => s + restOf(r), 0);
    quantities.push({ id: id(`${parent.key}~rest`, "total"), value: restTotal, published: false, priority: 10 });
    lines.push({ total: id(`${parent.key}~rest`, "total"), parts: values.map((_, r) => id(`${parent.key}~rest`, r)) });
    lines.push({ total: id(parent.key, "total"), parts: [...children.map((c) => id(c.key, "total")), id(`${parent.key}~rest`, "total")] });
  }
  const { states, unprotected } = suppressQuantities(quantities, lines, threshold, { zeroShown: !options.confidential });
  const byId = new Map(quantities.map((q) => [q.id, q]));
  const cellAt = (key: string, r: number | "total") => cellOf(byId.get(id(key, r))!, states.get(id(key, r))!);
  return {
    cells: values.map((_, r) => columns.map((c) => cellAt(c.key, r))),
    totals: columns.map((c) => cellAt(c.key, "total")),
    withheld: unprotected.length > 0,
  };
}

/** What a suppressed cell says: "5未満" when it is small, "秘匿" when hidden to protect another. */
export function suppressedText(cell: Cell, threshold: number): string {
  return cell.secondary ? "秘匿" : suppressedLabel(threshold);
}

export function showCell(cell: Cell, threshold: number): string {
  return cell.suppressed ? suppressedText(cell, threshold) : cell.value.toLocaleString("ja-JP");
}

// ---------------------------------------------------------------------------------------
// Cells of the consultation service's table.

export const SMALL_CELL_LABEL = "5未満";
export const SECONDARY_LABEL = "秘匿";

/** How a count is shown: the number, "5未満" or "秘匿". */
export type StatCell = { display: string; value: number | null; suppressed: null | "small" | "secondary" };

export function statCell(value: number, state: QuantityState, threshold: number): StatCell {
  if (state === "small") return { display: threshold === 5 ? SMALL_CELL_LABEL : suppressedLabel(threshold), value: null, suppressed: "small" };
  if (state === "secondary") return { display: SECONDARY_LABEL, value: null, suppressed: "secondary" };
  return { display: value.toLocaleString("ja-JP"), value, suppressed: null };
}

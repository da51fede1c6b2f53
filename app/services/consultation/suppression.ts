/**
 * Small-cell suppression for the statistics of a confidential service.
 *
 * Primary suppression: every published count under the threshold is shown as "5未満".
 * Secondary suppression: a count that is shown but would let a suppressed count be worked
 * out exactly (e.g. a total whose other parts are all shown) is hidden too ("秘匿").
 *
 * The published tables are described as quantities and "lines" (total = sum of parts).
 * What a reader can deduce is computed by interval propagation over all lines together —
 * shown counts are exact, "5未満" is 0…threshold−1, "秘匿" is ≥ threshold (a reader who
 * knows this algorithm knows that), never-published quantities are ≥ 0 — until nothing
 * tightens. Whenever a suppressed count collapses to a single value, one more shown count
 * from a line that pins it is hidden (smallest first, totals last) and the check repeats.
 */

export type QuantityState = "shown" | "small" | "secondary" | "unpublished";

export type Quantity = {
  id: string;
  value: number;
  /** false for helper quantities that are part of a line but never shown (e.g. "pending"). */
  published: boolean;
  /** Higher is hidden later; totals should outrank their parts. */
  priority: number;
};

export type Line = { total: string; parts: string[] };

type Bounds = { lo: number; hi: number };

function boundsOf(q: Quantity, state: QuantityState, threshold: number): Bounds {
  switch (state) {
    case "shown":
      return { lo: q.value, hi: q.value };
    case "small":
      return { lo: 0, hi: threshold - 1 };
    case "secondary":
      return { lo: threshold, hi: Infinity };
    case "unpublished":
      return { lo: 0, hi: Infinity };
  }
}

/**
 * What a reader can deduce about every quantity from what is shown. Sound interval
 * propagation: the true values always lie inside the returned bounds.
 */
export function deduceBounds(
  quantities: Quantity[],
  lines: Line[],
  states: Map<string, QuantityState>,
  threshold: number,
): Map<string, Bounds> {
  const b = new Map<string, Bounds>();
  for (const q of quantities) b.set(q.id, boundsOf(q, states.get(q.id)!, threshold));
  const get = (id: string) => b.get(id)!;
  for (let round = 0; round < 1000; round++) {
    let changed = false;
    const tighten = (id: string, lo: number, hi: number) => {
      const cur = get(id);
      const next = { lo: Math.max(cur.lo, lo), hi: Math.min(cur.hi, hi) };
      if (next.lo !== cur.lo || next.hi !== cur.hi) {
        b.set(id, next);
        changed = true;
      }
    };
    for (const line of lines) {
      const parts = line.parts.map(get);
      const sumLo = parts.reduce((s, p) => s + p.lo, 0);
      const sumHi = parts.reduce((s, p) => s + p.hi, 0);
      tighten(line.total, sumLo, sumHi);
      const t = get(line.total);
      line.parts.forEach((id, i) => {
        const p = parts[i]!;
        const othersLo = sumLo - p.lo;
        const othersHi = sumHi === Infinity && p.hi === Infinity ? otherHi(parts, i) : sumHi - p.hi;
        tighten(id, t.lo - othersHi, t.hi - othersLo);
      });
    }
    if (!changed) break;
  }
  return b;
}

function otherHi(parts: Bounds[], skip: number): number {
  let s = 0;
  parts.forEach((p, i) => {
    if (i !== skip) s += p.hi;
  });
  return s;
}

/** The suppression states of every quantity; see the header comment. */
export function suppress(quantities: Quantity[], lines: Line[], threshold: number): Map<string, QuantityState> {
  const states = new Map<string, QuantityState>();
  for (const q of quantities) states.set(q.id, !q.published ? "unpublished" : q.value < threshold ? "small" : "shown");
  const byId = new Map(quantities.map((q) => [q.id, q]));
  const linesOf = new Map<string, Line[]>();
  for (const line of lines) {
    for (const id of [line.total, ...line.parts]) linesOf.set(id, [...(linesOf.get(id) ?? []), line]);
  }

  for (let guard = 0; guard <= quantities.length; guard++) {
    const bounds = deduceBounds(quantities, lines, states, threshold);
    const disclosed = quantities.find((q) => {
      const s = states.get(q.id);
      if (s !== "small" && s !== "secondary") return false;
      const x = bounds.get(q.id)!;
      return x.lo === x.hi;
    });
    if (!disclosed) return states;
    // Hide one more shown count from the lines this one sits in.
    const candidates = new Set<string>();
    for (const line of linesOf.get(disclosed.id) ?? []) {
      for (const id of [line.total, ...line.parts]) if (states.get(id) === "shown") candidates.add(id);
    }
    // Nothing shown next to it: the leak comes from further away; widen to every shown count.
    if (candidates.size === 0) for (const q of quantities) if (states.get(q.id) === "shown") candidates.add(q.id);
    if (candidates.size === 0) return states;
    const pick = [...candidates]
      .map((id) => byId.get(id)!)
      .sort((a, c) => a.priority - c.priority || a.value - c.value || a.id.localeCompare(c.id))[0]!;
    states.set(pick.id, "secondary");
  }
  return states;
}

export const SMALL_CELL_LABEL = "5未満";
export const SECONDARY_LABEL = "秘匿";

/** How a count is shown: the number, "5未満" or "秘匿". */
export type StatCell = { display: string; value: number | null; suppressed: null | "small" | "secondary" };

export function statCell(value: number, state: QuantityState, threshold: number): StatCell {
  if (state === "small") return { display: threshold === 5 ? SMALL_CELL_LABEL : `${threshold}未満`, value: null, suppressed: "small" };
  if (state === "secondary") return { display: SECONDARY_LABEL, value: null, suppressed: "secondary" };
  return { display: value.toLocaleString("ja-JP"), value, suppressed: null };
}

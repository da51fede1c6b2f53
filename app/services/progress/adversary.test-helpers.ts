/**
 * The adversary of the suppression tests: a reader who sees a published table and knows
 * how it was made, and works out every hidden count it can. Written independently of the
 * engine (no LP, no shared code): an exact integer search — interval propagation to
 * prune, bisection to branch — over the lines the reader knows (total = sum of parts).
 *
 * What the reader knows of each quantity:
 * - a shown number: exactly that;
 * - 「5未満」: 0 … threshold−1 (a confidential service shows 0 as 5未満; any service may
 *   show a 0 as 5未満 when the 0 would give a neighbour away);
 * - 「秘匿」 on a count: a count that would have been shown, so ≥ threshold;
 * - 「秘匿」 on a yen amount, or a quantity never published (upcoming bookings): ≥ 0;
 * - anything it has read elsewhere (a total on the progress page or in an unsuppressed
 *   breakdown, a row listed only because it has at least one record).
 */
export type Knowledge = { lo: number; hi: number };
export type ReaderVar = { id: string; value: number; know: Knowledge; hidden: boolean };
export type ReaderLine = { total: string; parts: string[] };

const ANY: Knowledge = { lo: 0, hi: Infinity };

export function fromDisplay(display: string, threshold: number, unit: "count" | "yen" = "count"): Knowledge {
  if (display === `${threshold}未満`) return { lo: 0, hi: threshold - 1 };
  if (display === "秘匿") return unit === "yen" ? ANY : { lo: threshold, hi: Infinity };
  const n = Number(display.replace(/[,円]/g, ""));
  if (!Number.isInteger(n)) throw new Error(`unexpected display ${display}`);
  return { lo: n, hi: n };
}

export function meet(a: Knowledge, b: Knowledge): Knowledge {
  return { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

type Dom = Map<string, [number, number]>;

function propagate(dom: Dom, lines: ReaderLine[]): boolean {
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const ids = [line.total, ...line.parts];
      const sign = ids.map((_, i) => (i === 0 ? -1 : 1));
      // Σ sign·x = 0: each x lies within what the others leave.
      let sumLo = 0;
      let sumHi = 0;
      ids.forEach((id, i) => {
        const [lo, hi] = dom.get(id)!;
        sumLo += sign[i]! > 0 ? lo : -hi;
        sumHi += sign[i]! > 0 ? hi : -lo;
      });
      if (sumLo > 0 || sumHi < 0) return false;
      for (let i = 0; i < ids.length; i++) {
        const [lo, hi] = dom.get(ids[i]!)!;
        const mineLo = sign[i]! > 0 ? lo : -hi;
        const mineHi = sign[i]! > 0 ? hi : -lo;
        // mine ∈ [−(sumHi − mineHi), −(sumLo − mineLo)]
        const mLo = -(sumHi - mineHi);
        const mHi = -(sumLo - mineLo);
        const nLo = sign[i]! > 0 ? Math.max(lo, mLo) : Math.max(lo, -mHi);
        const nHi = sign[i]! > 0 ? Math.min(hi, mHi) : Math.min(hi, -mLo);
        if (nLo > nHi) return false;
        // The sums above may hold older, looser bounds of the others: still sound.
        if (nLo !== lo || nHi !== hi) {
          dom.set(ids[i]!, [nLo, nHi]);
          changed = true;
        }
      }
    }
  }
  return true;
}

function solvable(dom: Dom, lines: ReaderLine[], budget: { nodes: number }): boolean {
  if (--budget.nodes < 0) throw new Error("adversary search too large for this test size");
  if (!propagate(dom, lines)) return false;
  let pick: string | null = null;
  let width = Infinity;
  for (const [id, [lo, hi]] of dom) if (hi > lo && hi - lo < width) [pick, width] = [id, hi - lo];
  if (pick === null) return true; // every quantity fixed and every line holds (propagation checked)
  const [lo, hi] = dom.get(pick)!;
  const mid = Math.floor((lo + hi) / 2);
  return solvable(new Map(dom).set(pick, [lo, mid]), lines, budget) || solvable(new Map(dom).set(pick, [mid + 1, hi]), lines, budget);
}

/**
 * The hidden quantities the reader can pin to one value. Unbounded knowledge is capped at
 * `cap` (by default 4 × the sum of every true value): the reader is then weaker than a
 * real one only if a different value needs numbers over the cap.
 */
export function pinnedByReader(vars: ReaderVar[], lines: ReaderLine[], cap = Math.max(1000, 4 * vars.reduce((s, v) => s + v.value, 0))): string[] {
  const base: Dom = new Map(vars.map((v) => [v.id, [v.know.lo, Math.min(v.know.hi, cap)]]));
  for (const v of vars) {
    const [lo, hi] = base.get(v.id)!;
    if (v.value < lo || v.value > hi) throw new Error(`${v.id}: the true value ${v.value} contradicts what is shown [${lo}, ${hi}]`);
  }
  const pinned: string[] = [];
  for (const v of vars) {
    if (!v.hidden) continue;
    const [lo, hi] = base.get(v.id)!;
    const budget = { nodes: 200_000 };
    const below = v.value > lo && solvable(new Map(base).set(v.id, [lo, v.value - 1]), lines, budget);
    const above = !below && v.value < hi && solvable(new Map(base).set(v.id, [v.value + 1, hi]), lines, budget);
    if (!below && !above) pinned.push(v.id);
  }
  return pinned;
}

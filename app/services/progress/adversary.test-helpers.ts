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
  // A bounded number of sweeps: enough to prune, and sound however early it stops (the
  // search below checks every full assignment exactly).
  for (let sweep = 0, changed = true; changed && sweep < 40; sweep++) {
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

/** Is there an integer assignment within `dom` satisfying every line? Branches towards `guide` first. */
function solvable(dom: Dom, lines: ReaderLine[], guide: Map<string, number>, budget: { nodes: number }): boolean {
  if (--budget.nodes < 0) throw new Error("adversary search too large for this test size");
  if (!propagate(dom, lines)) return false;
  let pick: string | null = null;
  let width = Infinity;
  for (const [id, [lo, hi]] of dom) if (hi > lo && hi - lo < width) [pick, width] = [id, hi - lo];
  if (pick === null) return true; // every quantity fixed, and propagation checked every line
  const [lo, hi] = dom.get(pick)!;
  const g = Math.min(hi, Math.max(lo, guide.get(pick)!));
  const branches: [number, number][] = [[g, g]];
  if (g > lo) branches.push([lo, g - 1]);
  if (g < hi) branches.push([g + 1, hi]);
  return branches.some((range) => solvable(new Map(dom).set(pick, range), lines, guide, budget));
}

/** The quantities linked to `id` through lines (the others cannot change what it may be). */
function component(id: string, lines: ReaderLine[]): { ids: Set<string>; lines: ReaderLine[] } {
  const ids = new Set([id]);
  const mine = new Set<ReaderLine>();
  for (let grown = true; grown; ) {
    grown = false;
    for (const line of lines) {
      if (mine.has(line)) continue;
      const all = [line.total, ...line.parts];
      if (all.some((x) => ids.has(x))) {
        mine.add(line);
        all.forEach((x) => ids.add(x));
        grown = true;
      }
    }
  }
  return { ids, lines: [...mine] };
}

/**
 * The hidden quantities the reader can pin to one value. Unbounded knowledge is capped at
 * `cap` (by default 4 × the sum of every true value in the quantity's component, and at
 * least 1000): the reader is then weaker than a real one only if a different value needs
 * numbers over the cap.
 */
export function pinnedByReader(vars: ReaderVar[], lines: ReaderLine[]): string[] {
  const byId = new Map(vars.map((v) => [v.id, v]));
  for (const v of vars) {
    if (v.value < v.know.lo || v.value > v.know.hi) throw new Error(`${v.id}: the true value ${v.value} contradicts what is shown [${v.know.lo}, ${v.know.hi}]`);
  }
  const guide = new Map(vars.map((v) => [v.id, v.value]));
  const pinned: string[] = [];
  for (const v of vars) {
    if (!v.hidden) continue;
    const comp = component(v.id, lines);
    const members = [...comp.ids].map((id) => byId.get(id)!);
    const cap = Math.max(1000, 4 * members.reduce((s, m) => s + m.value, 0));
    const base: Dom = new Map(members.map((m) => [m.id, [m.know.lo, Math.min(m.know.hi, cap)]]));
    const [lo, hi] = base.get(v.id)!;
    const budget = { nodes: 200_000 };
    const below = v.value > lo && solvable(new Map(base).set(v.id, [lo, v.value - 1]), comp.lines, guide, budget);
    const above = !below && v.value < hi && solvable(new Map(base).set(v.id, [v.value + 1, hi]), comp.lines, guide, budget);
    if (!below && !above) pinned.push(v.id);
  }
  return pinned;
}

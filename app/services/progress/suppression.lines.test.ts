// Moved from app/services/consultation/suppression.test.ts (one engine now): the line-based
// API on a consultation-shaped table (one metric by 3 topics and by 2 groups, shared total).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppress, type Line, type Quantity, type QuantityState } from "./suppression";

const T = 5;

/** One metric published two ways: by 3 topics and by 2 groups, with the shared total. */
function oneMetric(topics: [number, number, number], groupA: number) {
  const total = topics[0] + topics[1] + topics[2];
  const groups = [groupA, total - groupA];
  const q: Quantity[] = [
    ...topics.map((v, i) => ({ id: `t${i}`, value: v, published: true, priority: 0 })),
    ...groups.map((v, i) => ({ id: `g${i}`, value: v, published: true, priority: 0 })),
    { id: "total", value: total, published: true, priority: 10 },
  ];
  const lines: Line[] = [
    { total: "total", parts: ["t0", "t1", "t2"] },
    { total: "total", parts: ["g0", "g1"] },
  ];
  return { q, lines, values: { t: topics, g: groups, total } };
}

function fits(value: number, shownValue: number, state: QuantityState): boolean {
  if (state === "shown") return value === shownValue;
  if (state === "small") return value >= 0 && value < T;
  if (state === "secondary") return value >= T;
  return value >= 0;
}

/**
 * Brute force over every table a reader could believe in: for each suppressed count, the
 * set of values it takes among all tables consistent with what is shown. Any table of
 * topics and groups with equal sums is realisable, so this is exactly what can be deduced.
 */
function possibleValues(states: Map<string, QuantityState>, values: { t: number[]; g: number[]; total: number }, cap: number) {
  const seen = new Map<string, Set<number>>();
  const add = (id: string, v: number) => {
    if (!seen.has(id)) seen.set(id, new Set());
    seen.get(id)!.add(v);
  };
  const st = (id: string) => states.get(id)!;
  for (let a = 0; a <= cap; a++) {
    if (!fits(a, values.t[0]!, st("t0"))) continue;
    for (let b = 0; b <= cap; b++) {
      if (!fits(b, values.t[1]!, st("t1"))) continue;
      for (let c = 0; c <= cap; c++) {
        if (!fits(c, values.t[2]!, st("t2"))) continue;
        const total = a + b + c;
        if (!fits(total, values.total, st("total"))) continue;
        for (let g0 = 0; g0 <= total; g0++) {
          const g1 = total - g0;
          if (!fits(g0, values.g[0]!, st("g0")) || !fits(g1, values.g[1]!, st("g1"))) continue;
          add("t0", a);
          add("t1", b);
          add("t2", c);
          add("total", total);
          add("g0", g0);
          add("g1", g1);
        }
      }
    }
  }
  return seen;
}

describe("suppress", () => {
  it("shows everything when every count is 5 or more", () => {
    const { q, lines } = oneMetric([5, 6, 7], 8);
    const s = suppress(q, lines, T);
    expect([...s.values()].every((v) => v === "shown")).toBe(true);
  });

  it("shows a count under 5 as small, and hides one more so the total does not give it away", () => {
    // 管理職 3 of 20: with the total (20) and それ以外 (17) shown, 3 = 20 − 17.
    const { q, lines } = oneMetric([6, 6, 8], 3);
    const s = suppress(q, lines, T);
    expect(s.get("g0")).toBe("small");
    expect(s.get("g1") === "secondary" || s.get("total") === "secondary").toBe(true);
    // And if the total is hidden, the topics (all shown) would give it back: one of them is hidden too.
    if (s.get("total") === "secondary") expect(["t0", "t1", "t2"].some((id) => s.get(id) !== "shown")).toBe(true);
  });

  it("catches a chain through the shared total (4 and 5 pinned by bounds)", () => {
    // Groups 4* + 40 = 44. Were the smallest topic (5) hidden alone, 44 − 39 = 5 and 4 would follow.
    const q: Quantity[] = [
      { id: "t0", value: 5, published: true, priority: 0 },
      { id: "t1", value: 19, published: true, priority: 0 },
      { id: "t2", value: 20, published: true, priority: 0 },
      { id: "g0", value: 4, published: true, priority: 0 },
      { id: "g1", value: 40, published: true, priority: 0 },
      { id: "total", value: 44, published: true, priority: 10 },
    ];
    const lines: Line[] = [
      { total: "total", parts: ["t0", "t1", "t2"] },
      { total: "total", parts: ["g0", "g1"] },
    ];
    const s = suppress(q, lines, T);
    const seen = possibleValues(s, { t: [5, 19, 20], g: [4, 40], total: 44 }, 60);
    for (const [id, state] of s) if (state !== "shown") expect(seen.get(id)!.size, id).toBeGreaterThan(1);
  });

  it("never lets a suppressed count be worked out exactly (brute force over small tables)", () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(12), fc.nat(12), fc.nat(12)), fc.nat(36), (topics, a) => {
        const total = topics[0] + topics[1] + topics[2];
        const { q, lines, values } = oneMetric(topics, Math.min(a, total));
        const s = suppress(q, lines, T);
        // Every count under 5 is suppressed …
        for (const x of q) if (x.value < T) expect(s.get(x.id)).toBe("small");
        // … and no suppressed count has only one possible value.
        const seen = possibleValues(s, values, 45);
        for (const [id, state] of s) {
          if (state === "shown") continue;
          expect(seen.get(id)?.size ?? 0, `${id} in ${JSON.stringify(values)} → ${JSON.stringify([...s])}`).toBeGreaterThan(1);
        }
      }),
      { numRuns: 60, seed: 20261125 },
    );
  });
});


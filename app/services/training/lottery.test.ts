import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { drawGroup, drawGroupLabel, drawOrder, type DrawEntry, type LotteryPriority } from "./lottery";

const PRIORITIES: LotteryPriority[] = ["elective_unmet", "first_time"];
const entry = (id: number, meets: LotteryPriority[] = [], drawable = true): DrawEntry => ({ enrollmentId: id, drawable, meets: new Set(meets) });

describe("抽選: the drawn order", () => {
  it("puts priority groups first, in the course's order, and those who cannot be drawn last", () => {
    const entries = [entry(1), entry(2, ["first_time"]), entry(3, ["elective_unmet", "first_time"]), entry(4, [], false), entry(5, ["elective_unmet"])];
    const drawn = drawOrder(entries, PRIORITIES, "seed-a", 2);
    expect(drawn.map((d) => d.group)).toEqual([1, 1, 2, 3, 4]);
    expect(new Set(drawn.slice(0, 2).map((d) => d.enrollmentId))).toEqual(new Set([3, 5]));
    expect(drawn.filter((d) => d.seated).map((d) => d.enrollmentId).sort()).toEqual([3, 5]);
    expect(drawn.at(-1)).toMatchObject({ enrollmentId: 4, seated: false });
    expect(drawn.map((d) => d.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it("a person's group is the first listed criterion they meet; the order of the list matters", () => {
    expect(drawGroup(entry(1, ["first_time", "elective_unmet"]), ["first_time", "elective_unmet"])).toBe(1);
    expect(drawGroup(entry(1, ["elective_unmet"]), ["first_time", "elective_unmet"])).toBe(2);
    expect(drawGroup(entry(1, ["elective_unmet"]), [])).toBe(1);
    expect(drawGroupLabel(1, PRIORITIES)).toBe("優先1（今年度の選択科目の必要数にまだ達していない人）");
    expect(drawGroupLabel(3, PRIORITIES)).toBe("優先なし");
  });

  it("is identical for the same seed whatever order the 応募 are listed in, and differs with another seed", () => {
    const entries = Array.from({ length: 30 }, (_, i) => entry(i + 1, i % 3 === 0 ? ["first_time"] : []));
    const a = drawOrder(entries, PRIORITIES, "recorded-seed", 10).map((d) => d.enrollmentId);
    const b = drawOrder([...entries].reverse(), PRIORITIES, "recorded-seed", 10).map((d) => d.enrollmentId);
    const c = drawOrder(entries, PRIORITIES, "another-seed", 10).map((d) => d.enrollmentId);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("is a uniform shuffle inside a group: over 6,000 seeds each of 6 people lands in each place about 1,000 times", () => {
    const entries = Array.from({ length: 6 }, (_, i) => entry(i + 101));
    const counts = entries.map(() => Array(6).fill(0) as number[]);
    const runs = 6000;
    for (let s = 0; s < runs; s++) {
      drawOrder(entries, PRIORITIES, `seed-${s}`, 2).forEach((d, place) => counts[d.enrollmentId - 101]![place]!++);
    }
    // Chi-square over the 36 cells (25 degrees of freedom): the 99.9th percentile is 52.6.
    const expected = runs / 6;
    const chi2 = counts.flat().reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(52.6);
  });

  it("never seats more than the seats, seats only the drawable, and seats the first drawable in order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ drawable: fc.boolean(), unmet: fc.boolean(), first: fc.boolean() }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 30 }),
        fc.string(),
        (people, seats, seed) => {
          const entries = people.map((p, i) => entry(i + 1, [...(p.unmet ? ["elective_unmet" as const] : []), ...(p.first ? ["first_time" as const] : [])], p.drawable));
          const drawn = drawOrder(entries, PRIORITIES, seed, seats);
          const seated = drawn.filter((d) => d.seated);
          expect(drawn).toHaveLength(entries.length);
          expect(seated.length).toBe(Math.min(seats, entries.filter((e) => e.drawable).length));
          for (const d of seated) expect(entries[d.enrollmentId - 1]!.drawable).toBe(true);
          // Groups never go down along the order, and nobody seated comes after someone drawable left out.
          for (let i = 1; i < drawn.length; i++) expect(drawn[i]!.group).toBeGreaterThanOrEqual(drawn[i - 1]!.group);
          const firstLeftOut = drawn.findIndex((d) => !d.seated && entries[d.enrollmentId - 1]!.drawable);
          if (firstLeftOut !== -1) expect(drawn.slice(firstLeftOut).some((d) => d.seated)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

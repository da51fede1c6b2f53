import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromDisplay, pinnedByReader, type ReaderLine, type ReaderVar } from "./adversary.test-helpers";
import { showCell, suppressColumn, suppressTable } from "./suppression";

const shown = (cells: { value: number; suppressed: boolean }[]) => cells.map((c) => (c.suppressed ? "S" : c.value));

describe("small-cell suppression", () => {
  it("leaves a column without small cells alone", () => {
    const r = suppressColumn([12, 7, 0, 30], 5);
    expect(shown(r.cells)).toEqual([12, 7, 0, 30]);
    expect(r.total).toEqual({ value: 49, suppressed: false });
  });

  it("suppresses cells of 1 to 4 but shows zeros", () => {
    const r = suppressColumn([3, 2, 0, 9], 5);
    expect(shown(r.cells)).toEqual(["S", "S", 0, 9]);
    expect(r.total.suppressed).toBe(false);
  });

  it("secondary: a lone suppressed cell takes the smallest other non-zero cell with it", () => {
    const r = suppressColumn([3, 12, 8, 40], 5);
    expect(shown(r.cells)).toEqual(["S", 12, "S", 40]);
    expect(r.total.suppressed).toBe(false);
  });

  it("secondary: when no other cell can hide it, the total is suppressed", () => {
    const r = suppressColumn([3, 0, 0], 5);
    expect(shown(r.cells)).toEqual(["S", 0, 0]);
    expect(r.total.suppressed).toBe(true);
  });

  it("a small total suppresses everything non-zero", () => {
    const r = suppressColumn([1, 2, 0], 5);
    expect(shown(r.cells)).toEqual(["S", "S", 0]);
    expect(r.total.suppressed).toBe(true);
  });

  it("uses the configured threshold", () => {
    expect(shown(suppressColumn([9, 12, 30], 10).cells)).toEqual(["S", "S", 30]);
  });

  it("suppresses columns of a table independently", () => {
    const t = suppressTable([[3, 10], [20, 10], [30, 2]], 5);
    expect(t.cells.map((r) => shown(r))).toEqual([["S", "S"], ["S", 10], [30, "S"]]);
  });

  it("property: no suppressed cell can be worked out from the total and the shown cells", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 12 }), (values) => {
        const { cells, total } = suppressColumn(values, 5);
        const hidden = cells.filter((c) => c.suppressed);
        for (const c of cells) if (c.value > 0 && c.value < 5) expect(c.suppressed).toBe(true);
        // If the total is shown, the hidden cells' sum is known, so there must be at least two of them.
        if (!total.suppressed && hidden.length > 0) expect(hidden.length).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});

describe("suppression for a confidential service", () => {
  it("shows even 0 as suppressed", () => {
    const r = suppressColumn([0, 12, 30], 5, { suppressZero: true });
    expect(r.cells.map((c) => c.suppressed)).toEqual([true, true, false]);
    expect(r.total.suppressed).toBe(false);
  });
});

it("labels a small cell 5未満 and a cell hidden only to protect another 秘匿", () => {
  const r = suppressColumn([3, 12, 40], 5);
  expect(r.cells.map((c) => showCell(c, 5))).toEqual(["5未満", "秘匿", "40"]);
});

describe("against a reader who does the arithmetic (issue 10, 7b)", () => {
  const T = 5;
  /** What a reader knows of one suppressed column: the cells and the total as shown, and the total if it is public elsewhere. */
  function readColumn(values: number[], options: { suppressZero?: boolean; totalKnown?: boolean }) {
    const r = suppressColumn(values, T, options);
    const total = values.reduce((a, b) => a + b, 0);
    const vars: ReaderVar[] = [
      ...r.cells.map((c, i) => ({ id: `c${i}`, value: values[i]!, know: fromDisplay(showCell(c, T), T), hidden: c.suppressed })),
      {
        id: "total",
        value: total,
        know: options.totalKnown ? { lo: total, hi: total } : fromDisplay(showCell(r.total, T), T),
        hidden: r.total.suppressed && !options.totalKnown,
      },
    ];
    const lines: ReaderLine[] = [{ total: "total", parts: values.map((_, i) => `c${i}`) }];
    return { r, pinned: pinnedByReader(vars, lines), shown: r.cells.map((c) => showCell(c, T)) };
  }

  it("[4, 4, 10]: two small cells and the total do not give both away", () => {
    const { shown, pinned } = readColumn([4, 4, 10], {});
    expect(shown.slice(0, 2)).toEqual(["5未満", "5未満"]);
    expect(pinned).toEqual([]);
  });

  it("[0, 0, 0, 0, 6] of a confidential service: the four 5未満 are not all 0 for the reader", () => {
    const { shown, pinned } = readColumn([0, 0, 0, 0, 6], { suppressZero: true });
    expect(shown.slice(0, 4)).toEqual(["5未満", "5未満", "5未満", "5未満"]);
    expect(pinned).toEqual([]);
  });

  it("a total shown on another table (progress page, unsuppressed breakdown) is not hidden to protect a cell", () => {
    // [3, 0, 0]: the total 3 is hidden here as small, but the 局/区 table shows it; 3 − 0 − 0.
    const { pinned } = readColumn([3, 0, 0], { totalKnown: true });
    expect(pinned).toEqual([]);
  });

  it("property: no hidden cell of a column can be pinned from what is shown (and public totals)", () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 25 }));
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 7 }), fc.boolean(), fc.boolean(), (values, suppressZero, totalKnown) => {
        const { r, pinned } = readColumn(values, { suppressZero, totalKnown });
        r.cells.forEach((c, i) => {
          const v = values[i]!;
          if (v < T && (suppressZero || v > 0)) expect(c.suppressed && !c.secondary).toBe(true);
          if (!c.suppressed) expect(c.value).toBe(v);
        });
        if ("withheld" in r && r.withheld) return; // nothing of the column is published
        expect(pinned, JSON.stringify({ values, suppressZero, totalKnown, shown: r.cells.map((c) => showCell(c, T)), total: showCell(r.total, T) })).toEqual([]);
      }),
      { numRuns: 400, seed: 7_2026 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
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

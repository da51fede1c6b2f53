import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromDisplay, meet, pinnedByReader, type ReaderLine, type ReaderVar } from "./adversary.test-helpers";
import { showCell, suppressColumn, suppressGrid, suppressTable, type GridColumn } from "./suppression";

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

describe("whole breakdowns against the reader (rows × related columns, yen, public totals)", () => {
  const T = 5;
  /** Records of one row: how many fall in each class; the metrics are sums of classes. */
  type Shape = {
    name: string;
    classes: string[];
    columns: (GridColumn & { classes: string[] })[];
    confidential: boolean;
    rows: "present" | "all";
  };
  const SHAPES: Shape[] = [
    {
      name: "consultation",
      classes: ["held", "noShow", "pending"],
      columns: [
        { key: "booked", unit: "count", everyRecord: true, classes: ["held", "noShow", "pending"] },
        { key: "held", unit: "count", partOf: "booked", classes: ["held"] },
        { key: "noShow", unit: "count", partOf: "booked", classes: ["noShow"] },
      ],
      confidential: true,
      rows: "all",
    },
    {
      name: "training",
      classes: ["completed", "attended", "signedUp"],
      columns: [
        { key: "signups", unit: "count", everyRecord: true, totalKnown: true, classes: ["completed", "attended", "signedUp"] },
        { key: "attended", unit: "count", partOf: "signups", totalKnown: true, classes: ["completed", "attended"] },
        { key: "completions", unit: "count", partOf: "attended", totalKnown: true, classes: ["completed"] },
      ],
      confidential: false,
      rows: "present",
    },
    {
      name: "subsidy",
      classes: ["paid", "approved", "rejected", "open"],
      columns: [
        { key: "applications", unit: "count", everyRecord: true, totalKnown: true, classes: ["paid", "approved", "rejected", "open"] },
        { key: "approvals", unit: "count", partOf: "applications", totalKnown: true, classes: ["paid", "approved"] },
        { key: "rejections", unit: "count", partOf: "applications", totalKnown: true, classes: ["rejected"] },
        { key: "approved_yen", unit: "yen", suppressWith: "approvals", totalKnown: true, classes: ["paid", "approved"] },
        { key: "payments", unit: "count", partOf: "approvals", classes: ["paid"] },
        { key: "paid_yen", unit: "yen", suppressWith: "payments", partOf: "approved_yen", totalKnown: true, classes: ["paid"] },
      ],
      confidential: false,
      rows: "present",
    },
  ];

  function read(shape: Shape, leaves: number[][], yenPer: number) {
    const values = leaves.map((row) => shape.columns.map((c) => c.classes.reduce((s, k) => s + row[shape.classes.indexOf(k)]!, 0) * (c.unit === "yen" ? yenPer : 1)));
    const columns: GridColumn[] = shape.columns.map(({ classes: _classes, ...c }) => c);
    const g = suppressGrid(values, columns, T, { confidential: shape.confidential, rows: shape.rows });
    const vars: ReaderVar[] = [];
    const lines: ReaderLine[] = [];
    shape.columns.forEach((c, j) => {
      values.forEach((row, r) => {
        const shown = fromDisplay(g.cells[r]![j]!.suppressed && c.unit === "yen" ? "秘匿" : showCell(g.cells[r]![j]!, T), T, c.unit);
        const listed = c.everyRecord && shape.rows === "present" ? { lo: 1, hi: Infinity } : { lo: 0, hi: Infinity };
        vars.push({ id: `${c.key}|${r}`, value: row[j]!, know: meet(shown, listed), hidden: g.cells[r]![j]!.suppressed });
      });
      const total = values.reduce((s, row) => s + row[j]!, 0);
      const t = g.totals[j]!;
      const know = c.totalKnown ? { lo: total, hi: total } : fromDisplay(t.suppressed && c.unit === "yen" ? "秘匿" : showCell(t, T), T, c.unit);
      vars.push({ id: `${c.key}|total`, value: total, know, hidden: t.suppressed && !c.totalKnown });
      lines.push({ total: `${c.key}|total`, parts: values.map((_, r) => `${c.key}|${r}`) });
    });
    // What a reader knows of the services: a part of a column is at most it, and parts of one are disjoint.
    for (const parent of shape.columns) {
      const children = shape.columns.filter((c) => c.partOf === parent.key);
      if (children.length === 0) continue;
      const p = shape.columns.indexOf(parent);
      values.forEach((row, r) => {
        const rest = row[p]! - children.reduce((s, c) => s + row[shape.columns.indexOf(c)]!, 0);
        vars.push({ id: `${parent.key}~${r}`, value: rest, know: { lo: 0, hi: Infinity }, hidden: false });
        lines.push({ total: `${parent.key}|${r}`, parts: [...children.map((c) => `${c.key}|${r}`), `${parent.key}~${r}`] });
      });
    }
    return { g, values, pinned: g.withheld ? [] : pinnedByReader(vars, lines) };
  }

  it("needs the exact audit: interval propagation alone leaves this consultation table open to the reader", () => {
    // Found by the property below with the LP switched off: 予約 / 実施 / 無断キャンセル of three topics.
    const { pinned } = read(SHAPES[0]!, [[0, 0, 0], [0, 4, 1], [0, 1, 0]], 1);
    expect(pinned).toEqual([]);
  });

  // Stress runs: SUPPRESSION_RUNS=1500 SUPPRESSION_ROWS=6 npx vitest run app/services/progress/suppression.test.ts
  for (const shape of SHAPES) {
    it(`property (${shape.name}): no hidden cell of a breakdown can be pinned`, () => {
      const leaf = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 8 }));
      const row = fc.array(leaf, { minLength: shape.classes.length, maxLength: shape.classes.length });
      let withheld = 0;
      fc.assert(
        fc.property(fc.array(row, { minLength: 1, maxLength: Number(process.env.SUPPRESSION_ROWS ?? 4) }), fc.constantFrom(10_000, 35_000), (rows, yenPer) => {
          // A listed row of a service that lists only present rows has a record.
          if (shape.rows === "present") for (const r of rows) if (!r.some((n) => n > 0)) r[r.length - 1] = 1;
          const { g, values, pinned } = read(shape, rows, yenPer);
          if (g.withheld) withheld++;
          shape.columns.forEach((c, j) =>
            values.forEach((v, r) => {
              const cell = g.cells[r]![j]!;
              if (c.unit === "count" && v[j]! < T && (shape.confidential || v[j]! > 0)) expect(cell.suppressed && !cell.secondary).toBe(true);
              if (!cell.suppressed) expect(cell.value).toBe(v[j]);
            }),
          );
          expect(pinned, JSON.stringify({ values, cells: g.cells.map((r) => r.map((c) => showCell(c, T))) })).toEqual([]);
        }),
        { numRuns: Number(process.env.SUPPRESSION_RUNS ?? 150), seed: 10_7 },
      );
      // Withholding is the last resort, not the rule.
      expect(withheld).toBeLessThan(Number(process.env.SUPPRESSION_RUNS ?? 150) / 2);
    }, 600_000);
  }
});

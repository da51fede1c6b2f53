import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromDisplay, meet, pinnedByReader, type ReaderLine, type ReaderVar } from "~/services/progress/adversary.test-helpers";
import { buildStatsTable, type LeafCount } from "./stats-table";

const T = 5;

const leaf = (topic: LeafCount["topic"], rankGroup: LeafCount["rankGroup"], status: LeafCount["status"], n: number): LeafCount => ({
  topic,
  rankGroup,
  status,
  n,
});

describe("buildStatsTable", () => {
  it("has a row per topic, per tier group and the total, with 予約・実施・無断キャンセル", () => {
    const rows = buildStatsTable([], T);
    expect(rows.map((r) => r.label)).toEqual(["仕事の不安", "キャリア形成", "生活", "管理職のマネジメント", "その他", "管理職（課長以上）", "それ以外", "合計"]);
    // Nothing booked: every count is under 5, so every cell reads 5未満.
    expect(rows.every((r) => r.booked.display === "5未満" && r.held.display === "5未満")).toBe(true);
  });

  it("a lone small cell never sits next to counts that reveal it", () => {
    const leaves = [
      leaf("work_anxiety", "other", "held", 20),
      leaf("career", "other", "held", 15),
      leaf("life", "other", "held", 9),
      leaf("management", "manager", "held", 2),
      leaf("other", "other", "held", 7),
      leaf("career", "other", "no_show", 6),
    ];
    const rows = buildStatsTable(leaves, T);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get("topic:management")!.booked.display).toBe("5未満");
    expect(byKey.get("group:manager")!.booked.display).toBe("5未満");
    // 管理職 (2) = 合計 − それ以外 unless one of them is hidden.
    const total = byKey.get("total")!.booked;
    const others = byKey.get("group:other")!.booked;
    expect(total.value === null || others.value === null).toBe(true);
    // Shown numbers are the true ones.
    expect(byKey.get("topic:work_anxiety")!.held.value ?? 20).toBe(20);
    // No cell shows a number under 5.
    for (const r of rows) for (const c of [r.booked, r.held, r.noShow]) if (c.value !== null) expect(c.value).toBeGreaterThanOrEqual(T);
  });

  it("shows the totals when every cell is large", () => {
    const leaves = [
      ...(["work_anxiety", "career", "life", "management", "other"] as const).flatMap((t) => [
        leaf(t, "manager", "held", 6),
        leaf(t, "other", "held", 6),
        leaf(t, "manager", "no_show", 5),
        leaf(t, "other", "no_show", 5),
        leaf(t, "other", "booked", 5),
      ]),
    ];
    const total = buildStatsTable(leaves, T).find((r) => r.key === "total")!;
    expect(total.booked.display).toBe("135");
    expect(total.held.display).toBe("60");
    expect(total.noShow.display).toBe("50");
  });
});

describe("against a reader of this table and of the progress page (issue 10, 7b)", () => {
  const TOPIC_KEYS = ["work_anxiety", "career", "life", "management", "other"] as const;
  const GROUPS = ["manager", "other"] as const;
  const STATUSES = ["held", "no_show", "booked"] as const;

  /** The reader's lines: 予約 = 実施 + 無断キャンセル + upcoming (never shown), per row; topics and groups each add up to 合計. */
  function read(leaves: LeafCount[]) {
    const rows = buildStatsTable(leaves, T);
    // Withheld: only 合計 is published, and it is public anyway.
    if (rows.length === 1) return { rows, pinned: [] };
    const count = (match: (l: LeafCount) => boolean) => leaves.filter(match).reduce((s, l) => s + l.n, 0);
    const cats = rows.map((r) => ({ key: r.key, match: r.kind === "total" ? () => true : r.kind === "topic" ? (l: LeafCount) => `topic:${l.topic}` === r.key : (l: LeafCount) => `group:${l.rankGroup}` === r.key }));
    const vars: ReaderVar[] = [];
    rows.forEach((r, i) => {
      const m = cats[i]!.match;
      const cells = [
        ["booked", r.booked, count(m)],
        ["held", r.held, count((l) => m(l) && l.status === "held")],
        ["noShow", r.noShow, count((l) => m(l) && l.status === "no_show")],
      ] as const;
      for (const [metric, cell, value] of cells) {
        let know = fromDisplay(cell.display, T);
        // The progress page prints the 年度's 予約・実施・無断キャンセル by the same rule.
        if (r.kind === "total") know = meet(know, value >= T ? { lo: value, hi: value } : { lo: 0, hi: T - 1 });
        vars.push({ id: `${metric}|${r.key}`, value, know, hidden: cell.value === null });
      }
      vars.push({ id: `pending|${r.key}`, value: count((l) => m(l) && l.status === "booked"), know: { lo: 0, hi: Infinity }, hidden: false });
    });
    const lines: ReaderLine[] = [];
    for (const metric of ["booked", "held", "noShow", "pending"]) {
      lines.push({ total: `${metric}|total`, parts: TOPIC_KEYS.map((t) => `${metric}|topic:${t}`) });
      lines.push({ total: `${metric}|total`, parts: GROUPS.map((g) => `${metric}|group:${g}`) });
    }
    for (const r of rows) lines.push({ total: `booked|${r.key}`, parts: [`held|${r.key}`, `noShow|${r.key}`, `pending|${r.key}`] });
    return { rows, pinned: pinnedByReader(vars, lines) };
  }

  it("the 合計 row is never 秘匿: the progress page prints the same figures", () => {
    // 3 bookings of one topic and 6 of another, all held: 管理職 3 would follow from 合計 − それ以外.
    const leaves = [leaf("work_anxiety", "manager", "held", 3), leaf("career", "other", "held", 6)];
    const total = buildStatsTable(leaves, T).find((r) => r.key === "total")!;
    expect([total.booked.display, total.held.display]).toEqual(["9", "9"]);
    expect(read(leaves).pinned).toEqual([]);
  });

  it("property: no hidden count can be pinned", () => {
    const leafArb = fc.record({
      topic: fc.constantFrom(...TOPIC_KEYS),
      rankGroup: fc.constantFrom(...GROUPS),
      status: fc.constantFrom(...STATUSES),
      n: fc.integer({ min: 1, max: 7 }),
    });
    let withheld = 0;
    fc.assert(
      fc.property(fc.array(leafArb, { maxLength: 6 }), (leaves) => {
        const { rows, pinned } = read(leaves);
        if (rows.length === 1) withheld++;
        const total = rows.find((r) => r.key === "total")!;
        for (const c of [total.booked, total.held, total.noShow]) expect(c.display).not.toBe("秘匿");
        expect(pinned, JSON.stringify(leaves)).toEqual([]);
      }),
      { numRuns: 120, seed: 2026_7 },
    );
    // Withholding is the last resort, not the rule.
    expect(withheld).toBeLessThan(120 / 3);
  }, 120_000);
});

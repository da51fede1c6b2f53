import { describe, expect, it } from "vitest";
import { buildStatsTable, type LeafCount } from "./stats-table";

const T = 5;

describe("buildStatsTable", () => {
  const leaf = (topic: LeafCount["topic"], rankGroup: LeafCount["rankGroup"], status: LeafCount["status"], n: number): LeafCount => ({
    topic,
    rankGroup,
    status,
    n,
  });

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

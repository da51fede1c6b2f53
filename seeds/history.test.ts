// The 4-年度 history generator on either engine: the same rows from the same seed, re-runnable,
// and the consultation statistics over them the same figures on SQLite and PostgreSQL (the
// expected numbers below are asserted on both).
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { consultationProgressModule } from "~/services/consultation/progress-module.server";
import { breakdown } from "~/services/progress/breakdown.server";
import { dimensionByKey } from "~/services/progress/dimensions";
import { seedHistory } from "./history";

const n = async (table: (typeof TABLES)[number]) => (await first(getDb().select({ n: count() }).from(table)))!.n;
const TABLES = [schema.trainingCourses, schema.trainingCourseSessions, schema.trainingEnrollments, schema.subsidyApplications, schema.slots, schema.bookings] as const;

beforeAll(async () => {
  await immediate(async (tx) => {
    const staff = Array.from({ length: 120 }, (_, i) => ({
      id: `h${i}`,
      staffNumber: String(300001 + i),
      name: `職員 ${i}`,
      kana: "ショクイン",
      rank: i % 6 === 0 ? "課長" : "一般職員",
      source: "personnel" as const,
    }));
    await tx.insert(schema.employees).values(staff);
    await tx.insert(schema.employees).values({ id: "cons", staffNumber: "cc-h", name: "相談員", kana: "ソウダンイン", source: "portal" });
    await tx.insert(schema.consultants).values({ employeeId: "cons" });
    await tx.insert(schema.subsidyCertifications).values({ name: "基本情報技術者", field: "IT", eligibleCostTypes: ["exam"], ratePercent: 50, capPerApplication: 30000 });
  });
});

describe("seedHistory", () => {
  it("writes every service's 年度 in batches, the same rows from the same seed, and skips a 年度 it already wrote", async () => {
    // 2019 and 2020: long past, so no status depends on today's date. The same totals and
    // figures as the generator before the async layer gave from the same seed.
    const totals = await seedHistory([2020, 2019]);
    expect(totals).toEqual({ enrollments: 144, applications: 15, bookings: 140 });
    const before = await Promise.all(TABLES.map(n));
    expect(before.slice(0, 2)).toEqual([300, 600]);
    expect(await seedHistory([2020])).toEqual({ enrollments: 0, applications: 0, bookings: 0 });
    expect(await Promise.all(TABLES.map(n))).toEqual(before);
  });

  it("the consultation statistics over it are the same figures on both engines", async () => {
    const figures = await consultationProgressModule.summary(2020);
    expect(figures.map((f) => [f.label, f.value])).toEqual([
      ["予約", 74],
      ["実施", 70],
      ["無断キャンセル", 4],
    ]);
    const byTopic = await breakdown(consultationProgressModule, 2020, dimensionByKey("topic", consultationProgressModule), 5);
    expect(byTopic.totals.map((c) => c.value)).toEqual([74, 70, 4]);
    expect(byTopic.rows.map((r) => [r.label, r.cells.map((c) => [c.value, c.suppressed])])).toMatchSnapshot();
    const byTier = await breakdown(consultationProgressModule, 2020, dimensionByKey("tierGroup", consultationProgressModule), 5);
    expect(byTier.rows.map((r) => [r.label, r.cells.map((c) => [c.value, c.suppressed])])).toMatchSnapshot();
  });
});

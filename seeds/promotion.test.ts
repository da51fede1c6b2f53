// The 昇任型公募 demo seed on the engine under test: a small city with the units and people it
// looks for, seeded twice (the second run adds nothing), and the demo's figures read back
// through the service.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, immediate } from "../db/client";
import { schema } from "../db/tables";
import { DEMO_ACCOUNTS } from "./org";
import { seedPromotion } from "./promotion";

const NOW = new Date(Date.UTC(2026, 10, 1, 3));

async function smallCity() {
  await immediate(async (tx) => {
    const unit = async (code: string, name: string, kind: "bureau" | "division" | "section", parentId: number | null) =>
      (await tx.insert(schema.orgUnits).values({ code, name, kind, parentId }).returning())[0]!.id;
    const nakahara = await unit("B1", "中原区役所", "bureau", null);
    const chiiki = await unit("S1", "地域支援課", "section", await unit("D1", "地域みまもり支援センター", "division", nakahara));
    const soumu = await unit("B2", "総務企画局", "bureau", null);
    const jinji = await unit("S2", "人事課", "section", await unit("D2", "人事部", "division", soumu));
    const staff = (staffNumber: string, orgUnitId: number, extra: Partial<typeof schema.employees.$inferInsert> = {}) => ({
      id: randomUUID(),
      staffNumber,
      name: `職員 ${staffNumber}`,
      kana: "ショクイン",
      orgUnitId,
      rank: "主任",
      employmentType: "正規",
      hiredOn: "2010-04-01",
      rankSince: "2020-04-01",
      birthYear: 1985,
      workStatus: "在職",
      ...extra,
    });
    const boss = staff("100010", chiiki, { rank: "係長" });
    await tx.insert(schema.employees).values([staff(DEMO_ACCOUNTS.hrPersonnel.staffNumber, jinji, { rank: "係長" }), boss]);
    const people = Array.from({ length: 10 }, (_, i) => staff(String(200001 + i), chiiki, { supervisorId: boss.id }));
    people.push(staff("200100", chiiki, { supervisorId: boss.id, workStatus: "育児休業" }));
    await tx.insert(schema.employees).values(people);
  });
}

describe("the 昇任型公募 demo seed", () => {
  it("writes last year's call, 第1回 in selection with its applicants and two open calls; a second run adds nothing", async () => {
    await smallCity();
    expect(await seedPromotion(NOW)).toEqual({ calls: 4, applications: 8 });
    expect(await seedPromotion(NOW)).toEqual({ calls: 0, applications: 0 });
    const calls = await getDb().select().from(schema.promotionCalls).orderBy(schema.promotionCalls.id);
    expect(calls.map((c) => [c.fiscalYear, c.status])).toEqual([
      [2025, "done"],
      [2026, "selecting"],
      [2026, "published"],
      [2026, "published"],
    ]);
    const first = calls[1]!;
    const apps = await getDb().select().from(schema.promotionApplications).where(eq(schema.promotionApplications.callId, first.id));
    expect(apps.map((a) => a.status).sort()).toEqual(["declined", "failed", "passed", "submitted", "submitted", "submitted", "submitted", "withdrawn"]);
    // The applicant who passed 書類選考 last 年度 starts at 面接 with the exemption recorded.
    const exempt = apps.filter((a) => a.exemptions.length > 0);
    expect(exempt.map((a) => [a.stage, a.exemptions[0]!.stageName, a.exemptions[0]!.fiscalYear])).toEqual([[1, "書類選考", 2025]]);
    expect(apps.every((a) => a.applicantBureauId !== null && a.submittedAt instanceof Date)).toBe(true);
    const leave = await getDb().select().from(schema.employeeLeavePeriods);
    // Running for the one on 育児休業 now; a past one for the 4th long-serving 主任 (every 25th from index 3).
    expect(leave.map((p) => [p.kind, p.fromOn, p.toOn]).sort()).toEqual([
      ["育児休業", "2024-04-01", "2024-11-30"],
      ["育児休業", "2026-04-01", null],
    ]);
    const opinions = await getDb().select().from(schema.promotionOpinions);
    expect(opinions).toHaveLength(4);
  });
});

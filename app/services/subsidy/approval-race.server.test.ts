// The approval invariants under real concurrency (PostgreSQL, READ COMMITTED, one pool):
// many approvals of one 年度 at the same moment never pass the budget, and many approvals
// for one person never pass their yearly cap. Each approval locks the 年度's scheme row
// (lockScheme) before it sums; without that lock every transaction sums the same committed
// figures and too many pass. SQLite serialises writers anyway (BEGIN IMMEDIATE).
import { beforeAll, describe, expect, it } from "vitest";
import { dialect, getDb } from "~/db.server";
import { transitionApplication } from "./mutations.server";
import { budgetFigures, committedFor } from "./queries.server";
import { NOW, actorOf, applicationVersion, confirmedApplication, grant, makeCertification, makeEmployee, makeOrg, makeScheme } from "./test-helpers";

const FY = 2026;

let sectionId: number;
let boss: string;
let hr: string;
let certId: number;

beforeAll(async () => {
  sectionId = (await makeOrg()).sectionId;
  boss = await makeEmployee({ orgUnitId: sectionId, rank: "課長" });
  hr = await makeEmployee({ orgUnitId: sectionId });
  await grant(hr, "hr_dev");
  await makeScheme(FY, { perPersonYearlyCap: 10_000_000 });
  certId = await makeCertification({ ratePercent: 50, capPerApplication: 50_000 });
});

/** All approvals released together; each its own pooled transaction. */
async function approveAll(ids: string[]) {
  const hrActor = await actorOf(hr);
  const versions = await Promise.all(ids.map(applicationVersion));
  return Promise.all(ids.map((id, i) => transitionApplication({ actor: hrActor, id, as: "hr_dev", to: "approved", version: versions[i]!, now: NOW })));
}

describe.runIf(dialect() === "pg")("approvals at the same moment (PostgreSQL)", () => {
  it("12 approvals of ¥50,000 with room for 3 in the budget: exactly 3 pass, the budget is never overdrawn", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await confirmedApplication(await makeEmployee({ orgUnitId: sectionId, supervisorId: boss }), boss, certId));
    const before = (await budgetFigures(getDb(), FY))!;
    await makeScheme(FY, { budget: before.budget - before.left + 150_000, perPersonYearlyCap: 10_000_000 });

    const outcomes = await approveAll(ids);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.refusal.reason === "limit")).toBe(true);
    expect((await budgetFigures(getDb(), FY))?.left).toBe(0);
  }, 60_000);

  it("8 approvals of ¥50,000 for one person with a ¥100,000 yearly cap: exactly 2 pass", async () => {
    const person = await makeEmployee({ orgUnitId: sectionId, supervisorId: boss });
    // Each computed at ¥50,000 while nothing was decided yet.
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await confirmedApplication(person, boss, certId));
    await makeScheme(FY, { budget: 100_000_000, perPersonYearlyCap: 100_000 });

    const outcomes = await approveAll(ids);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expect(await committedFor(getDb(), person, FY)).toBe(100_000);
  }, 60_000);
});

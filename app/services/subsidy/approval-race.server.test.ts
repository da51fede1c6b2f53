// The approval invariants under real concurrency (PostgreSQL, READ COMMITTED, one pool):
// many approvals of one 年度 at the same moment never pass the budget, and many approvals
// for one person never pass their yearly cap. Each approval locks the 年度's scheme row
// (lockScheme) before it sums; without that lock every transaction sums the same committed
// figures and too many pass. SQLite serialises writers anyway (BEGIN IMMEDIATE).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dialect, first, getDb, schema } from "~/db.server";
import type { Actor } from "~/services/contract/actor";
import { saveApplication, transitionApplication } from "./mutations.server";
import { budgetFigures, committedFor } from "./queries.server";
import { NOW, PDF_BYTES, PNG_BYTES, formValue, grant, makeCertification, makeEmployee, makeOrg, makeScheme, viewerOf } from "./test-helpers";
import type { CheckedUpload } from "./uploads.server";

const { subsidyApplications: apps } = schema;
const FY = 2026;

const uploads = (): CheckedUpload[] => [
  { kind: "receipt", originalName: "領収書.pdf", mime: "application/pdf", bytes: PDF_BYTES },
  { kind: "proof", originalName: "合格証.png", mime: "image/png", bytes: PNG_BYTES },
];
const actor = async (id: string): Promise<Actor> => ({ viewer: await viewerOf(id), ip: "127.0.0.1" });
const version = async (id: string) => (await first(getDb().select({ v: apps.version }).from(apps).where(eq(apps.id, id))))!.v;

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

/** An application of `applicant` for ¥50,000, confirmed by the supervisor: ready for approval. */
async function confirmed(applicant: string): Promise<string> {
  const r = await saveApplication({ actor: await actor(applicant), intent: "submit", value: formValue(certId, { intent: "submit", examCost: 100_000 }), uploads: uploads(), now: NOW });
  if (!r.ok) throw new Error(r.refusal.message);
  const c = await transitionApplication({ actor: await actor(boss), id: r.id, as: "supervisor", to: "supervisor_confirmed", version: await version(r.id), now: NOW });
  if (!c.ok) throw new Error(c.refusal.message);
  return r.id;
}

/** All approvals released together; each its own pooled transaction. */
async function approveAll(ids: string[]) {
  const hrActor = await actor(hr);
  const versions = await Promise.all(ids.map(version));
  return Promise.all(ids.map((id, i) => transitionApplication({ actor: hrActor, id, as: "hr_dev", to: "approved", version: versions[i]!, now: NOW })));
}

describe.runIf(dialect() === "pg")("approvals at the same moment (PostgreSQL)", () => {
  it("12 approvals of ¥50,000 with room for 3 in the budget: exactly 3 pass, the budget is never overdrawn", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await confirmed(await makeEmployee({ orgUnitId: sectionId, supervisorId: boss })));
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
    for (let i = 0; i < 8; i++) ids.push(await confirmed(person));
    await makeScheme(FY, { budget: 100_000_000, perPersonYearlyCap: 100_000 });

    const outcomes = await approveAll(ids);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expect(await committedFor(getDb(), person, FY)).toBe(100_000);
  }, 60_000);
});

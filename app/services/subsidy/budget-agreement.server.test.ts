// The budget left that the pages show is the budget an approval is checked against, for
// applications in every state: both come from `budgetFigures` and the named status sets.
// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { STATUSES } from "./labels";
import { hrReview, manageOverview } from "./manage-queries.server";
import { transitionApplication } from "./mutations.server";
import { budgetFigures, committedFor, myReceipts } from "./queries.server";
import { grant, insertApplication, makeEmployee, makeOrg, makeScheme, viewerOf } from "./test-helpers";
import { COMMITTED_STATUSES, IN_REVIEW_STATUSES, inSet } from "./transitions";

const { subsidyApplications: apps } = schema;

let sectionId: number;
let hr: string;

beforeAll(async () => {
  sectionId = (await makeOrg()).sectionId;
  hr = await makeEmployee({ orgUnitId: sectionId });
  await grant(hr, "hr_dev");
});

async function approve(id: string) {
  const version = (await first(getDb().select({ v: apps.version }).from(apps).where(eq(apps.id, id))))?.v ?? 0;
  return await transitionApplication({ actor: { viewer: await viewerOf(hr), ip: "127.0.0.1" }, id, as: "hr_dev", to: "approved", version });
}

describe("the budget shown and the budget approval allows", () => {
  it.each(STATUSES.map((status, i) => [status, 2040 + i] as const))("agree with an application in 「%s」 on the books", async (status, fiscalYear) => {
    await makeScheme(fiscalYear, { budget: 1_000_000, perPersonYearlyCap: 10_000_000 });
    await insertApplication({ applicantId: await makeEmployee({ orgUnitId: sectionId }), fiscalYear, status, amount: 300_000 });

    const shown = await budgetFigures(getDb(), fiscalYear);
    if (!shown) throw new Error("no scheme");
    expect(shown.left).toBe(1_000_000 - (inSet(COMMITTED_STATUSES, status) ? 300_000 : 0));
    expect(shown.inReview).toBe(inSet(IN_REVIEW_STATUSES, status) ? 300_000 : 0);
    expect(shown.used + shown.committed).toBe(1_000_000 - shown.left);

    // One yen more than the budget left shown is refused, for the budget, at that figure …
    const candidate = await insertApplication({ applicantId: await makeEmployee({ orgUnitId: sectionId }), fiscalYear, status: "supervisor_confirmed", amount: shown.left + 1 });
    // … and the 審査 pages show the same figure before the decision.
    const viewer = await viewerOf(hr);
    const { budget, used, committed, left } = shown;
    expect((await manageOverview(viewer, { fiscalYear, sort: { id: "submittedAt", desc: true }, page: 1, pageSize: 10 }))?.budget).toMatchObject({ budget, used, committed, left });
    expect((await hrReview(viewer, candidate))?.budget?.left).toBe(shown.left);
    expect(await approve(candidate)).toMatchObject({ ok: false, refusal: { reason: "limit", detail: { reason: "budget", left: shown.left } } });

    // Exactly the budget left shown is allowed, and leaves nothing.
    await immediate(async (tx) => {
      await tx.update(apps).set({ amount: shown.left }).where(eq(apps.id, candidate));
    });
    expect(await approve(candidate)).toEqual({ ok: true, status: "approved" });
    expect((await budgetFigures(getDb(), fiscalYear))?.left).toBe(0);
  });

  it("a person's receipts shown add up to what the yearly cap check counts", async () => {
    const fiscalYear = 2039;
    await makeScheme(fiscalYear);
    const person = await makeEmployee({ orgUnitId: sectionId });
    for (const [i, status] of STATUSES.entries()) await insertApplication({ applicantId: person, fiscalYear, status, amount: 1_000 * (i + 1) });
    const shown = await myReceipts(await viewerOf(person), fiscalYear);
    expect(shown.paid + shown.approved).toBe(await committedFor(getDb(), person, fiscalYear));
    expect(shown.paid + shown.approved).toBe(STATUSES.reduce((n, s, i) => n + (inSet(COMMITTED_STATUSES, s) ? 1_000 * (i + 1) : 0), 0));
  });
});

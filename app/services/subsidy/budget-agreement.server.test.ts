// The budget left that the pages show is the budget an approval is checked against, for
// applications in every state: both come from `budgetFigures` and the named status sets.
// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { STATUSES } from "./labels";
import { hrReview, manageOverview } from "./manage-queries.server";
import { transitionApplication } from "./mutations.server";
import { budgetFigures, committedFor, myReceipts } from "./queries.server";
import { grant, insertApplication, makeEmployee, makeOrg, makeScheme, viewerOf } from "./test-helpers";
import { COMMITTED_STATUSES, IN_REVIEW_STATUSES, inSet } from "./transitions";

const { subsidyApplications: apps } = schema;

let sectionId: number;
let hr: string;

beforeAll(() => {
  sectionId = makeOrg().sectionId;
  hr = makeEmployee({ orgUnitId: sectionId });
  grant(hr, "hr_dev");
});

function approve(id: string) {
  const version = getDb().select({ v: apps.version }).from(apps).where(eq(apps.id, id)).get()?.v ?? 0;
  return transitionApplication({ actor: { viewer: viewerOf(hr), ip: "127.0.0.1" }, id, as: "hr_dev", to: "approved", version });
}

describe("the budget shown and the budget approval allows", () => {
  it.each(STATUSES.map((status, i) => [status, 2040 + i] as const))("agree with an application in 「%s」 on the books", (status, fiscalYear) => {
    makeScheme(fiscalYear, { budget: 1_000_000, perPersonYearlyCap: 10_000_000 });
    insertApplication({ applicantId: makeEmployee({ orgUnitId: sectionId }), fiscalYear, status, amount: 300_000 });

    const shown = budgetFigures(getDb(), fiscalYear);
    if (!shown) throw new Error("no scheme");
    expect(shown.left).toBe(1_000_000 - (inSet(COMMITTED_STATUSES, status) ? 300_000 : 0));
    expect(shown.inReview).toBe(inSet(IN_REVIEW_STATUSES, status) ? 300_000 : 0);
    expect(shown.used + shown.committed).toBe(1_000_000 - shown.left);

    // One yen more than the budget left shown is refused, for the budget, at that figure …
    const candidate = insertApplication({ applicantId: makeEmployee({ orgUnitId: sectionId }), fiscalYear, status: "supervisor_confirmed", amount: shown.left + 1 });
    // … and the 審査 pages show the same figure before the decision.
    const viewer = viewerOf(hr);
    const { budget, used, committed, left } = shown;
    expect(manageOverview(viewer, { fiscalYear, sort: { id: "submittedAt", desc: true }, page: 1, pageSize: 10 })?.budget).toMatchObject({ budget, used, committed, left });
    expect(hrReview(viewer, candidate)?.budget?.left).toBe(shown.left);
    expect(approve(candidate)).toMatchObject({ ok: false, refusal: { reason: "limit", detail: { reason: "budget", left: shown.left } } });

    // Exactly the budget left shown is allowed, and leaves nothing.
    getDb().update(apps).set({ amount: shown.left }).where(eq(apps.id, candidate)).run();
    expect(approve(candidate)).toEqual({ ok: true, status: "approved" });
    expect(budgetFigures(getDb(), fiscalYear)?.left).toBe(0);
  });

  it("a person's receipts shown add up to what the yearly cap check counts", () => {
    const fiscalYear = 2039;
    makeScheme(fiscalYear);
    const person = makeEmployee({ orgUnitId: sectionId });
    STATUSES.forEach((status, i) => insertApplication({ applicantId: person, fiscalYear, status, amount: 1_000 * (i + 1) }));
    const shown = myReceipts(viewerOf(person), fiscalYear);
    expect(shown.paid + shown.approved).toBe(committedFor(getDb(), person, fiscalYear));
    expect(shown.paid + shown.approved).toBe(STATUSES.reduce((n, s, i) => n + (inSet(COMMITTED_STATUSES, s) ? 1_000 * (i + 1) : 0), 0));
  });
});

// Decision 401: the amount the applicant sees before submitting is the amount the server
// computes. The form's live preview (`previewFromForm`, fed what the loader sends to the
// browser), the 計算 button's answer (`handleApplicationForm`) and the amount stored on
// saving must agree for any certification and any way of typing the costs.
// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { first, getDb, schema } from "~/db.server";
import { fiscalYearOf, todayIso } from "~/lib/fiscal-year";
import { handleApplicationForm } from "./form-action.server";
import { COST_TYPES } from "./labels";
import { previewFromForm } from "./preview";
import { applicantContext } from "./queries.server";
import { COST_FIELDS } from "./schemas";
import { insertApplication, makeCertification, makeEmployee, makeOrg, makeScheme, viewerOf } from "./test-helpers";

let applicant: string;
let choices: string[];

beforeAll(async () => {
  const fiscalYear = fiscalYearOf(new Date());
  await makeScheme(fiscalYear, { perPersonYearlyCap: 100_000, roundingUnit: 1000, otherRatePercent: 40, otherCapPerApplication: 30_000 });
  const { sectionId } = await makeOrg();
  applicant = await makeEmployee({ orgUnitId: sectionId });
  // Already decided this 年度, so the yearly cap bites for larger claims.
  await insertApplication({ applicantId: applicant, fiscalYear, status: "approved", amount: 70_000 });
  choices = [
    String(await makeCertification({ ratePercent: 50, capPerApplication: 50_000, eligibleCostTypes: ["exam", "registration"] })),
    String(await makeCertification({ ratePercent: 100, capPerApplication: 12_345, eligibleCostTypes: ["exam"] })),
    String(await makeCertification({ ratePercent: 33, capPerApplication: 1_000_000, eligibleCostTypes: ["exam", "registration", "course"] })),
    "other",
  ];
});

/** Yen as people type them: plain, with commas, full-width, with ¥ or 円. */
function typed(amount: number, style: number): string {
  const commas = amount.toLocaleString("ja-JP");
  switch (style) {
    case 0:
      return String(amount);
    case 1:
      return commas;
    case 2:
      return commas.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    case 3:
      return `¥${commas}`;
    default:
      return `${amount}円`;
  }
}

const formInput = fc.record({
  choice: fc.nat({ max: 3 }),
  costs: fc.tuple(
    ...COST_TYPES.map(() => fc.option(fc.record({ amount: fc.integer({ min: 0, max: 500_000 }), style: fc.nat({ max: 4 }) }), { nil: undefined })),
  ),
});

describe("the amount before submitting", () => {
  it("is the same in the browser's preview, the server's 計算 and the stored amount", async () => {
    const viewer = await viewerOf(applicant);
    const today = todayIso();
    // What the page's loader sends to the browser, through JSON as on the wire.
    const ctx = await applicantContext(viewer);
    const props = JSON.parse(JSON.stringify({ scheme: ctx.scheme, certifications: ctx.certifications, alreadyCommitted: ctx.alreadyCommitted }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(formInput, async ({ choice, costs }) => {
        fc.pre(costs.some((c) => c !== undefined && c.amount > 0));
        const fd = new FormData();
        fd.set("certification", choices[choice] ?? "other");
        if (choices[choice] === "other") {
          fd.set("otherName", "試験その他資格");
          fd.set("otherReason", "業務に役立つため");
        }
        fd.set("examDate", today);
        fd.set("passDate", today);
        COST_TYPES.forEach((t, i) => {
          const c = costs[i];
          if (c) fd.set(COST_FIELDS[t], typed(c.amount, c.style));
        });
        const inBrowser = previewFromForm(fd, props);
        expect(inBrowser).not.toBeNull();

        fd.set("intent", "calculate");
        const calculated = await handleApplicationForm({ formData: fd, actor: { viewer, ip: "127.0.0.1" } });
        expect(calculated.preview).toEqual(inBrowser);

        fd.set("intent", "save");
        fd.set("token", `preview-agreement-${++n}`);
        const saved = await handleApplicationForm({ formData: fd, actor: { viewer, ip: "127.0.0.1" } }).then(
          () => null,
          (e: unknown) => (e instanceof Response ? e.headers.get("Location") : null),
        );
        const id = /\/subsidy\/([0-9a-f-]{36})/.exec(saved ?? "")?.[1] ?? "";
        const row = await first(getDb().select({ amount: schema.subsidyApplications.amount }).from(schema.subsidyApplications).where(eq(schema.subsidyApplications.id, id)));
        expect(row?.amount).toBe(inBrowser?.breakdown.amount);
      }),
      { numRuns: 40, seed: 401 },
    );
  }, 30_000);
});

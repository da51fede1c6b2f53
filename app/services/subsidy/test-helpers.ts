// Builders for the subsidy tests: a tiny org, people in each capacity, the 年度 settings and
// a few certifications, written into the test file's own database (db/test-setup.ts).
import { randomUUID } from "node:crypto";
import { loadViewer } from "~/auth/load-viewer.server";
import type { Viewer } from "~/auth/viewer";
import { eq } from "drizzle-orm";
import { first, getDb, immediate, schema } from "~/db.server";
import type { Actor } from "~/services/contract/actor";
import type { CostType, SubsidyStatus } from "./labels";
import { saveApplication, transitionApplication } from "./mutations.server";
import type { ApplicationFormValue } from "./schemas";
import type { CheckedUpload } from "./uploads.server";

export const NOW = new Date("2026-11-25T03:00:00Z"); // 2026-11-25 12:00 JST, 令和8年度

let seq = 0;

export async function makeOrg(): Promise<{ bureauId: number; sectionId: number }> {
  const n = ++seq;
  return immediate(async (tx) => {
    const [bureau] = await tx.insert(schema.orgUnits).values({ code: `TB${n}-${randomUUID()}`, name: `試験局${n}`, kind: "bureau" }).returning();
    const [section] = await tx
      .insert(schema.orgUnits)
      .values({ code: `TS${n}-${randomUUID()}`, name: `試験課${n}`, kind: "section", parentId: bureau!.id })
      .returning();
    return { bureauId: bureau!.id, sectionId: section!.id };
  });
}

export async function makeEmployee(opts: { orgUnitId: number; supervisorId?: string | null; rank?: string; employmentType?: string; name?: string }): Promise<string> {
  const id = randomUUID();
  const n = ++seq;
  await immediate(async (tx) => {
    await tx.insert(schema.employees).values({
      id,
      staffNumber: String(300000 + n),
      name: opts.name ?? `試験 ${n}`,
      kana: `シケン ${n}`,
      orgUnitId: opts.orgUnitId,
      rank: opts.rank ?? "主任",
      employmentType: opts.employmentType ?? "正規",
      supervisorId: opts.supervisorId ?? null,
    });
  });
  return id;
}

export async function grant(employeeId: string, role: "hr_dev" | "admin"): Promise<void> {
  await immediate(async (tx) => {
    await tx.insert(schema.roleGrants).values({ employeeId, role });
  });
}

export async function viewerOf(employeeId: string): Promise<Viewer> {
  const v = await loadViewer(employeeId);
  if (!v) throw new Error("no viewer");
  return v;
}

export async function makeScheme(fiscalYear = 2026, overrides: Partial<typeof schema.subsidySchemes.$inferInsert> = {}): Promise<void> {
  await immediate(async (tx) => {
    await tx
      .insert(schema.subsidySchemes)
      .values({
        fiscalYear,
        allowOther: true,
        otherRatePercent: 50,
        otherCapPerApplication: 30_000,
        perPersonYearlyCap: 100_000,
        claimDeadlineDays: 180,
        roundingUnit: 1000,
        eligibleEmploymentTypes: ["正規", "任期付"],
        budget: 3_000_000,
        ...overrides,
      })
      .onConflictDoUpdate({
        target: schema.subsidySchemes.fiscalYear,
        set: { budget: overrides.budget ?? 3_000_000, perPersonYearlyCap: overrides.perPersonYearlyCap ?? 100_000 },
      });
  });
}

export async function makeCertification(overrides: Partial<typeof schema.subsidyCertifications.$inferInsert> = {}): Promise<number> {
  const n = ++seq;
  const [row] = await immediate((tx) =>
    tx
      .insert(schema.subsidyCertifications)
      .values({
        name: `試験資格${n}`,
        field: "情報",
        eligibleCostTypes: ["exam", "registration"] satisfies CostType[],
        ratePercent: 50,
        capPerApplication: 50_000,
        ...overrides,
      })
      .returning(),
  );
  return row!.id;
}

export function formValue(certificationId: number | "other", overrides: Partial<ApplicationFormValue> = {}): ApplicationFormValue {
  return {
    intent: "save",
    certification: String(certificationId),
    examDate: "2026-10-18",
    passDate: "2026-11-13",
    examCost: 7_500,
    registrationCost: undefined,
    courseCost: undefined,
    ...(certificationId === "other" ? { otherName: "試験その他資格", otherReason: "業務に役立つため" } : {}),
    ...overrides,
  } as ApplicationFormValue;
}

/** The smallest valid PNG and PDF, for uploads. */
export const PNG_BYTES = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f40000000049454e44ae426082",
  "hex",
);
export const PDF_BYTES = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** An application written straight into a state (for tests of totals that need every state). */
export async function insertApplication(opts: { applicantId: string; fiscalYear: number; status: SubsidyStatus; amount: number; certificationId?: number }): Promise<string> {
  const id = randomUUID();
  const submittedAt = opts.status === "draft" ? null : new Date(NOW.getTime() - 86_400_000);
  await immediate(async (tx) => {
    await tx
      .insert(schema.subsidyApplications)
      .values({
        id,
        applicantId: opts.applicantId,
        fiscalYear: opts.fiscalYear,
        ...(opts.certificationId ? { certificationId: opts.certificationId } : { otherName: "試験その他資格", otherReason: "業務に役立つため" }),
        examDate: "2026-10-18",
        passDate: "2026-11-13",
        amount: opts.amount,
        status: opts.status,
        clientToken: randomUUID(),
        submittedAt,
      });
  });
  return id;
}

/** A 領収書 and a 合格証 as the form's checked uploads. */
export function receiptAndProof(): CheckedUpload[] {
  return [
    { kind: "receipt", originalName: "領収書.pdf", mime: "application/pdf", bytes: PDF_BYTES },
    { kind: "proof", originalName: "合格証.png", mime: "image/png", bytes: PNG_BYTES },
  ];
}

export async function actorOf(employeeId: string): Promise<Actor> {
  return { viewer: await viewerOf(employeeId), ip: "127.0.0.1" };
}

export async function applicationVersion(id: string): Promise<number> {
  const row = await first(getDb().select({ v: schema.subsidyApplications.version }).from(schema.subsidyApplications).where(eq(schema.subsidyApplications.id, id)));
  return row!.v;
}

/**
 * An application of `applicant` for an exam of ¥100,000 (on a certification of 50 % up to
 * ¥50,000 per application: ¥50,000), submitted and confirmed by `supervisor`: ready for 交付決定.
 */
export async function confirmedApplication(applicant: string, supervisor: string, certificationId: number): Promise<string> {
  const r = await saveApplication({
    actor: await actorOf(applicant),
    intent: "submit",
    value: formValue(certificationId, { intent: "submit", examCost: 100_000 }),
    uploads: receiptAndProof(),
    now: NOW,
  });
  if (!r.ok) throw new Error(r.refusal.message);
  const c = await transitionApplication({ actor: await actorOf(supervisor), id: r.id, as: "supervisor", to: "supervisor_confirmed", version: await applicationVersion(r.id), now: NOW });
  if (!c.ok) throw new Error(c.refusal.message);
  return r.id;
}

// 資格取得費用助成 demo data for 令和8年度 (FY2026): the eligible certification list, the
// 年度 settings (half of the costs, ¥50,000 per application for most, ¥100,000 per person a
// year, amounts below ¥1,000 dropped, 正規 and 任期付 eligible, a ¥3,000,000 budget), and a
// handful of applications in every state — including one of 川崎 花子 (100001) waiting for
// her supervisor 多摩 一郎 (100002).
// Re-runnable: certifications are keyed on their name, the settings on the 年度 and the
// applications on a fixed client token; what is already there is left alone.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { dataDir, first, immediate } from "../db/client";
import { schema } from "../db/tables";
import { amountRulesFor, computeSubsidy } from "../app/services/subsidy/rules";
import { COMMITTED_STATUSES, inSet } from "../app/services/subsidy/transitions";
import type { CostType, SubsidyStatus } from "../app/services/subsidy/labels";
import { DEMO_ACCOUNTS } from "./org";

const FY = 2026;

type CertificationSeed = { name: string; field: string; costTypes: CostType[]; ratePercent: number; cap: number };

/** The list 人材育成課 starts from; typical fees in the comments. */
export const CERTIFICATIONS_R8: CertificationSeed[] = [
  // 受験料 7,500円; 登録 10,700円 and the required 講習 (オンライン 2万円/年) every year.
  { name: "情報処理安全確保支援士", field: "情報", costTypes: ["exam", "registration", "course"], ratePercent: 50, cap: 50_000 },
  { name: "応用情報技術者", field: "情報", costTypes: ["exam"], ratePercent: 50, cap: 10_000 },
  { name: "基本情報技術者", field: "情報", costTypes: ["exam"], ratePercent: 50, cap: 10_000 },
  // 受験料 8,200円; 登録 37,000円; 登録実務講習 2万円前後.
  { name: "宅地建物取引士", field: "法務・不動産", costTypes: ["exam", "registration", "course"], ratePercent: 50, cap: 50_000 },
  { name: "行政書士", field: "法務・不動産", costTypes: ["exam"], ratePercent: 50, cap: 10_000 },
  // 受験料 1万5千円前後; 登録 4,000円 + 登録免許税.
  { name: "社会福祉士", field: "福祉・保健", costTypes: ["exam", "registration"], ratePercent: 50, cap: 30_000 },
  { name: "精神保健福祉士", field: "福祉・保健", costTypes: ["exam", "registration"], ratePercent: 50, cap: 30_000 },
  { name: "公認心理師", field: "福祉・保健", costTypes: ["exam", "registration"], ratePercent: 50, cap: 30_000 },
  // 二次試験 14,000円; 登録 6,000円 + 登録免許税 30,000円.
  { name: "技術士", field: "技術", costTypes: ["exam", "registration"], ratePercent: 50, cap: 50_000 },
  { name: "1級建築施工管理技士", field: "技術", costTypes: ["exam"], ratePercent: 50, cap: 30_000 },
  { name: "1級土木施工管理技士", field: "技術", costTypes: ["exam"], ratePercent: 50, cap: 30_000 },
  { name: "日商簿記2級", field: "会計", costTypes: ["exam"], ratePercent: 50, cap: 10_000 },
  // 受験料 学科 8,900円 + 実技 29,900円; 養成講習 30万円前後 (capped).
  { name: "キャリアコンサルタント", field: "人事・労務", costTypes: ["exam", "registration", "course"], ratePercent: 50, cap: 50_000 },
  { name: "第一種衛生管理者", field: "人事・労務", costTypes: ["exam"], ratePercent: 50, cap: 10_000 },
  // 研修講座 6万円前後; 受験料 3,000円; 登録 5,000円.
  { name: "防災士", field: "防災", costTypes: ["exam", "registration", "course"], ratePercent: 50, cap: 50_000 },
];

export const SCHEME_R8 = {
  fiscalYear: FY,
  allowOther: true,
  otherRatePercent: 50,
  otherCapPerApplication: 30_000,
  perPersonYearlyCap: 100_000,
  claimDeadlineDays: 180,
  roundingUnit: 1000,
  eligibleEmploymentTypes: ["正規", "任期付"],
  budget: 3_000_000,
};

type Step = { to: SubsidyStatus; by: "applicant" | "supervisor" | "hr_dev"; at: string; comment?: string };

type ApplicationSeed = {
  token: string;
  /** A demo account, or the n-th eligible generated employee. */
  applicant: string | { nth: number };
  certification: string | { otherName: string; otherReason: string };
  examDate: string;
  passDate: string;
  costs: Partial<Record<CostType, number>>;
  steps: Step[];
};

const APPLICATIONS: ApplicationSeed[] = [
  {
    token: "seed-subsidy-r8-01",
    applicant: DEMO_ACCOUNTS.employee.staffNumber,
    certification: "宅地建物取引士",
    examDate: "2026-10-18",
    passDate: "2026-11-20",
    costs: { exam: 8_200, registration: 37_000 },
    steps: [
      { to: "draft", by: "applicant", at: "2026-11-21T10:12:00+09:00" },
      { to: "submitted", by: "applicant", at: "2026-11-24T09:40:00+09:00" },
    ],
  },
  {
    token: "seed-subsidy-r8-02",
    applicant: DEMO_ACCOUNTS.employee.staffNumber,
    certification: "基本情報技術者",
    examDate: "2026-06-14",
    passDate: "2026-07-10",
    costs: { exam: 7_500 },
    steps: [
      { to: "draft", by: "applicant", at: "2026-07-13T12:00:00+09:00" },
      { to: "submitted", by: "applicant", at: "2026-07-13T12:05:00+09:00" },
      { to: "supervisor_confirmed", by: "supervisor", at: "2026-07-14T17:20:00+09:00", comment: "窓口システム更改の担当として有用です。" },
      { to: "approved", by: "hr_dev", at: "2026-07-22T10:00:00+09:00" },
      { to: "paid", by: "hr_dev", at: "2026-08-21T15:00:00+09:00" },
    ],
  },
  {
    token: "seed-subsidy-r8-03",
    applicant: { nth: 0 },
    certification: "社会福祉士",
    examDate: "2026-02-02",
    passDate: "2026-03-14",
    costs: { exam: 19_370, registration: 4_000 },
    steps: [
      { to: "draft", by: "applicant", at: "2026-04-08T09:00:00+09:00" },
      { to: "submitted", by: "applicant", at: "2026-04-08T09:30:00+09:00" },
      { to: "supervisor_confirmed", by: "supervisor", at: "2026-04-09T11:00:00+09:00" },
      { to: "approved", by: "hr_dev", at: "2026-04-20T14:00:00+09:00" },
      { to: "paid", by: "hr_dev", at: "2026-05-20T15:00:00+09:00" },
    ],
  },
  {
    token: "seed-subsidy-r8-04",
    applicant: { nth: 1 },
    certification: "情報処理安全確保支援士",
    examDate: "2026-04-19",
    passDate: "2026-06-26",
    costs: { exam: 7_500, registration: 10_700, course: 20_000 },
    steps: [
      { to: "draft", by: "applicant", at: "2026-07-01T09:00:00+09:00" },
      { to: "submitted", by: "applicant", at: "2026-07-01T09:10:00+09:00" },
      { to: "supervisor_confirmed", by: "supervisor", at: "2026-07-02T16:00:00+09:00" },
      { to: "approved", by: "hr_dev", at: "2026-07-10T10:00:00+09:00" },
    ],
  },
  {
    token: "seed-subsidy-r8-05",
    applicant: { nth: 2 },
    certification: "防災士",
    examDate: "2026-09-27",
    passDate: "2026-10-20",
    costs: { exam: 3_000, registration: 5_000, course: 61_000 },
    steps: [
      { to: "draft", by: "applicant", at: "2026-10-23T13:00:00+09:00" },
      { to: "submitted", by: "applicant", at: "2026-10-23T13:15:00+09:00" },
      { to: "supervisor_confirmed", by: "supervisor", at: "2026-10-26T10:30:00+09:00", comment: "地域防災の担当業務に直結します。" },
    ],
  },
  {
    token: "seed-subsidy-r8-06",
    applicant: { nth: 3 },
    certification: "日商簿記2級",
    examDate: "2026-06-14",
    passDate: "2026-06-30",
    costs: { exam: 5_500 },
    steps: [
      { to: "draft", by: "applicant", at: "2026-09-01T12:00:00+09:00" },
      { to: "submitted", by: "applicant", at: "2026-09-01T12:10:00+09:00" },
      { to: "returned", by: "supervisor", at: "2026-09-02T09:00:00+09:00", comment: "領収書の画像が不鮮明です。読める写しを添付してください。" },
    ],
  },
  {
    token: "seed-subsidy-r8-07",
    applicant: { nth: 4 },
    certification: { otherName: "ファイナンシャル・プランニング技能士2級", otherReason: "市民相談窓口で家計に関する相談を受けることが多く、制度案内の質を高めるため。" },
    examDate: "2026-05-25",
    passDate: "2026-07-04",
    costs: { exam: 11_700 },
    steps: [
      { to: "draft", by: "applicant", at: "2026-07-10T09:00:00+09:00" },
      { to: "submitted", by: "applicant", at: "2026-07-10T09:05:00+09:00" },
      { to: "supervisor_confirmed", by: "supervisor", at: "2026-07-11T10:00:00+09:00" },
      { to: "rejected", by: "hr_dev", at: "2026-07-25T11:00:00+09:00", comment: "現在の担当業務との関連が確認できないため、今回は対象外とします。" },
    ],
  },
  {
    token: "seed-subsidy-r8-08",
    applicant: { nth: 5 },
    certification: "応用情報技術者",
    examDate: "2026-10-11",
    passDate: "2026-11-20",
    costs: { exam: 7_500 },
    steps: [{ to: "draft", by: "applicant", at: "2026-11-22T20:00:00+09:00" }],
  },
  {
    token: "seed-subsidy-r8-09",
    applicant: { nth: 6 },
    certification: "第一種衛生管理者",
    examDate: "2026-08-05",
    passDate: "2026-08-19",
    costs: { exam: 8_800 },
    steps: [
      { to: "draft", by: "applicant", at: "2026-08-25T09:00:00+09:00" },
      { to: "submitted", by: "applicant", at: "2026-08-25T09:10:00+09:00" },
      { to: "withdrawn", by: "applicant", at: "2026-08-26T08:45:00+09:00" },
    ],
  },
];

/** A 1×1 PNG and a one-page PDF, written in code so no binary sits in git. */
export const SEED_PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f40000000049454e44ae426082",
  "hex",
);
export function seedPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, "");
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function storeFile(bytes: Buffer): string {
  const dir = path.join(dataDir(), "uploads", "subsidy");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = randomBytes(24).toString("hex");
  fs.writeFileSync(path.join(dir, name), bytes, { flag: "wx", mode: 0o600 });
  return name;
}

type Person = { id: string; orgUnitId: number | null; rank: string | null; supervisorId: string | null };

/** Writes the certification list, the settings and the demo applications, in one transaction. */
export async function seedSubsidy(): Promise<{ certifications: number; applications: number }> {
  const { subsidyCertifications: certs, subsidySchemes: schemes, subsidyApplications: apps, subsidyCostLines: lines, subsidyHistory: hist, subsidyFiles: files, notifications, employees } =
    schema;
  const written: string[] = [];
  const committed = new Map<string, number>();

  await immediate(async (tx) => {
    const person = async (staffNumber: string): Promise<Person | undefined> =>
      first(
        tx
          .select({ id: employees.id, orgUnitId: employees.orgUnitId, rank: employees.rank, supervisorId: employees.supervisorId })
          .from(employees)
          .where(eq(employees.staffNumber, staffNumber)),
      );
    await tx
      .insert(certs)
      .values(CERTIFICATIONS_R8.map((c) => ({ name: c.name, field: c.field, eligibleCostTypes: c.costTypes, ratePercent: c.ratePercent, capPerApplication: c.cap })))
      .onConflictDoNothing({ target: certs.name });
    await tx
      .insert(schemes)
      .values({ ...SCHEME_R8, updatedBy: "seed" })
      .onConflictDoNothing({ target: schemes.fiscalYear });
    // Generated staff with a supervisor, eligible by 任用形態, outside the demo accounts, in a fixed order.
    const pool = await tx
      .select({ staffNumber: employees.staffNumber })
      .from(employees)
      .where(
        and(
          eq(employees.source, "personnel"),
          isNotNull(employees.supervisorId),
          eq(employees.employmentType, "正規"),
          inArray(employees.rank, ["一般職員", "主任", "係長"]),
          gte(employees.staffNumber, "200000"),
        ),
      )
      .orderBy(asc(employees.staffNumber))
      .limit(40);
    const hrDev = await person(DEMO_ACCOUNTS.hrDev.staffNumber);
    if (!hrDev) return;
    for (const a of APPLICATIONS) {
      if (await first(tx.select({ id: apps.id }).from(apps).where(eq(apps.clientToken, a.token)))) continue;
      const staffNumber = typeof a.applicant === "string" ? a.applicant : pool[a.applicant.nth]?.staffNumber;
      const who = staffNumber ? await person(staffNumber) : undefined;
      if (!who?.supervisorId) continue;
      const cert =
        typeof a.certification === "string"
          ? await first(
              tx
                .select({ id: certs.id, costTypes: certs.eligibleCostTypes, ratePercent: certs.ratePercent, cap: certs.capPerApplication })
                .from(certs)
                .where(eq(certs.name, a.certification)),
            )
          : null;
      if (cert === undefined) continue;
      const other = typeof a.certification === "string" ? null : a.certification;
      const costs = Object.entries(a.costs).map(([costType, amount]) => ({ costType: costType as CostType, amount: amount ?? 0 }));
      const rules = amountRulesFor(SCHEME_R8, cert ? { eligibleCostTypes: cert.costTypes as CostType[], ratePercent: cert.ratePercent, capPerApplication: cert.cap } : null);
      const already = committed.get(who.id) ?? 0;
      const amount = computeSubsidy(costs, rules, already).amount;
      const last = a.steps[a.steps.length - 1] as Step;
      const at = (st: SubsidyStatus) => {
        const step = [...a.steps].reverse().find((x) => x.to === st);
        return step ? new Date(step.at) : null;
      };
      if (inSet(COMMITTED_STATUSES, last.to)) committed.set(who.id, already + amount);
      const id = randomUUID();
      const firstAt = new Date(a.steps[0]?.at ?? last.at);
      await tx.insert(apps).values({
        id,
        applicantId: who.id,
        fiscalYear: FY,
        certificationId: cert ? cert.id : null,
        otherName: other?.otherName ?? null,
        otherReason: other?.otherReason ?? null,
        examDate: a.examDate,
        passDate: a.passDate,
        amount,
        status: last.to,
        version: a.steps.length + 1,
        clientToken: a.token,
        applicantOrgUnitId: at("submitted") ? who.orgUnitId : null,
        applicantRank: at("submitted") ? who.rank : null,
        submittedAt: at("submitted"),
        decidedAt: at("approved") ?? at("rejected"),
        paidAt: at("paid"),
        createdAt: firstAt,
        updatedAt: new Date(last.at),
      });
      if (costs.length) await tx.insert(lines).values(costs.map((l) => ({ applicationId: id, costType: l.costType, amount: l.amount })));
      let from: SubsidyStatus | null = null;
      for (const st of a.steps) {
        const actorId = st.by === "applicant" ? who.id : st.by === "supervisor" ? who.supervisorId : hrDev.id;
        await tx.insert(hist).values({ applicationId: id, fromStatus: from, toStatus: st.to, actorId, actorRole: st.by, comment: st.comment ?? null, at: new Date(st.at) });
        from = st.to;
      }
      const receipt = seedPdf(`Receipt ${a.token}`);
      const fileRows: (typeof files.$inferInsert)[] = [{ id: randomUUID(), applicationId: id, kind: "receipt", storedName: storeFile(receipt), originalName: "領収書.pdf", mime: "application/pdf", size: receipt.length, uploadedBy: who.id, uploadedAt: firstAt }];
      if (last.to !== "draft") {
        fileRows.push({ id: randomUUID(), applicationId: id, kind: "proof", storedName: storeFile(SEED_PNG), originalName: "合格証.png", mime: "image/png", size: SEED_PNG.length, uploadedBy: who.id, uploadedAt: firstAt });
      }
      await tx.insert(files).values(fileRows);
      if (last.to === "submitted") {
        await tx.insert(notifications).values({
          recipientId: who.supervisorId,
          title: "資格取得費用助成の申請の確認をお願いします",
          body: "部下の申請が届いています。業務上の有用性を確認してください。",
          link: `/subsidy/review/${id}`,
          createdAt: new Date(last.at),
        });
      }
      written.push(id);
    }
  });
  return { certifications: CERTIFICATIONS_R8.length, applications: written.length };
}

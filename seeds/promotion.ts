// 昇任型公募 demo data for 令和8年度 (FY2026), run by 人事課's 高津 健 (100004):
// - 第1回 係長級 (two posts), closed and in selection, with applicants at every stage;
// - two open calls for 主任, so 川崎 花子 (100001, 主任 since 2026-04-01) is eligible for
//   one (1 year in rank on 基準日 2027-04-01) and not for the other (2 years needed).
// - 令和7年度's 係長級 call (done): one of 第1回's applicants passed its 書類選考 there, so in
//   第1回 (which exempts a 書類選考 passed the 年度 before) they start at 面接,
//   「書類選考免除（令和7年度の公募で合格）」;
// - leave periods (休職等期間) for the staff the org data has on leave now, and a past 育児休業
//   for a few 主任, so that deductions show in the eligibility messages.
// The open calls' window runs from two weeks before to a month after the day of seeding.
// Re-runnable: a call is keyed on its 年度 and title; an existing one is left alone. One
// transaction through the data layer, so the same seed runs on SQLite and PostgreSQL.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { first, immediate, rows, type Tx } from "../db/client";
import { schema } from "../db/tables";
import { DEFAULT_ELIGIBILITY, DEFAULT_LIMITS, DEFAULT_STAGES, exemptionLabel, type PromotionEligibility, type PromotionGrantedExemption } from "../app/services/promotion/rules";
import { DEMO_ACCOUNTS } from "./org";

const FY = 2026;
const DAY = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 10);
}

type CallSeed = {
  title: string;
  description: string;
  referenceDate: string;
  opensOn: string;
  closesOn: string;
  eligibility: PromotionEligibility;
  opinionDueOn: string;
  status: "published" | "selecting";
  stageExemptions?: { stage: string; years: number }[];
  posts: { unit: [string, string]; duties: string; places: number }[];
};

type Step = { action: string; to: string; fromStage: number; toStage: number; by: "applicant" | "hr_personnel"; comment?: string };

/** Where each applicant of 第1回 stands, and how they got there. */
const FIRST_CALL_APPLICANTS: { status: string; stage: number; steps: Step[]; opinion?: "recommend" | "not_recommend"; exemptLastYear?: true }[] = [
  { status: "submitted", stage: 0, steps: [], opinion: "recommend" },
  { status: "submitted", stage: 0, steps: [] },
  { status: "failed", stage: 0, steps: [{ action: "fail", to: "failed", fromStage: 0, toStage: 0, by: "hr_personnel", comment: "書類選考で基準に達せず" }], opinion: "not_recommend" },
  { status: "submitted", stage: 1, steps: [{ action: "advance", to: "submitted", fromStage: 0, toStage: 1, by: "hr_personnel" }], opinion: "recommend" },
  { status: "submitted", stage: 1, steps: [], exemptLastYear: true },
  {
    status: "passed",
    stage: 2,
    steps: [
      { action: "advance", to: "submitted", fromStage: 0, toStage: 1, by: "hr_personnel" },
      { action: "advance", to: "submitted", fromStage: 1, toStage: 2, by: "hr_personnel" },
      { action: "pass", to: "passed", fromStage: 2, toStage: 2, by: "hr_personnel", comment: "面接評価A" },
    ],
    opinion: "recommend",
  },
  {
    status: "declined",
    stage: 1,
    steps: [
      { action: "advance", to: "submitted", fromStage: 0, toStage: 1, by: "hr_personnel" },
      { action: "decline", to: "declined", fromStage: 1, toStage: 1, by: "hr_personnel", comment: "本人から辞退の申出" },
    ],
  },
  { status: "withdrawn", stage: 0, steps: [{ action: "withdraw", to: "withdrawn", fromStage: 0, toStage: 0, by: "applicant" }] },
];

const STATEMENTS = {
  motivation: "区役所での窓口業務と地域調整の経験を生かし、係をまとめる立場で地域の課題解決に取り組みたいと考え、応募しました。",
  careerPlan: "係長として3年程度現場をまとめた後、計画部門で施策づくりに携わりたいと考えています。",
  selfPr: "町内会や関係機関との調整を粘り強く進め、避難所運営訓練の参加者を前年の2倍にしました。",
};

const { promotionCalls: calls, promotionPosts: posts, promotionApplications: apps, promotionHistory: hist, promotionOpinions: opinions, employeeLeavePeriods: leave, employees } = schema;

type HistoryLine = typeof hist.$inferInsert;

/** A 課 by its name and its 局/区's name (the tree is 局/区 → 部 → 課). */
async function unitOf(tx: Tx, [bureau, section]: [string, string]): Promise<number> {
  const [row] = await rows<{ id: number }>(
    tx,
    sql`SELECT s.id FROM org_units s JOIN org_units d ON d.id = s.parent_id JOIN org_units b ON b.id = d.parent_id
        WHERE s.name = ${section} AND b.name = ${bureau} AND s.kind = 'section'`,
  );
  if (!row) throw new Error(`no such 課: ${bureau} ${section}`);
  return Number(row.id);
}

/** What an application fixes at submission: the person's unit, its 局/区, gender and birth year. */
async function snapshotOf(tx: Tx, employeeId: string) {
  const [row] = await rows<{ orgUnitId: number; bureauId: number; gender: string | null; birthYear: number | null }>(
    tx,
    sql`SELECT e.org_unit_id AS "orgUnitId", b.id AS "bureauId", e.gender, e.birth_year AS "birthYear"
        FROM employees e JOIN org_units s ON s.id = e.org_unit_id JOIN org_units d ON d.id = s.parent_id JOIN org_units b ON b.id = d.parent_id
        WHERE e.id = ${employeeId}`,
  );
  return row ? { applicantOrgUnitId: Number(row.orgUnitId), applicantBureauId: Number(row.bureauId), applicantGender: row.gender, applicantBirthYear: row.birthYear === null ? null : Number(row.birthYear) } : undefined;
}

/** 主任 of at least 3 years, in 在職, with a supervisor, not the demo accounts — in 職員番号 order. */
async function longServingShunin(tx: Tx, limit: number, offset = 0) {
  return rows<{ id: string; supervisorId: string }>(
    tx,
    sql`SELECT id, supervisor_id AS "supervisorId" FROM employees
        WHERE rank = '主任' AND rank_since <= '2023-10-01' AND employment_type = '正規' AND work_status = '在職'
          AND supervisor_id IS NOT NULL AND staff_number >= '200001' ORDER BY staff_number LIMIT ${limit} OFFSET ${offset}`,
  );
}

export async function seedPromotion(now: Date = new Date()): Promise<{ calls: number; applications: number }> {
  const today = now.getTime();
  const openFrom = isoDay(today - 14 * DAY);
  const openTo = isoDay(today + 30 * DAY);
  const base = { eligibility: DEFAULT_ELIGIBILITY };
  const seeds: CallSeed[] = [
    {
      title: "令和8年度 係長級昇任型公募（第1回）",
      description: "区役所の地域づくりと、本庁の人事制度の企画を担う係長を募集します。",
      referenceDate: "2026-10-01",
      opensOn: "2026-07-01",
      closesOn: "2026-07-31",
      ...base,
      opinionDueOn: "2026-08-10",
      status: "selecting",
      stageExemptions: [{ stage: "書類選考", years: 1 }],
      posts: [
        { unit: ["中原区役所", "地域支援課"], duties: "地域防災と町内会連携の係長", places: 1 },
        { unit: ["総務企画局", "人事課"], duties: "人事制度の企画・昇任型公募の運用", places: 1 },
      ],
    },
    {
      title: "令和8年度 係長級昇任型公募（地域振興）",
      description: "地域振興の現場を率いる係長を募集します。主任として1年以上の経験があれば応募できます。",
      referenceDate: "2027-04-01",
      opensOn: openFrom,
      closesOn: openTo,
      eligibility: { ...DEFAULT_ELIGIBILITY, minYearsInRank: 1 },
      opinionDueOn: isoDay(today + 37 * DAY),
      status: "published",
      stageExemptions: [{ stage: "書類選考", years: 1 }],
      posts: [{ unit: ["中原区役所", "地域支援課"], duties: "地域振興・市民活動支援の係長", places: 2 }],
    },
    {
      title: "令和8年度 係長級昇任型公募（福祉分野）",
      description: "福祉事務所の相談支援を担う係長を募集します。",
      referenceDate: "2027-04-01",
      opensOn: openFrom,
      closesOn: openTo,
      eligibility: { ...DEFAULT_ELIGIBILITY, minYearsInRank: 2, ageMax: 50 },
      opinionDueOn: isoDay(today + 37 * DAY),
      status: "published",
      posts: [{ unit: ["中原区役所", "地域支援課"], duties: "生活困窮者の相談支援の係長", places: 1 }],
    },
  ];

  let created = 0;
  let applications = 0;
  await immediate(async (tx) => {
    const hr = (await first(tx.select({ id: employees.id }).from(employees).where(eq(employees.staffNumber, DEMO_ACCOUNTS.hrPersonnel.staffNumber))))!.id;
    await seedLeave(tx);
    const lastYear = await seedLastYearsCall(tx, hr, await unitOf(tx, ["中原区役所", "地域支援課"]));
    if (lastYear.created) created++;
    for (const c of seeds) {
      const existing = await first(tx.select({ id: calls.id }).from(calls).where(and(eq(calls.fiscalYear, FY), eq(calls.title, c.title))));
      if (existing) continue;
      const [call] = await tx
        .insert(calls)
        .values({
          fiscalYear: FY,
          title: c.title,
          level: "kakaricho",
          description: c.description,
          referenceDate: c.referenceDate,
          opensOn: c.opensOn,
          closesOn: c.closesOn,
          eligibility: c.eligibility,
          opinionRequired: true,
          opinionDueOn: c.opinionDueOn,
          stages: DEFAULT_STAGES,
          stageExemptions: c.stageExemptions ?? [],
          limits: DEFAULT_LIMITS,
          status: c.status,
          createdBy: hr,
          publishedAt: new Date(today),
        })
        .returning({ id: calls.id });
      const callId = call!.id;
      created++;
      for (const [i, p] of c.posts.entries()) await tx.insert(posts).values({ callId, orgUnitId: await unitOf(tx, p.unit), duties: p.duties, places: p.places, position: i });
      if (c.status !== "selecting") continue;
      const people = await longServingShunin(tx, FIRST_CALL_APPLICANTS.length);
      for (const [i, a] of FIRST_CALL_APPLICANTS.entries()) {
        const person = people[i];
        const snapshot = person && (await snapshotOf(tx, person.id));
        if (!person || !snapshot) continue;
        const id = randomUUID();
        const submittedAt = new Date(Date.UTC(2026, 6, 10 + i, 1));
        const exempt = a.exemptLastYear ? await lastYear.passedBy(person.id) : null;
        await tx.insert(apps).values({
          id,
          callId,
          applicantId: person.id,
          status: a.status as typeof apps.$inferInsert.status,
          ...STATEMENTS,
          stage: a.stage,
          ...snapshot,
          applicantRank: "主任",
          exemptions: exempt ? [exempt] : [],
          submittedAt,
          createdAt: submittedAt,
          updatedAt: submittedAt,
        });
        applications++;
        const lines: HistoryLine[] = [
          { applicationId: id, action: "submit", fromStatus: null, toStatus: "submitted", fromStage: null, toStage: exempt ? 1 : 0, actorId: person.id, actorRole: "applicant", comment: null, at: submittedAt },
        ];
        if (exempt) lines.push({ applicationId: id, action: "exempt", fromStatus: "submitted", toStatus: "submitted", fromStage: 0, toStage: 0, actorId: person.id, actorRole: "system", comment: exemptionLabel(exempt), at: submittedAt });
        let from = "submitted";
        for (const [k, step] of a.steps.entries()) {
          const at = new Date(Date.UTC(2026, 7, 20 + k * 10, 2) + i * 60_000);
          lines.push({ applicationId: id, action: step.action, fromStatus: from, toStatus: step.to, fromStage: step.fromStage, toStage: step.toStage, actorId: step.by === "applicant" ? person.id : hr, actorRole: step.by, comment: step.comment ?? null, at } as HistoryLine);
          from = step.to;
        }
        await tx.insert(hist).values(lines);
        if (a.opinion) {
          await tx.insert(opinions).values({
            applicationId: id,
            supervisorId: person.supervisorId,
            recommendation: a.opinion,
            comment: a.opinion === "recommend" ? "調整力が高く、係長として期待できます。" : "現職でもう少し経験を積むことを勧めます。",
            writtenAt: new Date(submittedAt.getTime() + 5 * DAY),
          });
        }
      }
    }
  });
  return { calls: created, applications };
}

/**
 * 休職等期間 for the demo city, once (skipped when any period is stored): a period still
 * running for everyone the org data has on 休職・停職・育児休業・派遣 now, and a past 育児休業
 * of 8 months for every 25th long-serving 主任 in 在職 (not the demo accounts).
 */
async function seedLeave(tx: Tx): Promise<void> {
  if (await first(tx.select({ id: leave.id }).from(leave).limit(1))) return;
  const onLeave = await rows<{ id: string; kind: string; hiredOn: string | null }>(
    tx,
    sql`SELECT id, work_status AS kind, hired_on AS "hiredOn" FROM employees WHERE work_status IN ('休職', '停職', '育児休業', '派遣') AND source = 'personnel' ORDER BY staff_number`,
  );
  const periods: (typeof leave.$inferInsert)[] = onLeave.map((p) => ({ employeeId: p.id, kind: p.kind, fromOn: p.hiredOn && p.hiredOn > "2026-04-01" ? p.hiredOn : "2026-04-01", toOn: null }));
  const parents = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM employees WHERE rank = '主任' AND work_status = '在職' AND rank_since <= '2022-04-01' AND staff_number >= '200001' ORDER BY staff_number`,
  );
  for (const p of parents.filter((_, i) => i % 25 === 3)) periods.push({ employeeId: p.id, kind: "育児休業", fromOn: "2024-04-01", toOn: "2024-11-30" });
  for (let i = 0; i < periods.length; i += 500) await tx.insert(leave).values(periods.slice(i, i + 500));
}

/**
 * 令和7年度's 係長級 call, done: the applicant the 第1回 exemption is shown for passed its
 * 書類選考 and did not pass 面接. Keyed on its title like the others.
 */
async function seedLastYearsCall(tx: Tx, hr: string, unitId: number) {
  const title = "令和7年度 係長級昇任型公募";
  const passedBy =
    (callId: number) =>
    async (applicantId: string): Promise<PromotionGrantedExemption | null> => {
      const passed = await first(
        tx
          .select({ id: hist.id })
          .from(hist)
          .innerJoin(apps, eq(apps.id, hist.applicationId))
          .where(and(eq(apps.callId, callId), eq(apps.applicantId, applicantId), eq(hist.action, "advance"), eq(hist.fromStage, 0)))
          .limit(1),
      );
      return passed ? { stage: 0, stageName: "書類選考", fiscalYear: 2025, callId } : null;
    };
  const existing = await first(tx.select({ id: calls.id }).from(calls).where(and(eq(calls.fiscalYear, 2025), eq(calls.title, title))));
  if (existing) return { created: false, passedBy: passedBy(existing.id) };
  const [call] = await tx
    .insert(calls)
    .values({
      fiscalYear: 2025,
      title,
      level: "kakaricho",
      description: "係長を募集しました。",
      referenceDate: "2025-10-01",
      opensOn: "2025-07-01",
      closesOn: "2025-07-31",
      eligibility: DEFAULT_ELIGIBILITY,
      opinionRequired: false,
      opinionDueOn: null,
      stages: DEFAULT_STAGES,
      limits: DEFAULT_LIMITS,
      status: "done",
      createdBy: hr,
      publishedAt: new Date(Date.UTC(2025, 5, 20)),
    })
    .returning({ id: calls.id });
  const callId = call!.id;
  await tx.insert(posts).values({ callId, orgUnitId: unitId, duties: "地域防災の係長", places: 1, position: 0 });
  // 第1回's applicant at index 4 (the same query and order as there).
  const [who] = await longServingShunin(tx, 1, 4);
  const snapshot = who && (await snapshotOf(tx, who.id));
  if (who && snapshot) {
    const id = randomUUID();
    const at = Date.UTC(2025, 6, 15, 1);
    await tx.insert(apps).values({
      id,
      callId,
      applicantId: who.id,
      status: "failed",
      ...STATEMENTS,
      stage: 1,
      ...snapshot,
      applicantRank: "主任",
      submittedAt: new Date(at),
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
    await tx.insert(hist).values([
      { applicationId: id, action: "submit", fromStatus: null, toStatus: "submitted", fromStage: null, toStage: 0, actorId: who.id, actorRole: "applicant", comment: null, at: new Date(at) },
      { applicationId: id, action: "advance", fromStatus: "submitted", toStatus: "submitted", fromStage: 0, toStage: 1, actorId: hr, actorRole: "hr_personnel", comment: null, at: new Date(at + 30 * DAY) },
      { applicationId: id, action: "fail", fromStatus: "submitted", toStatus: "failed", fromStage: 1, toStage: 1, actorId: hr, actorRole: "hr_personnel", comment: null, at: new Date(at + 45 * DAY) },
    ]);
  }
  return { created: true, passedBy: passedBy(callId) };
}

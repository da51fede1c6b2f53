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
// Re-runnable: a call is keyed on its 年度 and title; an existing one is left alone.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { DEFAULT_ELIGIBILITY, DEFAULT_LIMITS, DEFAULT_STAGES, exemptionLabel, type PromotionEligibility } from "../app/services/promotion/rules";
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

export function seedPromotion(db: Db, now: Date = new Date()): { calls: number; applications: number } {
  const sqlite = db.$client;
  const idOf = (staffNumber: string) => (sqlite.prepare("SELECT id FROM employees WHERE staff_number = ?").get(staffNumber) as { id: string }).id;
  const unitOf = ([bureau, section]: [string, string]) =>
    (
      sqlite
        .prepare(
          `SELECT s.id FROM org_units s JOIN org_units d ON d.id = s.parent_id JOIN org_units b ON b.id = d.parent_id
           WHERE s.name = ? AND b.name = ? AND s.kind = 'section'`,
        )
        .get(section, bureau) as { id: number }
    ).id;
  const hr = idOf(DEMO_ACCOUNTS.hrPersonnel.staffNumber);
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

  let calls = 0;
  let applications = 0;
  sqlite.transaction(() => {
    seedLeave(db);
    const lastYear = seedLastYearsCall(db, hr, unitOf(["中原区役所", "地域支援課"]));
    if (lastYear.created) calls++;
    for (const c of seeds) {
      if (sqlite.prepare("SELECT 1 FROM promotion_calls WHERE fiscal_year = ? AND title = ?").get(FY, c.title)) continue;
      const callId = Number(
        sqlite
          .prepare(
            `INSERT INTO promotion_calls (fiscal_year, title, level, description, reference_date, opens_on, closes_on, eligibility, opinion_required, opinion_due_on, stages, stage_exemptions, limits, status, created_by, published_at)
             VALUES (?, ?, 'kakaricho', ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(FY, c.title, c.description, c.referenceDate, c.opensOn, c.closesOn, JSON.stringify(c.eligibility), c.opinionDueOn, JSON.stringify(DEFAULT_STAGES), JSON.stringify(c.stageExemptions ?? []), JSON.stringify(DEFAULT_LIMITS), c.status, hr, today).lastInsertRowid,
      );
      calls++;
      c.posts.forEach((p, i) =>
        sqlite.prepare("INSERT INTO promotion_posts (call_id, org_unit_id, duties, places, position) VALUES (?, ?, ?, ?, ?)").run(callId, unitOf(p.unit), p.duties, p.places, i),
      );
      if (c.status !== "selecting") continue;
      // Applicants: 主任 of at least 3 years, in 在職, with a supervisor, not the demo accounts.
      const people = sqlite
        .prepare(
          `SELECT id, org_unit_id, supervisor_id FROM employees
           WHERE rank = '主任' AND rank_since <= '2023-10-01' AND employment_type = '正規' AND work_status = '在職'
             AND supervisor_id IS NOT NULL AND staff_number >= '200001' ORDER BY staff_number LIMIT ?`,
        )
        .all(FIRST_CALL_APPLICANTS.length) as { id: string; org_unit_id: number; supervisor_id: string }[];
      FIRST_CALL_APPLICANTS.forEach((a, i) => {
        const person = people[i];
        if (!person) return;
        const id = randomUUID();
        const submittedAt = Date.UTC(2026, 6, 10 + i, 1);
        const exempt = a.exemptLastYear ? lastYear.passedBy(person.id) : null;
        sqlite
          .prepare(
            `INSERT INTO promotion_applications (id, call_id, applicant_id, status, motivation, career_plan, self_pr, stage, applicant_org_unit_id, applicant_rank,
               applicant_bureau_id, applicant_gender, applicant_birth_year, exemptions, submitted_at, created_at, updated_at)
             SELECT ?, ?, e.id, ?, ?, ?, ?, ?, e.org_unit_id, '主任', b.id, e.gender, e.birth_year, ?, ?, ?, ?
             FROM employees e JOIN org_units s ON s.id = e.org_unit_id JOIN org_units d ON d.id = s.parent_id JOIN org_units b ON b.id = d.parent_id
             WHERE e.id = ?`,
          )
          .run(id, callId, a.status, STATEMENTS.motivation, STATEMENTS.careerPlan, STATEMENTS.selfPr, a.stage, JSON.stringify(exempt ? [exempt] : []), submittedAt, submittedAt, submittedAt, person.id);
        applications++;
        const hist = sqlite.prepare(
          `INSERT INTO promotion_history (application_id, action, from_status, to_status, from_stage, to_stage, actor_id, actor_role, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        hist.run(id, "submit", null, "submitted", null, exempt ? 1 : 0, person.id, "applicant", null, submittedAt);
        if (exempt) hist.run(id, "exempt", "submitted", "submitted", 0, 0, person.id, "system", exemptionLabel(exempt), submittedAt);
        let from = "submitted";
        a.steps.forEach((s, k) => {
          const at = Date.UTC(2026, 7, 20 + k * 10, 2) + i * 60_000;
          hist.run(id, s.action, from, s.to, s.fromStage, s.toStage, s.by === "applicant" ? person.id : hr, s.by, s.comment ?? null, at);
          from = s.to;
        });
        if (a.opinion) {
          sqlite
            .prepare("INSERT INTO promotion_opinions (application_id, supervisor_id, recommendation, comment, written_at) VALUES (?, ?, ?, ?, ?)")
            .run(id, person.supervisor_id, a.opinion, a.opinion === "recommend" ? "調整力が高く、係長として期待できます。" : "現職でもう少し経験を積むことを勧めます。", submittedAt + 5 * DAY);
        }
      });
    }
  })();
  return { calls, applications };
}

/**
 * 休職等期間 for the demo city, once (skipped when any period is stored): a period still
 * running for everyone the org data has on 休職・停職・育児休業・派遣 now, and a past 育児休業
 * of 8 months for every 25th long-serving 主任 in 在職 (not the demo accounts).
 */
function seedLeave(db: Db): void {
  const sqlite = db.$client;
  if (sqlite.prepare("SELECT 1 FROM employee_leave_periods LIMIT 1").get()) return;
  const insert = sqlite.prepare("INSERT INTO employee_leave_periods (employee_id, kind, from_on, to_on) VALUES (?, ?, ?, ?)");
  const onLeave = sqlite
    .prepare("SELECT id, work_status AS kind, hired_on AS hiredOn FROM employees WHERE work_status IN ('休職', '停職', '育児休業', '派遣') AND source = 'personnel'")
    .all() as { id: string; kind: string; hiredOn: string | null }[];
  for (const p of onLeave) insert.run(p.id, p.kind, p.hiredOn && p.hiredOn > "2026-04-01" ? p.hiredOn : "2026-04-01", null);
  const parents = sqlite
    .prepare("SELECT id FROM employees WHERE rank = '主任' AND work_status = '在職' AND rank_since <= '2022-04-01' AND staff_number >= '200001' ORDER BY staff_number")
    .all() as { id: string }[];
  parents.filter((_, i) => i % 25 === 3).forEach((p) => insert.run(p.id, "育児休業", "2024-04-01", "2024-11-30"));
}

/**
 * 令和7年度's 係長級 call, done: the applicant the 第1回 exemption is shown for passed its
 * 書類選考 and did not pass 面接. Keyed on its title like the others.
 */
function seedLastYearsCall(db: Db, hr: string, unitId: number) {
  const sqlite = db.$client;
  const title = "令和7年度 係長級昇任型公募";
  const passedBy = (callId: number) => (applicantId: string) => {
    const passed = sqlite
      .prepare(
        "SELECT 1 FROM promotion_history h JOIN promotion_applications a ON a.id = h.application_id WHERE a.call_id = ? AND a.applicant_id = ? AND h.action = 'advance' AND h.from_stage = 0",
      )
      .get(callId, applicantId);
    return passed ? { stage: 0, stageName: "書類選考", fiscalYear: 2025, callId } : null;
  };
  const existing = sqlite.prepare("SELECT id FROM promotion_calls WHERE fiscal_year = 2025 AND title = ?").get(title) as { id: number } | undefined;
  if (existing) return { created: false, passedBy: passedBy(existing.id) };
  const callId = Number(
    sqlite
      .prepare(
        `INSERT INTO promotion_calls (fiscal_year, title, level, description, reference_date, opens_on, closes_on, eligibility, opinion_required, opinion_due_on, stages, limits, status, created_by, published_at)
         VALUES (2025, ?, 'kakaricho', '係長を募集しました。', '2025-10-01', '2025-07-01', '2025-07-31', ?, 0, NULL, ?, ?, 'done', ?, ?)`,
      )
      .run(title, JSON.stringify(DEFAULT_ELIGIBILITY), JSON.stringify(DEFAULT_STAGES), JSON.stringify(DEFAULT_LIMITS), hr, Date.UTC(2025, 5, 20)).lastInsertRowid,
  );
  sqlite.prepare("INSERT INTO promotion_posts (call_id, org_unit_id, duties, places, position) VALUES (?, ?, '地域防災の係長', 1, 0)").run(callId, unitId);
  // 第1回's applicant at index 4 (the same query and order as there).
  const who = sqlite
    .prepare(
      `SELECT id FROM employees WHERE rank = '主任' AND rank_since <= '2023-10-01' AND employment_type = '正規' AND work_status = '在職'
         AND supervisor_id IS NOT NULL AND staff_number >= '200001' ORDER BY staff_number LIMIT 1 OFFSET 4`,
    )
    .get() as { id: string } | undefined;
  if (who) {
    const id = randomUUID();
    const at = Date.UTC(2025, 6, 15, 1);
    sqlite
      .prepare(
        `INSERT INTO promotion_applications (id, call_id, applicant_id, status, motivation, career_plan, self_pr, stage, applicant_org_unit_id, applicant_rank,
           applicant_bureau_id, applicant_gender, applicant_birth_year, submitted_at, created_at, updated_at)
         SELECT ?, ?, e.id, 'failed', ?, ?, ?, 1, e.org_unit_id, '主任', b.id, e.gender, e.birth_year, ?, ?, ?
         FROM employees e JOIN org_units s ON s.id = e.org_unit_id JOIN org_units d ON d.id = s.parent_id JOIN org_units b ON b.id = d.parent_id WHERE e.id = ?`,
      )
      .run(id, callId, STATEMENTS.motivation, STATEMENTS.careerPlan, STATEMENTS.selfPr, at, at, at, who.id);
    const hist = sqlite.prepare(
      "INSERT INTO promotion_history (application_id, action, from_status, to_status, from_stage, to_stage, actor_id, actor_role, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    hist.run(id, "submit", null, "submitted", null, 0, who.id, "applicant", null, at);
    hist.run(id, "advance", "submitted", "submitted", 0, 1, hr, "hr_personnel", null, at + 30 * DAY);
    hist.run(id, "fail", "submitted", "failed", 1, 1, hr, "hr_personnel", null, at + 45 * DAY);
  }
  return { created: true, passedBy: passedBy(callId) };
}

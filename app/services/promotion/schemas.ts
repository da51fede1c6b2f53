/**
 * zod schemas shared by the promotion forms (Conform in the browser) and the actions.
 * Messages are Japanese and belong next to their field.
 */
import { z } from "zod";
import { isValidIsoDate } from "~/lib/fiscal-year";
import { EMPLOYMENT_TYPES, RANKS } from "~/services/org/master-data";
import { LEAVE_KINDS, WORK_STATUSES } from "~/services/org/master-data";
import { LEVELS, STATEMENT_FIELDS, STATEMENT_LABELS, charCount, deductedLeaveOf, type PromotionEligibility, type PromotionLimits } from "./rules";

const RELOAD = "画面を再読み込みしてやり直してください。";
const version = z.coerce.number({ error: RELOAD }).int().min(1);

/** A whole number a person typed (full-width digits allowed) between min and max. */
function count(label: string, min: number, max: number) {
  return z.string({ error: `${label}を入力してください。` }).transform((raw, ctx) => {
    const t = raw.normalize("NFKC").trim();
    if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) {
      ctx.addIssue({ code: "custom", message: `${label}は${min}から${max}までの整数で入力してください。` });
      return z.NEVER;
    }
    return Number(t);
  });
}

function optionalCount(label: string, min: number, max: number) {
  return count(label, min, max).optional().transform((v) => v ?? null);
}

function date(label: string) {
  return z
    .string({ error: `${label}を入力してください。` })
    .refine((v) => isValidIsoDate(v), { message: `${label}は日付（例: 2027-03-31）で入力してください。` });
}

// ——— the employee's application ————————————————————————————————————————

export const APPLICANT_INTENTS = ["save", "submit", "resubmit", "withdraw"] as const;
export type ApplicantIntent = (typeof APPLICANT_INTENTS)[number];

/**
 * The statements with the call's limits. Saving a draft takes them as they are; submitting
 * needs all three. Conform turns an empty field into undefined; the value is then "".
 */
export function applicationSchema(limits: PromotionLimits) {
  const statement = (field: (typeof STATEMENT_FIELDS)[number]) =>
    z
      .string()
      .optional()
      .transform((v) => v ?? "")
      .refine((v) => charCount(v) <= limits[field], {
        message: `${STATEMENT_LABELS[field]}は${limits[field]}字以内で入力してください。`,
      });
  return z
    .object({
      intent: z.enum(APPLICANT_INTENTS, { error: RELOAD }),
      version: version.optional(),
      motivation: statement("motivation"),
      careerPlan: statement("careerPlan"),
      selfPr: statement("selfPr"),
    })
    .superRefine((v, ctx) => {
      if (v.intent !== "submit" && v.intent !== "resubmit") return;
      for (const f of STATEMENT_FIELDS) {
        if (v[f].trim() === "") ctx.addIssue({ code: "custom", path: [f], message: `${STATEMENT_LABELS[f]}を入力してください。` });
      }
    });
}
export type ApplicationInput = z.output<ReturnType<typeof applicationSchema>>;

// ——— 人事課: the call ————————————————————————————————————————————————————

/** How a kind of leave counts towards the years in rank: as service, or deducted fully or by half. */
export const LEAVE_SHARES = ["count", "full", "half"] as const;
export const LEAVE_SHARE_LABELS: Record<(typeof LEAVE_SHARES)[number], string> = { count: "在職期間に含める", full: "全期間を除く", half: "2分の1を除く" };

const deductedLeaveSchema = z
  .object(Object.fromEntries(LEAVE_KINDS.map((k) => [k, z.enum(LEAVE_SHARES, { error: `${k}の期間の扱いを選んでください。` }).optional()])) as Record<(typeof LEAVE_KINDS)[number], z.ZodOptional<z.ZodEnum<{ count: "count"; full: "full"; half: "half" }>>>)
  .optional()
  .transform((v) => {
    const out: Partial<Record<string, "full" | "half">> = {};
    for (const k of LEAVE_KINDS) {
      const share = v?.[k];
      if (share === "full" || share === "half") out[k] = share;
    }
    return out;
  });

const exemptionRowSchema = z.object({ stage: z.string().optional(), years: z.string().optional() });

const postSchema = z.object({
  orgUnitId: z.coerce.number().int().optional(),
  duties: z.string().optional(),
  places: z.string().optional(),
});

export const callSchema = z
  .object({
    version: version.optional(),
    fiscalYear: count("年度", 2019, 2100),
    title: z.string({ error: "公募の名称を入力してください。" }).max(100, "公募の名称は100字以内で入力してください。"),
    level: z.enum(LEVELS, { error: "対象の職の段階を選んでください。" }),
    description: z.string().max(2000, "説明は2000字以内で入力してください。").optional().transform((v) => v ?? ""),
    referenceDate: date("基準日"),
    opensOn: date("受付開始日"),
    closesOn: date("受付締切日"),
    ranks: z.array(z.enum(RANKS), { error: "応募できる職位を1つ以上選んでください。" }).min(1, "応募できる職位を1つ以上選んでください。"),
    minYearsInRank: count("現在の職位での在職年数", 0, 40),
    deductedLeave: deductedLeaveSchema,
    ageMin: optionalCount("年齢の下限", 18, 70),
    ageMax: optionalCount("年齢の上限", 18, 70),
    excludedWorkStatuses: z.array(z.enum(WORK_STATUSES)).optional().transform((v) => v ?? []),
    excludedEmploymentTypes: z.array(z.enum(EMPLOYMENT_TYPES)).optional().transform((v) => v ?? []),
    probationMonths: count("条件付採用期間", 0, 12),
    minYearsSinceTransfer: optionalCount("配属からの年数", 0, 20),
    opinionRequired: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    opinionDueOn: date("所属長意見の期限").optional().transform((v) => v ?? null),
    stages: z.string({ error: "選考の段階を1行に1つずつ入力してください。" }).transform((v, ctx) => {
      const list = v
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (list.length < 1 || list.length > 6 || list.some((s) => s.length > 30)) {
        ctx.addIssue({ code: "custom", message: "選考の段階は1〜6個、1行に1つずつ（各30字以内）入力してください。" });
        return z.NEVER;
      }
      return list;
    }),
    stageExemptions: z.array(exemptionRowSchema).optional().transform((v) => v ?? []),
    motivationLimit: count("志望動機の字数", 100, 4000),
    careerPlanLimit: count("キャリアプランの字数", 100, 4000),
    selfPrLimit: count("自己PRの字数", 100, 4000),
    posts: z.array(postSchema).optional().transform((v) => v ?? []),
  })
  .superRefine((v, ctx) => {
    if (v.opensOn > v.closesOn) ctx.addIssue({ code: "custom", path: ["closesOn"], message: "受付締切日は受付開始日以降の日にしてください。" });
    if (v.ageMin !== null && v.ageMax !== null && v.ageMin > v.ageMax) {
      ctx.addIssue({ code: "custom", path: ["ageMax"], message: "年齢の上限は下限以上にしてください。" });
    }
    if (v.opinionRequired && !v.opinionDueOn) ctx.addIssue({ code: "custom", path: ["opinionDueOn"], message: "所属長意見を求めるときは、その期限を入力してください。" });
    if (v.opinionRequired && v.opinionDueOn && v.opinionDueOn < v.opensOn) {
      ctx.addIssue({ code: "custom", path: ["opinionDueOn"], message: "所属長意見の期限は受付開始日以降の日にしてください。" });
    }
    v.stageExemptions.forEach((e, i) => {
      const stage = e.stage?.trim() ?? "";
      const years = (e.years ?? "").normalize("NFKC").trim();
      if (!stage && !years) return;
      const at = v.stages.indexOf(stage);
      if (at < 0) ctx.addIssue({ code: "custom", path: ["stageExemptions", i, "stage"], message: "免除できる段階は、選考の段階の名前のとおりに入力してください。" });
      else if (at === v.stages.length - 1) ctx.addIssue({ code: "custom", path: ["stageExemptions", i, "stage"], message: "最後の段階は免除できません。" });
      else if (v.stageExemptions.slice(0, i).some((o) => o.stage?.trim() === stage)) ctx.addIssue({ code: "custom", path: ["stageExemptions", i, "stage"], message: "同じ段階が2回入力されています。" });
      if (!/^\d+$/.test(years) || Number(years) < 1 || Number(years) > 5) ctx.addIssue({ code: "custom", path: ["stageExemptions", i, "years"], message: "有効な年度数は1から5までの整数で入力してください。" });
    });
    let filled = 0;
    v.posts.forEach((p, i) => {
      const blank = !p.orgUnitId && !p.duties?.trim() && !p.places?.trim();
      if (blank) return;
      filled++;
      if (!p.orgUnitId) ctx.addIssue({ code: "custom", path: ["posts", i, "orgUnitId"], message: "所属を選んでください。" });
      if (!p.duties?.trim()) ctx.addIssue({ code: "custom", path: ["posts", i, "duties"], message: "職務の内容を入力してください。" });
      const n = Number((p.places ?? "").normalize("NFKC").trim());
      if (!Number.isInteger(n) || n < 1 || n > 50) ctx.addIssue({ code: "custom", path: ["posts", i, "places"], message: "募集人数は1から50までの整数で入力してください。" });
    });
    if (filled === 0) ctx.addIssue({ code: "custom", path: ["posts", 0, "orgUnitId"], message: "募集するポストを1つ以上入力してください。" });
  });
export type CallFormInput = z.output<typeof callSchema>;

/** The stage exemptions a person filled in (blank rows dropped), as the call stores them. */
export function exemptionsOf(input: CallFormInput): { stage: string; years: number }[] {
  return input.stageExemptions
    .filter((e) => e.stage?.trim())
    .map((e) => ({ stage: e.stage!.trim(), years: Number((e.years ?? "").normalize("NFKC").trim()) }));
}

/** The posts a person filled in (blank rows dropped), as the mutation stores them. */
export function postsOf(input: CallFormInput): { orgUnitId: number; duties: string; places: number }[] {
  return input.posts
    .filter((p) => p.orgUnitId && p.duties?.trim())
    .map((p) => ({ orgUnitId: p.orgUnitId!, duties: p.duties!.trim(), places: Number((p.places ?? "").normalize("NFKC").trim()) }));
}

export const callTransitionSchema = z.object({
  action: z.enum(["publish", "close", "select", "complete"], { error: RELOAD }),
  version,
});

export const copyCallSchema = z.object({ fromId: z.coerce.number({ error: RELOAD }).int() });

// ——— 人事課: the selection ——————————————————————————————————————————————

export const decisionSchema = z
  .object({
    action: z.enum(["advance", "pass", "fail", "decline", "place"], { error: "結果を選んでください。" }),
    version,
    comment: z.string().max(1000, "コメントは1000字以内で入力してください。").optional().transform((v) => v ?? ""),
    placementPostId: z.coerce.number().int().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "place" && !v.placementPostId) ctx.addIssue({ code: "custom", path: ["placementPostId"], message: "配置先を選んでください。" });
  });

// ——— the supervisor ————————————————————————————————————————————————————

export const opinionSchema = z.object({
  recommendation: z.enum(["recommend", "not_recommend"], { error: "推薦するかどうかを選んでください。" }),
  comment: z.string().max(1000, "意見は1000字以内で入力してください。").optional().transform((v) => v ?? ""),
});

/** A call's values as the form's text (for editing, and for a new call from the defaults). */
export function callFormDefaults(
  call: {
    fiscalYear: number;
    title: string;
    level: string;
    description: string;
    referenceDate: string;
    opensOn: string;
    closesOn: string;
    eligibility: PromotionEligibility;
    opinionRequired: boolean;
    opinionDueOn: string | null;
    stages: string[];
    stageExemptions: { stage: string; years: number }[];
    limits: PromotionLimits;
  },
  posts: { orgUnitId: number; duties: string; places: number }[],
) {
  const e = call.eligibility;
  const n = (v: number | null) => (v === null ? "" : String(v));
  return {
    fiscalYear: String(call.fiscalYear),
    title: call.title,
    level: call.level,
    description: call.description,
    referenceDate: call.referenceDate,
    opensOn: call.opensOn,
    closesOn: call.closesOn,
    ranks: e.ranks,
    minYearsInRank: String(e.minYearsInRank),
    deductedLeave: Object.fromEntries(LEAVE_KINDS.map((k) => [k, deductedLeaveOf(e)[k] ?? "count"])),
    ageMin: n(e.ageMin),
    ageMax: n(e.ageMax),
    excludedWorkStatuses: e.excludedWorkStatuses,
    excludedEmploymentTypes: e.excludedEmploymentTypes,
    probationMonths: String(e.probationMonths),
    minYearsSinceTransfer: n(e.minYearsSinceTransfer),
    opinionRequired: call.opinionRequired ? "on" : null,
    opinionDueOn: call.opinionDueOn ?? "",
    stages: call.stages.join("\n"),
    stageExemptions: call.stageExemptions.map((x) => ({ stage: x.stage, years: String(x.years) })),
    motivationLimit: String(call.limits.motivation),
    careerPlanLimit: String(call.limits.careerPlan),
    selfPrLimit: String(call.limits.selfPr),
    posts: posts.map((p) => ({ orgUnitId: String(p.orgUnitId), duties: p.duties, places: String(p.places) })),
  };
}

/**
 * The pure rules of 昇任型公募: who is eligible for a call on its 基準日 and why not, the
 * application window, the supervisor's due date and how statements are counted. No DB.
 *
 * Dates are calendar dates in Tokyo written "YYYY-MM-DD". Periods count the first day
 * (初日算入), as personnel offices do: a rank held from 2024-04-01 is exactly 3 years old
 * on 2027-03-31, and one held from 2024-04-02 is 2年11か月.
 */
import type { PromotionEligibility, PromotionGrantedExemption, PromotionLimits, PromotionStageExemption } from "../../../db/schema/promotion";
import { formatWareki, parseIsoDate, reiwaFiscalYearLabel } from "~/lib/fiscal-year";
import { LEAVE_KINDS } from "~/services/org/master-data";

export type { PromotionEligibility, PromotionGrantedExemption, PromotionLimits, PromotionStageExemption };

export const LEVELS = ["kakaricho", "kacho_hosa", "kacho"] as const;
export type PromotionLevel = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<PromotionLevel, string> = { kakaricho: "係長級", kacho_hosa: "課長補佐級", kacho: "課長級" };

/** What the personnel system knows of one person, as eligibility reads it. */
export type Candidate = {
  rank: string | null;
  rankSince: string | null;
  hiredOn: string | null;
  birthYear: number | null;
  employmentType: string | null;
  workStatus: string | null;
  assignedOn: string | null;
  /** Leave periods (休職・育児休業 …), inclusive dates; `to` null: still on leave. */
  leave?: readonly LeavePeriod[];
};

export type LeavePeriod = { kind: string; from: string; to: string | null };

export type RuleKey = "rank" | "yearsInRank" | "age" | "workStatus" | "employmentType" | "probation" | "transfer";
export type Failure = { rule: RuleKey; message: string };
/** `notes`: what the rules counted that a person should know (a leave deduction). */
export type Eligibility = { eligible: boolean; failures: Failure[]; notes: string[] };

/** The defaults a new call starts from (人事課 changes them per call). */
export const DEFAULT_ELIGIBILITY: PromotionEligibility = {
  ranks: ["主任"],
  minYearsInRank: 3,
  // Commonly: 休職 and 停職 do not count as service, 育児休業 counts half.
  deductedLeave: { 休職: "full", 停職: "full", 育児休業: "half" },
  ageMin: null,
  ageMax: null,
  excludedWorkStatuses: ["休職", "停職", "育児休業", "派遣"],
  excludedEmploymentTypes: ["任期付", "会計年度任用"],
  probationMonths: 6,
  minYearsSinceTransfer: null,
};
export const DEFAULT_LIMITS: PromotionLimits = { motivation: 800, careerPlan: 800, selfPr: 800 };
export const DEFAULT_STAGES = ["書類選考", "面接", "最終選考"];

// ——— dates ————————————————————————————————————————————————————————————

const DAY_MS = 86_400_000;

function toDay(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/** Whole months from `from` to `toExclusive` (both calendar dates). */
export function wholeMonths(from: string, toExclusive: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(toExclusive);
  const months = (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
  return Math.max(0, months);
}

/**
 * Whole months served from `since` up to and including `onDate`, less `deductDays`.
 * The deduction moves the end back by that many days before the months are counted.
 */
export function monthsServed(since: string, onDate: string, deductDays = 0): number {
  const endExclusive = addDays(onDate, 1 - Math.max(0, Math.round(deductDays)));
  if (endExclusive <= since) return 0;
  return wholeMonths(since, endExclusive);
}

/** Leave days inside [since, onDate], each period clipped to it (an open period runs to onDate). */
export function leaveDaysWithin(leave: readonly { from: string; to: string | null }[], since: string, onDate: string): number {
  let days = 0;
  for (const p of clipLeave(leave, since, onDate)) days += toDay(p.to) - toDay(p.from) + 1;
  return days;
}

function clipLeave<P extends { from: string; to: string | null }>(leave: readonly P[], since: string, onDate: string): (P & { to: string })[] {
  const out: (P & { to: string })[] = [];
  for (const p of leave) {
    const from = p.from > since ? p.from : since;
    const end = p.to ?? onDate;
    const to = end < onDate ? end : onDate;
    if (from <= to) out.push({ ...p, from, to });
  }
  return out;
}

function addMonths(iso: string, months: number): string {
  const { year, month, day } = parseIsoDate(iso);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
}

/** The length of inclusive periods as people say it: whole months, then the days left over. */
export function periodLength(periods: readonly { from: string; to: string }[]): { months: number; days: number } {
  let months = 0;
  let days = 0;
  for (const p of periods) {
    const end = addDays(p.to, 1);
    const m = wholeMonths(p.from, end);
    months += m;
    days += toDay(end) - toDay(addMonths(p.from, m));
  }
  return { months, days };
}

/** "8か月", "1年2か月", "8か月15日", "20日". */
export function formatLength({ months, days }: { months: number; days: number }): string {
  if (months === 0) return `${days}日`;
  return `${formatMonths(months)}${days > 0 ? `${days}日` : ""}`;
}

/**
 * The leave a call deducts from the years in rank: the periods of each kind it names inside
 * [rankSince, 基準日], the days taken off (half of them for a "half" kind), and the words
 * for the person: 「育児休業期間（8か月）の2分の1」.
 */
export function leaveDeduction(rules: PromotionEligibility, leave: readonly LeavePeriod[], since: string, onDate: string): { days: number; words: string[] } {
  const shares = deductedLeaveOf(rules);
  let days = 0;
  const words: string[] = [];
  for (const kind of LEAVE_KINDS) {
    const share = shares[kind];
    if (!share) continue;
    const periods = clipLeave(leave.filter((p) => p.kind === kind), since, onDate);
    if (periods.length === 0) continue;
    const d = leaveDaysWithin(periods, since, onDate);
    days += share === "half" ? d / 2 : d;
    words.push(`${kind}期間（${formatLength(periodLength(periods))}）${share === "half" ? "の2分の1" : ""}`);
  }
  return { days, words };
}

/**
 * The kinds a call deducts. Calls saved before kinds were named (and hand-made JSON) said
 * "none" / "half" / "full" for all leave; the migration converts stored ones, this reads any.
 */
export function deductedLeaveOf(rules: PromotionEligibility): Partial<Record<string, "full" | "half">> {
  if (rules.deductedLeave && typeof rules.deductedLeave === "object") return rules.deductedLeave;
  const legacy = (rules as { leaveDeduction?: string }).leaveDeduction;
  if (legacy !== "full" && legacy !== "half") return {};
  return Object.fromEntries(LEAVE_KINDS.filter((k) => k !== "派遣").map((k) => [k, legacy]));
}

/** "2年4か月", "3年", "5か月". */
export function formatMonths(months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (y === 0) return `${m}か月`;
  return m === 0 ? `${y}年` : `${y}年${m}か月`;
}

/** Age reached in the calendar year of 基準日, from the birth year (the only birth fact the org data has). */
export function ageOn(referenceDate: string, birthYear: number): number {
  return parseIsoDate(referenceDate).year - birthYear;
}

// ——— eligibility ——————————————————————————————————————————————————————

/**
 * Whether a person may apply to a call, judged on its 基準日, with every rule they miss
 * worded for them. All rules are checked (not only the first) so the page can say
 * everything at once.
 */
export function checkEligibility(rules: PromotionEligibility, referenceDate: string, c: Candidate): Eligibility {
  const failures: Failure[] = [];
  const notes: string[] = [];
  const on = `基準日（${formatWareki(referenceDate)}）時点で`;

  if (c.employmentType && rules.excludedEmploymentTypes.includes(c.employmentType)) {
    failures.push({ rule: "employmentType", message: `${c.employmentType}職員は、この公募の対象ではありません。` });
  }
  if (c.workStatus && rules.excludedWorkStatuses.includes(c.workStatus)) {
    failures.push({ rule: "workStatus", message: `${c.workStatus}中の方は応募できません（現在の勤務状況: ${c.workStatus}）。` });
  }
  if (rules.probationMonths > 0) {
    const served = c.hiredOn ? monthsServed(c.hiredOn, referenceDate) : 0;
    if (!c.hiredOn || served < rules.probationMonths) {
      failures.push({
        rule: "probation",
        message: `${on}採用から${rules.probationMonths}か月を経過していない方（条件付採用期間中）は応募できません${c.hiredOn ? `（採用から${formatMonths(served)}）` : "（採用日が登録されていません）"}。`,
      });
    }
  }
  if (!c.rank || !rules.ranks.includes(c.rank)) {
    failures.push({
      rule: "rank",
      message: `この公募は${rules.ranks.join("・")}の方が対象です（現在の職位: ${c.rank ?? "未登録"}）。`,
    });
  } else if (rules.minYearsInRank > 0) {
    const deduction = c.rankSince && c.leave ? leaveDeduction(rules, c.leave, c.rankSince, referenceDate) : { days: 0, words: [] };
    const served = c.rankSince ? monthsServed(c.rankSince, referenceDate, deduction.days) : 0;
    const except = deduction.words.length > 0 ? `${deduction.words.join("・")}を除き、` : "";
    if (served < rules.minYearsInRank * 12) {
      failures.push({
        rule: "yearsInRank",
        message: `${on}${c.rank}在職${rules.minYearsInRank}年以上が必要です（${c.rankSince ? `${except}現在${formatMonths(served)}` : "現在の職位の発令日が登録されていません"}）。`,
      });
    } else if (except) {
      notes.push(`${on}の${c.rank}在職期間は、${except}${formatMonths(served)}です。`);
    }
  }
  if (rules.ageMin !== null || rules.ageMax !== null) {
    const band =
      rules.ageMin !== null && rules.ageMax !== null
        ? `${rules.ageMin}歳以上${rules.ageMax}歳以下`
        : rules.ageMin !== null
          ? `${rules.ageMin}歳以上`
          : `${rules.ageMax}歳以下`;
    if (c.birthYear === null) {
      failures.push({ rule: "age", message: `${on}${band}の方が対象です（生年が登録されていないため確認できません）。` });
    } else {
      const age = ageOn(referenceDate, c.birthYear);
      if ((rules.ageMin !== null && age < rules.ageMin) || (rules.ageMax !== null && age > rules.ageMax)) {
        failures.push({ rule: "age", message: `${on}${band}の方が対象です（${parseIsoDate(referenceDate).year}年中に${age}歳）。` });
      }
    }
  }
  if (rules.minYearsSinceTransfer !== null && rules.minYearsSinceTransfer > 0 && c.assignedOn) {
    const served = monthsServed(c.assignedOn, referenceDate);
    if (served < rules.minYearsSinceTransfer * 12) {
      failures.push({
        rule: "transfer",
        message: `${on}現所属への配属から${rules.minYearsSinceTransfer}年以上が必要です（現在${formatMonths(served)}）。`,
      });
    }
  }
  return { eligible: failures.length === 0, failures, notes };
}

/** The rules of a call in plain words, for the call page. */
export function describeEligibility(rules: PromotionEligibility, referenceDate: string): string[] {
  const on = `基準日（${formatWareki(referenceDate)}）`;
  const lines = [`${on}時点で${rules.ranks.join("・")}の方${rules.minYearsInRank > 0 ? `で、現在の職位に${rules.minYearsInRank}年以上在職している方` : ""}`];
  const shares = deductedLeaveOf(rules);
  const full = LEAVE_KINDS.filter((k) => shares[k] === "full");
  const half = LEAVE_KINDS.filter((k) => shares[k] === "half");
  if (rules.minYearsInRank > 0 && (full.length || half.length)) {
    const parts = [full.length ? `${full.join("・")}の期間` : null, half.length ? `${half.join("・")}の期間の2分の1` : null].filter(Boolean);
    lines.push(`在職期間から${parts.join("と")}を除いて数えます`);
  }
  if (rules.ageMin !== null || rules.ageMax !== null) {
    lines.push(`年齢（${parseIsoDate(referenceDate).year}年中に達する年齢）が${rules.ageMin !== null ? `${rules.ageMin}歳以上` : ""}${rules.ageMax !== null ? `${rules.ageMax}歳以下` : ""}`);
  }
  if (rules.minYearsSinceTransfer) lines.push(`現所属への配属から${rules.minYearsSinceTransfer}年以上`);
  const excluded = [...rules.excludedWorkStatuses.map((s) => `${s}中`), ...rules.excludedEmploymentTypes.map((t) => `${t}職員`)];
  if (rules.probationMonths > 0) excluded.push(`条件付採用期間中（採用から${rules.probationMonths}か月未満）`);
  if (excluded.length) lines.push(`対象外: ${excluded.join("・")}の方`);
  return lines;
}

// ——— windows ——————————————————————————————————————————————————————————

/** The application window is open from `opensOn` to the end of `closesOn` (Tokyo). */
export function isWindowOpen(call: { opensOn: string; closesOn: string }, today: string): boolean {
  return call.opensOn <= today && today <= call.closesOn;
}

/** The supervisor may write until the end of the due date (or the window's close when none is set). */
export function isOpinionOpen(call: { opinionRequired: boolean; opinionDueOn: string | null; closesOn: string }, today: string): boolean {
  return call.opinionRequired && today <= (call.opinionDueOn ?? call.closesOn);
}

// ——— statements ———————————————————————————————————————————————————————

/**
 * Characters as Japanese users count them: one per code point after NFC (so が typed as
 * か + ゛ is one, and 𠮷 is one, not two UTF-16 units), a line break (CRLF from a form) one.
 */
export function charCount(text: string): number {
  return [...text.replace(/\r\n/g, "\n").normalize("NFC")].length;
}

export const STATEMENT_FIELDS = ["motivation", "careerPlan", "selfPr"] as const;
export type StatementField = (typeof STATEMENT_FIELDS)[number];
export const STATEMENT_LABELS: Record<StatementField, string> = { motivation: "志望動機", careerPlan: "キャリアプラン", selfPr: "自己PR" };

// ——— stage exemptions ——————————————————————————————————————————————————

/** A stage a person passed in an earlier call (from its history: 合格 at that stage). */
export type PastPass = { callId: number; fiscalYear: number; level: string; stageName: string };

/**
 * The stages of `call` a person is exempt from: for each exemption the call allows, the
 * newest pass of a stage of that name in a call of the same level within `years` 年度 before
 * this one. The last stage is never exempt (the schema refuses it; this holds it too).
 */
export function exemptionsFor(
  call: { fiscalYear: number; level: string; stages: readonly string[]; stageExemptions: readonly PromotionStageExemption[] },
  passes: readonly PastPass[],
): PromotionGrantedExemption[] {
  const granted: PromotionGrantedExemption[] = [];
  for (const rule of call.stageExemptions) {
    const stage = call.stages.indexOf(rule.stage);
    if (stage < 0 || stage >= call.stages.length - 1 || granted.some((g) => g.stage === stage)) continue;
    const best = passes
      .filter((p) => p.level === call.level && p.stageName === rule.stage && p.fiscalYear < call.fiscalYear && p.fiscalYear >= call.fiscalYear - rule.years)
      .sort((a, b) => b.fiscalYear - a.fiscalYear || b.callId - a.callId)[0];
    if (best) granted.push({ stage, stageName: rule.stage, fiscalYear: best.fiscalYear, callId: best.callId });
  }
  return granted.sort((a, b) => a.stage - b.stage);
}

/** 「書類選考免除（令和8年度の公募で合格）」 */
export function exemptionLabel(e: Pick<PromotionGrantedExemption, "stageName" | "fiscalYear">): string {
  return `${e.stageName}免除（${reiwaFiscalYearLabel(e.fiscalYear)}の公募で合格）`;
}

/** The exemptions a call allows, in plain words for the call page. */
export function describeExemptions(exemptions: readonly PromotionStageExemption[]): string[] {
  return exemptions.map((e) => `${e.years === 1 ? "前年度" : `過去${e.years}年度以内`}の同じ職の段階の公募で${e.stage}に合格した方は、${e.stage}が免除されます`);
}

/**
 * The pure rules of 昇任型公募: who is eligible for a call on its 基準日 and why not, the
 * application window, the supervisor's due date and how statements are counted. No DB.
 *
 * Dates are calendar dates in Tokyo written "YYYY-MM-DD". Periods count the first day
 * (初日算入), as personnel offices do: a rank held from 2024-04-01 is exactly 3 years old
 * on 2027-03-31, and one held from 2024-04-02 is 2年11か月.
 */
import type { PromotionEligibility, PromotionLimits } from "../../../db/schema/promotion";
import { formatWareki, parseIsoDate } from "~/lib/fiscal-year";

export type { PromotionEligibility, PromotionLimits };

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
  /** Leave periods (休職・育児休業 …) inside the current rank, inclusive dates. */
  leave?: readonly { from: string; to: string }[];
};

export type RuleKey = "rank" | "yearsInRank" | "age" | "workStatus" | "employmentType" | "probation" | "transfer";
export type Failure = { rule: RuleKey; message: string };
export type Eligibility = { eligible: boolean; failures: Failure[] };

/** The defaults a new call starts from (人事課 changes them per call). */
export const DEFAULT_ELIGIBILITY: PromotionEligibility = {
  ranks: ["主任"],
  minYearsInRank: 3,
  leaveDeduction: "full",
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

/** Leave days inside [since, onDate], each period clipped to it. */
export function leaveDaysWithin(leave: readonly { from: string; to: string }[], since: string, onDate: string): number {
  let days = 0;
  for (const p of leave) {
    const from = p.from > since ? p.from : since;
    const to = p.to < onDate ? p.to : onDate;
    if (from <= to) days += toDay(to) - toDay(from) + 1;
  }
  return days;
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
    const deduct =
      c.rankSince && c.leave && rules.leaveDeduction !== "none"
        ? leaveDaysWithin(c.leave, c.rankSince, referenceDate) * (rules.leaveDeduction === "half" ? 0.5 : 1)
        : 0;
    const served = c.rankSince ? monthsServed(c.rankSince, referenceDate, deduct) : 0;
    if (served < rules.minYearsInRank * 12) {
      const leaveNote = deduct > 0 ? `、休職等の期間${rules.leaveDeduction === "half" ? "の半分" : ""}を除く` : "";
      failures.push({
        rule: "yearsInRank",
        message: `${on}${c.rank}在職${rules.minYearsInRank}年以上が必要です（現在${c.rankSince ? formatMonths(served) : "の職位の発令日が登録されていません"}${leaveNote}）。`,
      });
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
  return { eligible: failures.length === 0, failures };
}

/** The rules of a call in plain words, for the call page. */
export function describeEligibility(rules: PromotionEligibility, referenceDate: string): string[] {
  const on = `基準日（${formatWareki(referenceDate)}）`;
  const lines = [`${on}時点で${rules.ranks.join("・")}の方${rules.minYearsInRank > 0 ? `で、現在の職位に${rules.minYearsInRank}年以上在職している方` : ""}`];
  if (rules.minYearsInRank > 0 && rules.leaveDeduction !== "none") {
    lines.push(`在職期間から休職等の期間${rules.leaveDeduction === "half" ? "の半分" : ""}を除いて数えます`);
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

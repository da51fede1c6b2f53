/**
 * The pure rules of 職員メンター制度: topics, who may be a mentee or a mentor in a cycle and
 * why not, the registration window, when a direct request lapses, and how survey scores
 * are summarised. No DB, no clock (the caller passes "today" or "now").
 *
 * Periods count whole years from the hire date (初日算入) up to the cycle's first day.
 */
import type { MenteeEligibility, MentorEligibility, MentorWeights } from "../../../db/schema/mentor";
import { parseIsoDate } from "~/lib/fiscal-year";
import { RANKS } from "~/services/org/master-data";

export type { MenteeEligibility, MentorEligibility, MentorWeights };

/** Topics a mentor can help with and a mentee can ask about: a fixed list (keys in the data, labels here). */
export const TOPICS = [
  { key: "career", label: "キャリア形成" },
  { key: "work", label: "職務の進め方" },
  { key: "relations", label: "人間関係" },
  { key: "balance", label: "育児・介護との両立" },
  { key: "specialist", label: "専門職のキャリア" },
  { key: "transfer", label: "異動・昇任" },
  { key: "skills", label: "スキルアップ・資格" },
  { key: "health", label: "心身の健康・働き方" },
] as const;
export type Topic = (typeof TOPICS)[number]["key"];
export const TOPIC_KEYS = TOPICS.map((t) => t.key) as [Topic, ...Topic[]];
export const TOPIC_LABELS: Record<string, string> = Object.fromEntries(TOPICS.map((t) => [t.key, t.label]));

export function topicLabels(keys: readonly string[]): string[] {
  return keys.map((k) => TOPIC_LABELS[k] ?? k);
}

export const CYCLE_TERM_LABELS = { full: "通年", first_half: "上半期", second_half: "下半期" } as const;
export const MEETING_MODE_LABELS = { online: "オンライン", in_person: "対面" } as const;
export const FIT_LABELS = { good: "うまくいきそう", poor: "合わない" } as const;

/** A mentee may name at most this many mentors, in order. */
export const MAX_PREFERRED_MENTORS = 3;
/** A mentor takes 1–3 mentees. */
export const MAX_CAPACITY = 3;

export const DEFAULT_MENTEE_ELIGIBILITY: MenteeEligibility = { maxYearsSinceHire: 3 };
export const DEFAULT_MENTOR_ELIGIBILITY: MentorEligibility = { minRank: "係長", minYearsOfService: 10, requiredCourseTitle: null };
export const DEFAULT_WEIGHTS: MentorWeights = { topic: 10, sameJobCategory: 5, preference: [30, 20, 10], preferredAttribute: 5 };
export const DEFAULT_REQUEST_RESPONSE_DAYS = 7;

// ——— eligibility ——————————————————————————————————————————————————————

/** What the org data (and the training records) say of one person, as eligibility reads it. */
export type Person = {
  rank: string | null;
  hiredOn: string | null;
  /** Titles of 研修 the person has completed (any 年度). */
  completedCourseTitles?: readonly string[];
};

export type Failure = { rule: "hire" | "rank" | "service" | "course" | "unknown"; message: string };
export type Eligibility = { eligible: boolean; failures: Failure[] };

/** Whole years from `from` to `onDate` (both "YYYY-MM-DD"): 2023-04-01 → 2026-03-31 is 2, → 2026-04-01 is 3. */
export function wholeYears(from: string, onDate: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(onDate);
  const years = b.year - a.year - (b.month < a.month || (b.month === a.month && b.day < a.day) ? 1 : 0);
  return Math.max(0, years);
}

export function rankIndex(rank: string | null): number {
  return rank ? (RANKS as readonly string[]).indexOf(rank) : -1;
}

/** May this person register as a mentee of a cycle starting `referenceDate`? */
export function menteeEligibility(rule: MenteeEligibility, referenceDate: string, p: Person): Eligibility {
  if (rule.maxYearsSinceHire === null) return { eligible: true, failures: [] };
  if (!p.hiredOn) return { eligible: false, failures: [{ rule: "unknown", message: "組織データに採用日がないため、メンティとして登録できません。" }] };
  const years = wholeYears(p.hiredOn, referenceDate);
  if (years >= rule.maxYearsSinceHire) {
    return { eligible: false, failures: [{ rule: "hire", message: `メンティは採用から${rule.maxYearsSinceHire}年未満の職員が対象です（あなたは${years}年）。` }] };
  }
  return { eligible: true, failures: [] };
}

/** May this person register as a mentor of a cycle starting `referenceDate`? Every failing rule is listed. */
export function mentorEligibility(rule: MentorEligibility, referenceDate: string, p: Person): Eligibility {
  const failures: Failure[] = [];
  if (rankIndex(p.rank) < rankIndex(rule.minRank)) failures.push({ rule: "rank", message: `メンターは${rule.minRank}以上の職員が対象です。` });
  const years = p.hiredOn ? wholeYears(p.hiredOn, referenceDate) : 0;
  if (rule.minYearsOfService > 0 && years < rule.minYearsOfService) {
    failures.push({ rule: "service", message: `メンターは勤続${rule.minYearsOfService}年以上の職員が対象です（あなたは${years}年）。` });
  }
  if (rule.requiredCourseTitle && !(p.completedCourseTitles ?? []).includes(rule.requiredCourseTitle)) {
    failures.push({ rule: "course", message: `メンターになるには研修「${rule.requiredCourseTitle}」の修了が必要です。` });
  }
  return { eligible: failures.length === 0, failures };
}

export function describeMenteeEligibility(rule: MenteeEligibility): string {
  return rule.maxYearsSinceHire === null ? "希望する職員は誰でも" : `採用から${rule.maxYearsSinceHire}年未満の職員`;
}

export function describeMentorEligibility(rule: MentorEligibility): string {
  const parts = [`${rule.minRank}以上`];
  if (rule.minYearsOfService > 0) parts.push(`勤続${rule.minYearsOfService}年以上`);
  if (rule.requiredCourseTitle) parts.push(`研修「${rule.requiredCourseTitle}」修了`);
  return parts.join("・");
}

// ——— windows and deadlines ——————————————————————————————————————————————

/** Registration is open from `opensOn` to `closesOn`, both inclusive (Tokyo calendar days). */
export function isRegistrationOpen(cycle: { opensOn: string; closesOn: string }, today: string): boolean {
  return cycle.opensOn <= today && today <= cycle.closesOn;
}

const DAY_MS = 86_400_000;

/** A request made at `now` lapses `days` × 24 hours later. */
export function requestExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** A pending request whose time has passed counts as lapsed, whether or not a write has marked it yet. */
export function effectiveRequestStatus<S extends string>(status: S, expiresAt: Date, now: Date): S | "lapsed" {
  return status === "pending" && now.getTime() >= expiresAt.getTime() ? "lapsed" : status;
}

// ——— surveys ——————————————————————————————————————————————————————————

/** The mean of 1–5 scores to one decimal, or null when there are none. */
export function averageScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
}

/** A survey may be answered once the pair has ended (at the end of the cycle, or early). */
export function maySurvey(status: string): boolean {
  return status === "ended" || status === "ended_early";
}

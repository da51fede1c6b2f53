import { fiscalYearOfIsoDate, formatDateTimeJa, isValidIsoDate } from "~/lib/fiscal-year";
import type { EnrollmentStatus } from "./transitions";

// Pure rules of 階層別研修: which tier an employee is in, how far they are from their
// elective rule, and the time guards on sign-up, cancellation, promotion and marking.

export const COURSE_KINDS = ["required", "elective", "optIn"] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];
export const COURSE_KIND_LABELS: Record<CourseKind, string> = { required: "必修", elective: "選択", optIn: "希望" };

export type TierDefinition = {
  code: string;
  label: string;
  basis: "hireYear" | "newRank";
  /** hireYear: 1 = the 年度 of hire (新規採用), 2 = 2年目 … */
  serviceYear: number | null;
  /** newRank: the rank (職位) newly held this 年度. */
  rank: string | null;
  sortOrder: number;
};

/**
 * The city's tier definitions, seeded into training_tiers. The table is the source of
 * truth at run time; this list is the starting data and the test fixture.
 */
export const DEFAULT_TIERS: TierDefinition[] = [
  { code: "new_hire", label: "新規採用", basis: "hireYear", serviceYear: 1, rank: null, sortOrder: 10 },
  { code: "year2", label: "2年目", basis: "hireYear", serviceYear: 2, rank: null, sortOrder: 20 },
  { code: "year3", label: "3年目", basis: "hireYear", serviceYear: 3, rank: null, sortOrder: 30 },
  { code: "new_shunin", label: "新任主任", basis: "newRank", serviceYear: null, rank: "主任", sortOrder: 40 },
  { code: "new_kakaricho", label: "新任係長", basis: "newRank", serviceYear: null, rank: "係長", sortOrder: 50 },
  { code: "new_kachohosa", label: "新任課長補佐", basis: "newRank", serviceYear: null, rank: "課長補佐", sortOrder: 60 },
  { code: "new_kacho", label: "新任課長", basis: "newRank", serviceYear: null, rank: "課長", sortOrder: 70 },
];

/** What 人材育成課 sets per 年度 for one tier: the rule placing a person in it, and whether it is used. */
export type TierRule = { code: string; label?: string; basis: "hireYear" | "newRank"; serviceYear: number | null; rank: string | null; active: boolean };

export const TIER_BASIS_LABELS: Record<TierRule["basis"], string> = { hireYear: "採用から数えた年度", newRank: "その年度に昇任した職位" };

export const MAX_SERVICE_YEAR = 40;

/**
 * What is wrong with a 年度's tier rules, per tier code and field (empty when they can be
 * saved): a hire-year tier needs its year (1 = 新規採用), a rank tier one of the org
 * master's ranks, and two tiers in use may not place the same people by the same rule.
 */
export function tierRuleProblems(rules: readonly TierRule[], ranks: readonly string[]): { code: string; field: "serviceYear" | "rank"; message: string }[] {
  const out: { code: string; field: "serviceYear" | "rank"; message: string }[] = [];
  const seen = new Map<string, string>();
  for (const r of rules) {
    if (r.basis === "hireYear") {
      if (r.serviceYear === null || !Number.isInteger(r.serviceYear) || r.serviceYear < 1 || r.serviceYear > MAX_SERVICE_YEAR)
        out.push({ code: r.code, field: "serviceYear", message: `採用から何年度目かを1〜${MAX_SERVICE_YEAR}で入力してください（1 = 新規採用）。` });
    } else if (r.rank === null || !ranks.includes(r.rank)) {
      out.push({ code: r.code, field: "rank", message: "昇任した職位を選んでください。" });
    }
    if (!r.active) continue;
    const key = r.basis === "hireYear" ? `y${r.serviceYear}` : `r${r.rank}`;
    const other = seen.get(key);
    if (other !== undefined) out.push({ code: r.code, field: r.basis === "hireYear" ? "serviceYear" : "rank", message: `「${other}」と同じ条件です。条件を変えるか、どちらかを対象外にしてください。` });
    else seen.set(key, r.label ?? r.code);
  }
  return out;
}

export type EmployeeFacts = { rank: string | null; hiredOn: string | null; rankSince: string | null };

function fiscalYearOfDate(iso: string | null): number | null {
  return iso && isValidIsoDate(iso) ? fiscalYearOfIsoDate(iso) : null;
}

/** Does the employee belong to `tier` in `fiscalYear`? */
export function isInTier(employee: EmployeeFacts, tier: TierDefinition, fiscalYear: number): boolean {
  if (tier.basis === "hireYear") {
    const hireYear = fiscalYearOfDate(employee.hiredOn);
    return hireYear !== null && tier.serviceYear !== null && fiscalYear - hireYear + 1 === tier.serviceYear;
  }
  const rankYear = fiscalYearOfDate(employee.rankSince);
  return tier.rank !== null && employee.rank === tier.rank && rankYear === fiscalYear;
}

/** All tiers the employee is in for the 年度, in display order (usually one, sometimes none). */
export function tiersOf<T extends TierDefinition>(employee: EmployeeFacts, fiscalYear: number, tiers: readonly T[]): T[] {
  return tiers.filter((t) => isInTier(employee, t, fiscalYear)).sort((a, b) => a.sortOrder - b.sortOrder);
}

/** A course is open to an employee when it has no target tiers or shares one with them. */
export function isEligible(courseTierCodes: readonly string[], employeeTierCodes: readonly string[]): boolean {
  return courseTierCodes.length === 0 || courseTierCodes.some((c) => employeeTierCodes.includes(c));
}

/**
 * The tier recorded on an enrollment for statistics: the first of the employee's tiers
 * the course targets, or (for an open course) the employee's first tier, or null.
 */
export function tierForEnrollment(courseTierCodes: readonly string[], employeeTierCodes: readonly string[]): string | null {
  if (courseTierCodes.length === 0) return employeeTierCodes[0] ?? null;
  return employeeTierCodes.find((c) => courseTierCodes.includes(c)) ?? null;
}

export type ElectiveProgress = {
  required: number;
  available: number;
  completed: number;
  /** Seat held or taken part, not yet 修了: pending, confirmed, attended. */
  inProgress: number;
  waitlisted: number;
  /** How many more electives to sign up for so that, if all go well, the rule is met. */
  remainingToSignUp: number;
  met: boolean;
  message: string;
};

/**
 * How far an employee is from "選択科目から N 科目以上". `electives` are the tier's elective
 * courses in the 年度 with the employee's current (active) status on each, or null.
 */
export function electiveProgress(minElectives: number, electives: readonly { status: EnrollmentStatus | null }[]): ElectiveProgress {
  const count = (pred: (s: EnrollmentStatus | null) => boolean) => electives.filter((e) => pred(e.status)).length;
  const completed = count((s) => s === "completed");
  const inProgress = count((s) => s === "pending" || s === "confirmed" || s === "attended");
  const waitlisted = count((s) => s === "waitlisted");
  const remainingToSignUp = Math.max(0, minElectives - completed - inProgress);
  const met = completed >= minElectives;
  let message: string;
  if (met) message = `要件を満たしています（修了 ${completed}科目）。`;
  else if (remainingToSignUp === 0) message = `申込済みの科目を修了すると要件を満たします（修了 ${completed}科目・受講予定 ${inProgress}科目）。`;
  else
    message =
      `あと${remainingToSignUp}科目の申込が必要です（修了 ${completed}科目・受講予定 ${inProgress}科目` +
      (waitlisted > 0 ? `・キャンセル待ち ${waitlisted}科目` : "") +
      "）。";
  if (electives.length < minElectives) message += ` 対象の選択科目が${electives.length}科目しかありません。人材育成課にお問い合わせください。`;
  return { required: minElectives, available: electives.length, completed, inProgress, waitlisted, remainingToSignUp, met, message };
}

export function electiveRuleText(minElectives: number): string {
  return `選択科目から${minElectives}科目以上`;
}

/** 受付中, 受付終了, 中止 (called off by 人材育成課: final). */
export type SessionStatus = "open" | "closed" | "called_off";

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = { open: "受付中", closed: "受付終了", called_off: "中止" };

export type SessionTimes = {
  status: SessionStatus;
  startsAt: Date;
  signupOpensAt: Date;
  signupClosesAt: Date;
  cancelDeadline: Date;
};

export function hasStarted(session: Pick<SessionTimes, "startsAt">, now: Date): boolean {
  return now.getTime() >= session.startsAt.getTime();
}

/** Why something is refused, with the contract's reason (see ~/services/contract/refusal). */
export type Block = { reason: "closed" | "invalid" | "conflict"; message: string };

/** Why a sign-up to this session is refused now, or null when it is allowed. */
export function signUpBlock(session: SessionTimes, now: Date, eligible: boolean, tierLabels: readonly string[]): Block | null {
  const closed = (message: string): Block => ({ reason: "closed", message });
  if (session.status === "called_off") return closed("この回は中止になりました。");
  if (hasStarted(session, now)) return closed("この回はすでに開始しています。");
  if (session.status === "closed") return closed("この回は申込の受付を終了しています。");
  if (now < session.signupOpensAt) return closed(`申込の受付は${formatDateTimeJa(session.signupOpensAt)}からです。`);
  if (now >= session.signupClosesAt) return closed(`申込の受付は${formatDateTimeJa(session.signupClosesAt)}に締め切りました。`);
  if (!eligible) return { reason: "invalid", message: `この研修の対象（${tierLabels.join("・")}）ではないため申し込めません。` };
  return null;
}

/** The message of `signUpBlock`, for pages that show why there is no button. */
export function signUpRefusal(session: SessionTimes, now: Date, eligible: boolean, tierLabels: readonly string[]): string | null {
  return signUpBlock(session, now, eligible, tierLabels)?.message ?? null;
}

/** Why the employee may not cancel their own enrollment now, or null. */
export function cancelBlock(status: EnrollmentStatus, session: SessionTimes, now: Date): Block | null {
  // No seat held (a waitlist place, an 応募 before the draw): may leave until the start.
  if (status === "waitlisted" || status === "applied" || status === "applied_pending")
    return hasStarted(session, now) ? { reason: "closed", message: "この回はすでに開始しています。" } : null;
  if (status !== "pending" && status !== "confirmed") return { reason: "conflict", message: "この申込はキャンセルできる状態ではありません。" };
  if (now >= session.cancelDeadline)
    return { reason: "closed", message: `キャンセル期限（${formatDateTimeJa(session.cancelDeadline)}）を過ぎています。人材育成課にご連絡ください。` };
  return null;
}

/**
 * Why the employee may not move their sign-up away from this 回 to another now, or null.
 * Leaving a 回 is a cancellation of it, so its deadline applies.
 */
export function changeBlock(status: EnrollmentStatus, session: SessionTimes, now: Date): Block | null {
  const block = cancelBlock(status, session, now);
  if (block?.reason === "closed" && status !== "waitlisted")
    return { reason: "closed", message: `回の変更は今の回のキャンセル期限（${formatDateTimeJa(session.cancelDeadline)}）までです。人材育成課にご連絡ください。` };
  if (block?.reason === "conflict") return { reason: "conflict", message: "この申込は回を変更できる状態ではありません。" };
  return block;
}

/** The message of `cancelBlock`. */
export function cancelRefusal(status: EnrollmentStatus, session: SessionTimes, now: Date): string | null {
  return cancelBlock(status, session, now)?.message ?? null;
}

/** A freed seat is offered to the waitlist only while the session has not started (and was not called off). */
export function canPromoteInto(session: Pick<SessionTimes, "startsAt"> & { status?: SessionStatus }, now: Date): boolean {
  return session.status !== "called_off" && !hasStarted(session, now);
}

/** Why 人材育成課 may not call this 回 off now, or null: only before it starts, and once. */
export function callOffBlock(session: Pick<SessionTimes, "status" | "startsAt">, now: Date): Block | null {
  if (session.status === "called_off") return { reason: "conflict", message: "この回はすでに中止になっています。" };
  if (hasStarted(session, now)) return { reason: "closed", message: "開始した回は中止にできません。出席・欠席で記録してください。" };
  return null;
}

/** 出席・欠席・修了 are recorded only once the session has started. */
export function canMark(session: Pick<SessionTimes, "startsAt">, now: Date): boolean {
  return hasStarted(session, now);
}

/** The status a promoted or newly seated person gets. */
export function seatedStatus(needsApproval: boolean): "pending" | "confirmed" {
  return needsApproval ? "pending" : "confirmed";
}

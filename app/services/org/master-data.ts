/**
 * The fixed vocabularies of the org master (人事システムの組織データ): 職位, 任用形態, 性別, 勤務状況,
 * 所属の種別. One list for the import, the forms and the statistics, so a value accepted in
 * one place is accepted everywhere. The import's CSV columns are in import-columns.ts.
 *
 * No server-only imports here: pages render their choices from this module.
 */

/** 職位, lowest to highest. */
export const RANKS = ["一般職員", "主任", "係長", "課長補佐", "課長", "部長", "局長"] as const;
export type Rank = (typeof RANKS)[number];

/** The lowest 職位 that is 管理職. 管理職 = this rank and every rank above it in RANKS. */
export const LOWEST_MANAGER_RANK: Rank = "課長";

/** 管理職 (課長以上), read from the rank order: the one definition every service uses. */
export const MANAGER_RANKS: readonly Rank[] = RANKS.slice(RANKS.indexOf(LOWEST_MANAGER_RANK));

export function isManagerRank(rank: string | null | undefined): boolean {
  return rank != null && (MANAGER_RANKS as readonly string[]).includes(rank);
}

/** 任用形態. */
export const EMPLOYMENT_TYPES = ["正規", "会計年度任用", "任期付"] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/** 性別 (optional in the data; blank means not recorded). */
export const GENDERS = ["男性", "女性", "その他"] as const;
export type Gender = (typeof GENDERS)[number];

/** 勤務状況 (optional in the data; blank means not recorded, which the rules read as 在職). */
export const WORK_STATUSES = ["在職", "休職", "停職", "育児休業", "派遣"] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

/** 所属の種別: 局/区 → 部 → 課. */
export const ORG_UNIT_KINDS = ["bureau", "division", "section"] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const ORG_UNIT_KIND_LABELS: Record<OrgUnitKind, string> = {
  bureau: "局・区",
  division: "部",
  section: "課",
};

/** What the 種別 column may say. 局 and 区 alone are accepted because both are top-level units. */
export const ORG_UNIT_KIND_INPUTS: Readonly<Record<string, OrgUnitKind>> = {
  "局・区": "bureau",
  局: "bureau",
  区: "bureau",
  部: "division",
  課: "section",
};

/** Which kinds may be the parent of each kind. A 局/区 has no parent. */
export const ALLOWED_PARENT_KINDS: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  bureau: [],
  division: ["bureau"],
  section: ["division", "bureau"],
};

export function isRank(value: string): value is Rank {
  return (RANKS as readonly string[]).includes(value);
}

export function isEmploymentType(value: string): value is EmploymentType {
  return (EMPLOYMENT_TYPES as readonly string[]).includes(value);
}

export function isGender(value: string): value is Gender {
  return (GENDERS as readonly string[]).includes(value);
}

export function isWorkStatus(value: string): value is WorkStatus {
  return (WORK_STATUSES as readonly string[]).includes(value);
}

/**
 * 休職等の種別 of the leave-period CSV (休職等期間CSV): periods the personnel system records
 * per person, which a 昇任型公募 call may deduct from the years in rank.
 */
export const LEAVE_KINDS = ["休職", "停職", "育児休業", "介護休暇", "派遣"] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

export function isLeaveKind(value: string): value is LeaveKind {
  return (LEAVE_KINDS as readonly string[]).includes(value);
}

/**
 * The one table of who may move a subsidy application from which state to which, and the
 * named sets of states that every query, money total and test uses. The UI shows buttons
 * from the table (`actionsFor`), the mutation refuses anything not in it, and the tests walk it.
 */
import { actionsFor as contractActionsFor, findTransition as contractFindTransition, type Transition } from "~/services/contract/transitions";
import type { SubsidyStatus } from "./labels";

/**
 * The part a viewer plays towards one application. `capacitiesOf` in queries.server.ts is
 * the one place that decides which of these a viewer holds.
 */
export const SUBSIDY_CAPACITIES = ["applicant", "supervisor", "hr_dev"] as const;
export type SubsidyCapacity = (typeof SUBSIDY_CAPACITIES)[number];

export type SubsidyAction = "submit" | "resubmit" | "withdraw" | "confirm" | "return" | "approve" | "reject" | "pay";

/** A draft is created by saving the form, not by a transition: every row has a `from`. */
export type SubsidyTransition = Transition<SubsidyStatus, SubsidyCapacity, SubsidyAction> & { readonly from: SubsidyStatus };

export const TRANSITIONS: readonly SubsidyTransition[] = [
  { from: "draft", to: "submitted", by: ["applicant"], action: "submit", label: "申請する", needsComment: false },
  { from: "draft", to: "withdrawn", by: ["applicant"], action: "withdraw", label: "取り下げる", needsComment: false },
  { from: "returned", to: "submitted", by: ["applicant"], action: "resubmit", label: "再申請する", needsComment: false },
  { from: "returned", to: "withdrawn", by: ["applicant"], action: "withdraw", label: "取り下げる", needsComment: false },
  { from: "submitted", to: "withdrawn", by: ["applicant"], action: "withdraw", label: "取り下げる", needsComment: false },
  { from: "supervisor_confirmed", to: "withdrawn", by: ["applicant"], action: "withdraw", label: "取り下げる", needsComment: false },
  { from: "submitted", to: "supervisor_confirmed", by: ["supervisor"], action: "confirm", label: "業務上の有用性を確認する", needsComment: false },
  { from: "submitted", to: "returned", by: ["supervisor"], action: "return", label: "差し戻す", needsComment: true },
  { from: "supervisor_confirmed", to: "approved", by: ["hr_dev"], action: "approve", label: "交付決定する", needsComment: false },
  { from: "supervisor_confirmed", to: "rejected", by: ["hr_dev"], action: "reject", label: "不承認とする", needsComment: true },
  { from: "supervisor_confirmed", to: "returned", by: ["hr_dev"], action: "return", label: "差し戻す", needsComment: true },
  { from: "approved", to: "paid", by: ["hr_dev"], action: "pay", label: "支払済にする", needsComment: false },
];

// ——— Named sets of states ————————————————————————————————————————————————

/** States in which the applicant may change the content and the files. */
export const EDITABLE_STATUSES = ["draft", "returned"] as const satisfies readonly SubsidyStatus[];

/** States in which the supervisor holds the application (and may open its files). */
export const SUPERVISOR_HOLDS = ["submitted"] as const satisfies readonly SubsidyStatus[];

/** Waiting for a decision (申請中・所属長確認済): their amounts are shown beside the budget, not taken from it. */
export const IN_REVIEW_STATUSES = ["submitted", "supervisor_confirmed"] as const satisfies readonly SubsidyStatus[];

/** Decided amounts (交付決定・支払済): they count against the 年度 budget and the person's yearly cap. */
export const COMMITTED_STATUSES = ["approved", "paid"] as const satisfies readonly SubsidyStatus[];

/** Paid out (支払済): the part of COMMITTED_STATUSES the budget has spent (執行済). */
export const PAID_STATUSES = ["paid"] as const satisfies readonly SubsidyStatus[];

/** Ended without money (不承認). */
export const REJECTED_STATUSES = ["rejected"] as const satisfies readonly SubsidyStatus[];

/** Every state an application can reach once it has been sent (all but 下書き): what statistics count as applications. */
export const SENT_STATUSES = ["submitted", "supervisor_confirmed", "approved", "paid", "returned", "rejected", "withdrawn"] as const satisfies readonly SubsidyStatus[];

export function inSet(set: readonly SubsidyStatus[], status: SubsidyStatus): boolean {
  return set.includes(status);
}

export function isEditable(status: SubsidyStatus): boolean {
  return inSet(EDITABLE_STATUSES, status);
}

// ——— The contract's helpers, bound to this table ——————————————————————————————

/** What a viewer holding `capacities` may do from `status` (the buttons, the mutation's guard, the tests). */
export function actionsFor(status: SubsidyStatus, capacities: readonly SubsidyCapacity[]): SubsidyTransition[] {
  return contractActionsFor(TRANSITIONS, status, capacities);
}

export function findTransition(from: SubsidyStatus, to: SubsidyStatus, by: SubsidyCapacity): SubsidyTransition | undefined {
  return contractFindTransition(TRANSITIONS, from, to, by);
}

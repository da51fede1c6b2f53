/**
 * The one table of who may move a subsidy application from which state to which. The UI
 * shows buttons from it, the mutation refuses anything not in it, and the tests walk it.
 */
import type { SubsidyStatus } from "./labels";

export type SubsidyActor = "applicant" | "supervisor" | "hr_dev";

export type Transition = {
  from: SubsidyStatus;
  to: SubsidyStatus;
  by: SubsidyActor;
  /** The button's label. */
  label: string;
  /** A reason must be given (returns and rejections). */
  needsComment: boolean;
};

export const TRANSITIONS: readonly Transition[] = [
  { from: "draft", to: "submitted", by: "applicant", label: "申請する", needsComment: false },
  { from: "draft", to: "withdrawn", by: "applicant", label: "取り下げる", needsComment: false },
  { from: "returned", to: "submitted", by: "applicant", label: "再申請する", needsComment: false },
  { from: "returned", to: "withdrawn", by: "applicant", label: "取り下げる", needsComment: false },
  { from: "submitted", to: "withdrawn", by: "applicant", label: "取り下げる", needsComment: false },
  { from: "supervisor_confirmed", to: "withdrawn", by: "applicant", label: "取り下げる", needsComment: false },
  { from: "submitted", to: "supervisor_confirmed", by: "supervisor", label: "業務上の有用性を確認する", needsComment: false },
  { from: "submitted", to: "returned", by: "supervisor", label: "差し戻す", needsComment: true },
  { from: "supervisor_confirmed", to: "approved", by: "hr_dev", label: "交付決定する", needsComment: false },
  { from: "supervisor_confirmed", to: "rejected", by: "hr_dev", label: "不承認とする", needsComment: true },
  { from: "supervisor_confirmed", to: "returned", by: "hr_dev", label: "差し戻す", needsComment: true },
  { from: "approved", to: "paid", by: "hr_dev", label: "支払済にする", needsComment: false },
];

/** States in which the applicant may change the content and the files. */
export const EDITABLE_STATUSES: readonly SubsidyStatus[] = ["draft", "returned"];

/** States in which the supervisor holds the application (and may open its files). */
export const SUPERVISOR_HOLDS: readonly SubsidyStatus[] = ["submitted"];

/** Decided amounts: they count against the budget and the person's yearly cap. */
export const COMMITTED_STATUSES: readonly SubsidyStatus[] = ["approved", "paid"];

export function findTransition(from: SubsidyStatus, to: SubsidyStatus, by: SubsidyActor): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to && t.by === by);
}

/** What the viewer, acting in any of `actors`, may do from `status`. */
export function transitionsFor(status: SubsidyStatus, actors: readonly SubsidyActor[]): Transition[] {
  return TRANSITIONS.filter((t) => t.from === status && actors.includes(t.by));
}

export function isEditable(status: SubsidyStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

/**
 * The subsidy's vocabularies and their Japanese labels. No server-only imports: forms and
 * tables render from this module. The lists must equal those in db/schema/subsidy.ts
 * (a unit test holds them together). The named sets of statuses live beside the
 * transitions table (transitions.ts).
 */
import { COMMITTED_STATUSES, inSet } from "./transitions";

export const COST_TYPES = ["exam", "registration", "course"] as const;
export type CostType = (typeof COST_TYPES)[number];

export const COST_TYPE_LABELS: Record<CostType, string> = {
  exam: "受験料",
  registration: "登録料",
  course: "講習受講料",
};

export const STATUSES = [
  "draft",
  "submitted",
  "supervisor_confirmed",
  "approved",
  "paid",
  "returned",
  "rejected",
  "withdrawn",
] as const;
export type SubsidyStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<SubsidyStatus, string> = {
  draft: "下書き",
  submitted: "申請中",
  supervisor_confirmed: "所属長確認済",
  approved: "交付決定",
  paid: "支払済",
  returned: "差戻し",
  rejected: "不承認",
  withdrawn: "取下げ",
};

export const FILE_KINDS = ["receipt", "proof"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  receipt: "領収書",
  proof: "合格証の写し",
};

export const ACTOR_LABELS = {
  applicant: "申請者",
  supervisor: "所属長",
  hr_dev: "人材育成課",
} as const;

export function isCostType(value: string): value is CostType {
  return (COST_TYPES as readonly string[]).includes(value);
}

/** The tag style a status is shown with. */
export function statusTone(status: SubsidyStatus): "ok" | "muted" | "alert" | "plain" {
  if (inSet(COMMITTED_STATUSES, status)) return "ok";
  if (status === "withdrawn" || status === "draft") return "muted";
  if (status === "returned" || status === "rejected") return "alert";
  return "plain";
}

/**
 * The two state machines of 昇任型公募 as contract Transition tables, and the status sets
 * named once. The pages draw their buttons from `actionsFor`, the mutations call
 * `requireTransition`, and transitions.test.ts walks the same tables.
 */
import type { PROMOTION_APPLICATION_STATUSES, PROMOTION_CALL_STATUSES } from "../../../db/schema/promotion";
import { actionsFor, type Transition } from "~/services/contract/transitions";

export type CallStatus = (typeof PROMOTION_CALL_STATUSES)[number];
export type ApplicationStatus = (typeof PROMOTION_APPLICATION_STATUSES)[number];

export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  draft: "下書き",
  published: "公開中",
  closed: "締切",
  selecting: "選考中",
  done: "完了",
};

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: "下書き",
  submitted: "応募済",
  withdrawn: "取下げ",
  passed: "最終合格",
  failed: "不合格",
  declined: "辞退",
  placed: "配置決定",
};

// ——— the call ————————————————————————————————————————————————————————

/** Only 人事課 runs a call. */
export type CallCapacity = "hr_personnel";
export type CallAction = "create" | "edit" | "publish" | "close" | "select" | "complete";

export const CALL_TRANSITIONS: readonly Transition<CallStatus, CallCapacity, CallAction>[] = [
  { from: null, to: "draft", by: ["hr_personnel"], action: "create", label: "下書きとして作成する", needsComment: false },
  { from: "draft", to: "draft", by: ["hr_personnel"], action: "edit", label: "保存する", needsComment: false },
  { from: "draft", to: "published", by: ["hr_personnel"], action: "publish", label: "公開する", needsComment: false },
  { from: "published", to: "closed", by: ["hr_personnel"], action: "close", label: "締め切る", needsComment: false },
  { from: "closed", to: "selecting", by: ["hr_personnel"], action: "select", label: "選考を始める", needsComment: false },
  { from: "selecting", to: "done", by: ["hr_personnel"], action: "complete", label: "選考を完了する", needsComment: false },
];

/** Calls employees can see in the list of calls. */
export const VISIBLE_CALL_STATUSES: readonly CallStatus[] = ["published", "closed", "selecting", "done"];
/** Calls that count in the statistics (they were offered). */
export const OFFERED_CALL_STATUSES = VISIBLE_CALL_STATUSES;

// ——— the application ————————————————————————————————————————————————

/**
 * `applicant`: the person who applies. `hr_personnel`: 人事課 judging the stages. `system`:
 * the rules, at submission (a stage exempt by an earlier pass). The supervisor writes an
 * opinion beside the application but never moves it.
 */
export type ApplicationCapacity = "applicant" | "hr_personnel" | "system";
export type ApplicationAction = "save" | "submit" | "withdraw" | "resubmit" | "exempt" | "advance" | "pass" | "fail" | "decline" | "place";

export const APPLICATION_TRANSITIONS: readonly Transition<ApplicationStatus, ApplicationCapacity, ApplicationAction>[] = [
  { from: null, to: "draft", by: ["applicant"], action: "save", label: "下書き保存する", needsComment: false },
  { from: null, to: "submitted", by: ["applicant"], action: "submit", label: "応募する", needsComment: false },
  { from: "draft", to: "draft", by: ["applicant"], action: "save", label: "下書き保存する", needsComment: false },
  { from: "draft", to: "submitted", by: ["applicant"], action: "submit", label: "応募する", needsComment: false },
  { from: "submitted", to: "withdrawn", by: ["applicant"], action: "withdraw", label: "応募を取り下げる", needsComment: false },
  { from: "withdrawn", to: "withdrawn", by: ["applicant"], action: "save", label: "内容を保存する", needsComment: false },
  { from: "withdrawn", to: "submitted", by: ["applicant"], action: "resubmit", label: "再応募する", needsComment: false },
  // A stage passed in an earlier call is recorded as exempt when the application is submitted;
  // the stage flow (stageAfter) then passes over it.
  { from: "submitted", to: "submitted", by: ["system"], action: "exempt", label: "免除（前回の公募で合格）", needsComment: false },
  // Selection: one decision per stage. 合格 moves to the next stage, or at the last stage to 最終合格.
  { from: "submitted", to: "submitted", by: ["hr_personnel"], action: "advance", label: "合格（次の段階へ）", needsComment: false },
  { from: "submitted", to: "passed", by: ["hr_personnel"], action: "pass", label: "合格（最終合格）", needsComment: false },
  { from: "submitted", to: "failed", by: ["hr_personnel"], action: "fail", label: "不合格", needsComment: false },
  { from: "submitted", to: "declined", by: ["hr_personnel"], action: "decline", label: "辞退", needsComment: false },
  { from: "passed", to: "declined", by: ["hr_personnel"], action: "decline", label: "辞退", needsComment: false },
  { from: "passed", to: "placed", by: ["hr_personnel"], action: "place", label: "配置先を記録する", needsComment: false },
];

/** The applicant's own actions need the window open; 人事課's need the call in selection. */
export const APPLICANT_ACTIONS: readonly ApplicationAction[] = ["save", "submit", "withdraw", "resubmit"];
export const SELECTION_ACTIONS: readonly ApplicationAction[] = ["advance", "pass", "fail", "decline", "place"];

/** The applicant may change the statements in these. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ["draft", "withdrawn"];
/** Applied and not withdrawn: counted as applicants, seen by 人事課 in the selection. */
export const APPLIED_STATUSES: readonly ApplicationStatus[] = ["submitted", "passed", "failed", "declined", "placed"];
/** 人事課 sees every application that was ever submitted (a withdrawal stays on record); never a draft. */
export const HR_VISIBLE_STATUSES: readonly ApplicationStatus[] = [...APPLIED_STATUSES, "withdrawn"];
/** The supervisor sees an application (and writes the opinion) only while it is submitted. */
export const SUPERVISOR_VISIBLE_STATUSES: readonly ApplicationStatus[] = ["submitted"];
/** Passed the last stage. */
export const FINAL_PASS_STATUSES: readonly ApplicationStatus[] = ["passed", "placed"];

/** The outcome of the selection so far, as 人事課's table and the committee's CSV show it; none while judged or withdrawn. */
export const RESULTS = ["pass", "fail", "decline"] as const;
export type ApplicantResult = (typeof RESULTS)[number];
export const RESULT_LABELS: Record<ApplicantResult, string> = { pass: "合格", fail: "不合格", decline: "辞退" };
export const RESULT_OF_STATUS: Partial<Record<ApplicationStatus, ApplicantResult>> = { passed: "pass", placed: "pass", failed: "fail", declined: "decline" };

/** The 所属長意見's answer, as 人事課's pages and the CSV show it. */
export const RECOMMENDATION_LABELS = { recommend: "推薦する", not_recommend: "推薦しない" } as const;

/** `exempt`: the stages this application is exempt from (never the last). */
export type SelectionContext = { stage: number; stageCount: number; selecting: boolean; exempt?: readonly number[] };

/** The first stage an application is judged at: the first one it is not exempt from. */
export function firstStage(stageCount: number, exempt: readonly number[] = []): number {
  for (let s = 0; s < stageCount; s++) if (!exempt.includes(s)) return s;
  return Math.max(0, stageCount - 1);
}

/** The stage after `stage` that the application is judged at, or null when `stage` is its last. */
export function stageAfter(stage: number, stageCount: number, exempt: readonly number[] = []): number | null {
  for (let s = stage + 1; s < stageCount; s++) if (!exempt.includes(s)) return s;
  return null;
}

/**
 * The actions open to `capacities` on an application in `status`: the applicant's only
 * while the window is open, 人事課's only while the call is in selection, and of 合格 the
 * one that fits the stage (next stage, or 最終合格 at the last).
 */
export function applicationActions(
  status: ApplicationStatus | null,
  capacities: readonly ApplicationCapacity[],
  ctx: { windowOpen: boolean } & SelectionContext,
) {
  const last = stageAfter(ctx.stage, ctx.stageCount, ctx.exempt) === null;
  return actionsFor(APPLICATION_TRANSITIONS, status, capacities, (t) => {
    if (APPLICANT_ACTIONS.includes(t.action)) return ctx.windowOpen;
    if (t.action === "exempt") return false; // the rules' own step, taken at submission
    if (!ctx.selecting) return false;
    if (t.action === "advance") return !last;
    if (t.action === "pass") return last;
    return true;
  });
}

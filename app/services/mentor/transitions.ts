/**
 * The state machines of 職員メンター制度 as contract Transition tables, and the status sets
 * named once: the pages draw their buttons from `actionsFor`, the mutations call
 * `requireTransition`, the partial unique indexes of db/schema/mentor.ts are generated from
 * the sets, and transitions.test.ts walks the same tables.
 */
import type {
  MENTOR_CYCLE_STATUSES,
  MENTOR_PAIR_STATUSES,
  MENTOR_REGISTRATION_STATUSES,
  MENTOR_REQUEST_STATUSES,
} from "../../../db/schema/mentor";
import { actionsFor, type Transition } from "~/services/contract/transitions";

export type CycleStatus = (typeof MENTOR_CYCLE_STATUSES)[number];
export type PairStatus = (typeof MENTOR_PAIR_STATUSES)[number];
export type RequestStatus = (typeof MENTOR_REQUEST_STATUSES)[number];
export type RegistrationStatus = (typeof MENTOR_REGISTRATION_STATUSES)[number];

export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  draft: "下書き",
  open: "募集中",
  matching: "マッチング中",
  published: "公開済",
  ended: "終了",
};

export const PAIR_STATUS_LABELS: Record<PairStatus, string> = {
  proposed: "提案",
  active: "実施中",
  ended: "終了",
  ended_early: "途中終了",
  discarded: "取消",
};

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  pending: "回答待ち",
  accepted: "承諾",
  declined: "辞退",
  lapsed: "期限切れ",
  withdrawn: "取下げ",
};

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = { registered: "登録済", withdrawn: "取下げ" };

// ——— the cycle (人事課 only) ——————————————————————————————————————————————

export type CycleCapacity = "hr_personnel";
export type CycleAction = "create" | "edit" | "open" | "start_matching" | "run_matching" | "edit_pairs" | "publish" | "rematch" | "end";

export const CYCLE_TRANSITIONS: readonly Transition<CycleStatus, CycleCapacity, CycleAction>[] = [
  { from: null, to: "draft", by: ["hr_personnel"], action: "create", label: "下書きとして作成する", needsComment: false },
  { from: "draft", to: "draft", by: ["hr_personnel"], action: "edit", label: "保存する", needsComment: false },
  { from: "open", to: "open", by: ["hr_personnel"], action: "edit", label: "保存する", needsComment: false },
  { from: "draft", to: "open", by: ["hr_personnel"], action: "open", label: "募集を始める", needsComment: false },
  { from: "open", to: "matching", by: ["hr_personnel"], action: "start_matching", label: "募集を締め切ってマッチングに進む", needsComment: false },
  { from: "matching", to: "matching", by: ["hr_personnel"], action: "run_matching", label: "マッチングを実行する", needsComment: false },
  { from: "matching", to: "matching", by: ["hr_personnel"], action: "edit_pairs", label: "ペアを編集する", needsComment: false },
  { from: "matching", to: "published", by: ["hr_personnel"], action: "publish", label: "ペアを公開する（双方に通知）", needsComment: false },
  { from: "published", to: "published", by: ["hr_personnel"], action: "rematch", label: "再マッチングする", needsComment: false },
  { from: "published", to: "ended", by: ["hr_personnel"], action: "end", label: "サイクルを終了する（ペアを終える）", needsComment: false },
];

/** Cycles employees see (they may register while open; pairs show once published). */
export const VISIBLE_CYCLE_STATUSES: readonly CycleStatus[] = ["open", "matching", "published", "ended"];
/** A mentee may ask a mentor directly while the cycle takes registrations, and after publishing (for those left unmatched). */
export const REQUEST_CYCLE_STATUSES: readonly CycleStatus[] = ["open", "published"];
/** Cycles that count in the statistics. */
export const COUNTED_CYCLE_STATUSES: readonly CycleStatus[] = ["open", "matching", "published", "ended"];

export function cycleActions(status: CycleStatus | null) {
  return actionsFor(CYCLE_TRANSITIONS, status, ["hr_personnel"]);
}

// ——— the pair ————————————————————————————————————————————————————————

/** The two of the pair, 人事課 running the programme, and the system (the end of a cycle). */
export type PairCapacity = "mentee" | "mentor" | "hr_personnel" | "system";
export type PairAction = "propose" | "discard" | "publish" | "accept_request" | "add" | "end_early" | "close" | "rematch";

export const PAIR_TRANSITIONS: readonly Transition<PairStatus, PairCapacity, PairAction>[] = [
  { from: null, to: "proposed", by: ["system", "hr_personnel"], action: "propose", label: "ペアを提案する", needsComment: false },
  { from: null, to: "active", by: ["mentor"], action: "accept_request", label: "依頼を承諾する", needsComment: false },
  { from: null, to: "active", by: ["hr_personnel"], action: "add", label: "ペアを組む", needsComment: false },
  { from: "proposed", to: "discarded", by: ["hr_personnel", "system"], action: "discard", label: "ペアを外す", needsComment: false },
  { from: "proposed", to: "active", by: ["hr_personnel"], action: "publish", label: "公開する", needsComment: false },
  { from: "active", to: "ended_early", by: ["mentee", "mentor"], action: "end_early", label: "ペアを途中で終える", needsComment: true },
  { from: "active", to: "ended_early", by: ["hr_personnel"], action: "rematch", label: "再マッチングのため終える", needsComment: false },
  { from: "active", to: "ended", by: ["system", "hr_personnel"], action: "close", label: "サイクルの終了で終える", needsComment: false },
];

/** A mentee holds at most one pair in these (the partial unique index `mentor_pairs_one_per_mentee_uq`). */
export const MENTEE_HOLDING_STATUSES: readonly PairStatus[] = ["proposed", "active"];
/** Pairs that take one of a mentor's seats. */
export const SEAT_HOLDING_STATUSES: readonly PairStatus[] = MENTEE_HOLDING_STATUSES;
/** Pairs that were formed (published, accepted or added) — counted as 成立 in the statistics. */
export const FORMED_STATUSES: readonly PairStatus[] = ["active", "ended", "ended_early"];
/** Pairs whose survey may be answered. */
export const FINISHED_STATUSES: readonly PairStatus[] = ["ended", "ended_early"];

export function pairActions(status: PairStatus, capacities: readonly PairCapacity[]) {
  return actionsFor(PAIR_TRANSITIONS, status, capacities);
}

// ——— the direct request ——————————————————————————————————————————————————

export type RequestCapacity = "mentee" | "mentor" | "system";
export type RequestAction = "ask" | "accept" | "decline" | "withdraw" | "lapse";

export const REQUEST_TRANSITIONS: readonly Transition<RequestStatus, RequestCapacity, RequestAction>[] = [
  { from: null, to: "pending", by: ["mentee"], action: "ask", label: "このメンターに依頼する", needsComment: false },
  { from: "pending", to: "accepted", by: ["mentor"], action: "accept", label: "承諾する", needsComment: false },
  { from: "pending", to: "declined", by: ["mentor"], action: "decline", label: "辞退する", needsComment: false },
  { from: "pending", to: "withdrawn", by: ["mentee"], action: "withdraw", label: "依頼を取り下げる", needsComment: false },
  { from: "pending", to: "lapsed", by: ["system"], action: "lapse", label: "期限切れ", needsComment: false },
];

/** One open request per mentee per cycle (the partial unique index `mentor_requests_one_pending_uq`). */
export const PENDING_REQUEST_STATUSES: readonly RequestStatus[] = ["pending"];

export function requestActions(status: RequestStatus, capacities: readonly RequestCapacity[]) {
  return actionsFor(REQUEST_TRANSITIONS, status, capacities).filter((t) => t.action !== "lapse");
}

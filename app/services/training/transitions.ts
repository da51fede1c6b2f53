/**
 * The enrollment state machine as contract data: ONE table, read by the UI (which buttons
 * to draw, through `actionsFor`), the mutations (`requireTransition`) and the tests.
 * Time guards (sign-up window, cancellation deadline, "has the session started") are pure
 * rules in rules.ts; which part a viewer plays towards one enrollment is `capacitiesOf`.
 * The named status sets below are the only place statuses are grouped: queries, the
 * statistics and the SQL of the partial unique index read them.
 */
import type { Viewer } from "~/auth/viewer";
import type { Transition } from "~/services/contract/transitions";

export const ENROLLMENT_STATUSES = [
  "applied_pending",
  "applied",
  "pending",
  "confirmed",
  "waitlisted",
  "cancelled",
  "rejected",
  "attended",
  "absent",
  "completed",
  "called_off",
] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** The part someone plays towards one enrollment (stored as `actor_role` in its history). */
export type EnrollmentCapacity = "employee" | "supervisor" | "hr_dev" | "system";

export type TransitionAction = "signUp" | "approve" | "return" | "cancel" | "remove" | "promote" | "mark" | "change" | "draw" | "callOff";

export type EnrollmentTransition = Transition<EnrollmentStatus, EnrollmentCapacity, TransitionAction>;

export const MARKS = ["attended", "absent", "completed"] as const;
export type Mark = (typeof MARKS)[number];

export const MARK_LABELS: Record<Mark, string> = { completed: "修了", attended: "出席（修了前）", absent: "欠席" };

const signUp = (to: EnrollmentStatus, label: string): EnrollmentTransition => ({ from: null, to, by: ["employee"], action: "signUp", label, needsComment: false });
const cancel = (from: EnrollmentStatus, label: string): EnrollmentTransition => ({ from, to: "cancelled", by: ["employee"], action: "cancel", label, needsComment: false });
const remove = (from: EnrollmentStatus): EnrollmentTransition => ({ from, to: "cancelled", by: ["hr_dev"], action: "remove", label: "申込を取り消す", needsComment: true });
const promote = (to: EnrollmentStatus): EnrollmentTransition => ({ from: "waitlisted", to, by: ["system"], action: "promote", label: "キャンセル待ちから繰り上げ", needsComment: false });
const callOff = (from: EnrollmentStatus): EnrollmentTransition => ({ from, to: "called_off", by: ["hr_dev"], action: "callOff", label: "この回を中止する", needsComment: true });
const mark = (from: EnrollmentStatus, to: Mark): EnrollmentTransition => ({ from, to, by: ["hr_dev"], action: "mark", label: MARK_LABELS[to], needsComment: false });

/** The sign-ups a 中止 ends: everyone still signed up or waiting for the 回. */
export const CALLABLE_OFF_STATUSES: readonly EnrollmentStatus[] = ["applied_pending", "applied", "pending", "confirmed", "waitlisted"];

/** Sign-ups that can move to another 回 (and what they become there). */
export const CHANGEABLE: readonly EnrollmentStatus[] = ["pending", "confirmed", "waitlisted"];

export const TRANSITIONS: readonly EnrollmentTransition[] = [
  // Sign-up: a free seat gives pending (approval needed) or confirmed; a full session a waitlist place.
  signUp("pending", "申し込む"),
  signUp("confirmed", "申し込む"),
  signUp("waitlisted", "キャンセル待ちに登録する"),
  // 抽選 回 before the draw: an 応募 holds no seat (approved first where the course asks before the draw).
  signUp("applied_pending", "応募する"),
  signUp("applied", "応募する"),
  { from: "applied_pending", to: "applied", by: ["supervisor"], action: "approve", label: "承認する", needsComment: false },
  { from: "applied_pending", to: "rejected", by: ["supervisor"], action: "return", label: "差し戻す", needsComment: true },
  // The supervisor decides on a pending sign-up (the seat is held meanwhile).
  { from: "pending", to: "confirmed", by: ["supervisor"], action: "approve", label: "承認する", needsComment: false },
  { from: "pending", to: "rejected", by: ["supervisor"], action: "return", label: "差し戻す", needsComment: true },
  // Leaving: the employee cancels (before the deadline), 人材育成課 removes someone.
  cancel("pending", "申込をキャンセルする"),
  cancel("confirmed", "申込をキャンセルする"),
  cancel("waitlisted", "キャンセル待ちを取り下げる"),
  cancel("applied_pending", "応募を取り下げる"),
  cancel("applied", "応募を取り下げる"),
  remove("pending"),
  remove("confirmed"),
  remove("waitlisted"),
  remove("applied_pending"),
  remove("applied"),
  // Change of 回: the employee moves a live sign-up to another 回 of the same course in one
  // step — a seat there if one is free (pending again where the course needs approval),
  // else its waitlist. The status is the one in the new 回; the old seat is passed on.
  ...CHANGEABLE.flatMap((from) => CHANGEABLE.map((to): EnrollmentTransition => ({ from, to, by: ["employee"], action: "change", label: "この回に変更する", needsComment: false }))),
  // The draw seats 応募 in the drawn order (pending where approval comes after the draw);
  // the rest wait in that order. An 応募 not approved by the draw waits after them.
  { from: "applied", to: "confirmed", by: ["system"], action: "draw", label: "抽選で受講決定", needsComment: false },
  { from: "applied", to: "pending", by: ["system"], action: "draw", label: "抽選で席を確保（所属長の承認待ち）", needsComment: false },
  { from: "applied", to: "waitlisted", by: ["system"], action: "draw", label: "抽選でキャンセル待ち", needsComment: false },
  { from: "applied_pending", to: "waitlisted", by: ["system"], action: "draw", label: "抽選までに承認がなくキャンセル待ち", needsComment: false },
  // A freed seat goes to the first on the waitlist, in the same transaction.
  promote("confirmed"),
  promote("pending"),
  // 人材育成課 calls the whole 回 off (a typhoon, an ill instructor): every sign-up still
  // waiting for it ends as 中止 — not the person's own cancellation — with the reason.
  ...CALLABLE_OFF_STATUSES.map(callOff),
  // After the session starts 人材育成課 records 出席 / 欠席 / 修了, and may correct them.
  ...MARKS.map((to) => mark("confirmed", to)),
  ...MARKS.flatMap((from) => MARKS.filter((to) => to !== from).map((to) => mark(from, to))),
];

/** The parts a viewer plays by role alone, towards every enrollment (人材育成課). */
export function roleCapacities(viewer: Pick<Viewer, "roles">): EnrollmentCapacity[] {
  return viewer.roles.includes("hr_dev") ? ["hr_dev"] : [];
}

/**
 * Which parts the viewer plays towards one enrollment: the enrollee themself, their
 * current supervisor (read from the org data now, not at sign-up), 人材育成課 by role.
 * `system` is never a viewer's capacity; it is the waitlist promotion.
 */
export function capacitiesOf(
  viewer: Pick<Viewer, "id" | "roles">,
  enrollment: { employeeId: string; supervisorId: string | null },
): EnrollmentCapacity[] {
  const out: EnrollmentCapacity[] = [];
  if (viewer.id === enrollment.employeeId) out.push("employee");
  if (enrollment.supervisorId !== null && viewer.id === enrollment.supervisorId) out.push("supervisor");
  return [...out, ...roleCapacities(viewer)];
}

/** Statuses that hold a seat in a session (capacity counts these). */
export const SEAT_STATUSES: readonly EnrollmentStatus[] = ["pending", "confirmed", "attended", "absent", "completed"];

/**
 * Statuses that count as "signed up to this course" — one per person per course. The
 * partial unique index `training_enrollments_active_uq` is generated from this list.
 */
export const ACTIVE_STATUSES: readonly EnrollmentStatus[] = ["applied_pending", "applied", "pending", "confirmed", "waitlisted", "attended", "completed"];

/** 応募 of a 抽選 回 not yet drawn: no seat, no waitlist place. */
export const APPLIED_STATUSES: readonly EnrollmentStatus[] = ["applied_pending", "applied"];

/** Waiting for the supervisor's decision (the 承認 page lists these). */
export const AWAITING_APPROVAL_STATUSES: readonly EnrollmentStatus[] = ["applied_pending", "pending"];

/** Sign-ups that were withdrawn (cancelled) or returned: the statistics leave these out. */
export const WITHDRAWN_STATUSES: readonly EnrollmentStatus[] = ["cancelled", "rejected"];

/**
 * Sign-ups whose 回 人材育成課 called off (中止): not the person's doing, so never counted as
 * their cancellation; not a 申込 that could be taken either, so the statistics leave them out
 * too, and the elective progress no longer counts them (the person may sign up for another 回).
 */
export const CALLED_OFF_STATUSES: readonly EnrollmentStatus[] = ["called_off"];

/** Every sign-up that was not withdrawn, returned or called off — what the statistics count as 申込. */
export const SIGNED_UP_STATUSES: readonly EnrollmentStatus[] = ENROLLMENT_STATUSES.filter(
  (s) => !WITHDRAWN_STATUSES.includes(s) && !CALLED_OFF_STATUSES.includes(s),
);


/** Took part in the session (出席, with or without 修了). */
export const ATTENDED_STATUSES: readonly EnrollmentStatus[] = ["attended", "completed"];

export const STATUS_LABELS: Record<EnrollmentStatus, string> = {
  applied_pending: "応募（承認待ち）",
  applied: "応募（抽選待ち）",
  pending: "承認待ち",
  confirmed: "受講決定",
  waitlisted: "キャンセル待ち",
  cancelled: "キャンセル",
  rejected: "差戻し",
  attended: "出席",
  absent: "欠席",
  completed: "修了",
  called_off: "中止",
};

export const CAPACITY_LABELS: Record<EnrollmentCapacity, string> = {
  employee: "本人",
  supervisor: "所属長",
  hr_dev: "人材育成課",
  system: "システム",
};

/** Tag style per status, for the UI. */
export function statusTone(status: EnrollmentStatus): "ok" | "info" | "muted" | "warn" {
  if (status === "called_off") return "warn";
  if (status === "confirmed" || status === "completed") return "ok";
  if (status === "pending" || status === "waitlisted" || status === "attended" || status === "applied" || status === "applied_pending") return "info";
  return "muted";
}

/**
 * The enrollment state machine: ONE table, read by the UI (which buttons to show), the
 * mutations (is this change allowed, for this actor) and the tests.
 * Time guards (sign-up window, cancellation deadline, "has the session started") are in
 * rules.ts; who the actor is (own record, own subordinate, 人材育成課) is checked by the
 * queries and routes before a transition is attempted.
 */

export const ENROLLMENT_STATUSES = [
  "pending",
  "confirmed",
  "waitlisted",
  "cancelled",
  "rejected",
  "attended",
  "absent",
  "completed",
] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export type EnrollmentActor = "employee" | "supervisor" | "hr_dev" | "system";

export type TransitionAction = "signUp" | "approve" | "return" | "cancel" | "remove" | "promote" | "mark";

export type Transition = {
  /** null: the enrollment is being created. */
  from: EnrollmentStatus | null;
  to: EnrollmentStatus;
  by: readonly EnrollmentActor[];
  action: TransitionAction;
};

const MARKS = ["attended", "absent", "completed"] as const;

export const TRANSITIONS: readonly Transition[] = [
  // Sign-up: a free seat gives pending (approval needed) or confirmed; a full session a waitlist place.
  { from: null, to: "pending", by: ["employee"], action: "signUp" },
  { from: null, to: "confirmed", by: ["employee"], action: "signUp" },
  { from: null, to: "waitlisted", by: ["employee"], action: "signUp" },
  // The supervisor decides on a pending sign-up (the seat is held meanwhile).
  { from: "pending", to: "confirmed", by: ["supervisor"], action: "approve" },
  { from: "pending", to: "rejected", by: ["supervisor"], action: "return" },
  // Leaving: the employee cancels (before the deadline), 人材育成課 removes someone.
  { from: "pending", to: "cancelled", by: ["employee"], action: "cancel" },
  { from: "confirmed", to: "cancelled", by: ["employee"], action: "cancel" },
  { from: "waitlisted", to: "cancelled", by: ["employee"], action: "cancel" },
  { from: "pending", to: "cancelled", by: ["hr_dev"], action: "remove" },
  { from: "confirmed", to: "cancelled", by: ["hr_dev"], action: "remove" },
  { from: "waitlisted", to: "cancelled", by: ["hr_dev"], action: "remove" },
  // A freed seat goes to the first on the waitlist, in the same transaction.
  { from: "waitlisted", to: "confirmed", by: ["system"], action: "promote" },
  { from: "waitlisted", to: "pending", by: ["system"], action: "promote" },
  // After the session starts 人材育成課 records 出席 / 欠席 / 修了, and may correct them.
  ...MARKS.map((to) => ({ from: "confirmed" as const, to, by: ["hr_dev"] as const, action: "mark" as const })),
  ...MARKS.flatMap((from) =>
    MARKS.filter((to) => to !== from).map((to) => ({ from, to, by: ["hr_dev"] as const, action: "mark" as const })),
  ),
];

export function findTransition(from: EnrollmentStatus | null, to: EnrollmentStatus, actor: EnrollmentActor): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to && t.by.includes(actor));
}

export function canTransition(from: EnrollmentStatus | null, to: EnrollmentStatus, actor: EnrollmentActor): boolean {
  return findTransition(from, to, actor) !== undefined;
}

/** Can `actor` perform `action` on an enrollment in `from` (to any target)? */
export function canDo(from: EnrollmentStatus, action: TransitionAction, actor: EnrollmentActor): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.action === action && t.by.includes(actor));
}

/** Statuses that hold a seat in a session (capacity counts these). */
export const SEAT_STATUSES: readonly EnrollmentStatus[] = ["pending", "confirmed", "attended", "absent", "completed"];

/**
 * Statuses that count as "signed up to this course" — one per person per course. Must
 * match the partial unique index `training_enrollments_active_uq` (db/schema/training.ts).
 */
export const ACTIVE_STATUSES: readonly EnrollmentStatus[] = ["pending", "confirmed", "waitlisted", "attended", "completed"];

export const STATUS_LABELS: Record<EnrollmentStatus, string> = {
  pending: "承認待ち",
  confirmed: "受講決定",
  waitlisted: "キャンセル待ち",
  cancelled: "キャンセル",
  rejected: "差戻し",
  attended: "出席",
  absent: "欠席",
  completed: "修了",
};

export const ACTOR_LABELS: Record<EnrollmentActor, string> = {
  employee: "本人",
  supervisor: "所属長",
  hr_dev: "人材育成課",
  system: "システム（繰り上げ）",
};

/** Tag style per status, for the UI. */
export function statusTone(status: EnrollmentStatus): "ok" | "info" | "muted" {
  if (status === "confirmed" || status === "completed") return "ok";
  if (status === "pending" || status === "waitlisted" || status === "attended") return "info";
  return "muted";
}

import { COURSE_KIND_LABELS, type CourseKind } from "~/services/training/rules";
import { STATUS_LABELS, statusTone, type EnrollmentStatus } from "~/services/training/transitions";

// Small tags of the training pages (employee, approvals, 人材育成課).

/** An instant as loader data carries it. */
export type When = Date | string;

export function StatusTag({ status }: { status: EnrollmentStatus }) {
  const tone = statusTone(status);
  return <span className={`tag tag--${tone}`}>{STATUS_LABELS[status]}</span>;
}

export function KindTag({ kind }: { kind: CourseKind }) {
  return <span className={`tag tag--kind tag--${kind}`}>{COURSE_KIND_LABELS[kind]}</span>;
}

/** "残り3席", "満席（キャンセル待ち2人）". */
export function SeatsText({ capacity, taken, waitlisted }: { capacity: number; taken: number; waitlisted: number }) {
  const left = Math.max(0, capacity - taken);
  return (
    <span>
      {left > 0 ? <>残り{left}席</> : <strong>満席</strong>}
      <span className="muted">
        （定員{capacity}名{waitlisted > 0 ? `・キャンセル待ち${waitlisted}人` : ""}）
      </span>
    </span>
  );
}

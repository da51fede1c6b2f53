import { formatDateTimeJa } from "~/lib/fiscal-year";
import { CAPACITY_LABELS, STATUS_LABELS, type EnrollmentCapacity, type EnrollmentStatus } from "~/services/training/transitions";

type HistoryRow = {
  id: number;
  fromStatus: EnrollmentStatus | null;
  toStatus: EnrollmentStatus;
  actorRole: EnrollmentCapacity;
  actorName?: string | null;
  comment: string | null;
  at: Date | string;
};

/** The record's history: who changed it, when, from → to, and why. */
export function EnrollmentHistory({ history, showNames = false }: { history: HistoryRow[]; showNames?: boolean }) {
  if (history.length === 0) return null;
  return (
    <ol className="history">
      {history.map((h) => (
        <li key={h.id}>
          <time dateTime={new Date(h.at).toISOString()}>{formatDateTimeJa(new Date(h.at))}</time>{" "}
          {h.fromStatus ? `${STATUS_LABELS[h.fromStatus]} → ` : "申込 → "}
          <strong>{STATUS_LABELS[h.toStatus]}</strong>（{CAPACITY_LABELS[h.actorRole]}
          {showNames && h.actorName && h.actorRole !== "system" ? `：${h.actorName}` : ""}）
          {h.comment ? <span className="history__comment">「{h.comment}」</span> : null}
        </li>
      ))}
    </ol>
  );
}

import { formatDateTimeJa } from "~/lib/fiscal-year";
import { ACTOR_LABELS, STATUS_LABELS, type SubsidyStatus } from "~/services/subsidy/labels";
import type { SubsidyCapacity } from "~/services/subsidy/transitions";

type HistoryRow = {
  id: number;
  fromStatus: SubsidyStatus | null;
  toStatus: SubsidyStatus;
  actorRole: SubsidyCapacity;
  actorName?: string | null;
  comment: string | null;
  at: Date | string | number;
};

/** 「作成 → 下書き」 for a saved draft, 「申請」 for an application submitted at once, 「A → B」 after that. */
function stepOf(h: HistoryRow) {
  if (h.fromStatus) {
    return (
      <>
        {STATUS_LABELS[h.fromStatus]} → <strong>{STATUS_LABELS[h.toStatus]}</strong>
      </>
    );
  }
  return h.toStatus === "submitted" ? <strong>申請</strong> : <>作成 → <strong>{STATUS_LABELS[h.toStatus]}</strong></>;
}

/** The record's history: who changed it, when, from → to, and why. */
export function SubsidyHistory({ history }: { history: HistoryRow[] }) {
  if (history.length === 0) return <p className="muted">履歴はまだありません。</p>;
  return (
    <ol className="history">
      {history.map((h) => (
        <li key={h.id}>
          <time dateTime={new Date(h.at).toISOString()}>{formatDateTimeJa(new Date(h.at))}</time> {stepOf(h)}（{ACTOR_LABELS[h.actorRole]}
          {h.actorName ? `：${h.actorName}` : ""}）{h.comment ? <span className="history__comment">「{h.comment}」</span> : null}
        </li>
      ))}
    </ol>
  );
}

// Small read-only parts of メンター制度 pages: status tags, topics, eligibility, history.
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { topicLabels } from "~/services/mentor/rules";
import {
  CYCLE_STATUS_LABELS,
  PAIR_STATUS_LABELS,
  REQUEST_STATUS_LABELS,
  type CycleStatus,
  type PairStatus,
  type RequestStatus,
} from "~/services/mentor/transitions";

export function slash(iso: string): string {
  return iso.replace(/-/g, "/");
}

export function CycleTag({ status }: { status: CycleStatus }) {
  const cls = status === "open" || status === "published" ? "tag--ok" : status === "matching" ? "tag--info" : "tag--muted";
  return <span className={`tag ${cls}`}>{CYCLE_STATUS_LABELS[status]}</span>;
}

export function PairTag({ status }: { status: PairStatus }) {
  const cls = status === "active" ? "tag--ok" : status === "proposed" ? "tag--info" : "tag--muted";
  return <span className={`tag ${cls}`}>{PAIR_STATUS_LABELS[status]}</span>;
}

export function RequestTag({ status }: { status: RequestStatus }) {
  const cls = status === "pending" ? "tag--pending" : status === "accepted" ? "tag--ok" : "tag--muted";
  return <span className={`tag ${cls}`}>{REQUEST_STATUS_LABELS[status]}</span>;
}

export function Topics({ keys }: { keys: readonly string[] }) {
  return <>{topicLabels(keys).join("、") || "—"}</>;
}

/** Whether I may register on this side, and if not every rule I miss. */
export function EligibilityNote({ side, eligibility }: { side: string; eligibility: { eligible: boolean; failures: { rule: string; message: string }[] } }) {
  if (eligibility.eligible) return <p><span className="tag tag--ok">{side}の対象</span> このサイクルで{side}として登録できます。</p>;
  return (
    <div className="notice notice--warn" role="note">
      <p>
        <span className="tag tag--muted">{side}の対象外</span> 次の条件を満たしていないため、{side}としては登録できません。
      </p>
      <ul>
        {eligibility.failures.map((f) => (
          <li key={f.rule}>{f.message}</li>
        ))}
      </ul>
    </div>
  );
}

const ACTION_LABELS: Record<string, string> = {
  create: "作成",
  edit: "設定の変更",
  open: "募集開始",
  start_matching: "募集締切",
  run_matching: "マッチング実行",
  publish: "公開",
  end: "サイクル終了",
  propose: "提案",
  discard: "提案から外す",
  accept_request: "直接の依頼で成立",
  add: "人事課がペアを組む",
  end_early: "途中で終了",
  rematch: "再マッチングのため終了",
  close: "サイクルの終了で終了",
  fit_good: "相性の確認: うまくいきそう",
  fit_poor: "相性の確認: 合わない",
};

type Line = { id: number; action: string; fromStatus: string | null; toStatus: string; actorName: string; comment: string | null; at: number };

/** Every change: who, when, from → to, comment. */
export function MentorHistory({ history }: { history: Line[] }) {
  if (history.length === 0) return <p className="muted">まだ履歴はありません。</p>;
  return (
    <ol className="history">
      {history.map((h) => (
        <li key={h.id}>
          <span className="muted">{formatDateTimeJa(new Date(h.at))}</span> {h.actorName}: {ACTION_LABELS[h.action] ?? h.action}（{h.fromStatus ? `${label(h.fromStatus)} → ` : ""}
          {label(h.toStatus)}）{h.comment ? <>— {h.comment}</> : null}
        </li>
      ))}
    </ol>
  );
}

function label(status: string): string {
  return (PAIR_STATUS_LABELS as Record<string, string>)[status] ?? (CYCLE_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

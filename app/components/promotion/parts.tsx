// Small read-only parts of 昇任型公募 pages: status tags, eligibility, statements, history.
import { formatDateTimeJa, formatWareki } from "~/lib/fiscal-year";
import { LEVEL_LABELS, STATEMENT_FIELDS, STATEMENT_LABELS, type PromotionLevel } from "~/services/promotion/rules";
import { APPLICATION_STATUS_LABELS, CALL_STATUS_LABELS, type ApplicationStatus, type CallStatus } from "~/services/promotion/transitions";

const APP_TAG: Record<ApplicationStatus, string> = {
  draft: "tag--muted",
  submitted: "tag--info",
  withdrawn: "tag--muted",
  passed: "tag--ok",
  failed: "tag--muted",
  declined: "tag--muted",
  placed: "tag--ok",
};

export function ApplicationTag({ status }: { status: ApplicationStatus }) {
  return <span className={`tag ${APP_TAG[status]}`}>{APPLICATION_STATUS_LABELS[status]}</span>;
}

export function CallTag({ status }: { status: CallStatus }) {
  return <span className={`tag ${status === "published" ? "tag--ok" : "tag--muted"}`}>{CALL_STATUS_LABELS[status]}</span>;
}

export function levelLabel(level: string): string {
  return LEVEL_LABELS[level as PromotionLevel] ?? level;
}

export function slash(iso: string): string {
  return iso.replace(/-/g, "/");
}

/** Whether I may apply on 基準日, and if not every rule I miss. */
export function EligibilityNote({ eligibility, id }: { eligibility: { eligible: boolean; failures: { rule: string; message: string }[]; notes?: string[] }; id?: string }) {
  if (eligibility.eligible) {
    return (
      <div id={id} className="promotion-eligible">
        <p>
          <span className="tag tag--ok">応募資格あり</span> 基準日時点で、この公募の応募資格を満たしています。
        </p>
        {eligibility.notes?.map((n) => (
          <p key={n} className="muted">
            {n}
          </p>
        ))}
      </div>
    );
  }
  return (
    <div id={id} className="notice notice--warn promotion-ineligible" role="note">
      <p>
        <span className="tag tag--muted">応募資格なし</span> 次の条件を満たしていないため、応募できません。
      </p>
      <ul>
        {eligibility.failures.map((f) => (
          <li key={f.rule}>{f.message}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The stages of one application in order, the exempt ones marked, the current one in bold:
 * 「書類選考免除（令和8年度の公募で合格）」 listed under them.
 */
export function StageFlow({ stages, current, exemptions }: { stages: string[]; current: number | null; exemptions: { stage: number; label: string }[] }) {
  return (
    <div className="promotion-stage-flow">
      <p>
        選考:{" "}
        {stages.map((s, i) => (
          <span key={i}>
            {i > 0 ? " → " : ""}
            {exemptions.some((e) => e.stage === i) ? <s aria-label={`${s}（免除）`}>{s}</s> : i === current ? <strong>{s}（現在）</strong> : s}
          </span>
        ))}
      </p>
      {exemptions.length ? (
        <ul className="promotion-exemptions-list">
          {exemptions.map((e) => (
            <li key={e.stage}>
              <span className="tag tag--info">{e.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The three statements as written (for the applicant after submitting, 人事課 and the supervisor). */
export function Statements({ values }: { values: Record<(typeof STATEMENT_FIELDS)[number], string> }) {
  return (
    <dl className="promotion-statements">
      {STATEMENT_FIELDS.map((f) => (
        <div key={f}>
          <dt>{STATEMENT_LABELS[f]}</dt>
          <dd>{values[f] || <span className="muted">（未記入）</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

type HistoryLine = {
  id: number;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  fromStage: number | null;
  toStage: number | null;
  action: string;
  actorName: string;
  actorRole: string;
  comment: string | null;
  at: number;
};

const ACTION_TEXT: Record<string, string> = {
  save: "保存",
  submit: "応募",
  withdraw: "取下げ",
  resubmit: "再応募",
  exempt: "免除",
  advance: "合格",
  pass: "最終合格",
  fail: "不合格",
  decline: "辞退",
  place: "配置先の記録",
};

/** Who, when, from → to (status and stage), comment. */
export function PromotionHistory({ history, stages }: { history: HistoryLine[]; stages: string[] }) {
  if (history.length === 0) return <p className="muted">履歴はまだありません。</p>;
  const where = (status: ApplicationStatus | null, stage: number | null) =>
    status === null ? "作成" : status === "submitted" && stage !== null && stages[stage] ? `${APPLICATION_STATUS_LABELS[status]}（${stages[stage]}）` : APPLICATION_STATUS_LABELS[status];
  return (
    <ol className="history">
      {history.map((h) => (
        <li key={h.id}>
          <time dateTime={new Date(h.at).toISOString()}>{formatDateTimeJa(new Date(h.at))}</time> {ACTION_TEXT[h.action] ?? h.action}: {where(h.fromStatus, h.fromStage)} →{" "}
          <strong>{where(h.toStatus, h.toStage)}</strong>（{h.actorName}）{h.comment ? <span className="history__comment">「{h.comment}」</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** The facts of a call: level, 基準日, window, posts. */
export function CallFacts({
  call,
  posts,
}: {
  call: { level: string; referenceDate: string; opensOn: string; closesOn: string; stages: string[] };
  posts: { id: number; unitPath: string; duties: string; places: number }[];
}) {
  return (
    <>
      <dl className="profile promotion-facts">
        <div className="profile__row">
          <dt>職の段階</dt>
          <dd>{levelLabel(call.level)}</dd>
        </div>
        <div className="profile__row">
          <dt>基準日</dt>
          <dd>{formatWareki(call.referenceDate)}</dd>
        </div>
        <div className="profile__row">
          <dt>受付期間</dt>
          <dd>
            {slash(call.opensOn)}〜{slash(call.closesOn)}
          </dd>
        </div>
        <div className="profile__row">
          <dt>選考</dt>
          <dd>{call.stages.join(" → ")}</dd>
        </div>
      </dl>
      <h3>募集するポスト</h3>
      <ul className="promotion-posts">
        {posts.map((p) => (
          <li key={p.id}>
            <strong>{p.unitPath}</strong>（{p.places}名）<br />
            <span className="muted">{p.duties}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

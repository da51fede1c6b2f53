import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { describedBy, FieldErrors, FormErrors, TextAreaField, type AnyField } from "~/components/form";

export { TextAreaField };
import { formatDateJa, formatDateTimeJa } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import { ACTOR_LABELS, COST_TYPE_LABELS, FILE_KIND_LABELS, STATUS_LABELS, statusTone, type CostType, type FileKind, type SubsidyStatus } from "./labels";
import type { AmountBreakdown, AmountRules } from "./rules";
import { transitionSchema } from "./schemas";
import type { SubsidyActor, Transition } from "./transitions";

// Presentational pieces shared by the subsidy pages (employee, supervisor, 人材育成課).


export function StatusTag({ status }: { status: SubsidyStatus }) {
  const tone = statusTone(status);
  const cls = tone === "ok" ? "tag tag--ok" : tone === "muted" ? "tag tag--muted" : tone === "alert" ? "tag" : "tag tag--pending";
  return <span className={cls}>{STATUS_LABELS[status]}</span>;
}


function Label({ field, label, required }: { field: AnyField; label: string; required?: boolean }) {
  return (
    <label htmlFor={field.id}>
      {label}
      {required ? <span className="required">（必須）</span> : null}
    </label>
  );
}

/** A yen input: text, so "12,000" and full-width digits can be typed; the server normalises. */
export function YenField({ label, field, hint, required }: { label: string; field: AnyField; hint?: string; required?: boolean }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type: "text", ariaDescribedBy: describedBy(field, hintId) });
  return (
    <div className="field field--yen">
      <Label field={field} label={label} required={required} />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <span className="yen-input">
        <input {...props} key={props.key} inputMode="numeric" autoComplete="off" />
        <span aria-hidden="true">円</span>
      </span>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function FileField({ kind, field, hint }: { kind: FileKind; field: AnyField; hint?: string }) {
  const hintId = `${field.id}-hint`;
  const props = getInputProps(field, { type: "file", ariaDescribedBy: describedBy(field, hintId) });
  return (
    <div className="field">
      <Label field={field} label={FILE_KIND_LABELS[kind]} />
      <p id={hintId} className="field__hint">
        {hint ?? "PDF・JPEG・PNG、5MBまで。"}
      </p>
      <input {...props} key={props.key} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

type HistoryRow = {
  id: number;
  fromStatus: SubsidyStatus | null;
  toStatus: SubsidyStatus;
  actorRole: SubsidyActor;
  actorName?: string | null;
  comment: string | null;
  at: Date | string | number;
};

/** The record's history: who changed it, when, from → to, and why. */
export function SubsidyHistory({ history }: { history: HistoryRow[] }) {
  if (history.length === 0) return <p className="muted">履歴はまだありません。</p>;
  return (
    <ol className="history">
      {history.map((h) => (
        <li key={h.id}>
          <time dateTime={new Date(h.at).toISOString()}>{formatDateTimeJa(new Date(h.at))}</time>{" "}
          {h.fromStatus ? `${STATUS_LABELS[h.fromStatus]} → ` : "作成 → "}
          <strong>{STATUS_LABELS[h.toStatus]}</strong>（{ACTOR_LABELS[h.actorRole]}
          {h.actorName ? `：${h.actorName}` : ""}）{h.comment ? <span className="history__comment">「{h.comment}」</span> : null}
        </li>
      ))}
    </ol>
  );
}

const LIMIT_TEXT: Record<AmountBreakdown["limitedBy"][number], string> = {
  applicationCap: "1件あたりの上限額を適用",
  yearlyCap: "年度の上限額の残りを適用",
  rounding: "端数を切り捨て",
};

/** The computed subsidy with each step, so the applicant sees why it is what it is. */
export function AmountPreview({ breakdown, rules, live = false }: { breakdown: AmountBreakdown | null; rules: AmountRules | null; live?: boolean }) {
  return (
    <section className="panel amount-preview" aria-labelledby="amount-preview-title" aria-live="polite">
      <h2 id="amount-preview-title" className="amount-preview__title">
        助成額の見込み
      </h2>
      {breakdown && rules ? (
        <>
          <dl className="amount-preview__steps">
            <div>
              <dt>対象となる費用の合計</dt>
              <dd>{formatYen(breakdown.eligibleTotal)}</dd>
            </div>
            {breakdown.ineligibleTotal > 0 ? (
              <div>
                <dt>対象外の費用</dt>
                <dd>{formatYen(breakdown.ineligibleTotal)}（助成の対象になりません）</dd>
              </div>
            ) : null}
            <div>
              <dt>助成率 {rules.ratePercent}% を掛けた額</dt>
              <dd>{formatYen(breakdown.byRate)}</dd>
            </div>
            <div>
              <dt>1件あたりの上限額</dt>
              <dd>{formatYen(rules.capPerApplication)}</dd>
            </div>
            <div>
              <dt>今年度の上限額の残り</dt>
              <dd>
                {formatYen(breakdown.yearlyRemaining)}（年度上限 {formatYen(rules.perPersonYearlyCap)}）
              </dd>
            </div>
            {rules.roundingUnit > 1 ? (
              <div>
                <dt>端数処理</dt>
                <dd>{formatYen(rules.roundingUnit)}未満を切り捨て</dd>
              </div>
            ) : null}
          </dl>
          <p className="amount-preview__result">
            助成額（見込み）: <strong>{formatYen(breakdown.amount)}</strong>
            {breakdown.limitedBy.length ? <span className="muted">（{breakdown.limitedBy.map((l) => LIMIT_TEXT[l]).join("、")}）</span> : null}
          </p>
          <p className="muted amount-preview__note">
            {live ? "入力に合わせて計算しています。" : "サーバーで計算した額です。"}
            申請時にもう一度計算し、交付決定の時点で予算と年度上限額を確認します。
          </p>
        </>
      ) : (
        <p className="muted">資格と費用を入力して「助成額を計算」を押すと、助成額の見込みが表示されます。</p>
      )}
    </section>
  );
}

type Detail = {
  application: { status: SubsidyStatus; examDate: string; passDate: string; amount: number; otherName: string | null; otherReason: string | null; submittedAt: Date | string | number | null; fiscalYear: number };
  certification: { name: string; field: string; ratePercent: number } | null;
  applicant: { name: string; staffNumber: string; rank: string | null; orgPath: string | null } | null;
  costLines: { costType: CostType; amount: number }[];
  files: { id: string; kind: FileKind; originalName: string; size: number }[];
  fileCount: number;
};

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

export function FileList({ files }: { files: Detail["files"] }) {
  if (files.length === 0) return <p className="muted">添付ファイルはありません。</p>;
  return (
    <ul className="file-list">
      {files.map((f) => (
        <li key={f.id}>
          <span className="tag tag--muted">{FILE_KIND_LABELS[f.kind]}</span>{" "}
          <a href={`/subsidy/files/${f.id}`} download>
            {f.originalName}
          </a>{" "}
          <span className="muted">（{fileSize(f.size)}）</span>
        </li>
      ))}
    </ul>
  );
}

/** The application as reviewers (and the applicant, once it is out of their hands) see it. */
export function ApplicationSummary({ detail, showApplicant = true, filesHidden }: { detail: Detail; showApplicant?: boolean; filesHidden?: string }) {
  const a = detail.application;
  const total = detail.costLines.reduce((n, l) => n + l.amount, 0);
  return (
    <dl className="profile">
      {showApplicant && detail.applicant ? (
        <>
          <div className="profile__row">
            <dt>申請者</dt>
            <dd>
              {detail.applicant.name}（{detail.applicant.staffNumber}・{detail.applicant.rank ?? "職位未登録"}）
            </dd>
          </div>
          <div className="profile__row">
            <dt>所属</dt>
            <dd>{detail.applicant.orgPath ?? "—"}</dd>
          </div>
        </>
      ) : null}
      <div className="profile__row">
        <dt>状態</dt>
        <dd>
          <StatusTag status={a.status} />
          {a.submittedAt ? <span className="muted">（申請: {formatDateTimeJa(new Date(a.submittedAt))}）</span> : null}
        </dd>
      </div>
      <div className="profile__row">
        <dt>資格</dt>
        <dd>
          {detail.certification ? (
            <>
              {detail.certification.name} <span className="muted">（{detail.certification.field}）</span>
            </>
          ) : (
            <>
              {a.otherName} <span className="tag tag--muted">一覧にない資格</span>
            </>
          )}
        </dd>
      </div>
      {a.otherReason ? (
        <div className="profile__row">
          <dt>業務上の有用性</dt>
          <dd className="pre-wrap">{a.otherReason}</dd>
        </div>
      ) : null}
      <div className="profile__row">
        <dt>受験日・合格日</dt>
        <dd>
          {formatDateJa(a.examDate)} 受験・{formatDateJa(a.passDate)} 合格
        </dd>
      </div>
      <div className="profile__row">
        <dt>費用</dt>
        <dd>
          <ul className="plain-list">
            {detail.costLines.map((l) => (
              <li key={l.costType}>
                {COST_TYPE_LABELS[l.costType]}: {formatYen(l.amount)}
              </li>
            ))}
          </ul>
          合計 {formatYen(total)}
        </dd>
      </div>
      <div className="profile__row">
        <dt>助成額</dt>
        <dd>
          <strong>{formatYen(a.amount)}</strong>
          {a.status === "draft" || a.status === "returned" ? <span className="muted">（見込み。申請時に確定します）</span> : null}
        </dd>
      </div>
      <div className="profile__row">
        <dt>添付ファイル</dt>
        <dd>{filesHidden && detail.fileCount > 0 && detail.files.length === 0 ? <p className="muted">{filesHidden}</p> : <FileList files={detail.files} />}</dd>
      </div>
    </dl>
  );
}

/**
 * The reviewer's decision: one comment box and a button per allowed transition (from the
 * transitions table). Returns and rejections need the comment; the server checks again.
 */
export function DecisionForm({
  actions,
  version,
  lastResult,
  title = "判断",
}: {
  actions: Transition[];
  version: number;
  lastResult: SubmissionResult<string[]> | null | undefined;
  title?: string;
}) {
  const [form, fields] = useForm<z.input<typeof transitionSchema>, z.output<typeof transitionSchema>>({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: transitionSchema }),
    shouldValidate: "onSubmit",
  });
  if (actions.length === 0) return null;
  const needsReason = actions.some((a) => a.needsComment);
  return (
    <section aria-labelledby="decision-title">
      <h2 id="decision-title">{title}</h2>
      <Form method="post" {...getFormProps(form)} className="panel">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="transition" />
        <input type="hidden" name="version" value={version} />
        <TextAreaField
          label={needsReason ? "コメント・理由" : "コメント（任意）"}
          field={fields.comment}
          hint={needsReason ? "差戻し・不承認のときは理由を必ず入力してください。申請者に通知されます（1000文字以内）。" : "申請者に通知されます（1000文字以内）。"}
          rows={3}
        />
        <div className="button-row">
          {actions.map((a) => (
            <button
              key={a.to}
              type="submit"
              name="to"
              value={a.to}
              className={a.to === "rejected" ? "button button--danger" : a.needsComment ? "button button--secondary" : "button"}
            >
              {a.label}
            </button>
          ))}
        </div>
      </Form>
    </section>
  );
}

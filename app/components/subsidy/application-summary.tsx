import { formatDateJa, formatDateTimeJa } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import { COST_TYPE_LABELS, FILE_KIND_LABELS, type CostType, type FileKind, type SubsidyStatus } from "~/services/subsidy/labels";
import { isEditable } from "~/services/subsidy/transitions";
import { StatusTag } from "./status-tag";

type Detail = {
  application: {
    status: SubsidyStatus;
    examDate: string;
    passDate: string;
    amount: number;
    otherName: string | null;
    otherReason: string | null;
    submittedAt: Date | string | number | null;
    fiscalYear: number;
  };
  certification: { name: string; field: string; ratePercent: number } | null;
  applicant: { name: string; staffNumber: string; rank: string | null; orgPath: string | null } | null;
  costLines: { costType: CostType; amount: number }[];
  files: { id: string; kind: FileKind; originalName: string; size: number }[];
  fileCount: number;
};

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

/** An attached file: its kind and its name, downloaded through the access-checked route. */
export function FileLink({ file }: { file: { id: string; kind: FileKind; originalName: string } }) {
  return (
    <>
      <span className="tag tag--muted">{FILE_KIND_LABELS[file.kind]}</span>{" "}
      <a href={`/subsidy/files/${file.id}`} download>
        {file.originalName}
      </a>
    </>
  );
}

export function FileList({ files }: { files: Detail["files"] }) {
  if (files.length === 0) return <p className="muted">添付ファイルはありません。</p>;
  return (
    <ul className="file-list">
      {files.map((f) => (
        <li key={f.id}>
          <FileLink file={f} /> <span className="muted">（{fileSize(f.size)}）</span>
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
          {isEditable(a.status) ? <span className="muted">（見込み。申請時に確定します）</span> : null}
        </dd>
      </div>
      <div className="profile__row">
        <dt>添付ファイル</dt>
        <dd>{filesHidden && detail.fileCount > 0 && detail.files.length === 0 ? <p className="muted">{filesHidden}</p> : <FileList files={detail.files} />}</dd>
      </div>
    </dl>
  );
}

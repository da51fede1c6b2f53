import { Form } from "@remix-run/react";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { STATUS_LABELS, type FileKind, type SubsidyStatus } from "~/services/subsidy/labels";
import { FileLink } from "./application-summary";

// The parts of the applicant's own page (/subsidy/$id) around the application form.

/** Why the application came back, above the form. */
export function ReturnedNotice({ at, comment }: { at: Date | string | number; comment: string | null }) {
  return (
    <div className="notice notice--warn" role="note">
      <p>{formatDateTimeJa(new Date(at))}に差し戻されました。内容を直して再申請してください。</p>
      {comment ? <p>理由: {comment}</p> : null}
    </div>
  );
}

/** The files already attached to a draft or returned application, each with a button to take it off. */
export function AttachedFiles({ files, version }: { files: { id: string; kind: FileKind; originalName: string }[]; version: number }) {
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="attached-title">
      <h2 id="attached-title">添付済みのファイル</h2>
      <ul className="file-list">
        {files.map((f) => (
          <li key={f.id}>
            <FileLink file={f} />
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="remove-file" />
              <input type="hidden" name="fileId" value={f.id} />
              <input type="hidden" name="version" value={version} />
              <button type="submit" className="button button--secondary button--small" aria-label={`${f.originalName}を外す`}>
                外す
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Withdrawing, when the transitions table allows it from this state. */
export function WithdrawForm({ status, version, label }: { status: SubsidyStatus; version: number; label: string }) {
  return (
    <section aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">申請の取下げ</h2>
      <Form method="post" className="panel">
        <p>「{STATUS_LABELS[status]}」の申請を取り下げます。取り下げた申請は記録として残り、元に戻せません。</p>
        <input type="hidden" name="intent" value="transition" />
        <input type="hidden" name="to" value="withdrawn" />
        <input type="hidden" name="version" value={version} />
        <button type="submit" className="button button--danger">
          {label}
        </button>
      </Form>
    </section>
  );
}

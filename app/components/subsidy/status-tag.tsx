import { STATUS_LABELS, statusTone, type SubsidyStatus } from "~/services/subsidy/labels";

/** An application's state as a tag, coloured by what it means for the applicant. */
export function StatusTag({ status }: { status: SubsidyStatus }) {
  const tone = statusTone(status);
  const cls = tone === "ok" ? "tag tag--ok" : tone === "muted" ? "tag tag--muted" : tone === "alert" ? "tag" : "tag tag--pending";
  return <span className={cls}>{STATUS_LABELS[status]}</span>;
}

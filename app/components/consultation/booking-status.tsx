// How a booking's status and time read on every consultation page.
import { formatDateJa } from "~/lib/fiscal-year";
import { STATUS_LABELS, timeRangeText, type BookingStatus } from "~/services/consultation/rules";

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const cls = status === "booked" ? "tag tag--ok" : status === "held" ? "tag tag--ok" : status === "no_show" ? "tag" : "tag tag--muted";
  return <span className={cls}>{STATUS_LABELS[status]}</span>;
}

/** "2026年12月1日(火) 18:00〜18:50". */
export function slotText(startsAt: Date | string, endsAt: Date | string): string {
  const s = new Date(startsAt);
  return `${formatDateJa(s)} ${timeRangeText(s, new Date(endsAt))}`;
}

import { dateTimeBoth, defineMailTemplates, mailBody } from "~/services/mail/templates";

// The consultation service's mails go to the booking employee's own address only, and say
// no more than the .ics does (decision 301): a neutral 「オンライン面談」, the date and time,
// the meeting link. Never the topic, the note, the consultant's name or the booking code.
// Marked confidential: the admin's failed-mail page does not show whom they were for.

type Booking = { bookingId: string; startsAt: string; endsAt: string; meetingUrl: string | null };

function facts(v: Booking): string[] {
  return [`日時: ${dateTimeBoth(v.startsAt, v.endsAt)}`, ...(v.meetingUrl ? [`参加URL: ${v.meetingUrl}`] : [])];
}

const bookingLink = (v: Booking, url: (p: string) => string) => ({ label: "予約の確認・変更", url: url(`/consultation/bookings/${v.bookingId}`) });

export const consultationMail = defineMailTemplates({
  "consultation.booked": {
    category: "decision",
    confidential: true,
    render: (v: Booking, { url }) => ({
      subject: "【オンライン面談】予約を受け付けました",
      text: mailBody(["オンライン面談の予約を受け付けました。", "", ...facts(v)], bookingLink(v, url)),
    }),
  },
  "consultation.moved": {
    category: "decision",
    confidential: true,
    render: (v: Booking & { previousStartsAt: string }, { url }) => ({
      subject: "【オンライン面談】予約の日時を変更しました",
      text: mailBody(
        ["オンライン面談の予約の日時を変更しました。", "", `変更前: ${dateTimeBoth(v.previousStartsAt)}`, ...facts(v).map((l) => l.replace(/^日時:/, "変更後:"))],
        bookingLink(v, url),
      ),
    }),
  },
  "consultation.cancelled": {
    category: "decision",
    confidential: true,
    render: (v: Omit<Booking, "meetingUrl">, { url }) => ({
      subject: "【オンライン面談】予約を取り消しました",
      text: mailBody(["オンライン面談の予約を取り消しました。", "", `日時: ${dateTimeBoth(v.startsAt, v.endsAt)}`], { label: "ポータル", url: url("/consultation") }),
    }),
  },
  "consultation.closed": {
    category: "decision",
    confidential: true,
    render: (v: Omit<Booking, "meetingUrl">, { url }) => ({
      subject: "【オンライン面談】予約が取り消されました",
      text: mailBody(
        ["ご予約の日時の面談枠が都合により取り消されたため、予約は取り消しとなりました。", "お手数ですが、別の日時をご予約ください。", "", `日時: ${dateTimeBoth(v.startsAt, v.endsAt)}`],
        { label: "別の日時を予約する", url: url("/consultation") },
      ),
    }),
  },
  "consultation.reminder": {
    category: "reminder",
    confidential: true,
    render: (v: Booking, { url }) => ({
      subject: "【オンライン面談】明日の予約のお知らせ",
      text: mailBody(["明日はオンライン面談の予約日です。", "", ...facts(v), "", "（このお知らせはマイページで停止できます）"], bookingLink(v, url)),
    }),
  },
});

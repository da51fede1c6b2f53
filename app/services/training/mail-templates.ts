import { dateTimeBoth, defineMailTemplates, mailBody } from "~/services/mail/templates";

// The training service's mails. Values are what the outbox row stores; instants are ISO
// strings. Every mail names the course and the session and links to the course page.

type Session = { courseId: number; courseTitle: string; seq: number; startsAt: string; endsAt: string };

function sessionLine(v: Session): string {
  return `研修: ${v.courseTitle} 第${v.seq}回\n日時: ${dateTimeBoth(v.startsAt, v.endsAt)}`;
}

const courseLink = (v: Session, url: (p: string) => string) => ({ label: "研修の詳細", url: url(`/training/courses/${v.courseId}`) });

export const trainingMail = defineMailTemplates({
  "training.confirmed": {
    category: "decision",
    render: (v: Session, { url }) => ({
      subject: `【研修】受講が決定しました: ${v.courseTitle}`,
      text: mailBody(["研修の受講が決定しました。", "", sessionLine(v)], courseLink(v, url)),
    }),
  },
  "training.waitlisted": {
    category: "decision",
    render: (v: Session & { position: number | null }, { url }) => ({
      subject: `【研修】キャンセル待ちで受け付けました: ${v.courseTitle}`,
      text: mailBody(
        [
          `定員に達しているため、キャンセル待ち${v.position ? `（${v.position}番目）` : ""}で受け付けました。`,
          "席が空くと申込順に繰り上がり、このメールアドレスにお知らせします。",
          "",
          sessionLine(v),
        ],
        courseLink(v, url),
      ),
    }),
  },
  "training.promoted": {
    category: "decision",
    render: (v: Session & { needsApproval: boolean }, { url }) => ({
      subject: `【研修】キャンセル待ちから繰り上がりました: ${v.courseTitle}`,
      text: mailBody(
        [
          "キャンセルが出たため、キャンセル待ちから繰り上がり、席が確保されました。",
          v.needsApproval ? "所属長の承認をお待ちください。承認されると受講が決定します。" : "受講が決定しました。",
          "",
          sessionLine(v),
        ],
        courseLink(v, url),
      ),
    }),
  },
  "training.returned": {
    category: "decision",
    render: (v: Session & { comment: string | null }, { url }) => ({
      subject: `【研修】申込が差し戻されました: ${v.courseTitle}`,
      text: mailBody(["研修の申込が所属長から差し戻されました。", ...(v.comment ? [`理由: ${v.comment}`] : []), "", sessionLine(v)], courseLink(v, url)),
    }),
  },
  "training.removed": {
    category: "decision",
    render: (v: Session & { comment: string | null }, { url }) => ({
      subject: `【研修】申込が取り消されました: ${v.courseTitle}`,
      text: mailBody(["研修の申込が人材育成課により取り消されました。", ...(v.comment ? [`理由: ${v.comment}`] : []), "", sessionLine(v)], courseLink(v, url)),
    }),
  },
  "training.approval_requested": {
    category: "decision",
    render: (v: Session & { applicantName: string }, { url }) => ({
      subject: `【研修】申込の承認をお願いします: ${v.applicantName}さん`,
      text: mailBody([`${v.applicantName}さんから研修の申込があり、所属長の承認を待っています。`, "", sessionLine(v)], {
        label: "承認ページ",
        url: url("/approvals"),
      }),
    }),
  },
  "training.reminder": {
    category: "reminder",
    render: (v: Session, { url }) => ({
      subject: `【研修】明日の研修のお知らせ: ${v.courseTitle}`,
      text: mailBody(
        ["明日は次の研修の受講日です。", "", sessionLine(v), "", "（このお知らせはマイページで停止できます）"],
        courseLink(v, url),
      ),
    }),
  },
});

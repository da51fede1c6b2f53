import { dateBoth, defineMailTemplates, mailBody } from "~/services/mail/templates";

// 昇任型公募's mails go to the applicant only (their supervisor, colleagues and anyone else
// get nothing by mail): the submission, each stage's result, the placement.

type Call = { callId: number; callTitle: string };

const callLink = (v: Call, url: (p: string) => string) => ({ label: "応募の状況", url: url(`/promotion/calls/${v.callId}`) });

export const promotionMail = defineMailTemplates({
  "promotion.submitted": {
    category: "decision",
    render: (v: Call & { submittedOn: string }, { url }) => ({
      subject: `【昇任型公募】応募を受け付けました: ${v.callTitle}`,
      text: mailBody([`昇任型公募「${v.callTitle}」への応募を受け付けました（${dateBoth(v.submittedOn)}）。`, "選考の結果はポータルとこのメールアドレスでお知らせします。"], callLink(v, url)),
    }),
  },
  "promotion.result": {
    category: "decision",
    render: (v: Call & { headline: string; statusLabel: string }, { url }) => ({
      subject: `【昇任型公募】${v.headline}`,
      text: mailBody([`昇任型公募「${v.callTitle}」の選考についてお知らせします。`, `結果: ${v.statusLabel}`, "詳しくはポータルでご確認ください。"], callLink(v, url)),
    }),
  },
  "promotion.placed": {
    category: "decision",
    render: (v: Call & { placement: string }, { url }) => ({
      subject: "【昇任型公募】配置先が決まりました",
      text: mailBody([`昇任型公募「${v.callTitle}」の配置先が決まりました。`, `配置先: ${v.placement}`], callLink(v, url)),
    }),
  },
});

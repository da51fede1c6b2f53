import { formatYen } from "~/lib/yen";
import { defineMailTemplates, mailBody } from "~/services/mail/templates";

// The subsidy service's mails: the applicant's decisions and the supervisor's request.

type Application = { applicationId: string; certification: string };

const applicationLink = (v: Application, url: (p: string) => string) => ({ label: "申請の詳細", url: url(`/subsidy/${v.applicationId}`) });

export const subsidyMail = defineMailTemplates({
  "subsidy.returned": {
    category: "decision",
    render: (v: Application & { comment: string | null }, { url }) => ({
      subject: "【資格取得費用助成】申請が差し戻されました",
      text: mailBody(
        [`資格取得費用助成の申請（${v.certification}）が差し戻されました。`, ...(v.comment ? [`理由: ${v.comment}`] : []), "内容を直して、もう一度申請してください。"],
        applicationLink(v, url),
      ),
    }),
  },
  "subsidy.rejected": {
    category: "decision",
    render: (v: Application & { comment: string | null }, { url }) => ({
      subject: "【資格取得費用助成】申請は不承認となりました",
      text: mailBody([`資格取得費用助成の申請（${v.certification}）は不承認となりました。`, ...(v.comment ? [`理由: ${v.comment}`] : [])], applicationLink(v, url)),
    }),
  },
  "subsidy.approved": {
    category: "decision",
    render: (v: Application & { amount: number }, { url }) => ({
      subject: "【資格取得費用助成】交付が決定しました",
      text: mailBody([`資格取得費用助成の申請（${v.certification}）について、交付が決定しました。`, `助成額: ${formatYen(v.amount)}`], applicationLink(v, url)),
    }),
  },
  "subsidy.paid": {
    category: "decision",
    render: (v: Application & { amount: number }, { url }) => ({
      subject: "【資格取得費用助成】助成金を支払いました",
      text: mailBody([`資格取得費用助成（${v.certification}）の助成金を支払いました。`, `支払額: ${formatYen(v.amount)}`], applicationLink(v, url)),
    }),
  },
  "subsidy.approval_requested": {
    category: "decision",
    render: (v: Application & { applicantName: string }, { url }) => ({
      subject: `【資格取得費用助成】申請の確認をお願いします: ${v.applicantName}さん`,
      text: mailBody([`${v.applicantName}さんから資格取得費用助成の申請（${v.certification}）が届いています。`, "業務上の有用性を確認してください。"], {
        label: "確認ページ",
        url: url(`/subsidy/review/${v.applicationId}`),
      }),
    }),
  },
});

import { dateBoth, defineMailTemplates, mailBody } from "./templates";

// The portal's own mails, across services: the supervisor's daily digest of approvals
// waiting longer than the set number of days (MAIL_DIGEST_AFTER_DAYS).

export const portalMail = defineMailTemplates({
  "portal.approval_digest": {
    category: "digest",
    render: (v: { on: string; days: number; lines: readonly string[] }, { url }) => ({
      subject: `【承認】${v.days}日以上お待たせしている承認があります`,
      text: mailBody(
        [`${dateBoth(v.on)}現在、${v.days}日以上お待たせしている承認があります。`, "", ...v.lines.map((l) => `・${l}`), "", "（このまとめはマイページで停止できます）"],
        { label: "承認ページ", url: url("/approvals") },
      ),
    }),
  },
});

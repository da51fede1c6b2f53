import type { ServiceRegistration } from "~/services/contract/registration";
import { mentorStatsModule } from "./progress-module.server";

/**
 * 職員メンター制度 as the portal sees it: the employee's and 人事課's entries, the notices and
 * the statistics. Direct requests are answered on the mentor's own page, not on the 承認
 * page (that page is for supervisors' decisions about their subordinates).
 */
export const mentorService = {
  key: "mentor",
  nav: [
    { to: "/mentor", label: "メンター制度", roles: ["employee"] },
    { to: "/mentor/manage", label: "メンター制度の運用", roles: ["hr_personnel"] },
  ],
  notices: {
    "mentor-registered-mentor": "メンターとして登録しました。内容は受付期間中に変更できます。",
    "mentor-registered-mentee": "メンティとして登録しました。内容は受付期間中に変更できます。",
    "mentor-requested": "メンターに依頼しました。回答の期限までに返事がないと、依頼は期限切れになります。",
    "mentor-request-accepted": "依頼を承諾しました。ペアのページから面談を記録できます。",
    "mentor-request-declined": "依頼を辞退しました。",
    "mentor-request-withdrawn": "依頼を取り下げました。",
    "mentor-meeting-logged": "面談を記録しました。",
    "mentor-note-added": "メモを追加しました。メモはペアの2人だけが読めます。",
    "mentor-fit-saved": "回答しました。",
    "mentor-fit-poor": "回答しました。人事課がメンターの組み直しを検討します。",
    "mentor-pair-ended": "ペアを終了しました。終了時アンケートにお答えください。",
    "mentor-survey-saved": "アンケートに回答しました。ご協力ありがとうございました。",
    "mentor-cycle-saved": "サイクルを保存しました。",
    "mentor-cycle-open": "募集を始めました。職員の「メンター制度」に表示されます。",
    "mentor-cycle-matching": "募集を締め切りました。マッチングを実行してください。",
    "mentor-matching-done": "マッチングを実行しました。提案を確認し、必要なら編集してから公開してください。",
    "mentor-proposal-edited": "提案のペアを変更しました。",
    "mentor-cycle-published": "ペアを公開しました。メンターとメンティの双方にお知らせを送りました。",
    "mentor-cycle-ended": "サイクルを終了しました。実施中のペアは終了し、双方にアンケートをお願いしました。",
    "mentor-rematched": "新しいペアを組みました。双方にお知らせを送りました。",
  },
  stats: mentorStatsModule,
} as const satisfies ServiceRegistration;

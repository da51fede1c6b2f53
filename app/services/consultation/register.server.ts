import type { ServiceRegistration } from "~/services/contract/registration";
import { consultationProgressModule } from "./progress-module.server";
import { consultationMail } from "./mail-templates";
import { consultationReminders } from "./employee-mail.server";

/**
 * 外部の専門家相談窓口 as the portal sees it. No pending approvals, ever: no supervisor
 * takes part in, or sees, a consultation (decision 301).
 */
export const consultationService = {
  key: "consultation",
  nav: [
    { to: "/consultation", label: "相談予約", roles: ["employee"] },
    { to: "/consultation/sessions", label: "相談（コンサルタント）", roles: ["consultant"] },
    { to: "/consultation/manage", label: "相談窓口の運用", roles: ["welfare"] },
  ],
  notices: {
    "consultation-booked": "相談を予約しました。参加URLと予約番号は「予約中の相談」でいつでも確認できます。",
    "consultation-moved": "予約の日時を変更しました。",
    "consultation-cancelled": "予約を取り消しました。",
    "consultation-marked": "相談の実施状況を記録しました。",
    "consultation-memo-saved": "メモを保存しました。",
    "consultation-rules-saved": "相談窓口のルールを保存しました。",
    "consultation-consultant-registered": "コンサルタントを登録しました。",
    "consultation-consultant-updated": "コンサルタントの設定を保存しました。",
    "consultation-slot-published": "相談枠を公開しました。",
    "consultation-slots-published": "相談枠をまとめて公開しました。",
    "consultation-slot-closed": "相談枠を取り消しました。",
    "consultation-slot-closed-notified": "相談枠を取り消しました。予約していた職員本人にお知らせを送りました。",
    "consultation-slot-reopened": "相談枠の受付を再開しました。",
  },
  stats: consultationProgressModule,
  mail: consultationMail,
  reminders: consultationReminders,
} as const satisfies ServiceRegistration;

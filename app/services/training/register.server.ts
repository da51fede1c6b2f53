import { formatDateTimeJa } from "~/lib/fiscal-year";
import type { PendingGroup, ServiceRegistration } from "~/services/contract/registration";
import { trainingProgressModule } from "./progress-module.server";
import { listPendingApprovals } from "./approval-queries.server";
import { COURSE_KIND_LABELS } from "./rules";
import { formatSessionTime } from "./time";
import { trainingMail } from "./mail-templates";
import { trainingOverdueApprovals, trainingReminders } from "./mail-schedule.server";
import { drawDueLotteries } from "./lottery.server";

/** 階層別研修 as the portal sees it: navigation, the supervisor's pending sign-ups, notices, statistics. */
export const trainingService = {
  key: "training",
  nav: [
    { to: "/training", label: "研修", roles: ["employee"] },
    { to: "/training/manage", label: "研修管理", roles: ["hr_dev"] },
  ],
  notices: {
    "training-signed-up": "研修に申し込みました。受講が決定しました。",
    "training-pending": "研修に申し込みました。席を確保し、所属長の承認を待っています。",
    "training-waitlisted": "定員に達しているため、キャンセル待ちで登録しました。繰り上がるとお知らせが届きます。",
    "training-already": "この回にはすでに申し込んでいます。",
    "training-cancelled": "申込をキャンセルしました。",
    "training-changed": "回を変更しました。受講が決定しています。前の回の席は、キャンセル待ちの方がいれば繰り上げています。",
    "training-changed-pending": "回を変更しました。変更後の回で席を確保し、所属長の承認を待っています。",
    "training-changed-waitlisted": "回を変更しました。変更後の回は満席のため、キャンセル待ちで登録しました。",
    "training-approved": "研修の申込を承認しました。",
    "training-returned": "研修の申込を差し戻しました。",
    "training-course-saved": "研修を保存しました。",
    "training-session-saved": "研修の回を保存しました。",
    "training-session-opened": "申込の受付を開始しました。",
    "training-session-closed": "申込の受付を終了しました。",
    "training-session-called-off": "この回を中止し、申込者全員にお知らせを送りました。",
    "training-tiers-saved": "この年度の階層を保存しました。",
    "training-marked": "出席・欠席・修了を記録しました。",
    "training-drawn": "抽選を実行しました。結果を応募者全員にお知らせしました。",
    "training-applied": "応募しました。申込締切の後に抽選を行い、結果をお知らせします。",
    "training-applied-pending": "応募しました。所属長の承認を受けた応募が抽選の対象になります。",
    "training-removed": "申込を取り消しました。キャンセル待ちの方がいれば繰り上げています。",
    "training-copied": "前年度の研修をコピーしました。日程を確認してから受付を開始してください。",
    "training-copied-none": "コピーする研修はありませんでした（同じ名前の研修がすでにあります）。",
    "training-rules-saved": "選択科目のルールを保存しました。",
  },
  pendingApprovals: async (viewer): Promise<PendingGroup> => ({
    key: "training",
    title: "研修の申込",
    hint: "承認するまで席は確保されています。差し戻すと席は空き、キャンセル待ちの方が繰り上がります。",
    items: (await listPendingApprovals(viewer)).map((t) => ({
      key: `training-${t.enrollmentId}`,
      name: t.employeeName,
      who: `${t.staffNumber}・${t.rank ?? "職位未登録"}`,
      tag: { label: COURSE_KIND_LABELS[t.kind], className: `tag tag--kind tag--${t.kind}` },
      lines: [`${t.courseTitle} 第${t.seq}回`, formatSessionTime(new Date(t.startsAt), new Date(t.endsAt))],
      note: `申込: ${formatDateTimeJa(new Date(t.requestedAt))}`,
      link: { to: `/approvals/training/${t.enrollmentId}`, label: "詳細と履歴" },
      quickDecision: {
        action: `/approvals/training/${t.enrollmentId}`,
        approveLabel: `${t.employeeName}さんの申込を承認する`,
        returnLabel: `${t.employeeName}さんの申込を差し戻す`,
      },
    })),
  }),
  stats: trainingProgressModule,
  mail: trainingMail,
  reminders: trainingReminders,
  overdueApprovals: trainingOverdueApprovals,
  dueWork: drawDueLotteries,
} as const satisfies ServiceRegistration;

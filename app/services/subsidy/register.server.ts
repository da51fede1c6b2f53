import { formatDateTimeJa } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import type { PendingGroup, ServiceRegistration } from "~/services/contract/registration";
import { subsidyProgressModule } from "./progress-module.server";
import { listWaitingForSupervisor } from "./queries.server";
import { subsidyMail } from "./mail-templates";
import { subsidyOverdueApprovals } from "./mail-schedule.server";

/** 資格取得費用助成 as the portal sees it: navigation, applications waiting for the supervisor, notices, statistics. */
export const subsidyService = {
  key: "subsidy",
  nav: [
    { to: "/subsidy", label: "資格取得費用助成", roles: ["employee"] },
    { to: "/subsidy/manage", label: "助成の審査", roles: ["hr_dev"] },
  ],
  notices: {
    "subsidy-saved": "資格取得費用助成の申請を下書き保存しました。",
    "subsidy-calculated": "助成額を計算しました。選んだファイルを失わないよう、申請を下書き保存しています（まだ申請していません）。",
    "subsidy-submitted": "資格取得費用助成を申請しました。所属長の確認を待っています。",
    "subsidy-withdrawn": "申請を取り下げました。",
    "subsidy-file-removed": "添付ファイルを外しました。",
    "subsidy-confirmed": "資格取得費用助成の申請を確認しました。人材育成課の審査に進みます。",
    "subsidy-returned": "申請を差し戻しました。申請者に通知しました。",
    "subsidy-approved": "交付決定しました。申請者に通知しました。",
    "subsidy-rejected": "不承認としました。申請者に通知しました。",
    "subsidy-paid": "支払済にしました。申請者に通知しました。",
    "subsidy-scheme-saved": "資格取得費用助成の年度設定を保存しました。",
    "subsidy-certification-saved": "対象資格を保存しました。",
  },
  pendingApprovals: async (viewer): Promise<PendingGroup> => ({
    key: "subsidy",
    title: "資格取得費用助成の申請",
    hint: "領収書と合格証の写しを確かめ、資格が業務に役立つかを確認してください。",
    items: (await listWaitingForSupervisor(viewer)).map((a) => ({
      key: `subsidy-${a.id}`,
      name: a.applicantName,
      who: a.staffNumber,
      lines: [`${a.certificationName}・助成額 ${formatYen(a.amount)}`],
      note: a.submittedAt ? `申請: ${formatDateTimeJa(new Date(a.submittedAt))}` : undefined,
      link: { to: `/subsidy/review/${a.id}`, label: `${a.applicantName}さんの申請を確認する`, primary: true },
    })),
  }),
  stats: subsidyProgressModule,
  mail: subsidyMail,
  overdueApprovals: subsidyOverdueApprovals,
} as const satisfies ServiceRegistration;

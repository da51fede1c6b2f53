import type { PendingGroup, ServiceRegistration } from "~/services/contract/registration";
import { listOpinionsDue } from "./queries.server";
import { LEVEL_LABELS, type PromotionLevel } from "./rules";
import { promotionStatsModule } from "./progress-module.server";
import { promotionMail } from "./mail-templates";

/**
 * 昇任型公募 as the portal sees it: the employee's and 人事課's entries, the 所属長意見 due
 * on the 承認 page (only where a call asks for one, only for the own subordinates), the
 * notices and the statistics.
 */
export const promotionService = {
  key: "promotion",
  nav: [
    { to: "/promotion", label: "昇任型公募", roles: ["employee"] },
    { to: "/promotion/manage", label: "昇任型公募の運用", roles: ["hr_personnel"] },
  ],
  notices: {
    "promotion-saved": "応募を下書き保存しました。締切までに「応募する」を押してください。",
    "promotion-submitted": "応募しました。受付期間中は取り下げることができます。",
    "promotion-withdrawn": "応募を取り下げました。受付期間中であれば、もう一度応募できます。",
    "promotion-call-saved": "公募を保存しました。",
    "promotion-call-published": "公募を公開しました。職員の「昇任型公募」に表示されます。",
    "promotion-call-closed": "公募を締め切りました。",
    "promotion-call-selecting": "選考を始めました。応募者ごとに結果を記録してください。",
    "promotion-call-done": "選考を完了しました。",
    "promotion-decided": "選考の結果を記録しました。応募者にお知らせを送りました。",
    "promotion-opinion-saved": "所属長意見を記入しました。応募者本人には表示されません。",
  },
  pendingApprovals: async (viewer): Promise<PendingGroup> => ({
    key: "promotion",
    title: "昇任型公募の所属長意見",
    hint: "部下の職員が昇任型公募に応募しました。期限までに推薦するかどうかと意見を記入してください。意見は人事課だけが読み、応募を止めることはありません。",
    items: (await listOpinionsDue(viewer)).map((r) => ({
      key: `promotion-${r.id}`,
      name: r.name,
      who: `${r.staffNumber}・${r.rank ?? ""}`,
      lines: [`${LEVEL_LABELS[r.level as PromotionLevel]}「${r.title}」`],
      note: `期限: ${(r.opinionDueOn ?? r.closesOn).replace(/-/g, "/")}`,
      link: { to: `/approvals/promotion/${r.id}`, label: `${r.name}さんの応募に意見を記入する`, primary: true },
    })),
  }),
  stats: promotionStatsModule,
  mail: promotionMail,
} as const satisfies ServiceRegistration;

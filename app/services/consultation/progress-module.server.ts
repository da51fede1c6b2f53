import { getDb } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import type { StatsModule } from "~/services/progress/types";
import { TOPIC_LABELS, TOPICS } from "./rules";
import { OCCUPYING as OCCUPYING_STATUSES } from "./transitions";

/** The counted bookings, from the one named set (the partial unique index uses the same). */
const OCCUPYING = `(${sqlStatusList(OCCUPYING_STATUSES)})`;

/**
 * 外部の専門家相談窓口 for the statistics: counts only, and every breakdown is suppressed
 * (a confidential service). Nothing here names or lists a person.
 */
export const consultationProgressModule: StatsModule = {
  measureKey: "consultation",
  ownerRoles: ["welfare"],
  suppression: "always",
  // As the service promises: counts by topic, 年度 and 管理職／それ以外 only.
  confidential: { dimensions: ["topic", "tierGroup"] },
  summary(fiscalYear) {
    const r = getDb()
      .$client.prepare(
        `SELECT count(*) AS booked,
                SUM(CASE WHEN b.status = 'held' THEN 1 ELSE 0 END) AS held,
                SUM(CASE WHEN b.status = 'no_show' THEN 1 ELSE 0 END) AS noShow
         FROM consultation_bookings b WHERE b.fiscal_year = ? AND b.status IN ${OCCUPYING}`,
      )
      .get(fiscalYear) as { booked: number; held: number | null; noShow: number | null };
    return [
      { label: "予約", unit: "件", value: r.booked },
      { label: "実施", unit: "件", value: r.held ?? 0 },
      { label: "無断キャンセル", unit: "件", value: r.noShow ?? 0 },
    ];
  },
  facts: {
    sql: `SELECT b.employee_id AS employee_id, s.starts_at AS at, b.topic AS topic, 1 AS booked,
            CASE WHEN b.status = 'held' THEN 1 ELSE 0 END AS held,
            CASE WHEN b.status = 'no_show' THEN 1 ELSE 0 END AS no_show
          FROM consultation_bookings b JOIN consultation_slots s ON s.id = b.slot_id
          WHERE b.fiscal_year = ? AND b.status IN ${OCCUPYING}`,
    params: (fiscalYear) => [fiscalYear],
  },
  metrics: [
    { key: "booked", label: "予約", unit: "count", everyRecord: true },
    { key: "held", label: "実施", unit: "count", partOf: "booked" },
    { key: "no_show", label: "無断キャンセル", unit: "count", partOf: "booked" },
  ],
  dimensions: [
    {
      key: "topic",
      label: "相談内容",
      sql: `CASE f.topic ${TOPICS.map((t) => `WHEN '${t}' THEN '${TOPIC_LABELS[t]}'`).join(" ")} ELSE 'その他' END`,
      params: () => [],
      personal: false,
      order: TOPICS.map((t) => TOPIC_LABELS[t]),
    },
  ],
};

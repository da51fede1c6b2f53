import { and, count, eq, inArray, sql } from "drizzle-orm";
import { epochMs, getDb } from "~/db.server";
import type { StatsModule } from "~/services/progress/types";
import { TOPIC_LABELS, TOPICS } from "./rules";
import { bookings, slots } from "./store.server";
import { OCCUPYING } from "./transitions";

/** A booking that is counted: the one named set (the partial unique index uses the same). */
const counted = (fiscalYear: number) => and(eq(bookings.fiscalYear, fiscalYear), inArray(bookings.status, OCCUPYING));

/** 1 for a booking in `status`, else 0 (a number on both engines). */
const isStatus = (status: "held" | "no_show") => sql<number>`CASE WHEN ${bookings.status} = ${status} THEN 1 ELSE 0 END`;

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
  async summary(fiscalYear) {
    const [r] = await getDb()
      .select({
        booked: count(),
        held: sql<number>`coalesce(sum(${isStatus("held")}), 0)`.mapWith(Number),
        noShow: sql<number>`coalesce(sum(${isStatus("no_show")}), 0)`.mapWith(Number),
      })
      .from(bookings)
      .where(counted(fiscalYear));
    return [
      { label: "予約", unit: "件", value: r?.booked ?? 0 },
      { label: "実施", unit: "件", value: r?.held ?? 0 },
      { label: "無断キャンセル", unit: "件", value: r?.noShow ?? 0 },
    ];
  },
  facts: {
    query: (fiscalYear) =>
      sql`SELECT ${bookings.employeeId} AS employee_id, ${epochMs(slots.startsAt)} AS at, ${bookings.topic} AS topic, 1 AS booked,
            ${isStatus("held")} AS held, ${isStatus("no_show")} AS no_show
          FROM ${bookings} JOIN ${slots} ON ${slots.id} = ${bookings.slotId}
          WHERE ${counted(fiscalYear)}`,
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
      personal: false,
      order: TOPICS.map((t) => TOPIC_LABELS[t]),
    },
  ],
};

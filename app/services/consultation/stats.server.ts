// Statistics of the consultation service, for the uptake statistics page: counts only, by
// 年度, topic and tier group, with cells under the threshold suppressed (and the counts
// that would reveal them). Nothing here can name or single out a person.
import { and, count, inArray } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { hasRole } from "~/auth/viewer";
import { getDb } from "~/db.server";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import type { RankGroup, Topic } from "./rules";
import { buildStatsTable, type LeafCount, type StatsRow } from "./stats-table";
import { bookings } from "./store.server";
import { OCCUPYING } from "./transitions";

/** The plan's rule for confidential services: fewer than 5 people is never shown. */
export const SMALL_CELL_THRESHOLD = 5;

/** `withheld`: too few bookings to publish any row without giving one away; only 合計 is in `rows`. */
export type ConsultationYearStats = { fiscalYear: number; label: string; rows: StatsRow[]; withheld: boolean };

/**
 * One table per 年度 asked for. Rows: each topic, each tier group, and the total; columns:
 * 予約 (booked, held or no-show), 実施, 無断キャンセル. Cancelled and moved bookings are not counted.
 * Readable by 人材育成課 (statistics) and 労務厚生課 (the service); null for anyone else.
 */
export async function consultationStats(
  viewer: Viewer,
  fiscalYears: number[],
  opts: { threshold?: number } = {},
): Promise<ConsultationYearStats[] | null> {
  if (!hasRole(viewer, "hr_dev", "welfare")) return null;
  const threshold = Math.max(SMALL_CELL_THRESHOLD, opts.threshold ?? SMALL_CELL_THRESHOLD);
  if (fiscalYears.length === 0) return [];
  const rows = await getDb()
    .select({
      fiscalYear: bookings.fiscalYear,
      topic: bookings.topic,
      rankGroup: bookings.rankGroup,
      status: bookings.status,
      n: count(),
    })
    .from(bookings)
    .where(and(inArray(bookings.fiscalYear, fiscalYears), inArray(bookings.status, OCCUPYING)))
    .groupBy(bookings.fiscalYear, bookings.topic, bookings.rankGroup, bookings.status);
  return [...fiscalYears]
    .sort((a, b) => b - a)
    .map((fy) => {
      const leaves: LeafCount[] = rows
        .filter((r) => r.fiscalYear === fy)
        .map((r) => ({ topic: r.topic as Topic, rankGroup: r.rankGroup as RankGroup, status: r.status as LeafCount["status"], n: r.n }));
      const table = buildStatsTable(leaves, threshold);
      return { fiscalYear: fy, label: fiscalYearLabel(fy), rows: table, withheld: table.every((r) => r.kind === "total") };
    });
}

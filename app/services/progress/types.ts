import type { SQL } from "drizzle-orm";
import type { Dimension, DimensionKey } from "./dimensions";
import type { MeasureKey } from "./measures";

export type Figure = {
  label: string;
  value: number;
  unit: "件" | "人" | "回" | "円" | "組" | "点";
  /**
   * Not a count of people but of what the city publishes anyway (calls held, places
   * offered): shown as it is even by a confidential service.
   */
  published?: true;
  /**
   * How many people stand behind a figure that is not a count (an average score): under the
   * threshold it is suppressed by every service, confidential or not.
   */
  basis?: number;
};

export type Metric = {
  key: string;
  label: string;
  unit: "count" | "yen";
  /** For yen: the count metric whose suppression it follows (one person's money is personal). */
  suppressWith?: string;
  /**
   * The metric whose records these are a part of (出席 of 申込, 支払 of 交付決定, 支払額 of 交付決定額);
   * metrics with the same `partOf` are disjoint (実施 and 無断キャンセル). A reader knows this, so
   * the suppression uses it.
   */
  partOf?: string;
  /** Every record counts 1 here (申込, 申請, 予約): a row listed in a breakdown has at least 1. */
  everyRecord?: true;
};

/**
 * What a service registers for the statistics: headline figures for a 年度, and one SQL
 * "facts" query (one row per record: employee_id, at in epoch ms, and a numeric column per
 * metric) that every breakdown groups by a dimension.
 */
export type StatsModule = {
  measureKey: MeasureKey;
  summary: (fiscalYear: number) => Promise<Figure[]>;
  facts: {
    /**
     * The facts of a 年度 as one drizzle `sql` query, written for both engines (dialect parts
     * through `sqlFor`, the epoch-ms `at` through `epochMs(column)` from ~/db.server).
     */
    query: (fiscalYear: number) => SQL;
    /**
     * The facts carry the breakdown attributes as they were at the record — columns
     * `fact_id` (unique per row), `bureau`, `rank`, `job_category`, `birth_year`, `gender` —
     * and breakdowns read those instead of the person's current org data (昇任型公募: the
     * unit at application, kept when the person moves).
     */
    snapshotDims?: true;
  };
  metrics: Metric[];
  /** "always": a confidential service, every breakdown suppressed; else only personal dimensions. */
  suppression: "always" | "personal-dimensions";
  /**
   * A confidential service: only these dimensions are offered, every count under the
   * threshold — 0 included — is suppressed, headline figures too.
   */
  confidential?: { dimensions: DimensionKey[] };
  /** Dimensions of this service's own facts (e.g. the consultation topic, `f.topic`). */
  dimensions?: Dimension[];
  /** Roles besides hr_dev that may see this module (the owning section). */
  ownerRoles: ("hr_personnel" | "welfare")[];
};

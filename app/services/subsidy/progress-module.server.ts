import { and, eq, sql, type SQL } from "drizzle-orm";
import { epochMs, first, getDb, schema } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import type { StatsModule } from "~/services/progress/types";
import { COMMITTED_STATUSES, PAID_STATUSES, REJECTED_STATUSES, SENT_STATUSES } from "./transitions";

const { subsidyApplications: apps, subsidySchemes: schemes } = schema;

// The SQL lists of the named status sets (transitions.ts), so the figures here count what
// the budget and the approval check count. Written once for both engines: only CASE, IN,
// SUM and COALESCE, and the epoch-ms `at` through epochMs().
const statusIn = (statuses: readonly string[]): SQL => sql`${apps.status} IN (${sql.raw(sqlStatusList(statuses))})`;
const SENT = statusIn(SENT_STATUSES);
const COMMITTED = statusIn(COMMITTED_STATUSES);
const PAID = statusIn(PAID_STATUSES);
const REJECTED = statusIn(REJECTED_STATUSES);

const countWhere = (cond: SQL) => sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`.mapWith(Number);
const yenWhere = (cond: SQL) => sql<number>`coalesce(sum(CASE WHEN ${cond} THEN ${apps.amount} ELSE 0 END), 0)`.mapWith(Number);

/** 資格取得費用助成 for the progress page: applications, approvals, yen approved and paid, budget. */
export const subsidyProgressModule: StatsModule = {
  measureKey: "subsidy",
  ownerRoles: [],
  // Money one person received is personal: every breakdown is suppressed.
  suppression: "always",
  async summary(fiscalYear) {
    const db = getDb();
    const [r] = await db
      .select({
        applications: countWhere(SENT),
        approvals: countWhere(COMMITTED),
        rejections: countWhere(REJECTED),
        approvedYen: yenWhere(COMMITTED),
        paidYen: yenWhere(PAID),
      })
      .from(apps)
      .where(eq(apps.fiscalYear, fiscalYear));
    const budget = (await first(db.select({ budget: schemes.budget }).from(schemes).where(eq(schemes.fiscalYear, fiscalYear))))?.budget;
    return [
      { label: "申請", unit: "件", value: r?.applications ?? 0 },
      { label: "交付決定", unit: "件", value: r?.approvals ?? 0 },
      { label: "不承認", unit: "件", value: r?.rejections ?? 0 },
      { label: "交付決定額", unit: "円", value: r?.approvedYen ?? 0 },
      { label: "支払額", unit: "円", value: r?.paidYen ?? 0 },
      ...(budget ? [{ label: "予算額", unit: "円" as const, value: budget }] : []),
    ];
  },
  facts: {
    query: (fiscalYear) => sql`SELECT ${apps.applicantId} AS employee_id, ${epochMs(sql`COALESCE(${apps.submittedAt}, ${apps.createdAt})`)} AS at, 1 AS applications,
            CASE WHEN ${COMMITTED} THEN 1 ELSE 0 END AS approvals,
            CASE WHEN ${REJECTED} THEN 1 ELSE 0 END AS rejections,
            CASE WHEN ${COMMITTED} THEN ${apps.amount} ELSE 0 END AS approved_yen,
            CASE WHEN ${PAID} THEN 1 ELSE 0 END AS payments,
            CASE WHEN ${PAID} THEN ${apps.amount} ELSE 0 END AS paid_yen
          FROM ${apps} WHERE ${and(eq(apps.fiscalYear, fiscalYear), SENT)}`,
  },
  metrics: [
    { key: "applications", label: "申請", unit: "count", everyRecord: true },
    { key: "approvals", label: "交付決定", unit: "count", partOf: "applications" },
    { key: "rejections", label: "不承認", unit: "count", partOf: "applications" },
    { key: "approved_yen", label: "交付決定額", unit: "yen", suppressWith: "approvals" },
    { key: "payments", label: "支払", unit: "count", partOf: "approvals" },
    { key: "paid_yen", label: "支払額", unit: "yen", suppressWith: "payments", partOf: "approved_yen" },
  ],
};

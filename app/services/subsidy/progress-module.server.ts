import { getDb } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import type { StatsModule } from "~/services/progress/types";
import { COMMITTED_STATUSES, PAID_STATUSES, REJECTED_STATUSES, SENT_STATUSES } from "./transitions";

// The SQL lists of the named status sets (transitions.ts), so the figures here count what
// the budget and the approval check count.
const SENT = `(${sqlStatusList(SENT_STATUSES)})`;
const COMMITTED = `(${sqlStatusList(COMMITTED_STATUSES)})`;
const PAID = `(${sqlStatusList(PAID_STATUSES)})`;
const REJECTED = `(${sqlStatusList(REJECTED_STATUSES)})`;

function row(sql: string, ...params: unknown[]): Record<string, number> {
  return (getDb().$client.prepare(sql).get(...params) as Record<string, number> | undefined) ?? {};
}

/** 資格取得費用助成 for the progress page: applications, approvals, yen approved and paid, budget. */
export const subsidyProgressModule: StatsModule = {
  measureKey: "subsidy",
  ownerRoles: [],
  // Money one person received is personal: every breakdown is suppressed.
  suppression: "always",
  summary(fiscalYear) {
    const r = row(
      `SELECT
         SUM(CASE WHEN status IN ${SENT} THEN 1 ELSE 0 END) AS applications,
         SUM(CASE WHEN status IN ${COMMITTED} THEN 1 ELSE 0 END) AS approvals,
         SUM(CASE WHEN status IN ${REJECTED} THEN 1 ELSE 0 END) AS rejections,
         SUM(CASE WHEN status IN ${COMMITTED} THEN amount ELSE 0 END) AS approvedYen,
         SUM(CASE WHEN status IN ${PAID} THEN amount ELSE 0 END) AS paidYen
       FROM subsidy_applications WHERE fiscal_year = ?`,
      fiscalYear,
    );
    const budget = row(`SELECT budget FROM subsidy_schemes WHERE fiscal_year = ?`, fiscalYear).budget;
    return [
      { label: "申請", unit: "件", value: r.applications ?? 0 },
      { label: "交付決定", unit: "件", value: r.approvals ?? 0 },
      { label: "不承認", unit: "件", value: r.rejections ?? 0 },
      { label: "交付決定額", unit: "円", value: r.approvedYen ?? 0 },
      { label: "支払額", unit: "円", value: r.paidYen ?? 0 },
      ...(budget ? [{ label: "予算額", unit: "円" as const, value: budget }] : []),
    ];
  },
  facts: {
    sql: `SELECT applicant_id AS employee_id, COALESCE(submitted_at, created_at) AS at, 1 AS applications,
            CASE WHEN status IN ${COMMITTED} THEN 1 ELSE 0 END AS approvals,
            CASE WHEN status IN ${REJECTED} THEN 1 ELSE 0 END AS rejections,
            CASE WHEN status IN ${COMMITTED} THEN amount ELSE 0 END AS approved_yen,
            CASE WHEN status IN ${PAID} THEN 1 ELSE 0 END AS payments,
            CASE WHEN status IN ${PAID} THEN amount ELSE 0 END AS paid_yen
          FROM subsidy_applications WHERE fiscal_year = ? AND status IN ${SENT}`,
    params: (fiscalYear) => [fiscalYear],
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

import type { Viewer } from "~/auth/viewer";
import { hasRole } from "~/auth/viewer";
import { getDb } from "~/db.server";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { RANKS } from "~/services/org/master-data";

// 資格取得費用助成 counts per 年度 for the uptake statistics page (進捗管理). The page itself
// belongs to the statistics service; this module is its one source for subsidy figures.
// An application counts once it has been submitted; 局/区 and 職位 are those recorded at
// submission, so a later transfer does not move past figures.

export type SubsidyCountRow = {
  key: string;
  label: string;
  applications: number;
  approvals: number;
  rejections: number;
  approvedYen: number;
  paidYen: number;
};

export type SubsidyStats = {
  fiscalYear: number;
  fiscalYearLabel: string;
  totals: Omit<SubsidyCountRow, "key" | "label"> & { withdrawn: number; inReview: number; applicants: number };
  byCertification: SubsidyCountRow[];
  byBureau: SubsidyCountRow[];
  byRank: SubsidyCountRow[];
};

const COUNTS = `count(*) AS applications,
  sum(CASE WHEN a.status IN ('approved', 'paid') THEN 1 ELSE 0 END) AS approvals,
  sum(CASE WHEN a.status = 'rejected' THEN 1 ELSE 0 END) AS rejections,
  coalesce(sum(CASE WHEN a.status IN ('approved', 'paid') THEN a.amount END), 0) AS approvedYen,
  coalesce(sum(CASE WHEN a.status = 'paid' THEN a.amount END), 0) AS paidYen`;

const SUBMITTED = "a.fiscal_year = @fy AND a.submitted_at IS NOT NULL";

type Group = Omit<SubsidyCountRow, "label" | "key"> & { key: string | number | null; label: string | null };

function rows(sql: string, fiscalYear: number): Group[] {
  return getDb().$client.prepare(sql).all({ fy: fiscalYear }) as Group[];
}

function toRow(g: Group, fallback: string): SubsidyCountRow {
  return { ...g, key: g.key === null ? "none" : String(g.key), label: g.label ?? fallback };
}

/** Counts of one 年度 for 人材育成課 (and the statistics page); null for anyone else. */
export function getSubsidyStats({ fiscalYear, viewer }: { fiscalYear: number; viewer: Viewer }): SubsidyStats | null {
  if (!hasRole(viewer, "hr_dev")) return null;
  return subsidyStats(fiscalYear);
}

/** The figures themselves, without an access check: for callers that have done their own. */
export function subsidyStats(fiscalYear: number): SubsidyStats {
  const db = getDb().$client;
  const totals = db
    .prepare(
      `SELECT ${COUNTS},
              sum(CASE WHEN a.status = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn,
              sum(CASE WHEN a.status IN ('submitted', 'supervisor_confirmed', 'returned') THEN 1 ELSE 0 END) AS inReview,
              count(DISTINCT a.applicant_id) AS applicants
         FROM subsidy_applications a WHERE ${SUBMITTED}`,
    )
    .get({ fy: fiscalYear }) as SubsidyStats["totals"];
  const byCertification = rows(
    `SELECT coalesce(a.certification_id, 'other') AS key, coalesce(c.name, 'その他（一覧にない資格）') AS label, ${COUNTS}
       FROM subsidy_applications a LEFT JOIN subsidy_certifications c ON c.id = a.certification_id
      WHERE ${SUBMITTED} GROUP BY 1, 2 ORDER BY applications DESC, label`,
    fiscalYear,
  ).map((g) => toRow(g, "その他"));
  const byBureau = rows(
    `WITH RECURSIVE bu(id, bureau_id) AS (
         SELECT id, id FROM org_units WHERE parent_id IS NULL
         UNION ALL SELECT o.id, bu.bureau_id FROM org_units o JOIN bu ON o.parent_id = bu.id)
     SELECT b.id AS key, b.name AS label, ${COUNTS}
       FROM subsidy_applications a LEFT JOIN bu ON bu.id = a.applicant_org_unit_id LEFT JOIN org_units b ON b.id = bu.bureau_id
      WHERE ${SUBMITTED} GROUP BY b.id, b.name ORDER BY b.code`,
    fiscalYear,
  ).map((g) => toRow(g, "所属不明"));
  const rankOrder = (key: string) => {
    const i = (RANKS as readonly string[]).indexOf(key);
    return i < 0 ? RANKS.length : i;
  };
  const byRank = rows(
    `SELECT a.applicant_rank AS key, a.applicant_rank AS label, ${COUNTS}
       FROM subsidy_applications a WHERE ${SUBMITTED} GROUP BY a.applicant_rank`,
    fiscalYear,
  )
    .map((g) => toRow(g, "職位不明"))
    .sort((x, y) => rankOrder(x.key) - rankOrder(y.key));
  return {
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    totals: {
      applications: totals.applications ?? 0,
      approvals: totals.approvals ?? 0,
      rejections: totals.rejections ?? 0,
      approvedYen: totals.approvedYen ?? 0,
      paidYen: totals.paidYen ?? 0,
      withdrawn: totals.withdrawn ?? 0,
      inReview: totals.inReview ?? 0,
      applicants: totals.applicants ?? 0,
    },
    byCertification,
    byBureau,
    byRank,
  };
}

import type { Viewer } from "~/auth/viewer";
import { hasRole } from "~/auth/viewer";
import { getDb } from "~/db.server";
import { UNIT_BUREAU_CTE, bureauOrderSql, pushPersonFilters } from "~/services/org/unit-bureau";
import { STATUSES, type SubsidyStatus } from "./labels";
import { budgetFigures, committedFor, getApplication, getScheme, listCertifications, listSchemeYears } from "./queries.server";
import { computeSubsidy, yearlyRemaining } from "./rules";
import { yenInputText } from "./schemas";
import { COMMITTED_STATUSES, inSet } from "./transitions";

// 人材育成課's reads: the table of every submitted application, the budget, one application
// under review, and the settings page. Each page-level read takes the viewer and returns
// null for anyone without the hr_dev role (→ 403 in the route).

export const MANAGE_SORTS = ["submittedAt", "updatedAt", "amount", "applicant", "certification", "status", "bureau"] as const;
export type ManageSort = (typeof MANAGE_SORTS)[number];

const SORT_SQL: Record<ManageSort, string> = {
  submittedAt: "a.submitted_at",
  updatedAt: "a.updated_at",
  amount: "a.amount",
  applicant: "e.kana",
  certification: "certification",
  status: `CASE a.status ${STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(" ")} END`,
  bureau: "bureau",
};

export type ManageQuery = {
  fiscalYear: number;
  status?: SubsidyStatus;
  /** A certification id, or "other". */
  certification?: string;
  bureauId?: number;
  /** Part of a name, kana or 職員番号. */
  q?: string;
  sort: { id: ManageSort; desc: boolean };
  page: number;
  pageSize: number;
};

export type ManageRow = {
  id: string;
  staffNumber: string;
  applicant: string;
  bureau: string | null;
  certification: string;
  status: SubsidyStatus;
  amount: number;
  costTotal: number;
  submittedAt: number | null;
  updatedAt: number;
};

/**
 * All submitted applications of a 年度 for 人材育成課, filtered, sorted and paged in SQL
 * (thousands a year). null for anyone else. Drafts never submitted are the applicant's own.
 */
export function listForManage(viewer: Viewer, query: ManageQuery): { rows: ManageRow[]; total: number } | null {
  if (!hasRole(viewer, "hr_dev")) return null;
  const where = ["a.fiscal_year = @fy", "a.submitted_at IS NOT NULL"];
  const params: Record<string, string | number> = { fy: query.fiscalYear };
  if (query.status) {
    where.push("a.status = @status");
    params.status = query.status;
  }
  if (query.certification === "other") where.push("a.certification_id IS NULL");
  else if (query.certification && /^\d+$/.test(query.certification)) {
    where.push("a.certification_id = @cert");
    params.cert = Number(query.certification);
  }
  pushPersonFilters(where, params, query);
  const from = `FROM subsidy_applications a
      JOIN employees e ON e.id = a.applicant_id
      LEFT JOIN subsidy_certifications c ON c.id = a.certification_id
      LEFT JOIN unit_bureau bu ON bu.unit_id = a.applicant_org_unit_id
      LEFT JOIN org_units b ON b.id = bu.bureau_id
     WHERE ${where.join(" AND ")}`;
  const db = getDb().$client;
  const total = (db.prepare(`WITH RECURSIVE ${UNIT_BUREAU_CTE} SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
  const dir = query.sort.desc ? "DESC" : "ASC";
  const rows = db
    .prepare(
      `WITH RECURSIVE ${UNIT_BUREAU_CTE}
       SELECT a.id, e.staff_number AS staffNumber, e.name AS applicant, b.name AS bureau,
              coalesce(c.name, 'その他: ' || a.other_name) AS certification, a.status, a.amount,
              (SELECT coalesce(sum(l.amount), 0) FROM subsidy_cost_lines l WHERE l.application_id = a.id) AS costTotal,
              a.submitted_at AS submittedAt, a.updated_at AS updatedAt
       ${from}
       ORDER BY ${SORT_SQL[query.sort.id]} ${dir} NULLS LAST, a.id
       LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }) as ManageRow[];
  return { rows, total };
}

/** 局/区 that appear in a 年度's applications, for the table's filter. */
export function manageFilterOptions(fiscalYear: number) {
  const db = getDb().$client;
  const bureaus = db
    .prepare(
      `WITH RECURSIVE ${UNIT_BUREAU_CTE}
       SELECT DISTINCT b.id, b.name, b.sort_order, b.code FROM subsidy_applications a
         JOIN unit_bureau bu ON bu.unit_id = a.applicant_org_unit_id JOIN org_units b ON b.id = bu.bureau_id
        WHERE a.fiscal_year = ? AND a.submitted_at IS NOT NULL ORDER BY ${bureauOrderSql("b")}`,
    )
    .all(fiscalYear) as { id: number; name: string }[];
  return { bureaus: bureaus.map((b) => ({ id: b.id, name: b.name })), certifications: listCertifications().map((c) => ({ id: c.id, name: c.name })) };
}

/** 年度 that have applications or settings, newest first, always including `current`. */
export function subsidyYears(current: number): number[] {
  const rows = getDb().$client
    .prepare(`SELECT fiscal_year AS fy FROM subsidy_schemes UNION SELECT DISTINCT fiscal_year FROM subsidy_applications`)
    .all() as { fy: number }[];
  return [...new Set([current, ...rows.map((r) => r.fy)])].sort((a, b) => b - a);
}

/** How many submitted applications of a 年度 are in each state (the manage page's shortcuts). */
export function statusCounts(fiscalYear: number): Partial<Record<SubsidyStatus, number>> {
  const rows = getDb().$client
    .prepare(`SELECT status, count(*) AS n FROM subsidy_applications WHERE fiscal_year = ? AND submitted_at IS NOT NULL GROUP BY status`)
    .all(fiscalYear) as { status: SubsidyStatus; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** The 審査 page (/subsidy/manage): the table, the 年度 budget, the shortcuts' counts and the filters. */
export function manageOverview(viewer: Viewer, query: ManageQuery) {
  const list = listForManage(viewer, query);
  if (!list) return null;
  return {
    list,
    budget: budgetFigures(getDb(), query.fiscalYear),
    counts: statusCounts(query.fiscalYear),
    options: manageFilterOptions(query.fiscalYear),
  };
}

/**
 * One application as 人材育成課 reviews it (/subsidy/manage/$id), with the budget and the
 * applicant's cap as the approval will check them. null when not visible (→ 404).
 */
export function hrReview(viewer: Viewer, id: string) {
  if (!hasRole(viewer, "hr_dev")) return null;
  const detail = getApplication({ id, viewer, as: "hr_dev" });
  if (!detail) return null;
  const app = detail.application;
  const db = getDb();
  const committed = committedFor(db, app.applicantId, app.fiscalYear, app.id);
  const recomputed = detail.currentRules ? computeSubsidy(detail.costLines, detail.currentRules, committed).amount : null;
  return {
    detail,
    budget: budgetFigures(db, app.fiscalYear),
    person: detail.scheme ? { committed, left: yearlyRemaining(detail.scheme.perPersonYearlyCap, committed), cap: detail.scheme.perPersonYearlyCap } : null,
    // What the rules would give today, when it differs from the amount computed at submission.
    recomputed: recomputed !== null && recomputed !== app.amount && !inSet(COMMITTED_STATUSES, app.status) ? recomputed : null,
  };
}

/**
 * The settings page (/subsidy/manage/settings): one 年度's scheme (or, for a 年度 without
 * settings, the latest earlier one as the form's start), the certification list and the
 * one being edited. null for anyone but 人材育成課.
 */
export function settingsView(viewer: Viewer, { fiscalYear, currentYear, editId }: { fiscalYear: number; currentYear: number; editId: string | null }) {
  if (!hasRole(viewer, "hr_dev")) return null;
  const db = getDb();
  const scheme = getScheme(db, fiscalYear);
  const schemeYears = listSchemeYears();
  const template = scheme ?? schemeYears.map((y) => getScheme(db, y)).find((s) => s && s.fiscalYear < fiscalYear) ?? null;
  const certifications = listCertifications();
  const editing = editId && editId !== "new" ? (certifications.find((c) => String(c.id) === editId) ?? null) : null;
  return {
    fiscalYear,
    years: [currentYear + 1, currentYear, ...schemeYears].filter((y, i, a) => a.indexOf(y) === i).sort((a, b) => b - a),
    exists: scheme !== null,
    schemeDefaults: template
      ? {
          allowOther: template.allowOther ? "on" : undefined,
          otherRatePercent: String(template.otherRatePercent),
          otherCapPerApplication: yenInputText(template.otherCapPerApplication),
          perPersonYearlyCap: yenInputText(template.perPersonYearlyCap),
          claimDeadlineDays: String(template.claimDeadlineDays),
          roundingUnit: String(template.roundingUnit),
          eligibleEmploymentTypes: template.eligibleEmploymentTypes,
          budget: yenInputText(template.budget),
        }
      : { roundingUnit: "1000", eligibleEmploymentTypes: ["正規"] },
    certifications,
    editing,
    showCertForm: editId === "new" || editing !== null,
  };
}

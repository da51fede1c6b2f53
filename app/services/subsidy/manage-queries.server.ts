import { sql, type SQL } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { hasRole } from "~/auth/viewer";
import { epochMs, getDb, rows, sqlFor } from "~/db.server";
import { UNIT_BUREAU_CTE, bureauOrderSql } from "~/services/org/unit-bureau";
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
 * The two person filters of org/unit-bureau's pushPersonFilters (a 局/区, part of a name,
 * kana or 職員番号), as drizzle `sql` conditions over `unit_bureau bu` and `employees e`.
 * LIKE is ASCII-case-insensitive on SQLite; ILIKE gives PostgreSQL the same answer.
 */
function personFilters(filters: { bureauId?: number; q?: string }): SQL[] {
  const out: SQL[] = [];
  if (filters.bureauId) out.push(sql`bu.bureau_id = ${filters.bureauId}`);
  if (filters.q) {
    const like = sql.raw(sqlFor({ sqlite: "LIKE", pg: "ILIKE" }));
    const q = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out.push(sql`(e.name ${like} ${q} ESCAPE '\\' OR e.kana ${like} ${q} ESCAPE '\\' OR e.staff_number ${like} ${q} ESCAPE '\\')`);
  }
  return out;
}

/**
 * All submitted applications of a 年度 for 人材育成課, filtered, sorted and paged in SQL
 * (thousands a year). null for anyone else. Drafts never submitted are the applicant's own.
 */
export async function listForManage(viewer: Viewer, query: ManageQuery): Promise<{ rows: ManageRow[]; total: number } | null> {
  if (!hasRole(viewer, "hr_dev")) return null;
  const where: SQL[] = [sql`a.fiscal_year = ${query.fiscalYear}`, sql`a.submitted_at IS NOT NULL`];
  if (query.status) where.push(sql`a.status = ${query.status}`);
  if (query.certification === "other") where.push(sql`a.certification_id IS NULL`);
  else if (query.certification && /^\d+$/.test(query.certification)) where.push(sql`a.certification_id = ${Number(query.certification)}`);
  where.push(...personFilters(query));
  const cte = sql.raw(`WITH RECURSIVE ${UNIT_BUREAU_CTE}`);
  const from = sql`FROM subsidy_applications a
      JOIN employees e ON e.id = a.applicant_id
      LEFT JOIN subsidy_certifications c ON c.id = a.certification_id
      LEFT JOIN unit_bureau bu ON bu.unit_id = a.applicant_org_unit_id
      LEFT JOIN org_units b ON b.id = bu.bureau_id
     WHERE ${sql.join(where, sql` AND `)}`;
  const db = getDb();
  const [counted] = await rows<{ n: number }>(db, sql`${cte} SELECT count(*) AS n ${from}`);
  const dir = query.sort.desc ? "DESC" : "ASC";
  const list = await rows<ManageRow>(
    db,
    sql`${cte}
       SELECT a.id, e.staff_number AS "staffNumber", e.name AS applicant, b.name AS bureau,
              coalesce(c.name, 'その他: ' || a.other_name) AS certification, a.status, a.amount,
              (SELECT coalesce(sum(l.amount), 0) FROM subsidy_cost_lines l WHERE l.application_id = a.id) AS "costTotal",
              ${epochMs(sql`a.submitted_at`)} AS "submittedAt", ${epochMs(sql`a.updated_at`)} AS "updatedAt"
       ${from}
       ORDER BY ${sql.raw(`${SORT_SQL[query.sort.id]} ${dir} NULLS LAST`)}, a.id
       LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  );
  return { rows: list, total: counted?.n ?? 0 };
}

/** 局/区 that appear in a 年度's applications, for the table's filter. */
export async function manageFilterOptions(fiscalYear: number) {
  // DISTINCT with ORDER BY: PostgreSQL orders only by selected columns, so the 表示順 terms are selected too.
  const bureaus = await rows<{ id: number; name: string }>(
    getDb(),
    sql`${sql.raw(`WITH RECURSIVE ${UNIT_BUREAU_CTE}`)}
       SELECT DISTINCT b.id, b.name, b.sort_order IS NULL AS unsorted, b.sort_order, b.code FROM subsidy_applications a
         JOIN unit_bureau bu ON bu.unit_id = a.applicant_org_unit_id JOIN org_units b ON b.id = bu.bureau_id
        WHERE a.fiscal_year = ${fiscalYear} AND a.submitted_at IS NOT NULL ORDER BY ${sql.raw(bureauOrderSql("b"))}`,
  );
  const certifications = await listCertifications();
  return { bureaus: bureaus.map((b) => ({ id: b.id, name: b.name })), certifications: certifications.map((c) => ({ id: c.id, name: c.name })) };
}

/** 年度 that have applications or settings, newest first, always including `current`. */
export async function subsidyYears(current: number): Promise<number[]> {
  const found = await rows<{ fy: number }>(getDb(), sql`SELECT fiscal_year AS fy FROM subsidy_schemes UNION SELECT DISTINCT fiscal_year FROM subsidy_applications`);
  return [...new Set([current, ...found.map((r) => Number(r.fy))])].sort((a, b) => b - a);
}

/** How many submitted applications of a 年度 are in each state (the manage page's shortcuts). */
export async function statusCounts(fiscalYear: number): Promise<Partial<Record<SubsidyStatus, number>>> {
  const found = await rows<{ status: SubsidyStatus; n: number }>(
    getDb(),
    sql`SELECT status, count(*) AS n FROM subsidy_applications WHERE fiscal_year = ${fiscalYear} AND submitted_at IS NOT NULL GROUP BY status`,
  );
  return Object.fromEntries(found.map((r) => [r.status, r.n]));
}

/** The 審査 page (/subsidy/manage): the table, the 年度 budget, the shortcuts' counts and the filters. */
export async function manageOverview(viewer: Viewer, query: ManageQuery) {
  const list = await listForManage(viewer, query);
  if (!list) return null;
  return {
    list,
    budget: await budgetFigures(getDb(), query.fiscalYear),
    counts: await statusCounts(query.fiscalYear),
    options: await manageFilterOptions(query.fiscalYear),
  };
}

/**
 * One application as 人材育成課 reviews it (/subsidy/manage/$id), with the budget and the
 * applicant's cap as the approval will check them. null when not visible (→ 404).
 */
export async function hrReview(viewer: Viewer, id: string) {
  if (!hasRole(viewer, "hr_dev")) return null;
  const detail = await getApplication({ id, viewer, as: "hr_dev" });
  if (!detail) return null;
  const app = detail.application;
  const db = getDb();
  const committed = await committedFor(db, app.applicantId, app.fiscalYear, app.id);
  const recomputed = detail.currentRules ? computeSubsidy(detail.costLines, detail.currentRules, committed).amount : null;
  return {
    detail,
    budget: await budgetFigures(db, app.fiscalYear),
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
export async function settingsView(viewer: Viewer, { fiscalYear, currentYear, editId }: { fiscalYear: number; currentYear: number; editId: string | null }) {
  if (!hasRole(viewer, "hr_dev")) return null;
  const db = getDb();
  const scheme = await getScheme(db, fiscalYear);
  const schemeYears = await listSchemeYears();
  const earlier = schemeYears.find((y) => y < fiscalYear);
  const template = scheme ?? (earlier === undefined ? null : await getScheme(db, earlier));
  const certifications = await listCertifications();
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

import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { hasRole } from "~/auth/viewer";
import { getDb, schema } from "~/db.server";
import { fiscalYearOf, todayIso } from "~/lib/fiscal-year";
import { isSupervisorOf, orgPath } from "~/services/org/org.server";
import { COST_TYPES, STATUSES, isCostType, type CostType, type FileKind, type SubsidyStatus } from "./labels";
import { computeSubsidy, type AmountRules } from "./rules";
import type { ApplicationFormContext } from "./schemas";
import { COMMITTED_STATUSES, EDITABLE_STATUSES, SUPERVISOR_HOLDS, transitionsFor, type SubsidyActor } from "./transitions";

// Reads of the subsidy service. Each one that returns a person's records takes the viewer
// and returns only what that viewer may see: null means "not yours" and the route answers
// 404, so another person's application is indistinguishable from a missing one.

const {
  subsidyApplications: apps,
  subsidyCertifications: certs,
  subsidyCostLines: lines,
  subsidyFiles: files,
  subsidyHistory: hist,
  subsidySchemes: schemes,
  employees,
} = schema;

export type Scheme = typeof schemes.$inferSelect;
export type Certification = Omit<typeof certs.$inferSelect, "eligibleCostTypes"> & { eligibleCostTypes: CostType[] };

function asCertification(row: typeof certs.$inferSelect): Certification {
  return { ...row, eligibleCostTypes: row.eligibleCostTypes.filter(isCostType) };
}

export function getScheme(fiscalYear: number): Scheme | null {
  return getDb().select().from(schemes).where(eq(schemes.fiscalYear, fiscalYear)).get() ?? null;
}

export function listSchemeYears(): number[] {
  return getDb()
    .select({ fy: schemes.fiscalYear })
    .from(schemes)
    .orderBy(desc(schemes.fiscalYear))
    .all()
    .map((r) => r.fy);
}

export function listCertifications({ activeOnly = false }: { activeOnly?: boolean } = {}): Certification[] {
  const q = getDb().select().from(certs);
  return (activeOnly ? q.where(eq(certs.active, true)) : q).orderBy(asc(certs.field), asc(certs.name)).all().map(asCertification);
}

export function getCertification(id: number): Certification | null {
  const row = getDb().select().from(certs).where(eq(certs.id, id)).get();
  return row ? asCertification(row) : null;
}

/** The rules an application is computed with: its certification's, or the scheme's "other". */
export function amountRulesFor(scheme: Scheme, certification: Certification | null): AmountRules {
  return certification
    ? {
        eligibleCostTypes: certification.eligibleCostTypes,
        ratePercent: certification.ratePercent,
        capPerApplication: certification.capPerApplication,
        perPersonYearlyCap: scheme.perPersonYearlyCap,
        roundingUnit: scheme.roundingUnit,
      }
    : {
        eligibleCostTypes: COST_TYPES,
        ratePercent: scheme.otherRatePercent,
        capPerApplication: scheme.otherCapPerApplication,
        perPersonYearlyCap: scheme.perPersonYearlyCap,
        roundingUnit: scheme.roundingUnit,
      };
}

/** Yen decided for a person in a 年度 (交付決定 and 支払済), optionally not counting one application. */
export function committedFor(applicantId: string, fiscalYear: number, exceptId?: string): number {
  const row = getDb()
    .select({ sum: sql<number>`coalesce(sum(${apps.amount}), 0)` })
    .from(apps)
    .where(
      and(
        eq(apps.applicantId, applicantId),
        eq(apps.fiscalYear, fiscalYear),
        inArray(apps.status, [...COMMITTED_STATUSES]),
        exceptId ? sql`${apps.id} <> ${exceptId}` : undefined,
      ),
    )
    .get();
  return row?.sum ?? 0;
}

export type BudgetSummary = {
  fiscalYear: number;
  budget: number;
  /** 支払済. */
  used: number;
  /** 交付決定, not yet paid. */
  committed: number;
  left: number;
  /** Computed amounts of applications still in review (申請中・所属長確認済), for reference. */
  inReview: number;
};

export function budgetSummary(fiscalYear: number): BudgetSummary | null {
  const scheme = getScheme(fiscalYear);
  if (!scheme) return null;
  const row = getDb().$client
    .prepare(
      `SELECT coalesce(sum(CASE WHEN status = 'paid' THEN amount END), 0) AS used,
              coalesce(sum(CASE WHEN status = 'approved' THEN amount END), 0) AS committed,
              coalesce(sum(CASE WHEN status IN ('submitted', 'supervisor_confirmed') THEN amount END), 0) AS inReview
         FROM subsidy_applications WHERE fiscal_year = ?`,
    )
    .get(fiscalYear) as { used: number; committed: number; inReview: number };
  return {
    fiscalYear,
    budget: scheme.budget,
    used: row.used,
    committed: row.committed,
    left: scheme.budget - row.used - row.committed,
    inReview: row.inReview,
  };
}

function employmentTypeOf(employeeId: string): string | null {
  return (
    getDb().select({ t: employees.employmentType }).from(employees).where(eq(employees.id, employeeId)).get()?.t ?? null
  );
}

export type ApplicantContext = {
  fiscalYear: number;
  today: string;
  scheme: Scheme | null;
  /** null when the viewer may apply; otherwise why not. */
  ineligibleReason: string | null;
  certifications: Certification[];
  /** Decided for the viewer this 年度 (not counting the application being edited). */
  alreadyCommitted: number;
};

/** Everything the application form needs to validate and preview for this viewer. */
export function applicantContext(viewer: Viewer, now: Date = new Date(), exceptId?: string): ApplicantContext {
  const fiscalYear = fiscalYearOf(now);
  const scheme = getScheme(fiscalYear);
  let ineligibleReason: string | null = null;
  if (!scheme) ineligibleReason = "今年度の資格取得費用助成の制度設定がまだありません。人材育成課にお問い合わせください。";
  else {
    const type = employmentTypeOf(viewer.id);
    if (!type || !scheme.eligibleEmploymentTypes.includes(type)) {
      ineligibleReason = `今年度の対象となる任用形態は${scheme.eligibleEmploymentTypes.join("・")}です。あなたの任用形態（${type ?? "未登録"}）は対象外のため申請できません。`;
    }
  }
  return {
    fiscalYear,
    today: todayIso(now),
    scheme,
    ineligibleReason,
    certifications: listCertifications({ activeOnly: true }),
    alreadyCommitted: committedFor(viewer.id, fiscalYear, exceptId),
  };
}

export function formContextOf(ctx: ApplicantContext, existingFiles: readonly FileKind[] = []): ApplicationFormContext {
  return {
    today: ctx.today,
    certifications: ctx.certifications.map((c) => ({ id: c.id, eligibleCostTypes: c.eligibleCostTypes })),
    allowOther: ctx.scheme?.allowOther ?? false,
    claimDeadlineDays: ctx.scheme?.claimDeadlineDays ?? null,
    existingFiles,
  };
}

/**
 * The viewer's own applications in a 年度, newest first, plus any still in their hands
 * (下書き・差戻し) from an earlier 年度, so nothing open disappears at April 1.
 */
export function listMyApplications(viewer: Viewer, fiscalYear: number) {
  return getDb()
    .select({
      id: apps.id,
      status: apps.status,
      amount: apps.amount,
      certificationName: certs.name,
      otherName: apps.otherName,
      passDate: apps.passDate,
      submittedAt: apps.submittedAt,
      updatedAt: apps.updatedAt,
    })
    .from(apps)
    .leftJoin(certs, eq(certs.id, apps.certificationId))
    .where(and(eq(apps.applicantId, viewer.id), or(eq(apps.fiscalYear, fiscalYear), inArray(apps.status, [...EDITABLE_STATUSES]))))
    .orderBy(desc(apps.updatedAt))
    .all()
    .map((r) => ({ ...r, certificationName: r.certificationName ?? `その他: ${r.otherName ?? ""}` }));
}

/** What the viewer has received (支払済) and has been granted (交付決定) in a 年度. */
export function myReceipts(viewer: Viewer, fiscalYear: number) {
  const row = getDb().$client
    .prepare(
      `SELECT coalesce(sum(CASE WHEN status = 'paid' THEN amount END), 0) AS paid,
              coalesce(sum(CASE WHEN status = 'approved' THEN amount END), 0) AS approved
         FROM subsidy_applications WHERE applicant_id = ? AND fiscal_year = ?`,
    )
    .get(viewer.id, fiscalYear) as { paid: number; approved: number };
  return row;
}

type AppRow = typeof apps.$inferSelect;

/** The capacities in which the viewer stands to an application, fresh from the org data. */
export function capacitiesOf(viewer: Viewer, app: Pick<AppRow, "applicantId" | "submittedAt">): SubsidyActor[] {
  if (viewer.id === app.applicantId) return ["applicant"];
  // Nobody outside the applicant sees a draft that was never submitted.
  if (app.submittedAt === null) return [];
  const out: SubsidyActor[] = [];
  if (isSupervisorOf(viewer.id, app.applicantId)) out.push("supervisor");
  if (hasRole(viewer, "hr_dev")) out.push("hr_dev");
  return out;
}

/** May someone in these capacities open the application's files in this state? */
export function mayOpenFiles(capacities: readonly SubsidyActor[], status: SubsidyStatus): boolean {
  return (
    capacities.includes("applicant") || capacities.includes("hr_dev") || (capacities.includes("supervisor") && SUPERVISOR_HOLDS.includes(status))
  );
}

/**
 * One application as seen by the viewer acting `as` applicant, supervisor or 人材育成課;
 * null when the viewer does not stand in that capacity to it (→ 404).
 */
export function getApplication({ id, viewer, as }: { id: string; viewer: Viewer; as: SubsidyActor }) {
  const db = getDb();
  const app = db.select().from(apps).where(eq(apps.id, id)).get();
  if (!app) return null;
  const capacities = capacitiesOf(viewer, app);
  if (!capacities.includes(as)) return null;
  const certification = app.certificationId ? getCertification(app.certificationId) : null;
  const applicant = db
    .select({ id: employees.id, name: employees.name, staffNumber: employees.staffNumber, rank: employees.rank, orgUnitId: employees.orgUnitId, employmentType: employees.employmentType })
    .from(employees)
    .where(eq(employees.id, app.applicantId))
    .get();
  const costLines = db.select({ costType: lines.costType, amount: lines.amount }).from(lines).where(eq(lines.applicationId, id)).all();
  const fileRows = db
    .select({ id: files.id, kind: files.kind, originalName: files.originalName, mime: files.mime, size: files.size, uploadedAt: files.uploadedAt })
    .from(files)
    .where(and(eq(files.applicationId, id), isNull(files.removedAt)))
    .orderBy(asc(files.uploadedAt))
    .all();
  const history = db
    .select({ id: hist.id, fromStatus: hist.fromStatus, toStatus: hist.toStatus, actorRole: hist.actorRole, actorName: employees.name, comment: hist.comment, at: hist.at })
    .from(hist)
    .leftJoin(employees, eq(employees.id, hist.actorId))
    .where(eq(hist.applicationId, id))
    .orderBy(asc(hist.at), asc(hist.id))
    .all();
  const scheme = getScheme(app.fiscalYear);
  return {
    application: app,
    certification,
    applicant: applicant ? { ...applicant, orgPath: orgPath(app.applicantOrgUnitId ?? applicant.orgUnitId) } : null,
    costLines: COST_TYPES.flatMap((t) => costLines.filter((l) => l.costType === t)),
    files: mayOpenFiles([as], app.status) ? fileRows : [],
    fileCount: fileRows.length,
    history,
    scheme,
    /** The amount as the rules give it now, for the reviewers' reference. */
    currentRules: scheme ? amountRulesFor(scheme, certification) : null,
    actions: transitionsFor(app.status, [as]),
  };
}

export type ApplicationDetail = NonNullable<ReturnType<typeof getApplication>>;

/** The preview the applicant sees: the computed amount with its breakdown. */
export function previewAmount(ctx: ApplicantContext, certificationId: number | "other", costs: { costType: CostType; amount: number }[]) {
  if (!ctx.scheme) return null;
  const certification = certificationId === "other" ? null : (ctx.certifications.find((c) => c.id === certificationId) ?? null);
  if (certificationId !== "other" && !certification) return null;
  return computeSubsidy(costs, amountRulesFor(ctx.scheme, certification), ctx.alreadyCommitted);
}

/** Subordinates' applications waiting for this supervisor (申請中). */
export function listWaitingForSupervisor(viewer: Viewer) {
  return getDb()
    .select({
      id: apps.id,
      applicantName: employees.name,
      staffNumber: employees.staffNumber,
      certificationName: certs.name,
      otherName: apps.otherName,
      amount: apps.amount,
      submittedAt: apps.submittedAt,
    })
    .from(apps)
    .innerJoin(employees, eq(employees.id, apps.applicantId))
    .leftJoin(certs, eq(certs.id, apps.certificationId))
    .where(and(eq(employees.supervisorId, viewer.id), inArray(apps.status, [...SUPERVISOR_HOLDS])))
    .orderBy(asc(apps.submittedAt))
    .all()
    .map((r) => ({ ...r, certificationName: r.certificationName ?? `その他: ${r.otherName ?? ""}` }));
}

// ---- 人材育成課's table ------------------------------------------------------------

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

const BUREAU_OF_UNIT = `WITH RECURSIVE bu(id, bureau_id) AS (
    SELECT id, id FROM org_units WHERE parent_id IS NULL
    UNION ALL SELECT o.id, bu.bureau_id FROM org_units o JOIN bu ON o.parent_id = bu.id
  )`;

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
  if (query.bureauId) {
    where.push("bu.bureau_id = @bureau");
    params.bureau = query.bureauId;
  }
  if (query.q) {
    where.push("(e.name LIKE @q ESCAPE '\\' OR e.kana LIKE @q ESCAPE '\\' OR e.staff_number LIKE @q ESCAPE '\\')");
    params.q = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const from = `FROM subsidy_applications a
      JOIN employees e ON e.id = a.applicant_id
      LEFT JOIN subsidy_certifications c ON c.id = a.certification_id
      LEFT JOIN bu ON bu.id = a.applicant_org_unit_id
      LEFT JOIN org_units b ON b.id = bu.bureau_id
     WHERE ${where.join(" AND ")}`;
  const db = getDb().$client;
  const total = (db.prepare(`${BUREAU_OF_UNIT} SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
  const dir = query.sort.desc ? "DESC" : "ASC";
  const rows = db
    .prepare(
      `${BUREAU_OF_UNIT}
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
      `${BUREAU_OF_UNIT}
       SELECT DISTINCT b.id, b.name FROM subsidy_applications a
         JOIN bu ON bu.id = a.applicant_org_unit_id JOIN org_units b ON b.id = bu.bureau_id
        WHERE a.fiscal_year = ? AND a.submitted_at IS NOT NULL ORDER BY b.code`,
    )
    .all(fiscalYear) as { id: number; name: string }[];
  return { bureaus, certifications: listCertifications().map((c) => ({ id: c.id, name: c.name })) };
}

/** 年度 that have applications or settings, newest first, always including `current`. */
export function subsidyYears(current: number): number[] {
  const rows = getDb().$client
    .prepare(`SELECT fiscal_year AS fy FROM subsidy_schemes UNION SELECT DISTINCT fiscal_year FROM subsidy_applications`)
    .all() as { fy: number }[];
  return [...new Set([current, ...rows.map((r) => r.fy)])].sort((a, b) => b - a);
}

/**
 * A file for download: only the applicant, the supervisor while the application is in
 * their hands, and 人材育成課 get it; anyone else (and a removed file) gets null → 404.
 */
export function getFileForDownload({ fileId, viewer }: { fileId: string; viewer: Viewer }) {
  const db = getDb();
  const file = db.select().from(files).where(eq(files.id, fileId)).get();
  if (!file || file.removedAt) return null;
  const app = db
    .select({ applicantId: apps.applicantId, submittedAt: apps.submittedAt, status: apps.status })
    .from(apps)
    .where(eq(apps.id, file.applicationId))
    .get();
  if (!app || !mayOpenFiles(capacitiesOf(viewer, app), app.status)) return null;
  return file;
}

/** How many submitted applications of a 年度 are in each state (the manage page's shortcuts). */
export function statusCounts(fiscalYear: number): Partial<Record<SubsidyStatus, number>> {
  const rows = getDb().$client
    .prepare(`SELECT status, count(*) AS n FROM subsidy_applications WHERE fiscal_year = ? AND submitted_at IS NOT NULL GROUP BY status`)
    .all(fiscalYear) as { status: SubsidyStatus; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

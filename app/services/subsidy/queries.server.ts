import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { hasRole } from "~/auth/viewer";
import { first, forUpdate, getDb, schema, type Db, type Tx } from "~/db.server";
import { fiscalYearOf, todayIso } from "~/lib/fiscal-year";
import { sqlStatusList } from "~/services/contract/transitions";
import { isSupervisorOf, orgPath } from "~/services/org/org.server";
import { COST_TYPES, isCostType, type CostType, type FileKind, type SubsidyStatus } from "./labels";
import { amountPreview } from "./preview";
import { amountRulesFor, budgetLeft, yearlyRemaining } from "./rules";
import { applicationFormDefaults, type ApplicationFormContext } from "./schemas";
import {
  COMMITTED_STATUSES,
  EDITABLE_STATUSES,
  IN_REVIEW_STATUSES,
  PAID_STATUSES,
  SUPERVISOR_HOLDS,
  actionsFor,
  inSet,
  isEditable,
  type SubsidyCapacity,
} from "./transitions";

// Reads of the subsidy service. Each one that returns a person's records takes the viewer
// and returns only what that viewer may see: null means "not yours" and the route answers
// 404, so another person's application is indistinguishable from a missing one.
// Reads that a mutation also makes inside its transaction take the handle (`db`) first:
// the mutation passes its `tx`, a page passes `getDb()`.

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

export async function getScheme(db: Db, fiscalYear: number): Promise<Scheme | null> {
  return (await first(db.select().from(schemes).where(eq(schemes.fiscalYear, fiscalYear)))) ?? null;
}

/**
 * The 年度's scheme row, locked for the rest of the transaction (PostgreSQL `FOR UPDATE`;
 * SQLite's BEGIN IMMEDIATE already serialises writers). Every approval takes this lock
 * before it sums the budget and the person's decided amounts, so two approvals of one 年度
 * check one after the other and cannot together pass the budget or a yearly cap.
 */
export async function lockScheme(tx: Tx, fiscalYear: number): Promise<Scheme | null> {
  return (await first(forUpdate(tx.select().from(schemes).where(eq(schemes.fiscalYear, fiscalYear))))) ?? null;
}

export async function listSchemeYears(): Promise<number[]> {
  const rows = await getDb().select({ fy: schemes.fiscalYear }).from(schemes).orderBy(desc(schemes.fiscalYear));
  return rows.map((r) => r.fy);
}

export async function listCertifications({ activeOnly = false }: { activeOnly?: boolean } = {}): Promise<Certification[]> {
  const rows = await getDb()
    .select()
    .from(certs)
    .where(activeOnly ? eq(certs.active, true) : undefined)
    .orderBy(asc(certs.field), asc(certs.name));
  return rows.map(asCertification);
}

export async function getCertification(db: Db, id: number): Promise<Certification | null> {
  const row = await first(db.select().from(certs).where(eq(certs.id, id)));
  return row ? asCertification(row) : null;
}

/** Yen decided for a person in a 年度 (COMMITTED_STATUSES), optionally not counting one application. */
export async function committedFor(db: Db, applicantId: string, fiscalYear: number, exceptId?: string): Promise<number> {
  const row = await first(
    db
    .select({ sum: sql<number>`coalesce(sum(${apps.amount}), 0)`.mapWith(Number) })
    .from(apps)
    .where(
      and(
        eq(apps.applicantId, applicantId),
        eq(apps.fiscalYear, fiscalYear),
        inArray(apps.status, [...COMMITTED_STATUSES]),
        exceptId ? sql`${apps.id} <> ${exceptId}` : undefined,
      ),
    ),
  );
  return row?.sum ?? 0;
}

export type BudgetFigures = {
  fiscalYear: number;
  budget: number;
  /** 支払済 (PAID_STATUSES). */
  used: number;
  /** 交付決定, not yet paid (COMMITTED_STATUSES without PAID_STATUSES). */
  committed: number;
  /** What an approval may still take: budget − used − committed. */
  left: number;
  /** Computed amounts of applications still in review (IN_REVIEW_STATUSES), for reference. */
  inReview: number;
};

/** Yen of the applications whose status is in `statuses` (0 when none), as a select field. */
function sumWhere(statuses: readonly string[], column: typeof apps.amount = apps.amount) {
  return sql<number>`coalesce(sum(CASE WHEN ${apps.status} IN (${sql.raw(sqlStatusList(statuses))}) THEN ${column} END), 0)`.mapWith(Number);
}

/**
 * The one computation of a 年度's budget figures, from the named status sets. The approval
 * check calls it inside its transaction (with `tx`); the pages call it with `getDb()`, so
 * the budget left shown is the budget left an approval is checked against.
 */
export async function budgetFigures(db: Db, fiscalYear: number): Promise<BudgetFigures | null> {
  const scheme = await getScheme(db, fiscalYear);
  if (!scheme) return null;
  const [row] = await db
    .select({
      used: sumWhere(PAID_STATUSES),
      committed: sumWhere(COMMITTED_STATUSES.filter((s) => !inSet(PAID_STATUSES, s))),
      inReview: sumWhere(IN_REVIEW_STATUSES),
    })
    .from(apps)
    .where(eq(apps.fiscalYear, fiscalYear));
  if (!row) throw new Error("an aggregate gives one row");
  return {
    fiscalYear,
    budget: scheme.budget,
    used: row.used,
    committed: row.committed,
    left: budgetLeft({ budget: scheme.budget, used: row.used, committed: row.committed }),
    inReview: row.inReview,
  };
}

async function employmentTypeOf(employeeId: string): Promise<string | null> {
  return (await first(getDb().select({ t: employees.employmentType }).from(employees).where(eq(employees.id, employeeId))))?.t ?? null;
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
export async function applicantContext(viewer: Viewer, now: Date = new Date(), exceptId?: string): Promise<ApplicantContext> {
  const db = getDb();
  const fiscalYear = fiscalYearOf(now);
  const scheme = await getScheme(db, fiscalYear);
  let ineligibleReason: string | null = null;
  if (!scheme) ineligibleReason = "今年度の資格取得費用助成の制度設定がまだありません。人材育成課にお問い合わせください。";
  else {
    const type = await employmentTypeOf(viewer.id);
    if (!type || !scheme.eligibleEmploymentTypes.includes(type)) {
      ineligibleReason = `今年度の対象となる任用形態は${scheme.eligibleEmploymentTypes.join("・")}です。あなたの任用形態（${type ?? "未登録"}）は対象外のため申請できません。`;
    }
  }
  return {
    fiscalYear,
    today: todayIso(now),
    scheme,
    ineligibleReason,
    certifications: await listCertifications({ activeOnly: true }),
    alreadyCommitted: await committedFor(db, viewer.id, fiscalYear, exceptId),
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
export async function listMyApplications(viewer: Viewer, fiscalYear: number) {
  const rows = await getDb()
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
    .orderBy(desc(apps.updatedAt), asc(apps.id));
  return rows.map((r) => ({ ...r, certificationName: r.certificationName ?? `その他: ${r.otherName ?? ""}` }));
}

/** What the viewer has received (支払済) and has been granted but not yet paid (交付決定) in a 年度. */
export async function myReceipts(viewer: Viewer, fiscalYear: number): Promise<{ paid: number; approved: number }> {
  const [row] = await getDb()
    .select({ paid: sumWhere(PAID_STATUSES), committed: sumWhere(COMMITTED_STATUSES) })
    .from(apps)
    .where(and(eq(apps.applicantId, viewer.id), eq(apps.fiscalYear, fiscalYear)));
  return { paid: row?.paid ?? 0, approved: (row?.committed ?? 0) - (row?.paid ?? 0) };
}

/** The viewer's own page (/subsidy): this 年度's scheme, their applications and what is left of their cap. */
export async function myOverview(viewer: Viewer) {
  const ctx = await applicantContext(viewer);
  const receipts = await myReceipts(viewer, ctx.fiscalYear);
  return {
    fiscalYear: ctx.fiscalYear,
    scheme: ctx.scheme,
    ineligibleReason: ctx.ineligibleReason,
    certifications: ctx.certifications,
    applications: await listMyApplications(viewer, ctx.fiscalYear),
    receipts,
    yearlyLeft: ctx.scheme ? yearlyRemaining(ctx.scheme.perPersonYearlyCap, receipts.paid + receipts.approved) : null,
  };
}

type AppRow = typeof apps.$inferSelect;

/**
 * The capacities in which the viewer stands to an application, fresh from the org data.
 * The one place that decides it: pages, downloads and every mutation ask here.
 */
export async function capacitiesOf(db: Db, viewer: Viewer, app: Pick<AppRow, "applicantId" | "submittedAt">): Promise<SubsidyCapacity[]> {
  if (viewer.id === app.applicantId) return ["applicant"];
  // Nobody outside the applicant sees a draft that was never submitted.
  if (app.submittedAt === null) return [];
  const out: SubsidyCapacity[] = [];
  if (await isSupervisorOf(viewer.id, app.applicantId, db)) out.push("supervisor");
  if (hasRole(viewer, "hr_dev")) out.push("hr_dev");
  return out;
}

/** May someone in these capacities open the application's files in this state? */
export function mayOpenFiles(capacities: readonly SubsidyCapacity[], status: SubsidyStatus): boolean {
  return capacities.includes("applicant") || capacities.includes("hr_dev") || (capacities.includes("supervisor") && inSet(SUPERVISOR_HOLDS, status));
}

/**
 * One application as seen by the viewer acting `as` applicant, supervisor or 人材育成課;
 * null when the viewer does not stand in that capacity to it (→ 404).
 */
export async function getApplication({ id, viewer, as }: { id: string; viewer: Viewer; as: SubsidyCapacity }) {
  const db = getDb();
  const app = await first(db.select().from(apps).where(eq(apps.id, id)));
  if (!app) return null;
  const capacities = await capacitiesOf(db, viewer, app);
  if (!capacities.includes(as)) return null;
  const certification = app.certificationId ? await getCertification(db, app.certificationId) : null;
  const applicant = await first(
    db
    .select({ id: employees.id, name: employees.name, staffNumber: employees.staffNumber, rank: employees.rank, orgUnitId: employees.orgUnitId, employmentType: employees.employmentType })
    .from(employees)
    .where(eq(employees.id, app.applicantId)),
  );
  const costLines = await db.select({ costType: lines.costType, amount: lines.amount }).from(lines).where(eq(lines.applicationId, id));
  const fileRows = await db
    .select({ id: files.id, kind: files.kind, originalName: files.originalName, mime: files.mime, size: files.size, uploadedAt: files.uploadedAt })
    .from(files)
    .where(and(eq(files.applicationId, id), isNull(files.removedAt)))
    .orderBy(asc(files.uploadedAt), asc(files.id));
  const history = await db
    .select({ id: hist.id, fromStatus: hist.fromStatus, toStatus: hist.toStatus, actorRole: hist.actorRole, actorName: employees.name, comment: hist.comment, at: hist.at })
    .from(hist)
    .leftJoin(employees, eq(employees.id, hist.actorId))
    .where(eq(hist.applicationId, id))
    .orderBy(asc(hist.at), asc(hist.id));
  const scheme = await getScheme(db, app.fiscalYear);
  return {
    application: app,
    certification,
    applicant: applicant ? { ...applicant, orgPath: await orgPath(app.applicantOrgUnitId ?? applicant.orgUnitId, db) } : null,
    costLines: COST_TYPES.flatMap((t) => costLines.filter((l) => l.costType === t)),
    files: mayOpenFiles([as], app.status) ? fileRows : [],
    fileCount: fileRows.length,
    history,
    scheme,
    /** The amount as the rules give it now, for the reviewers' reference. */
    currentRules: scheme ? amountRulesFor(scheme, certification) : null,
    actions: actionsFor(app.status, [as]),
  };
}

export type ApplicationDetail = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

/**
 * The applicant's page of one application (/subsidy/$id): the record, and while it is
 * theirs to edit, what the form needs. null when it is not the viewer's (→ 404).
 */
export async function applicantView(viewer: Viewer, id: string) {
  const detail = await getApplication({ id, viewer, as: "applicant" });
  if (!detail) return null;
  const app = detail.application;
  if (!isEditable(app.status)) return { detail, edit: null };
  const ctx = await applicantContext(viewer, new Date(), app.id);
  return {
    detail,
    edit: {
      today: ctx.today,
      scheme: ctx.scheme,
      certifications: ctx.certifications,
      alreadyCommitted: ctx.alreadyCommitted,
      ineligibleReason: ctx.ineligibleReason,
      defaults: applicationFormDefaults({ ...app, costLines: detail.costLines }),
      preview: amountPreview(ctx, app.certificationId ?? "other", detail.costLines),
    },
  };
}

/** Subordinates' applications waiting for this supervisor (SUPERVISOR_HOLDS). */
export async function listWaitingForSupervisor(viewer: Viewer) {
  const rows = await getDb()
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
    .orderBy(asc(apps.submittedAt), asc(apps.id));
  return rows.map((r) => ({ ...r, certificationName: r.certificationName ?? `その他: ${r.otherName ?? ""}` }));
}

/**
 * A file for download: only the applicant, the supervisor while the application is in
 * their hands, and 人材育成課 get it; anyone else (and a removed file) gets null → 404.
 */
export async function getFileForDownload({ fileId, viewer }: { fileId: string; viewer: Viewer }) {
  const db = getDb();
  const file = await first(db.select().from(files).where(eq(files.id, fileId)));
  if (!file || file.removedAt) return null;
  const app = await first(
    db.select({ applicantId: apps.applicantId, submittedAt: apps.submittedAt, status: apps.status }).from(apps).where(eq(apps.id, file.applicationId)),
  );
  if (!app || !mayOpenFiles(await capacitiesOf(db, viewer, app), app.status)) return null;
  return file;
}

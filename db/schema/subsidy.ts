import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { employees, orgUnits } from "./org";

// 資格取得費用助成 (certification cost subsidy). The rules that read these tables live in
// app/services/subsidy/; the status list here must match its transitions table.
// Money is integer yen everywhere; rates are whole percent.

export const SUBSIDY_COST_TYPES = ["exam", "registration", "course"] as const;
export const SUBSIDY_STATUSES = [
  "draft",
  "submitted",
  "supervisor_confirmed",
  "approved",
  "paid",
  "returned",
  "rejected",
  "withdrawn",
] as const;
export const SUBSIDY_FILE_KINDS = ["receipt", "proof"] as const;

/** 対象資格: kept by 人材育成課. `eligibleCostTypes` is a JSON array of SUBSIDY_COST_TYPES. */
export const subsidyCertifications = sqliteTable(
  "subsidy_certifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    field: text("field").notNull(),
    eligibleCostTypes: text("eligible_cost_types", { mode: "json" }).$type<string[]>().notNull(),
    ratePercent: integer("rate_percent").notNull(),
    capPerApplication: integer("cap_per_application").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("subsidy_certifications_name_uq").on(t.name),
    check("subsidy_certifications_rate_ck", sql`${t.ratePercent} BETWEEN 1 AND 100`),
    check("subsidy_certifications_cap_ck", sql`${t.capPerApplication} >= 0`),
  ],
);

/**
 * The scheme's rules for one 年度: what "other" certifications get, the per-person yearly
 * cap, the claim deadline, rounding, eligible 任用形態 (JSON array) and the budget.
 */
export const subsidySchemes = sqliteTable(
  "subsidy_schemes",
  {
    fiscalYear: integer("fiscal_year").primaryKey(),
    allowOther: integer("allow_other", { mode: "boolean" }).notNull().default(true),
    otherRatePercent: integer("other_rate_percent").notNull(),
    otherCapPerApplication: integer("other_cap_per_application").notNull(),
    perPersonYearlyCap: integer("per_person_yearly_cap").notNull(),
    claimDeadlineDays: integer("claim_deadline_days").notNull(),
    roundingUnit: integer("rounding_unit").notNull().default(1),
    eligibleEmploymentTypes: text("eligible_employment_types", { mode: "json" }).$type<string[]>().notNull(),
    budget: integer("budget").notNull(),
    updatedBy: text("updated_by"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    check("subsidy_schemes_rate_ck", sql`${t.otherRatePercent} BETWEEN 1 AND 100`),
    check("subsidy_schemes_rounding_ck", sql`${t.roundingUnit} >= 1`),
    check("subsidy_schemes_money_ck", sql`${t.budget} >= 0 AND ${t.perPersonYearlyCap} >= 0 AND ${t.otherCapPerApplication} >= 0`),
  ],
);

/**
 * 申請. `fiscalYear` is the 年度 the claim is made in (set again at each submission).
 * `amount` is the subsidy computed by the rules at the last submission; `version` is
 * bumped by every write so a stale form cannot overwrite a newer state.
 * `applicantOrgUnitId` / `applicantRank` are taken at submission so statistics keep the
 * org as it was. `clientToken` makes a double-clicked "new" form create one record.
 */
export const subsidyApplications = sqliteTable(
  "subsidy_applications",
  {
    id: text("id").primaryKey(),
    applicantId: text("applicant_id")
      .notNull()
      .references(() => employees.id),
    fiscalYear: integer("fiscal_year").notNull(),
    certificationId: integer("certification_id").references(() => subsidyCertifications.id),
    otherName: text("other_name"),
    otherReason: text("other_reason"),
    examDate: text("exam_date").notNull(),
    passDate: text("pass_date").notNull(),
    amount: integer("amount").notNull().default(0),
    status: text("status", { enum: SUBSIDY_STATUSES }).notNull().default("draft"),
    version: integer("version").notNull().default(1),
    clientToken: text("client_token").notNull(),
    applicantOrgUnitId: integer("applicant_org_unit_id").references(() => orgUnits.id),
    applicantRank: text("applicant_rank"),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("subsidy_applications_client_token_uq").on(t.clientToken),
    index("subsidy_applications_applicant_idx").on(t.applicantId, t.fiscalYear),
    index("subsidy_applications_year_status_idx").on(t.fiscalYear, t.status),
    check("subsidy_applications_amount_ck", sql`${t.amount} >= 0`),
    // Either a listed certification, or "other" with its name and reason.
    check(
      "subsidy_applications_certification_ck",
      sql`(${t.certificationId} IS NOT NULL AND ${t.otherName} IS NULL) OR (${t.certificationId} IS NULL AND ${t.otherName} IS NOT NULL AND ${t.otherReason} IS NOT NULL)`,
    ),
  ],
);

/** 費用の内訳: at most one line per cost type. */
export const subsidyCostLines = sqliteTable(
  "subsidy_cost_lines",
  {
    applicationId: text("application_id")
      .notNull()
      .references(() => subsidyApplications.id),
    costType: text("cost_type", { enum: SUBSIDY_COST_TYPES }).notNull(),
    amount: integer("amount").notNull(),
  },
  (t) => [
    uniqueIndex("subsidy_cost_lines_uq").on(t.applicationId, t.costType),
    check("subsidy_cost_lines_amount_ck", sql`${t.amount} >= 0`),
  ],
);

/**
 * Uploaded receipts (領収書) and proofs of pass (合格証). The bytes live in
 * `<dataDir>/uploads/subsidy/<storedName>`; `mime` is what the content is, not what the
 * browser said. A removed file keeps its row (`removedAt`) and its bytes.
 */
export const subsidyFiles = sqliteTable(
  "subsidy_files",
  {
    id: text("id").primaryKey(),
    applicationId: text("application_id")
      .notNull()
      .references(() => subsidyApplications.id),
    kind: text("kind", { enum: SUBSIDY_FILE_KINDS }).notNull(),
    storedName: text("stored_name").notNull(),
    originalName: text("original_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    uploadedBy: text("uploaded_by")
      .notNull()
      .references(() => employees.id),
    uploadedAt: integer("uploaded_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("subsidy_files_stored_name_uq").on(t.storedName), index("subsidy_files_application_idx").on(t.applicationId)],
);

/** Every state change of an application: who, when, from → to, and the reason given. */
export const subsidyHistory = sqliteTable(
  "subsidy_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: text("application_id")
      .notNull()
      .references(() => subsidyApplications.id),
    fromStatus: text("from_status", { enum: SUBSIDY_STATUSES }),
    toStatus: text("to_status", { enum: SUBSIDY_STATUSES }).notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => employees.id),
    actorRole: text("actor_role", { enum: ["applicant", "supervisor", "hr_dev"] }).notNull(),
    comment: text("comment"),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("subsidy_history_application_idx").on(t.applicationId, t.at)],
);

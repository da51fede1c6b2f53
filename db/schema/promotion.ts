import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { employees, orgUnits } from "./org";

// 昇任型公募 (promotion open calls), run by 人事課. The rules that read these tables live in
// app/services/promotion/; the status lists here are the ones its transitions tables use.

export const PROMOTION_LEVELS = ["kakaricho", "kacho_hosa", "kacho"] as const;
export const PROMOTION_CALL_STATUSES = ["draft", "published", "closed", "selecting", "done"] as const;
export const PROMOTION_APPLICATION_STATUSES = ["draft", "submitted", "withdrawn", "passed", "failed", "declined", "placed"] as const;
export const PROMOTION_RECOMMENDATIONS = ["recommend", "not_recommend"] as const;

/** Eligibility of a call, as data (see app/services/promotion/rules.ts for what each means). */
export type PromotionEligibility = {
  /** 現在の職位 that may apply. */
  ranks: string[];
  /** Minimum whole years in the current rank on 基準日 (0: none). */
  minYearsInRank: number;
  /**
   * Which kinds of leave period (休職等期間, by 種別) inside the rank are deducted from it, and
   * how: "full" the whole period, "half" half of it; a kind not named is counted as service.
   */
  deductedLeave: Partial<Record<string, "full" | "half">>;
  /** Age on 基準日 counted from the birth year; null: no bound. */
  ageMin: number | null;
  ageMax: number | null;
  /** 勤務状況 that exclude (休職・停職・育児休業・派遣). */
  excludedWorkStatuses: string[];
  /** 任用形態 that exclude (任期付・会計年度任用). */
  excludedEmploymentTypes: string[];
  /** 条件付採用期間: hired fewer than this many months before 基準日 excludes (地方公務員法22条: 6). */
  probationMonths: number;
  /** Minimum whole years since the last transfer (現所属配属日) on 基準日; null: no rule. */
  minYearsSinceTransfer: number | null;
};

/**
 * A stage passed in an earlier call of the same level exempts from it: `stage` (a name of the
 * call's stages, never the last) passed in a call of the `years` 年度 before this one.
 */
export type PromotionStageExemption = { stage: string; years: number };

/** An exemption granted to one application at submission: its stage, and the call it was passed in. */
export type PromotionGrantedExemption = { stage: number; stageName: string; fiscalYear: number; callId: number };

/** Length limits of the three statements, in characters as people count them. */
export type PromotionLimits = { motivation: number; careerPlan: number; selfPr: number };

/** 公募: one call of one 年度. `stages` is the selection in order (書類選考, 面接 …). */
export const promotionCalls = sqliteTable(
  "promotion_calls",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fiscalYear: integer("fiscal_year").notNull(),
    title: text("title").notNull(),
    level: text("level", { enum: PROMOTION_LEVELS }).notNull(),
    description: text("description").notNull().default(""),
    referenceDate: text("reference_date").notNull(),
    opensOn: text("opens_on").notNull(),
    closesOn: text("closes_on").notNull(),
    eligibility: text("eligibility", { mode: "json" }).$type<PromotionEligibility>().notNull(),
    opinionRequired: integer("opinion_required", { mode: "boolean" }).notNull().default(false),
    opinionDueOn: text("opinion_due_on"),
    stages: text("stages", { mode: "json" }).$type<string[]>().notNull(),
    stageExemptions: text("stage_exemptions", { mode: "json" }).$type<PromotionStageExemption[]>().notNull().default(sql`'[]'`),
    limits: text("limits", { mode: "json" }).$type<PromotionLimits>().notNull(),
    status: text("status", { enum: PROMOTION_CALL_STATUSES }).notNull().default("draft"),
    copiedFromId: integer("copied_from_id"),
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").references(() => employees.id),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index("promotion_calls_year_idx").on(t.fiscalYear, t.status),
    check("promotion_calls_window_ck", sql`${t.opensOn} <= ${t.closesOn}`),
  ],
);

/** The posts a call offers: 所属, duties, number of places. */
export const promotionPosts = sqliteTable(
  "promotion_posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    callId: integer("call_id")
      .notNull()
      .references(() => promotionCalls.id),
    orgUnitId: integer("org_unit_id")
      .notNull()
      .references(() => orgUnits.id),
    duties: text("duties").notNull(),
    places: integer("places").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("promotion_posts_call_idx").on(t.callId), check("promotion_posts_places_ck", sql`${t.places} >= 1`)],
);

/**
 * 応募. One per person per call (unique index). `stage` is the index into the call's
 * stages the application is being judged at while `submitted`; the statements are the
 * applicant's own text and are confidential (see app/services/promotion/access.ts).
 */
export const promotionApplications = sqliteTable(
  "promotion_applications",
  {
    id: text("id").primaryKey(),
    callId: integer("call_id")
      .notNull()
      .references(() => promotionCalls.id),
    applicantId: text("applicant_id")
      .notNull()
      .references(() => employees.id),
    status: text("status", { enum: PROMOTION_APPLICATION_STATUSES }).notNull().default("draft"),
    motivation: text("motivation").notNull().default(""),
    careerPlan: text("career_plan").notNull().default(""),
    selfPr: text("self_pr").notNull().default(""),
    stage: integer("stage").notNull().default(0),
    placementPostId: integer("placement_post_id").references(() => promotionPosts.id),
    /**
     * The place of the post this application fills, 1 … places: unique per post, and a
     * trigger refuses a seat outside 1 … places or a post without a seat (migration promotion_rest_guards), so
     * no write of any path can put more people in a post than it offers.
     */
    placementSeat: integer("placement_seat"),
    /** Stages this application is exempt from, fixed at submission (earlier passes). */
    exemptions: text("exemptions", { mode: "json" }).$type<PromotionGrantedExemption[]>().notNull().default(sql`'[]'`),
    version: integer("version").notNull().default(1),
    applicantOrgUnitId: integer("applicant_org_unit_id").references(() => orgUnits.id),
    applicantRank: text("applicant_rank"),
    // The breakdown facts as they were at submission, so statistics by 局/区, gender and age
    // band stay those of the day of applying when the person later moves or the org changes.
    applicantBureauId: integer("applicant_bureau_id").references(() => orgUnits.id),
    applicantGender: text("applicant_gender"),
    applicantBirthYear: integer("applicant_birth_year"),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("promotion_applications_one_per_call_uq").on(t.callId, t.applicantId),
    index("promotion_applications_applicant_idx").on(t.applicantId),
    index("promotion_applications_call_status_idx").on(t.callId, t.status),
    uniqueIndex("promotion_applications_seat_uq").on(t.placementPostId, t.placementSeat),
  ],
);

/** Every change of an application: who, when, from → to (status and stage), comment. */
export const promotionHistory = sqliteTable(
  "promotion_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: text("application_id")
      .notNull()
      .references(() => promotionApplications.id),
    action: text("action").notNull(),
    fromStatus: text("from_status", { enum: PROMOTION_APPLICATION_STATUSES }),
    toStatus: text("to_status", { enum: PROMOTION_APPLICATION_STATUSES }).notNull(),
    fromStage: integer("from_stage"),
    toStage: integer("to_stage"),
    actorId: text("actor_id")
      .notNull()
      .references(() => employees.id),
    /** `system`: a step the rules took (a stage exempt at submission), with the applicant as actor. */
    actorRole: text("actor_role", { enum: ["applicant", "hr_personnel", "system"] }).notNull(),
    comment: text("comment"),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("promotion_history_application_idx").on(t.applicationId, t.at)],
);

/** 所属長意見: one per application, written by the applicant's supervisor; never shown to the applicant. */
export const promotionOpinions = sqliteTable(
  "promotion_opinions",
  {
    applicationId: text("application_id")
      .primaryKey()
      .references(() => promotionApplications.id),
    supervisorId: text("supervisor_id")
      .notNull()
      .references(() => employees.id),
    recommendation: text("recommendation", { enum: PROMOTION_RECOMMENDATIONS }).notNull(),
    comment: text("comment").notNull().default(""),
    writtenAt: integer("written_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
);

import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sqlStatusList } from "../../app/services/contract/transitions";
import { MENTEE_HOLDING_STATUSES, PENDING_REQUEST_STATUSES } from "../../app/services/mentor/transitions";
import { employees, orgUnits } from "./org";

// 職員メンター制度, run by 人事課. The rules that read these tables live in
// app/services/mentor/; the status lists are those of its transitions tables, and the
// partial unique indexes are generated from its named status sets (a test compares them).

export const MENTOR_CYCLE_STATUSES = ["draft", "open", "matching", "published", "ended"] as const;
export const MENTOR_CYCLE_TERMS = ["full", "first_half", "second_half"] as const;
export const MENTOR_SIDES = ["mentor", "mentee"] as const;
export const MENTOR_REGISTRATION_STATUSES = ["registered", "withdrawn"] as const;
export const MENTOR_PAIR_STATUSES = ["proposed", "active", "ended", "ended_early", "discarded"] as const;
export const MENTOR_PAIR_SOURCES = ["matching", "request", "manual"] as const;
export const MENTOR_REQUEST_STATUSES = ["pending", "accepted", "declined", "lapsed", "withdrawn"] as const;
export const MENTOR_FIT = ["good", "poor"] as const;
export const MENTOR_MEETING_MODES = ["online", "in_person"] as const;

/** Who may be a mentee: within N years of hire, or anyone who asks (maxYearsSinceHire null). */
export type MenteeEligibility = { maxYearsSinceHire: number | null };
/** Who may be a mentor: minimum 職位, whole years of service, and optionally a completed 研修 (by title). */
export type MentorEligibility = { minRank: string; minYearsOfService: number; requiredCourseTitle: string | null };
/** The score weights (the matching engine's MatchWeights). */
export type MentorWeights = { topic: number; sameJobCategory: number; preference: [number, number, number]; preferredAttribute: number };
/** The last matching run: who stayed unmatched and why, and the total score. */
export type MentorProposalSummary = {
  ranAt: number;
  totalScore: number;
  unmatched: { menteeId: string; reason: string; message: string }[];
};

/** One programme cycle: a 年度 (or half of one) with its registration window and rules as data. */
export const mentorCycles = sqliteTable(
  "mentor_cycles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fiscalYear: integer("fiscal_year").notNull(),
    term: text("term", { enum: MENTOR_CYCLE_TERMS }).notNull().default("full"),
    title: text("title").notNull(),
    opensOn: text("opens_on").notNull(),
    closesOn: text("closes_on").notNull(),
    menteeEligibility: text("mentee_eligibility", { mode: "json" }).$type<MenteeEligibility>().notNull(),
    mentorEligibility: text("mentor_eligibility", { mode: "json" }).$type<MentorEligibility>().notNull(),
    weights: text("weights", { mode: "json" }).$type<MentorWeights>().notNull(),
    requestResponseDays: integer("request_response_days").notNull().default(7),
    status: text("status", { enum: MENTOR_CYCLE_STATUSES }).notNull().default("draft"),
    proposal: text("proposal", { mode: "json" }).$type<MentorProposalSummary>(),
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").references(() => employees.id),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index("mentor_cycles_year_idx").on(t.fiscalYear, t.status),
    check("mentor_cycles_window_ck", sql`${t.opensOn} <= ${t.closesOn}`),
    check("mentor_cycles_days_ck", sql`${t.requestResponseDays} BETWEEN 1 AND 60`),
  ],
);

/**
 * 登録: one per person per cycle per side (unique index). A mentor's row carries the
 * profile (experience, topics, capacity 1–3, available this cycle); a mentee's the
 * worries, topics, preferred attributes and up to three named mentors in order.
 * `orgUnitId`, `rank` and `jobCategory` are snapshots at registration for the statistics.
 */
export const mentorRegistrations = sqliteTable(
  "mentor_registrations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => mentorCycles.id),
    employeeId: text("employee_id")
      .notNull()
      .references(() => employees.id),
    side: text("side", { enum: MENTOR_SIDES }).notNull(),
    status: text("status", { enum: MENTOR_REGISTRATION_STATUSES }).notNull().default("registered"),
    topics: text("topics", { mode: "json" }).$type<string[]>().notNull(),
    freeText: text("free_text").notNull().default(""),
    // mentor
    experience: text("experience").notNull().default(""),
    capacity: integer("capacity").notNull().default(1),
    available: integer("available", { mode: "boolean" }).notNull().default(true),
    // mentee
    worries: text("worries").notNull().default(""),
    prefersSameJobCategory: integer("prefers_same_job_category", { mode: "boolean" }).notNull().default(false),
    prefersOtherBureau: integer("prefers_other_bureau", { mode: "boolean" }).notNull().default(false),
    preferredMentorIds: text("preferred_mentor_ids", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    orgUnitId: integer("org_unit_id").references(() => orgUnits.id),
    rank: text("rank"),
    jobCategory: text("job_category"),
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("mentor_registrations_one_per_side_uq").on(t.cycleId, t.employeeId, t.side),
    index("mentor_registrations_employee_idx").on(t.employeeId),
    check("mentor_registrations_capacity_ck", sql`${t.capacity} BETWEEN 1 AND 3`),
  ],
);

/**
 * ペア. A mentee holds at most one pair that is proposed or active, across every cycle:
 * the partial unique index lists MENTEE_HOLDING_STATUSES (app/services/mentor/transitions.ts).
 * A mentor's capacity is checked against the same statuses inside one IMMEDIATE transaction.
 * `terms` are the reasons the pair fits (the score's terms) as 人事課 saw them.
 */
export const mentorPairs = sqliteTable(
  "mentor_pairs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => mentorCycles.id),
    menteeId: text("mentee_id")
      .notNull()
      .references(() => employees.id),
    mentorId: text("mentor_id")
      .notNull()
      .references(() => employees.id),
    status: text("status", { enum: MENTOR_PAIR_STATUSES }).notNull(),
    source: text("source", { enum: MENTOR_PAIR_SOURCES }).notNull(),
    score: integer("score").notNull().default(0),
    terms: text("terms", { mode: "json" }).$type<{ kind: string; label: string; points: number }[]>().notNull().default(sql`'[]'`),
    menteeFit: text("mentee_fit", { enum: MENTOR_FIT }),
    mentorFit: text("mentor_fit", { enum: MENTOR_FIT }),
    /** A 合わない (or an early end) waiting for 人事課 to rematch the mentee; cleared when done. */
    needsRematch: integer("needs_rematch", { mode: "boolean" }).notNull().default(false),
    endReason: text("end_reason"),
    endedBy: text("ended_by").references(() => employees.id),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("mentor_pairs_one_per_mentee_uq")
      .on(t.menteeId)
      .where(sql.raw(`status IN (${sqlStatusList(MENTEE_HOLDING_STATUSES)})`)),
    index("mentor_pairs_cycle_status_idx").on(t.cycleId, t.status),
    index("mentor_pairs_mentor_idx").on(t.mentorId, t.status),
  ],
);

/** 直接の依頼: a mentee asks one mentor; answered within the cycle's days, or it lapses. One pending per mentee per cycle. */
export const mentorRequests = sqliteTable(
  "mentor_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => mentorCycles.id),
    menteeId: text("mentee_id")
      .notNull()
      .references(() => employees.id),
    mentorId: text("mentor_id")
      .notNull()
      .references(() => employees.id),
    message: text("message").notNull().default(""),
    status: text("status", { enum: MENTOR_REQUEST_STATUSES }).notNull().default("pending"),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    pairId: integer("pair_id").references(() => mentorPairs.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("mentor_requests_one_pending_uq")
      .on(t.cycleId, t.menteeId)
      .where(sql.raw(`status IN (${sqlStatusList(PENDING_REQUEST_STATUSES)})`)),
    index("mentor_requests_mentor_idx").on(t.mentorId, t.status),
  ],
);

/** 面談の記録: date, length in minutes, online or 対面. One per pair per day (a resubmitted form adds nothing). */
export const mentorMeetings = sqliteTable(
  "mentor_meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pairId: integer("pair_id")
      .notNull()
      .references(() => mentorPairs.id),
    heldOn: text("held_on").notNull(),
    minutes: integer("minutes").notNull(),
    mode: text("mode", { enum: MENTOR_MEETING_MODES }).notNull(),
    loggedBy: text("logged_by")
      .notNull()
      .references(() => employees.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex("mentor_meetings_pair_day_uq").on(t.pairId, t.heldOn), check("mentor_meetings_minutes_ck", sql`${t.minutes} BETWEEN 5 AND 600`)],
);

/** メモ: private to the two of the pair — nobody else reads these (app/services/mentor/access.ts). */
export const mentorNotes = sqliteTable(
  "mentor_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pairId: integer("pair_id")
      .notNull()
      .references(() => mentorPairs.id),
    authorId: text("author_id")
      .notNull()
      .references(() => employees.id),
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("mentor_notes_pair_idx").on(t.pairId, t.createdAt)],
);

/** 終了時アンケート: 1–5 and a comment, once per person per pair. 人事課 sees the scores only in aggregate. */
export const mentorSurveys = sqliteTable(
  "mentor_surveys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pairId: integer("pair_id")
      .notNull()
      .references(() => mentorPairs.id),
    respondentId: text("respondent_id")
      .notNull()
      .references(() => employees.id),
    side: text("side", { enum: MENTOR_SIDES }).notNull(),
    score: integer("score").notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex("mentor_surveys_one_per_person_uq").on(t.pairId, t.respondentId), check("mentor_surveys_score_ck", sql`${t.score} BETWEEN 1 AND 5`)],
);

/** Every change of a cycle, registration, request or pair: who, when, from → to, comment. */
export const mentorHistory = sqliteTable(
  "mentor_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => mentorCycles.id),
    subject: text("subject", { enum: ["cycle", "registration", "request", "pair"] }).notNull(),
    subjectId: integer("subject_id").notNull(),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    actorId: text("actor_id").references(() => employees.id),
    comment: text("comment"),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("mentor_history_subject_idx").on(t.subject, t.subjectId, t.at), index("mentor_history_cycle_idx").on(t.cycleId)],
);

import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sqlStatusList } from "../../app/services/contract/transitions";
import { ACTIVE_STATUSES } from "../../app/services/training/transitions";
import { employees, orgUnits } from "./org";

// 階層別研修 (tiered training). The rules that read these tables live in
// app/services/training/; the status lists here must match its transitions table, and the
// partial unique index is generated from its named status set.

export const TRAINING_COURSE_KINDS = ["required", "elective", "optIn"] as const;
export const TRAINING_SESSION_STATUSES = ["open", "closed", "called_off"] as const;
/** How a 回's seats are given: 先着 (arrival order) or 抽選 (a draw at the close). */
export const TRAINING_ALLOCATIONS = ["first_come", "lottery"] as const;
/** Where a course that needs approval asks the supervisor, for its 抽選 回. */
export const TRAINING_LOTTERY_APPROVALS = ["before", "after"] as const;
export const ENROLLMENT_STATUSES = [
  "applied_pending",
  "applied",
  "pending",
  "confirmed",
  "waitlisted",
  "cancelled",
  "rejected",
  "attended",
  "absent",
  "completed",
  "called_off",
] as const;
export const ENROLLMENT_ACTORS = ["employee", "supervisor", "hr_dev", "system"] as const;

/**
 * 階層 definitions as data. `hireYear`: the employee is in their `serviceYear`-th 年度
 * since hire (1 = 新規採用). `newRank`: the employee holds `rank` and was promoted to it
 * in this 年度 (新任主任 …).
 */
export const trainingTiers = sqliteTable("training_tiers", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  basis: text("basis", { enum: ["hireYear", "newRank"] }).notNull(),
  serviceYear: integer("service_year"),
  rank: text("rank"),
  sortOrder: integer("sort_order").notNull().default(0),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
});

/**
 * The rule placing a person in a tier, as 人材育成課 set it for one 年度 (decision 103): a
 * 年度 without a row for a tier uses the tier's own definition above. The label and order
 * stay the tier's, so last year's records keep their name.
 */
export const trainingTierRules = sqliteTable(
  "training_tier_rules",
  {
    fiscalYear: integer("fiscal_year").notNull(),
    tierCode: text("tier_code")
      .notNull()
      .references(() => trainingTiers.code),
    basis: text("basis", { enum: ["hireYear", "newRank"] }).notNull(),
    serviceYear: integer("service_year"),
    rank: text("rank"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    updatedBy: text("updated_by"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.fiscalYear, t.tierCode] })],
);

/** A course of one 年度. Titles are unique within a 年度 (copying a catalogue keys on them). */
export const trainingCourses = sqliteTable(
  "training_courses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fiscalYear: integer("fiscal_year").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    kind: text("kind", { enum: TRAINING_COURSE_KINDS }).notNull(),
    needsApproval: integer("needs_approval", { mode: "boolean" }).notNull().default(false),
    /** For its 抽選 回: is the supervisor asked before the draw (only approved 応募 are drawn) or after? */
    lotteryApproval: text("lottery_approval", { enum: TRAINING_LOTTERY_APPROVALS }).notNull().default("after"),
    /** For its 抽選 回: the priority groups in order, as criterion keys (JSON array; see training/lottery.ts). */
    lotteryPriorities: text("lottery_priorities", { mode: "json" }).$type<string[]>().notNull().default(sql`'["elective_unmet","first_time"]'`),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex("training_courses_year_title_uq").on(t.fiscalYear, t.title)],
);

/** Target tiers of a course. A course without any is open to every employee (希望制). */
export const trainingCourseTiers = sqliteTable(
  "training_course_tiers",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    tierCode: text("tier_code")
      .notNull()
      .references(() => trainingTiers.code),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.tierCode] }), index("training_course_tiers_tier_idx").on(t.tierCode)],
);

/** One 回 of a course. All instants are stored as UTC epoch ms and shown in Asia/Tokyo. */
export const trainingCourseSessions = sqliteTable(
  "training_course_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    seq: integer("seq").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    venue: text("venue"),
    online: integer("online", { mode: "boolean" }).notNull().default(false),
    capacity: integer("capacity").notNull(),
    signupOpensAt: integer("signup_opens_at", { mode: "timestamp_ms" }).notNull(),
    signupClosesAt: integer("signup_closes_at", { mode: "timestamp_ms" }).notNull(),
    cancelDeadline: integer("cancel_deadline", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: TRAINING_SESSION_STATUSES }).notNull().default("open"),
    allocation: text("allocation", { enum: TRAINING_ALLOCATIONS }).notNull().default("first_come"),
    /** 中止: why 人材育成課 called the 回 off, by whom and when (set together with status called_off). */
    cancelReason: text("cancel_reason"),
    calledOffAt: integer("called_off_at", { mode: "timestamp_ms" }),
    calledOffBy: text("called_off_by"),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex("training_course_sessions_course_seq_uq").on(t.courseId, t.seq), index("training_course_sessions_starts_idx").on(t.startsAt)],
);

/**
 * 申込. `courseId` repeats the session's course so that the database itself can hold
 * "one active sign-up per person per course": the partial unique index below lists the
 * active statuses, generated from ACTIVE_STATUSES in app/services/training/transitions.ts
 * (a test compares the migrated index with the constant). Cancelled,
 * rejected and absent rows stay as records and do not block a new sign-up.
 * `waitlistSeq` is the arrival number on the session's waitlist; unique among waitlisted.
 * `tierCode` and `orgUnitId` are snapshots at sign-up, for the 年度 statistics.
 */
export const trainingEnrollments = sqliteTable(
  "training_enrollments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    courseSessionId: integer("course_session_id")
      .notNull()
      .references(() => trainingCourseSessions.id),
    employeeId: text("employee_id")
      .notNull()
      .references(() => employees.id),
    status: text("status", { enum: ENROLLMENT_STATUSES }).notNull(),
    waitlistSeq: integer("waitlist_seq"),
    tierCode: text("tier_code"),
    orgUnitId: integer("org_unit_id").references(() => orgUnits.id),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    /** When the supervisor approved it (an approval once given is not asked again on a waitlist promotion). */
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    /** 抽選: the priority group (1 = first) and the place in the drawn order. */
    drawGroup: integer("draw_group"),
    drawRank: integer("draw_rank"),
  },
  (t) => [
    uniqueIndex("training_enrollments_active_uq")
      .on(t.courseId, t.employeeId)
      .where(sql.raw(`status IN (${sqlStatusList(ACTIVE_STATUSES)})`)),
    uniqueIndex("training_enrollments_waitlist_uq")
      .on(t.courseSessionId, t.waitlistSeq)
      .where(sql`status = 'waitlisted'`),
    index("training_enrollments_session_status_idx").on(t.courseSessionId, t.status),
    index("training_enrollments_employee_idx").on(t.employeeId),
    // The statistics of a 年度 (courses of the year → their sign-ups): covers the totals and
    // the breakdown facts, so neither reads the table itself.
    index("training_enrollments_course_status_idx").on(t.courseId, t.status, t.employeeId, t.tierCode, t.courseSessionId),
  ],
);

/**
 * One 抽選 of a 回: at most one (the unique index), with the random seed that reproduces
 * the drawn order from the same 応募 and priorities.
 */
export const trainingDraws = sqliteTable(
  "training_draws",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseSessionId: integer("course_session_id")
      .notNull()
      .references(() => trainingCourseSessions.id),
    seed: text("seed").notNull(),
    priorities: text("priorities", { mode: "json" }).$type<string[]>().notNull(),
    applicants: integer("applicants").notNull(),
    seated: integer("seated").notNull(),
    drawnBy: text("drawn_by").references(() => employees.id),
    drawnAt: integer("drawn_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("training_draws_session_uq").on(t.courseSessionId)],
);

/** Every state change of an enrollment: from (null at creation) → to, by whom, when, why. */
export const trainingEnrollmentHistory = sqliteTable(
  "training_enrollment_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    enrollmentId: integer("enrollment_id")
      .notNull()
      .references(() => trainingEnrollments.id),
    fromStatus: text("from_status", { enum: ENROLLMENT_STATUSES }),
    toStatus: text("to_status", { enum: ENROLLMENT_STATUSES }).notNull(),
    actorId: text("actor_id"),
    actorRole: text("actor_role", { enum: ENROLLMENT_ACTORS }).notNull(),
    comment: text("comment"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("training_enrollment_history_enrollment_idx").on(t.enrollmentId, t.at)],
);

/** 選択科目ルール: in `fiscalYear`, employees of `tierCode` take at least `minElectives` electives. */
export const trainingElectiveRules = sqliteTable(
  "training_elective_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fiscalYear: integer("fiscal_year").notNull(),
    tierCode: text("tier_code")
      .notNull()
      .references(() => trainingTiers.code),
    minElectives: integer("min_electives").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedBy: text("updated_by"),
  },
  (t) => [uniqueIndex("training_elective_rules_year_tier_uq").on(t.fiscalYear, t.tierCode)],
);

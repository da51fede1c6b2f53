import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sqlStatusList } from "../../app/services/contract/transitions";
import { BOOKING_STATUSES, OCCUPYING } from "../../app/services/consultation/transitions";
import { employees } from "./org";

/**
 * 外部の専門家相談窓口. Confidential by design (docs/decisions/301-consultation-confidentiality.md):
 * only the booking employee, the booked consultant and 労務厚生課 ever read these tables, and
 * each of them through a query that carries its own access rule.
 */

export const CONSULTATION_TOPICS = ["work_anxiety", "career", "life", "management", "other"] as const;
// The statuses and the occupying set are named once, beside the state machine
// (app/services/consultation/transitions.ts); the partial unique index below is generated from it.

/** An external (or internal) career consultant: an account holding the consultant role. */
export const consultants = sqliteTable(
  "consultation_consultants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employeeId: text("employee_id")
      .notNull()
      .references(() => employees.id),
    /** Default online meeting link; a slot may override it. */
    meetingUrl: text("meeting_url"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by"),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex("consultation_consultants_employee_uq").on(t.employeeId)],
);

/** 相談枠: one bookable time of one consultant. */
export const slots = sqliteTable(
  "consultation_slots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    consultantId: integer("consultant_id")
      .notNull()
      .references(() => consultants.id),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    /** Overrides the consultant's default link for this slot only. */
    meetingUrl: text("meeting_url"),
    status: text("status", { enum: ["open", "closed"] }).notNull().default("open"),
    createdBy: text("created_by"),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    closedBy: text("closed_by"),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Publishing a pattern twice cannot create the same time twice.
    uniqueIndex("consultation_slots_consultant_start_uq").on(t.consultantId, t.startsAt),
    index("consultation_slots_starts_idx").on(t.startsAt),
    check("consultation_slots_order_ck", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** 予約. Nothing is deleted: cancelled and moved bookings stay with their history. */
export const bookings = sqliteTable(
  "consultation_bookings",
  {
    id: text("id").primaryKey(),
    slotId: integer("slot_id")
      .notNull()
      .references(() => slots.id),
    employeeId: text("employee_id")
      .notNull()
      .references(() => employees.id),
    topic: text("topic", { enum: CONSULTATION_TOPICS }).notNull(),
    note: text("note").notNull().default(""),
    /** Shown to the consultant by booking code only. */
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
    bookingCode: text("booking_code").notNull(),
    status: text("status", { enum: BOOKING_STATUSES }).notNull().default("booked"),
    /** 年度 of the slot, for the per-年度 limit and the statistics. */
    fiscalYear: integer("fiscal_year").notNull(),
    /** 管理職 (課長 and above) or not, as of booking: statistics only, never per person. */
    rankGroup: text("rank_group", { enum: ["manager", "other"] }).notNull(),
    movedFromId: text("moved_from_id").references((): AnySQLiteColumn => bookings.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    // One slot, one booking — whatever the concurrency, even if a bug skipped the check.
    uniqueIndex("consultation_bookings_active_slot_uq")
      .on(t.slotId)
      .where(sql.raw(`status IN (${sqlStatusList(OCCUPYING)})`)),
    uniqueIndex("consultation_bookings_code_uq").on(t.bookingCode),
    index("consultation_bookings_employee_idx").on(t.employeeId, t.status),
    index("consultation_bookings_fiscal_year_idx").on(t.fiscalYear),
  ],
);

/** Every state change of a booking: who, when, from → to, why. */
export const bookingEvents = sqliteTable(
  "consultation_booking_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bookingId: text("booking_id")
      .notNull()
      .references(() => bookings.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorKind: text("actor_kind", { enum: ["employee", "consultant", "welfare"] }).notNull(),
    actorId: text("actor_id").references(() => employees.id),
    fromStatus: text("from_status", { enum: BOOKING_STATUSES }),
    toStatus: text("to_status", { enum: BOOKING_STATUSES }).notNull(),
    /** A fixed reason key (see rules.ts EVENT_REASON_LABELS), never free text. */
    reason: text("reason"),
  },
  (t) => [index("consultation_booking_events_booking_idx").on(t.bookingId, t.at)],
);

/**
 * The consultant's private memo of a session. Read only by `getSessionForConsultant` with
 * the consultant's own id: not by 労務厚生課, not by admin, not by the employee.
 */
export const consultantMemos = sqliteTable("consultation_consultant_memos", {
  bookingId: text("booking_id")
    .primaryKey()
    .references(() => bookings.id),
  consultantId: integer("consultant_id")
    .notNull()
    .references(() => consultants.id),
  body: text("body").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** The service's rules, set by 労務厚生課. One row (id = 1); absent means "not open yet". */
export const consultationRules = sqliteTable(
  "consultation_rules",
  {
    id: integer("id").primaryKey(),
    /** A slot can be booked when its date is at most this many days after today (JST). */
    bookingWindowDays: integer("booking_window_days").notNull(),
    /** Booking, moving and cancelling close this many days before the slot's date … */
    deadlineDaysBefore: integer("deadline_days_before").notNull(),
    /** … at this minute of that day (JST), e.g. 1020 = 17:00. */
    deadlineMinuteOfDay: integer("deadline_minute_of_day").notNull(),
    maxPerFiscalYear: integer("max_per_fiscal_year").notNull(),
    maxFutureBookings: integer("max_future_bookings").notNull(),
    // What the pages show and offer (ConsultationPageSettings in rules.ts); defaults = DEFAULT_PAGE_SETTINGS.
    overviewDays: integer("overview_days").notNull().default(60),
    slotListDaysBack: integer("slot_list_days_back").notNull().default(14),
    slotListDaysAhead: integer("slot_list_days_ahead").notNull().default(120),
    sessionHistoryDays: integer("session_history_days").notNull().default(180),
    defaultSlotStartMinute: integer("default_slot_start_minute").notNull().default(1080),
    defaultSlotEndMinute: integer("default_slot_end_minute").notNull().default(1130),
    updatedBy: text("updated_by"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [check("consultation_rules_single_row_ck", sql`${t.id} = 1`)],
);

import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { employees } from "./org";

/** 待機 / 送信済 / 失敗 / 破棄 (labels in app/services/mail/outbox.ts). */
export const MAIL_STATUSES = ["pending", "sent", "failed", "discarded"] as const;

/**
 * The mail outbox. A row is written in the same transaction as the change it reports, so a
 * mail exists exactly when the change committed; the sender delivers it later. `dedupe_key`
 * names the change (e.g. `training:42:confirmed`): a retried transaction or a second
 * submission writes the same key, and the unique index keeps one row.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupeKey: text("dedupe_key").notNull(),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => employees.id),
    /** The address when the row was written (the org data's e-mail then). */
    toAddress: text("to_address").notNull(),
    /** The template kind, e.g. `training.promoted`; rendered when sent. */
    template: text("template").notNull(),
    /** JSON of the values the template needs. */
    values: text("values", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    /** Set by the sender that claimed the row (conditional UPDATE) until it finishes or the lease ends. */
    claimToken: text("claim_token"),
    claimedUntil: integer("claimed_until", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    messageId: text("message_id"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("mail_outbox_dedupe_uq").on(t.dedupeKey),
    index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_recipient_idx").on(t.recipientId),
  ],
);

/** What a person switched off on マイページ. Decisions are always sent; no row = everything on. */
export const mailPreferences = sqliteTable("mail_preferences", {
  employeeId: text("employee_id")
    .primaryKey()
    .references(() => employees.id),
  reminders: integer("reminders", { mode: "boolean" }).notNull().default(true),
  digests: integer("digests", { mode: "boolean" }).notNull().default(true),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { employees } from "./org";

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => employees.id),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("notifications_recipient_idx").on(t.recipientId, t.readAt, t.createdAt)],
);

import { sql } from "drizzle-orm";
import { integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** 成果指標 values per 年度, entered by 人材育成課 from the stress-check report. */
export const indicatorValues = sqliteTable(
  "indicator_values",
  {
    fiscalYear: integer("fiscal_year").notNull(),
    indicator: text("indicator", { enum: ["engagement", "unity", "health_risk"] }).notNull(),
    value: real("value").notNull(),
    enteredBy: text("entered_by").notNull(),
    enteredAt: integer("entered_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.fiscalYear, t.indicator] })],
);

/** Settings of the statistics (e.g. the small-cell threshold), as key → value. */
export const progressSettings = sqliteTable("progress_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

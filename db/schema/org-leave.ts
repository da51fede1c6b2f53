import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { employees } from "./org";

/**
 * 休職等の期間: the leave periods the personnel system records per person (休職, 停職,
 * 育児休業, 介護休暇, 派遣 — app/services/org/master-data.ts), imported from their own CSV
 * as a full snapshot (app/services/org/leave-import*.ts). `toOn` null: still on leave.
 * Read by 昇任型公募's eligibility, which deducts the kinds a call names.
 */
export const employeeLeavePeriods = sqliteTable(
  "employee_leave_periods",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employeeId: text("employee_id")
      .notNull()
      .references(() => employees.id),
    kind: text("kind").notNull(),
    fromOn: text("from_on").notNull(),
    toOn: text("to_on"),
  },
  (t) => [
    index("employee_leave_periods_employee_idx").on(t.employeeId, t.fromOn),
    check("employee_leave_periods_order_ck", sql`${t.toOn} IS NULL OR ${t.fromOn} <= ${t.toOn}`),
  ],
);

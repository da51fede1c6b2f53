import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** 局/区 → 部 → 課. `code` is the personnel system's 所属コード, the key imports match on. */
export const orgUnits = sqliteTable(
  "org_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["bureau", "division", "section"] }).notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => orgUnits.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /**
     * 表示順: the city's own order of its units (局 in 組織順, then 川崎区 → 麻生区), from the
     * org CSV. Statistics and lists sort by it; units without one come after, by code.
     */
    sortOrder: integer("sort_order"),
  },
  (t) => [uniqueIndex("org_units_code_uq").on(t.code), index("org_units_parent_idx").on(t.parentId)],
);

/**
 * Every person who can log in. `source = personnel` rows come from the personnel-system
 * import (and are disabled when they drop out of it); `portal` rows are created here
 * (external consultants, system accounts) and are never touched by the import.
 */
export const employees = sqliteTable(
  "employees",
  {
    id: text("id").primaryKey(),
    staffNumber: text("staff_number").notNull(),
    name: text("name").notNull(),
    kana: text("kana").notNull(),
    email: text("email"),
    orgUnitId: integer("org_unit_id").references(() => orgUnits.id),
    rank: text("rank"),
    jobCategory: text("job_category"),
    employmentType: text("employment_type"),
    hiredOn: text("hired_on"),
    rankSince: text("rank_since"),
    birthYear: integer("birth_year"),
    gender: text("gender"),
    /** 勤務状況 (在職/休職/停職/育児休業/派遣); optional in the personnel data. */
    workStatus: text("work_status"),
    /** 現所属配属日: the day the person came to their current unit (optional). */
    assignedOn: text("assigned_on"),
    supervisorId: text("supervisor_id").references((): AnySQLiteColumn => employees.id),
    source: text("source", { enum: ["personnel", "portal"] }).notNull().default("personnel"),
    passwordHash: text("password_hash"),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    /** Who disabled: an import leaves `admin` disables alone when the person reappears. */
    disabledReason: text("disabled_reason", { enum: ["import", "admin"] }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("employees_staff_number_uq").on(t.staffNumber),
    index("employees_supervisor_idx").on(t.supervisorId),
    index("employees_org_unit_idx").on(t.orgUnitId),
    // Every statistics breakdown looks each fact's person up for these attributes: a narrow
    // covering index instead of the whole row.
    index("employees_stat_dims_idx").on(t.id, t.orgUnitId, t.rank, t.jobCategory, t.birthYear, t.gender),
  ],
);

/** Role grants. `employee` is implicit and `supervisor` is derived from the org data. */
export const roleGrants = sqliteTable(
  "role_grants",
  {
    employeeId: text("employee_id")
      .notNull()
      .references(() => employees.id),
    role: text("role", {
      enum: ["hr_dev", "hr_personnel", "welfare", "consultant", "admin"],
    }).notNull(),
    grantedBy: text("granted_by"),
    grantedAt: integer("granted_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.role] })],
);

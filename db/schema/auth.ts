import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { employees } from "./org";

/**
 * Login sessions (lucia). `createdAt` carries the absolute lifetime lucia lacks; `via` says
 * how the person signed in, so logout sends only single-sign-on sessions on to the provider.
 */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => employees.id),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
    via: text("via", { enum: ["password", "oidc"] }).notNull().default("password"),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/** Failed logins, kept for throttling per account and per address. */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffNumber: text("staff_number").notNull(),
    ip: text("ip").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("login_failures_staff_idx").on(t.staffNumber, t.at), index("login_failures_ip_idx").on(t.ip, t.at)],
);

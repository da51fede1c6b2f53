// The one import point for tables (app code: `schema` from ~/db.server). Typed as the
// generated pg-core tables (db/pg-schema.ts) so that query code is written once against
// drizzle's pg types; at run time it holds the active dialect's tables — on SQLite the
// sqlite-core tables of db/schema/*.ts, cast (decision 014). Both are built from the same
// column list (db/gen-pg-schema.ts), so names and TypeScript types agree.
// Non-table exports of db/schema (status lists, JSON types) come through unchanged.
import * as sqliteSchema from "./schema";
import * as pgTables from "./pg-schema";
import { dialect } from "./dialect";

export type PgTables = typeof pgTables;
export type Schema = Omit<typeof sqliteSchema, keyof PgTables> & PgTables;

export const schema: Schema = (dialect() === "pg" ? { ...sqliteSchema, ...pgTables } : sqliteSchema) as unknown as Schema;

/** The tables drizzle is given on each engine (its relational API and the lucia adapter read them). */
export const sqliteTables = sqliteSchema;
export { pgTables };

// Applies the committed migrations of the engine DATABASE_URL names: migrations/ for the
// SQLite file, migrations-pg/ for PostgreSQL (decision 014). Run by `npm run db:migrate`;
// never on import.
import Database from "better-sqlite3";
import pg from "pg";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import fs from "node:fs";
import path from "node:path";
import { applyPragmas, defaultDatabasePath } from "./client";
import { isPostgresUrl } from "./dialect";

export const SQLITE_MIGRATIONS = new URL("../migrations", import.meta.url).pathname;
export const PG_MIGRATIONS = new URL("../migrations-pg", import.meta.url).pathname;

/** Migrates the SQLite file (its own connection, closed after). */
export function migrateSqliteFile(file: string = defaultDatabasePath()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    applyPragmas(sqlite);
    migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: SQLITE_MIGRATIONS });
  } finally {
    sqlite.close();
  }
}

/** Migrates the PostgreSQL database at `url` (one client, closed after). */
export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Migrations of two processes starting at once must not interleave.
    await client.query("SELECT pg_advisory_lock(7204118)");
    await migratePg(drizzlePg(client), { migrationsFolder: PG_MIGRATIONS });
  } finally {
    await client.end();
  }
}

/** Migrates the database this process is configured for: DATABASE_URL (postgres://…) or the SQLite file. */
export async function migrateDatabase(target: { url?: string; file?: string } = {}): Promise<string> {
  const url = target.url ?? process.env.DATABASE_URL;
  if (!target.file && isPostgresUrl(url)) {
    await migratePostgres(url);
    return url.replace(/\/\/[^@/]*@/, "//…@"); // never print a password
  }
  const file = target.file ?? defaultDatabasePath();
  migrateSqliteFile(file);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const where = await migrateDatabase();
  console.log(`データベースを最新の状態にしました: ${where}`);
}

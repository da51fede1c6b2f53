import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The data directory holds the database and uploads; git-ignored, created on demand. */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? "data");
}

export function defaultDatabasePath(): string {
  return process.env.DATABASE_PATH ? path.resolve(process.env.DATABASE_PATH) : path.join(dataDir(), "portal.db");
}

/**
 * Pragmas on every connection. WAL lets readers run beside the writer; synchronous=FULL
 * makes "committed" mean "on disk" even in WAL mode; busy_timeout lets concurrent writers
 * queue instead of failing with SQLITE_BUSY.
 */
export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = FULL");
}

/**
 * Keeps the compiled statements of a connection, by SQL text (least recently used out past
 * `max`). drizzle asks better-sqlite3 to prepare every query it runs, on every request; the
 * SQL of a query site is the same text each time, and compiling it again was about a
 * twentieth of a page view (issue 14's profile). A reused statement is reset to plain rows
 * first: drizzle switches statements to raw mode for the queries it maps itself.
 */
export function cacheStatements(sqlite: Database.Database, max = 1_000): Map<string, Database.Statement> {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const hit = cache.get(source);
    if (hit) {
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false);
      return hit;
    }
    const statement = compile(source);
    cache.set(source, statement);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return statement;
  };
  sqlite.prepare = prepare as Database.Database["prepare"];
  return cache;
}

export function openDatabase(file: string = defaultDatabasePath()): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  applyPragmas(sqlite);
  // Table statistics for the query planner (SQLite's advice for long-lived connections: at
  // open, then periodically — see startDueWork). Without them the statistics breakdowns pick
  // the employees' primary key over the narrow covering index and take twice as long.
  sqlite.pragma("optimize=0x10002");
  cacheStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

declare const insideTransaction: unique symbol;

/**
 * The handle of an open transaction. On SQLite it is the same connection (better-sqlite3
 * is synchronous, so nothing else runs while the callback does); the brand makes every
 * helper that must run inside a transaction say so in its signature, and lets the same
 * code later take a real transaction object on another engine.
 */
export type Tx = Db & { readonly [insideTransaction]: true };

/**
 * A synchronous `BEGIN IMMEDIATE` transaction: takes the write lock before the first read,
 * so a check-then-write (capacity, one booking per slot, yearly caps) cannot interleave
 * with another writer. The callback gets the handle and must not await.
 */
export function immediate<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.$client.transaction(() => fn(db as Tx)).immediate();
}

/** SQLite's own code for a UNIQUE (or PRIMARY KEY) constraint failing — never its message text. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

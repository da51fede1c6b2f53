// The data layer both engines share (decision 014). Query code is written once, async,
// against drizzle's pg-core types (`Db`, `Tx`, tables from db/tables.ts); on SQLite the
// better-sqlite3 drizzle instance and the sqlite-core tables are cast to those types.
//
//   getDb()            reads outside a transaction
//   immediate(tx => …) every write: one transaction, the handle passed to every helper
//   first(q)           the first row or undefined
//   affected(r)        rows an update/delete changed
//   forUpdate(q)       lock the row an invariant hangs on (PostgreSQL); no-op on SQLite
//   isUniqueViolation  a unique index refused the write, on either engine
//   sqlFor / rows / execute   dialect SQL in raw statements
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { dialect, isPostgresUrl, type Dialect } from "./dialect";
import { pgTables, sqliteTables } from "./tables";

export { dialect, type Dialect } from "./dialect";

/** The database handle query code is written against (drizzle's pg type on both engines). */
export type Db = NodePgDatabase<typeof pgTables>;

declare const insideTransaction: unique symbol;

/**
 * The handle of an open `immediate()` transaction. The brand makes every helper that must
 * run inside a transaction say so in its signature (`tx: Tx`); a `Tx` is accepted wherever
 * a `Db` is (reads inside the transaction see its own writes).
 */
export type Tx = Db & { readonly [insideTransaction]: true };

/** The data directory holds the SQLite file and uploads; git-ignored, created on demand. */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? "data");
}

export function defaultDatabasePath(): string {
  return process.env.DATABASE_PATH ? path.resolve(process.env.DATABASE_PATH) : path.join(dataDir(), "portal.db");
}

/**
 * Pragmas on the write connection. WAL lets readers run beside the writer; synchronous=FULL
 * makes "committed" mean "on disk" even in WAL mode; busy_timeout lets other processes'
 * writers (seeds, the mail worker) queue instead of failing with SQLITE_BUSY.
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

// PostgreSQL returns int8 (count(*), bigint columns in raw SQL) and numeric (sum of bigint)
// as strings; every figure here is far below 2^53, so read them as numbers like SQLite does.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

type Engine = {
  readonly dialect: Dialect;
  /** Reads outside a transaction. */
  readonly read: Db;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Refreshes the query planner's statistics where the engine needs telling (SQLite). */
  optimize(): Promise<void>;
  /** SQLite only: the file, for backups and extra read-only connections. */
  readonly file?: string;
};

/** Marks the async context of an open transaction (nested immediate() and getDb() inside it are refused). */
const openTransaction = new AsyncLocalStorage<{ open: boolean }>();

function insideImmediate(): boolean {
  return openTransaction.getStore()?.open === true;
}

async function runMarked<T>(fn: () => Promise<T>): Promise<T> {
  const mark = { open: true };
  try {
    return await openTransaction.run(mark, fn);
  } finally {
    mark.open = false; // promises started inside and still running later are outside it
  }
}

/** A FIFO async mutex: SQLite has one writer, and one transaction at a time uses it. */
function mutex() {
  let tail: Promise<void> = Promise.resolve();
  return async function locked<T>(fn: () => Promise<T>): Promise<T> {
    const before = tail;
    let release!: () => void;
    tail = new Promise<void>((resolve) => (release = resolve));
    await before;
    try {
      return await fn();
    } finally {
      release();
    }
  };
}

/**
 * SQLite: one write connection, used only inside `immediate()` (an async mutex around
 * BEGIN IMMEDIATE … COMMIT), and a separate READ-ONLY connection for everything else. On a
 * single connection a statement issued while another transaction awaits would run inside
 * that transaction and be rolled back with it; on the read-only one it sees committed data,
 * and a stray write outside `immediate()` fails loudly (SQLITE_READONLY).
 */
export function openSqlite(file: string = defaultDatabasePath()): Engine & { writer: Database.Database; reader: Database.Database } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const writer = new Database(file);
  applyPragmas(writer);
  // Table statistics for the query planner (SQLite's advice for long-lived connections: at
  // open, then periodically — optimizeDatabase() from the due-work timer). Without them the
  // statistics breakdowns pick the employees' primary key over the narrow covering index.
  writer.pragma("optimize=0x10002");
  const reader = new Database(file, { readonly: true });
  reader.pragma("busy_timeout = 5000");
  cacheStatements(writer);
  cacheStatements(reader);
  const writeDb = drizzleSqlite(writer, { schema: sqliteTables }) as unknown as Tx;
  const readDb = drizzleSqlite(reader, { schema: sqliteTables }) as unknown as Db;
  const locked = mutex();
  return {
    dialect: "sqlite",
    file,
    writer,
    reader,
    read: readDb,
    transaction: (fn) =>
      locked(async () => {
        writer.exec("BEGIN IMMEDIATE");
        try {
          const result = await fn(writeDb);
          writer.exec("COMMIT");
          return result;
        } catch (e) {
          if (writer.inTransaction) writer.exec("ROLLBACK");
          throw e;
        }
      }),
    close: async () => {
      await locked(async () => {
        reader.close();
        writer.close();
      });
    },
    optimize: () =>
      locked(async () => {
        writer.pragma("optimize");
      }),
  };
}

/**
 * PostgreSQL: a pool; each `immediate()` is one pooled transaction at READ COMMITTED, in
 * which the code locks the row its invariant hangs on with `forUpdate(q)`.
 */
export function openPostgres(url: string, max = Number(process.env.DATABASE_POOL_MAX ?? 10)): Engine & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on("error", (e) => console.error("PostgreSQL pool:", e.message));
  const db = drizzlePg(pool, { schema: pgTables });
  return {
    dialect: "pg",
    pool,
    read: db,
    transaction: (fn) => db.transaction((tx) => fn(tx as unknown as Tx), { isolationLevel: "read committed" }),
    close: () => pool.end(),
    // autovacuum analyses changed tables on its own.
    optimize: async () => {},
  };
}

let engine: Engine | undefined;

function currentEngine(): Engine {
  if (!engine) {
    const url = process.env.DATABASE_URL;
    if (dialect() === "pg" && isPostgresUrl(url)) engine = openPostgres(url);
    else engine = openSqlite();
  }
  return engine;
}

/** The engine's SQLite file, or undefined on PostgreSQL (backups, streamed exports). */
export function sqliteFile(): string | undefined {
  return currentEngine().file;
}

/** The handle for reads outside a transaction. Inside `immediate()` use its `tx` instead. */
export function getDb(): Db {
  if (insideImmediate()) throw new Error("getDb() inside immediate(): read through the transaction's tx");
  return currentEngine().read;
}

/**
 * One write transaction; every write goes through it. The callback gets the handle and
 * passes it to every helper (audit, notify, counts). Its result is returned once committed;
 * a throw rolls everything back. A nested immediate() is refused: pass the `tx` instead.
 */
export async function immediate<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (insideImmediate()) throw new Error("immediate() inside immediate(): pass the open transaction's tx instead");
  return currentEngine().transaction((tx) => runMarked(() => fn(tx)));
}

/** Refreshes the planner's statistics (SQLite's PRAGMA optimize; nothing to do on PostgreSQL). */
export async function optimizeDatabase(): Promise<void> {
  await currentEngine().optimize();
}

/** Closes this process's connections (scripts, tests); the next getDb() opens anew. */
export async function closeDb(): Promise<void> {
  const e = engine;
  engine = undefined;
  await e?.close();
}

/** The first row of a query, or undefined. It adds no LIMIT: give `.limit(1)` when the filter is not unique. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  const q = query as PromiseLike<T[]> & { get?: () => T | undefined };
  // better-sqlite3 steps one row with .get(); PostgreSQL has no such call.
  if (dialect() === "sqlite" && typeof q.get === "function") return q.get();
  return (await query)[0];
}

/** Rows an UPDATE/DELETE changed: `rowCount` (node-postgres) or `changes` (better-sqlite3). */
export function affected(result: { rowCount: number | null } | unknown): number {
  const r = result as { rowCount?: number | null; changes?: number };
  return r.rowCount ?? r.changes ?? 0;
}

/**
 * `SELECT … FOR UPDATE` on PostgreSQL: lock the row an invariant hangs on (the course
 * session, the slot, the yearly scheme, the call …) before counting or checking under it, so
 * concurrent transactions queue on that row. `skipLocked` (a worker claiming rows) skips the
 * rows another transaction holds. A no-op on SQLite, where BEGIN IMMEDIATE already holds the
 * one write lock. Lock a plain row select: PostgreSQL refuses FOR UPDATE with GROUP BY,
 * DISTINCT or aggregates.
 */
export function forUpdate<Q>(query: Q, options: { skipLocked?: boolean } = {}): Q {
  if (dialect() !== "pg") return query;
  const q = query as Q & { for: (strength: "update", config?: { skipLocked?: boolean }) => Q };
  return q.for("update", options.skipLocked ? { skipLocked: true } : undefined);
}

/** Whether a unique index (or primary key) refused the write — by the engine's code, never its message. */
export function isUniqueViolation(e: unknown): boolean {
  // drizzle wraps driver errors (DrizzleQueryError); the driver's error is the cause.
  for (let err = e as { code?: unknown; cause?: unknown } | null, depth = 0; err && depth < 5; depth++) {
    const code = err.code;
    if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505") return true;
    err = err.cause as typeof err;
  }
  return false;
}

/** Picks the statement for the running engine: `sqlFor({ sqlite: sql`…`, pg: sql`…` })`. */
export function sqlFor<T extends SQL | SQL.Aliased | string>(variants: { sqlite: T; pg: T }): T {
  return variants[dialect()];
}

/** Rows of a raw SQL statement (values as the driver gives them: use numbers and text). */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  if (dialect() === "pg") return (await db.execute(query)).rows as T[];
  return (db as unknown as { all: (q: SQL) => T[] }).all(query);
}

/** Runs a raw SQL statement; returns the rows it changed. Writes only inside immediate(): pass its tx. */
export async function execute(db: Tx, query: SQL): Promise<number> {
  if (dialect() === "pg") return affected(await db.execute(query));
  return (db as unknown as { run: (q: SQL) => { changes: number } }).run(query).changes;
}

/**
 * A timestamp column as epoch milliseconds in raw SQL (statistics facts): SQLite stores
 * them so already; PostgreSQL's timestamptz is converted.
 */
export function epochMs(column: SQL.Aliased | SQL | AnyColumn): SQL<number> {
  return dialect() === "pg" ? sql<number>`(extract(epoch from ${column}) * 1000)::bigint` : sql<number>`${column}`;
}

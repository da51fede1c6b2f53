import Database from "better-sqlite3";
import { immediate as immediateOn, openDatabase, type Db, type Tx } from "../db/client";

export { isUniqueViolation, type Db, type Tx } from "../db/client";
export * as schema from "../db/schema";

let instance: Db | undefined;

/**
 * The process-wide connection. better-sqlite3 is synchronous, so one connection serves
 * every request; transactions that guard invariants use `immediate()`.
 */
export function getDb(): Db {
  instance ??= openDatabase();
  return instance;
}

/**
 * One BEGIN IMMEDIATE transaction on the process-wide connection. Every helper called
 * inside takes the handle `fn` receives (audit, notify, seat counts …), so each
 * transaction's reads and writes are visible in the code.
 */
export function immediate<T>(fn: (tx: Tx) => T): T {
  return immediateOn(getDb(), fn);
}

/**
 * A separate read-only connection for long reads that span several event-loop turns
 * (streamed exports): better-sqlite3 keeps a connection busy while an iterator is open,
 * and WAL lets this reader run beside the shared connection's writes. Close it when done.
 */
export function openReadConnection(): Database.Database {
  const conn = new Database(getDb().$client.name, { readonly: true, fileMustExist: true });
  conn.pragma("busy_timeout = 5000");
  return conn;
}

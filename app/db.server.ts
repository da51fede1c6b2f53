import { openDatabase, type Db } from "../db/client";

export { immediate, type Db } from "../db/client";
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

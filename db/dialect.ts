// Which engine this process talks to, decided once from the environment: DATABASE_URL
// starting with postgres:// (or postgresql://) is PostgreSQL; anything else is the SQLite
// file (DATABASE_PATH, default data/portal.db). Kept apart from db/client.ts so that the
// table module (db/tables.ts) can read it without importing a driver.

export type Dialect = "sqlite" | "pg";

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

let fixed: Dialect | undefined;

/** The process's dialect; fixed at first use (tables and connections must agree). */
export function dialect(): Dialect {
  fixed ??= isPostgresUrl(process.env.DATABASE_URL) ? "pg" : "sqlite";
  return fixed;
}

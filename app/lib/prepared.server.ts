import { dialect, type Db } from "~/db.server";

/** A select built with `sql.placeholder(name)` parameters, on either engine. */
type Buildable<R> = PromiseLike<R[]> & { prepare(name: string): unknown };

export type Prepared<R> = {
  all(params: Record<string, unknown>): Promise<R[]>;
  first(params: Record<string, unknown>): Promise<R | undefined>;
};

/**
 * A statement built and prepared once per connection handle and reused by every request
 * after. For the reads every page view makes (the session, the viewer, the unread count):
 * building a drizzle query and compiling its SQL cost more than running it. Parameters are
 * `sql.placeholder(name)`; the handle is the cache key, so a test's fresh database gets its
 * own statements. On SQLite a better-sqlite3 statement (`first` steps one row); on
 * PostgreSQL a named prepared statement (`name`, unique per statement), which node-postgres
 * prepares once on each pooled connection.
 */
export function preparedOnce<R>(name: string, build: (db: Db) => Buildable<R>): (db: Db) => Prepared<R> {
  const cache = new WeakMap<Db, Prepared<R>>();
  return (db) => {
    let statement = cache.get(db);
    if (statement === undefined) {
      statement = wrap(name, build(db));
      cache.set(db, statement);
    }
    return statement;
  };
}

function wrap<R>(name: string, query: Buildable<R>): Prepared<R> {
  if (dialect() === "pg") {
    const p = query.prepare(name) as { execute(params: Record<string, unknown>): Promise<R[]> };
    return { all: (params) => p.execute(params), first: async (params) => (await p.execute(params))[0] };
  }
  const p = (query as unknown as { prepare(): { all(params: Record<string, unknown>): R[]; get(params: Record<string, unknown>): R | undefined } }).prepare();
  return { all: async (params) => p.all(params), first: async (params) => p.get(params) };
}

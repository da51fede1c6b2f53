import type { Db } from "~/db.server";

/**
 * A statement built and prepared once per connection and reused by every request after.
 * For the reads every page view makes (the session, the viewer, the unread count): building
 * a drizzle query and compiling its SQL cost more than running it. Parameters are
 * `sql.placeholder(name)`; the connection is the cache key, so a test's fresh database gets
 * its own statements.
 */
export function preparedOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statement = cache.get(db);
    if (statement === undefined) {
      statement = build(db);
      cache.set(db, statement);
    }
    return statement;
  };
}

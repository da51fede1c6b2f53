import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "./client";

function memory() {
  const sqlite = new Database(":memory:");
  sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
  sqlite.prepare("INSERT INTO t (name) VALUES (?), (?)").run("a", "b");
  return sqlite;
}

describe("the statement cache of a connection", () => {
  it("compiles a SQL text once and hands back the same statement", () => {
    const sqlite = memory();
    cacheStatements(sqlite);
    const first = sqlite.prepare("SELECT name FROM t WHERE id = ?");
    expect(sqlite.prepare("SELECT name FROM t WHERE id = ?")).toBe(first);
    expect(sqlite.prepare("SELECT name FROM t WHERE id = ?").get(2)).toEqual({ name: "b" });
  });

  it("gives a statement left in raw mode back as plain rows", () => {
    const sqlite = memory();
    cacheStatements(sqlite);
    expect(sqlite.prepare("SELECT id, name FROM t ORDER BY id").raw().all()).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(sqlite.prepare("SELECT id, name FROM t ORDER BY id").all()).toEqual([
      { id: 1, name: "a" },
      { id: 2, name: "b" },
    ]);
  });

  it("keeps at most its bound, dropping the least recently used", () => {
    const sqlite = memory();
    const cache = cacheStatements(sqlite, 2);
    const a = sqlite.prepare("SELECT 1");
    sqlite.prepare("SELECT 2");
    sqlite.prepare("SELECT 1"); // used again: now the most recent
    sqlite.prepare("SELECT 3");
    expect([...cache.keys()]).toEqual(["SELECT 1", "SELECT 3"]);
    expect(sqlite.prepare("SELECT 1")).toBe(a);
  });

  it("keeps writes and schema changes working", () => {
    const sqlite = memory();
    cacheStatements(sqlite);
    const insert = "INSERT INTO t (name) VALUES (?)";
    sqlite.prepare(insert).run("c");
    sqlite.prepare(insert).run("d");
    expect(sqlite.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 4 });
    sqlite.exec("ALTER TABLE t ADD COLUMN note TEXT");
    expect(sqlite.prepare("SELECT id, name FROM t WHERE id = ?").get(4)).toEqual({ id: 4, name: "d" });
  });
});

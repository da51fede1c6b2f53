// What the migrations actually created, read back on either engine — for the tests that
// hold a partial unique index to the status set it is generated from (SERVICE_PATTERN:
// "a test compares the index SQL"), so a hand-edited or stale migration cannot drift.
import { sql } from "drizzle-orm";
import { dialect, getDb, rows } from "./client";

export type IndexFacts = {
  /** The engine's own definition (sqlite_master.sql / pg_indexes.indexdef). */
  sql: string;
  unique: boolean;
  columns: string[];
  /** The quoted literals of its WHERE clause in order (the status list), or null when not partial. */
  whereLiterals: string[] | null;
};

export async function indexFacts(name: string): Promise<IndexFacts> {
  const definition =
    dialect() === "pg"
      ? (await rows<{ def: string }>(getDb(), sql`SELECT indexdef AS def FROM pg_indexes WHERE indexname = ${name}`))[0]?.def
      : (await rows<{ def: string }>(getDb(), sql`SELECT sql AS def FROM sqlite_master WHERE type = 'index' AND name = ${name}`))[0]?.def;
  if (!definition) throw new Error(`index ${name} is missing`);
  const on = /\(([^)]*)\)/.exec(definition.replace(/USING \w+ /, ""));
  const columns = (on?.[1] ?? "").split(",").map((c) => c.trim().replace(/[`"]/g, ""));
  const where = /\bWHERE\b([\s\S]*)$/i.exec(definition)?.[1];
  return {
    sql: definition,
    unique: /^CREATE UNIQUE INDEX/i.test(definition),
    columns,
    whereLiterals: where ? [...where.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")) : null,
  };
}

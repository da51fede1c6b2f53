import { describe, expect, it } from "vitest";
import { sql as q } from "drizzle-orm";
import { dialect, getDb, rows } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import { ACTIVE_STATUSES } from "./transitions";

// "One active sign-up per person per course" is held by a partial unique index whose
// status list is generated from ACTIVE_STATUSES. This reads the index the migrations
// actually created, so a hand-edited migration or a stale one cannot drift unnoticed.

async function indexSql(name: string): Promise<string> {
  const [row] =
    dialect() === "pg"
      ? await rows<{ sql: string }>(getDb(), q`SELECT indexdef AS sql FROM pg_indexes WHERE indexname = ${name}`)
      : await rows<{ sql: string }>(getDb(), q`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ${name}`);
  if (!row) throw new Error(`index ${name} is missing`);
  return row.sql;
}

function whereStatuses(sql: string): string[] {
  const m = /WHERE\s+status\s+IN\s*\(([^)]*)\)\s*$/i.exec(sql.trim());
  if (!m) throw new Error(`not a status-list partial index: ${sql}`);
  return m[1]!.split(",").map((s) => s.trim().replace(/^'|'$/g, ""));
}

describe("the partial unique index training_enrollments_active_uq", () => {
  it.runIf(dialect() === "sqlite")("is on (course_id, employee_id) and lists exactly ACTIVE_STATUSES", async () => {
    const sql = await indexSql("training_enrollments_active_uq");
    expect(sql).toMatch(/^CREATE UNIQUE INDEX `training_enrollments_active_uq` ON `training_enrollments` \(`course_id`,`employee_id`\)/);
    expect(whereStatuses(sql)).toEqual([...ACTIVE_STATUSES]);
    expect(sql).toContain(`status IN (${sqlStatusList(ACTIVE_STATUSES)})`);
  });

  // PostgreSQL shows the index as it parsed it: `WHERE (status = ANY (ARRAY['pending'::text, …]))`.
  it.runIf(dialect() === "pg")("on PostgreSQL too: unique on (course_id, employee_id), exactly ACTIVE_STATUSES", async () => {
    const sql = await indexSql("training_enrollments_active_uq");
    expect(sql).toMatch(/^CREATE UNIQUE INDEX training_enrollments_active_uq ON (public\.)?training_enrollments USING btree \(course_id, employee_id\) WHERE/);
    const list = /ARRAY\[([^\]]*)\]/.exec(sql)?.[1] ?? "";
    expect(list.split(",").map((s) => s.trim().replace(/::text$/, "").replace(/^'|'$/g, ""))).toEqual([...ACTIVE_STATUSES]);
  });
});

import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import { ACTIVE_STATUSES } from "./transitions";

// "One active sign-up per person per course" is held by a partial unique index whose
// status list is generated from ACTIVE_STATUSES. This reads the index the migrations
// actually created, so a hand-edited migration or a stale one cannot drift unnoticed.

function indexSql(name: string): string {
  const row = getDb().$client.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) as { sql: string } | undefined;
  if (!row) throw new Error(`index ${name} is missing`);
  return row.sql;
}

function whereStatuses(sql: string): string[] {
  const m = /WHERE\s+status\s+IN\s*\(([^)]*)\)\s*$/i.exec(sql.trim());
  if (!m) throw new Error(`not a status-list partial index: ${sql}`);
  return m[1]!.split(",").map((s) => s.trim().replace(/^'|'$/g, ""));
}

describe("the partial unique index training_enrollments_active_uq", () => {
  it("is on (course_id, employee_id) and lists exactly ACTIVE_STATUSES", () => {
    const sql = indexSql("training_enrollments_active_uq");
    expect(sql).toMatch(/^CREATE UNIQUE INDEX `training_enrollments_active_uq` ON `training_enrollments` \(`course_id`,`employee_id`\)/);
    expect(whereStatuses(sql)).toEqual([...ACTIVE_STATUSES]);
    expect(sql).toContain(`status IN (${sqlStatusList(ACTIVE_STATUSES)})`);
  });
});

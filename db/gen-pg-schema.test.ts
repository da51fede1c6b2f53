import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { generatePgSchema, PG_SCHEMA_FILE } from "./gen-pg-schema";

describe("generated PostgreSQL schema", () => {
  it("is what db/schema/*.ts generates (run `npm run db:generate:pg` after a schema change)", () => {
    expect(fs.readFileSync(PG_SCHEMA_FILE, "utf8")).toBe(generatePgSchema());
  });

  it("maps a timestamp to timestamptz(3), autoincrement to identity and keeps a partial unique index", () => {
    const text = generatePgSchema();
    expect(text).toContain(`at: timestamp("at", { precision: 3, withTimezone: true, mode: "date" }).notNull().defaultNow()`);
    expect(text).toContain(`id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity()`);
    expect(text).toMatch(/uniqueIndex\("training_enrollments_active_uq"\)\.on\(t\.courseId, t\.employeeId\)\.where\(sql`status IN \('applied_pending'/);
  });
});

// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { fileTypeFromBuffer } from "file-type";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { generateCity } from "./org";
import { SEED_PNG, seedPdf, seedSubsidy } from "./subsidy";
import { writeCity } from "./write-org";

const count = (table: string) => (getDb().$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("seedSubsidy", () => {
  it("seeds the list, the settings and applications in every state, and a second run adds nothing", () => {
    const db = getDb();
    writeCity(db, generateCity(200), "x");
    const first = seedSubsidy(db);
    expect(first.certifications).toBeGreaterThanOrEqual(11);
    expect(first.applications).toBe(9);
    const statuses = db.$client.prepare(`SELECT DISTINCT status FROM subsidy_applications`).all() as { status: string }[];
    expect(statuses.map((s) => s.status).sort()).toEqual(["approved", "draft", "paid", "rejected", "returned", "submitted", "supervisor_confirmed", "withdrawn"]);
    const pending = db.$client
      .prepare(
        `SELECT a.status, boss.staff_number AS boss FROM subsidy_applications a JOIN employees e ON e.id = a.applicant_id
           JOIN employees boss ON boss.id = e.supervisor_id WHERE e.staff_number = '100001' AND a.status = 'submitted'`,
      )
      .all();
    expect(pending).toEqual([{ status: "submitted", boss: "100002" }]);
    const before = ["subsidy_certifications", "subsidy_schemes", "subsidy_applications", "subsidy_history", "subsidy_files"].map(count);
    expect(seedSubsidy(db).applications).toBe(0);
    expect(["subsidy_certifications", "subsidy_schemes", "subsidy_applications", "subsidy_history", "subsidy_files"].map(count)).toEqual(before);
  });

  it("writes real PNG and PDF bytes", async () => {
    expect((await fileTypeFromBuffer(SEED_PNG))?.mime).toBe("image/png");
    expect((await fileTypeFromBuffer(seedPdf("x")))?.mime).toBe("application/pdf");
  });
});

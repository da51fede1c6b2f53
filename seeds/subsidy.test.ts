// Runs against this file's own freshly migrated database (db/test-setup.ts), on either engine.
import { fileTypeFromBuffer } from "file-type";
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, immediate, rows, schema } from "~/db.server";
import { generateCity } from "./org";
import { SEED_PNG, seedPdf, seedSubsidy } from "./subsidy";

const TABLES = [schema.subsidyCertifications, schema.subsidySchemes, schema.subsidyApplications, schema.subsidyHistory, schema.subsidyFiles];
const counts = () => Promise.all(TABLES.map(async (t) => (await getDb().select({ n: count() }).from(t))[0]!.n));

/** The generated city's org units and people (what seeds/write-org.ts writes, through immediate()). */
beforeAll(async () => {
  const city = generateCity(200);
  await immediate(async (tx) => {
    const ids = new Map<string, number>();
    for (const u of city.orgUnits) {
      const [row] = await tx
        .insert(schema.orgUnits)
        .values({
          code: u.code,
          name: u.name,
          kind: u.kind,
          parentId: u.parentCode ? ids.get(u.parentCode)! : null,
          sortOrder: u.sortOrder ?? null,
        })
        .returning({ id: schema.orgUnits.id });
      ids.set(u.code, row!.id);
    }
    const people = new Map<string, string>(city.employees.map((e) => [e.staffNumber, crypto.randomUUID()]));
    for (const e of city.employees) {
      await tx.insert(schema.employees).values({
        id: people.get(e.staffNumber)!,
        staffNumber: e.staffNumber,
        name: e.name,
        kana: e.kana,
        email: e.email || null,
        orgUnitId: ids.get(e.orgCode) ?? null,
        rank: e.rank,
        jobCategory: e.jobCategory,
        employmentType: e.employmentType,
        hiredOn: e.hiredOn,
        rankSince: e.rankSince,
        birthYear: e.birthYear,
        gender: e.gender,
        source: "personnel",
      });
    }
    for (const e of city.employees) {
      if (!e.supervisorStaffNumber) continue;
      await tx
        .update(schema.employees)
        .set({ supervisorId: people.get(e.supervisorStaffNumber)! })
        .where(eq(schema.employees.staffNumber, e.staffNumber));
    }
  });
});

describe("seedSubsidy", () => {
  it("seeds the list, the settings and applications in every state, and a second run adds nothing", async () => {
    const first = await seedSubsidy();
    expect(first.certifications).toBeGreaterThanOrEqual(11);
    expect(first.applications).toBe(9);
    const statuses = await getDb().selectDistinct({ status: schema.subsidyApplications.status }).from(schema.subsidyApplications);
    expect(statuses.map((s) => s.status).sort()).toEqual([
      "approved",
      "draft",
      "paid",
      "rejected",
      "returned",
      "submitted",
      "supervisor_confirmed",
      "withdrawn",
    ]);
    const pending = await rows<{ status: string; boss: string }>(
      getDb(),
      sql`SELECT a.status, boss.staff_number AS boss FROM subsidy_applications a JOIN employees e ON e.id = a.applicant_id
           JOIN employees boss ON boss.id = e.supervisor_id WHERE e.staff_number = '100001' AND a.status = 'submitted'`
    );
    expect(pending).toEqual([{ status: "submitted", boss: "100002" }]);
    const before = await counts();
    expect((await seedSubsidy()).applications).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it("writes real PNG and PDF bytes", async () => {
    expect((await fileTypeFromBuffer(SEED_PNG))?.mime).toBe("image/png");
    expect((await fileTypeFromBuffer(seedPdf("x")))?.mime).toBe("application/pdf");
  });
});

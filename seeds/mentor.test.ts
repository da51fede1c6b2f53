// Runs against this file's own freshly migrated database (db/test-setup.ts), on either engine.
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { getCycleForHr } from "~/services/mentor/queries.server";
import type { Viewer } from "~/auth/viewer";
import { seedMentor } from "./mentor";
import { generateCity } from "./org";

/** The generated city's org units and people (what seeds/write-org.ts writes, through immediate()). */
beforeAll(async () => {
  const city = generateCity(400);
  await immediate(async (tx) => {
    const ids = new Map<string, number>();
    for (const u of city.orgUnits) {
      const [row] = await tx
        .insert(schema.orgUnits)
        .values({ code: u.code, name: u.name, kind: u.kind, parentId: u.parentCode ? ids.get(u.parentCode)! : null, sortOrder: u.sortOrder ?? null })
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

describe("seedMentor", () => {
  it("a published cycle: 100001 paired outside her 局 with a meeting, a preference in the supervisor line explained, some unmatched; a second run adds nothing", async () => {
    const db = getDb();
    const { employees, mentorPairs, mentorMeetings, mentorCycles } = schema;
    const first1 = await seedMentor();
    expect(first1.mentors).toBeGreaterThanOrEqual(6);
    expect(first1.mentees).toBeGreaterThan(first1.pairs);
    const hanako = (await first(db.select({ id: employees.id }).from(employees).where(eq(employees.staffNumber, "100001"))))!.id;
    const pair = (await first(db.select({ id: mentorPairs.id, status: mentorPairs.status }).from(mentorPairs).where(eq(mentorPairs.menteeId, hanako))))!;
    expect(pair.status).toBe("active");
    const [meetings] = await db.select({ n: count() }).from(mentorMeetings).where(eq(mentorMeetings.pairId, pair.id));
    expect(meetings!.n).toBe(1);
    const hr = (await first(db.select({ id: employees.id }).from(employees).where(eq(employees.staffNumber, "100004"))))!;
    const viewer: Viewer = { id: hr.id, staffNumber: "100004", name: "高津 健", kana: "", rank: "主任", orgUnitId: null, orgPath: null, roles: ["employee", "hr_personnel"] };
    const cycleId = (await first(db.select({ id: mentorCycles.id }).from(mentorCycles).where(and(eq(mentorCycles.fiscalYear, 2026)))))!.id;
    const view = (await getCycleForHr({ cycleId, viewer }))!;
    expect(view.cycle.status).toBe("published");
    const notes = [...view.pairs, ...view.unmatched].flatMap((x) => x.preferenceNotes);
    expect(notes.some((n) => n.includes("上司・部下の系列")), notes.join("\n")).toBe(true);
    expect(view.unmatched.length).toBeGreaterThan(0);
    expect(view.unmatched.every((u) => u.reason.length > 0)).toBe(true);
    expect(view.pairs.some((p) => p.needsRematch)).toBe(true);
    expect(await seedMentor()).toEqual({ mentors: 0, mentees: 0, pairs: 0 });
  }, 60_000);
});

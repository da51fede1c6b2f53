import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { makeEmployee } from "~/services/training/test-helpers";
import { ELECTIVE_RULES_R8, TRAINING_CATALOGUE_R8, seedTraining } from "./training";

// The training demo data on whichever engine the tests run on: the catalogue, its 回, the
// elective rules and sign-ups within capacity; a second run adds nothing.
describe("seedTraining", () => {
  it("writes the 令和8年度 catalogue and sign-ups within capacity, and a re-run changes nothing", async () => {
    for (let i = 0; i < 30; i++) await makeEmployee({ rank: i % 3 === 0 ? "主任" : "一般職員", hiredOn: "2024-04-01", rankSince: "2026-04-01" });
    const now = jstDate(2026, 11, 25, 12, 0);
    const first = await seedTraining(now);
    expect(first.courses).toBe(TRAINING_CATALOGUE_R8.length);
    expect(first.sessions).toBe(TRAINING_CATALOGUE_R8.reduce((n, c) => n + c.sessions.length, 0));
    expect(first.enrollments).toBeGreaterThan(0);
    const db = getDb();
    const rules = await db.select().from(schema.trainingElectiveRules).where(eq(schema.trainingElectiveRules.fiscalYear, 2026));
    expect(rules).toHaveLength(Object.keys(ELECTIVE_RULES_R8).length);
    const sessions = await db.select().from(schema.trainingCourseSessions);
    const seated = await db
      .select({ sessionId: schema.trainingEnrollments.courseSessionId, status: schema.trainingEnrollments.status, n: count() })
      .from(schema.trainingEnrollments)
      .groupBy(schema.trainingEnrollments.courseSessionId, schema.trainingEnrollments.status);
    for (const s of sessions) {
      const taken = seated.filter((r) => r.sessionId === s.id && ["pending", "confirmed", "attended", "absent", "completed"].includes(r.status)).reduce((n, r) => n + r.n, 0);
      expect(taken).toBeLessThanOrEqual(s.capacity);
    }
    const history = await db.select({ n: count() }).from(schema.trainingEnrollmentHistory);
    expect(history[0]!.n).toBeGreaterThanOrEqual(first.enrollments);

    expect(await seedTraining(now)).toEqual({ courses: 0, sessions: 0, enrollments: 0 });
    // Hundreds of statements, each awaited: seconds on a busy two-core machine.
  }, 60_000);
});

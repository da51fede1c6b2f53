import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "~/lib/fiscal-year";
import { markAttendance, removeByHrDev, signUp } from "./enrollment-mutations.server";
import { getRoster, rosterCsv } from "./roster.server";
import { NOW, auditOf, enrollmentsOf, makeCourse, makeEmployee, makeSession, seedTiers } from "./test-helpers";

// Issue 10 item 6: the roster, its CSV, attendance marking and removal carry their own
// access rule (人材育成課 only) instead of trusting the route's requireRole.

beforeAll(seedTiers);

const startsAt = jstDate(2026, 12, 10, 9, 30);
const afterStart = new Date(startsAt.getTime() + 8 * 3600_000);

async function arrange() {
  const course = await makeCourse();
  const session = await makeSession(course.id, { capacity: 3, startsAt });
  const boss = await makeEmployee({ rank: "係長" });
  const person = await makeEmployee({ supervisorId: boss.id });
  const r = await signUp({ actor: person, courseSessionId: session.id, now: NOW });
  if (!r.ok) throw new Error("sign-up failed");
  return { session, boss, person, enrollmentId: r.enrollmentId };
}

describe("the roster and its changes are for 人材育成課 only", () => {
  it("another employee, the enrollee's own supervisor and the enrollee get no CSV (and no export line)", async () => {
    const { session, boss, person } = await arrange();
    for (const outsider of [await makeEmployee(), boss, person, await makeEmployee({ roles: ["hr_personnel", "welfare", "admin"] })]) {
      expect(await rosterCsv(outsider, session.id)).toBeNull();
    }
    expect((await auditOf(`training_course_session:${session.id}`)).filter((a) => a.action === "training.roster.export")).toHaveLength(0);
    expect((await rosterCsv(await makeEmployee({ roles: ["hr_dev"] }), session.id))?.body).toContain(person.viewer.name);
  });

  it("another employee, the enrollee's own supervisor and the enrollee see no roster", async () => {
    const { session, boss, person } = await arrange();
    for (const outsider of [await makeEmployee(), boss, person, await makeEmployee({ roles: ["hr_personnel", "welfare", "admin"] })]) {
      expect(await getRoster({ viewer: outsider.viewer, courseSessionId: session.id, now: NOW })).toBeNull();
    }
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    expect((await getRoster({ viewer: hr.viewer, courseSessionId: session.id, now: NOW }))?.people).toHaveLength(1);
  });

  it("nobody but 人材育成課 marks attendance", async () => {
    const { session, boss, person, enrollmentId } = await arrange();
    for (const outsider of [await makeEmployee(), boss, person]) {
      const r = await markAttendance({ actor: outsider, courseSessionId: session.id, enrollmentIds: [enrollmentId], mark: "completed", now: afterStart });
      expect(r).toMatchObject({ ok: false, refusal: { reason: "forbidden" } });
    }
    expect((await enrollmentsOf(session.id))[0]?.status).toBe("confirmed");
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    expect(await markAttendance({ actor: hr, courseSessionId: session.id, enrollmentIds: [enrollmentId], mark: "completed", now: afterStart })).toEqual({
      ok: true,
      changed: 1,
    });
  });

  it("nobody but 人材育成課 removes someone from a session", async () => {
    const { session, boss, person, enrollmentId } = await arrange();
    for (const outsider of [await makeEmployee(), boss, person]) {
      const r = await removeByHrDev({ actor: outsider, enrollmentId, courseSessionId: session.id, comment: "理由", now: NOW });
      expect(r).toMatchObject({ ok: false, refusal: { reason: "forbidden" } });
    }
    expect((await enrollmentsOf(session.id))[0]?.status).toBe("confirmed");
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    expect(await removeByHrDev({ actor: hr, enrollmentId, courseSessionId: session.id, comment: "理由", now: NOW })).toMatchObject({ ok: true });
    expect((await enrollmentsOf(session.id))[0]?.status).toBe("cancelled");
  });
});

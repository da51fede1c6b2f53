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

function arrange() {
  const course = makeCourse();
  const session = makeSession(course.id, { capacity: 3, startsAt });
  const boss = makeEmployee({ rank: "係長" });
  const person = makeEmployee({ supervisorId: boss.id });
  const r = signUp({ actor: person, courseSessionId: session.id, now: NOW });
  if (!r.ok) throw new Error("sign-up failed");
  return { session, boss, person, enrollmentId: r.enrollmentId };
}

describe("the roster and its changes are for 人材育成課 only", () => {
  it("another employee, the enrollee's own supervisor and the enrollee get no CSV (and no export line)", () => {
    const { session, boss, person } = arrange();
    for (const outsider of [makeEmployee(), boss, person, makeEmployee({ roles: ["hr_personnel", "welfare", "admin"] })]) {
      expect(rosterCsv(outsider, session.id)).toBeNull();
    }
    expect(auditOf(`training_course_session:${session.id}`).filter((a) => a.action === "training.roster.export")).toHaveLength(0);
    expect(rosterCsv(makeEmployee({ roles: ["hr_dev"] }), session.id)?.body).toContain(person.viewer.name);
  });

  it("another employee, the enrollee's own supervisor and the enrollee see no roster", () => {
    const { session, boss, person } = arrange();
    for (const outsider of [makeEmployee(), boss, person, makeEmployee({ roles: ["hr_personnel", "welfare", "admin"] })]) {
      expect(getRoster({ viewer: outsider.viewer, courseSessionId: session.id, now: NOW })).toBeNull();
    }
    const hr = makeEmployee({ roles: ["hr_dev"] });
    expect(getRoster({ viewer: hr.viewer, courseSessionId: session.id, now: NOW })?.people).toHaveLength(1);
  });

  it("nobody but 人材育成課 marks attendance", () => {
    const { session, boss, person, enrollmentId } = arrange();
    for (const outsider of [makeEmployee(), boss, person]) {
      const r = markAttendance({ actor: outsider, courseSessionId: session.id, enrollmentIds: [enrollmentId], mark: "completed", now: afterStart });
      expect(r).toMatchObject({ ok: false, refusal: { reason: "forbidden" } });
    }
    expect(enrollmentsOf(session.id)[0]?.status).toBe("confirmed");
    const hr = makeEmployee({ roles: ["hr_dev"] });
    expect(markAttendance({ actor: hr, courseSessionId: session.id, enrollmentIds: [enrollmentId], mark: "completed", now: afterStart })).toEqual({
      ok: true,
      changed: 1,
    });
  });

  it("nobody but 人材育成課 removes someone from a session", () => {
    const { session, boss, person, enrollmentId } = arrange();
    for (const outsider of [makeEmployee(), boss, person]) {
      const r = removeByHrDev({ actor: outsider, enrollmentId, courseSessionId: session.id, comment: "理由", now: NOW });
      expect(r).toMatchObject({ ok: false, refusal: { reason: "forbidden" } });
    }
    expect(enrollmentsOf(session.id)[0]?.status).toBe("confirmed");
    const hr = makeEmployee({ roles: ["hr_dev"] });
    expect(removeByHrDev({ actor: hr, enrollmentId, courseSessionId: session.id, comment: "理由", now: NOW })).toMatchObject({ ok: true });
    expect(enrollmentsOf(session.id)[0]?.status).toBe("cancelled");
  });
});

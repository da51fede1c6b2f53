import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "~/lib/fiscal-year";
import { markAttendance, signUp } from "./enrollment-mutations.server";
import { getTrainingHistory, historyCsvRows, mayReadTrainingHistory, searchPeopleForHistory } from "./history.server";
import { NOW, makeCourse, makeEmployee, makeSession, seedTiers } from "./test-helpers";

beforeAll(seedTiers);

/** A person with a completed course last 年度 and a confirmed sign-up this 年度. */
let n = 0;
function personWithTwoYears() {
  n++;
  const boss = makeEmployee({ rank: "係長" });
  const me = makeEmployee({ supervisorId: boss.id, name: "受講 歴子" });
  const hr = makeEmployee({ roles: ["hr_dev"] });
  const past = makeCourse({ fiscalYear: 2025, title: `文書事務の基礎${n}` });
  const pastSession = makeSession(past.id, {
    seq: 1,
    startsAt: jstDate(2025, 10, 8, 9, 30),
    signupOpensAt: jstDate(2025, 9, 1, 9, 0),
    signupClosesAt: jstDate(2025, 9, 30, 17, 0),
    cancelDeadline: jstDate(2025, 10, 1, 17, 0),
  });
  const e = signUp({ actor: me, courseSessionId: pastSession.id, now: jstDate(2025, 9, 2, 10, 0) });
  if (!e.ok) throw new Error("sign-up refused");
  markAttendance({ actor: hr, courseSessionId: pastSession.id, enrollmentIds: [e.enrollmentId], mark: "completed", now: jstDate(2025, 10, 9, 10, 0) });
  const current = makeCourse({ fiscalYear: 2026, title: `生成AI活用${n}` });
  signUp({ actor: me, courseSessionId: makeSession(current.id, { seq: 2 }).id, now: NOW });
  return { boss, me, hr };
}

describe("受講歴", () => {
  it("lists every 年度's trainings of the person, newest first, with the status as people say it", () => {
    const { me } = personWithTwoYears();
    const h = getTrainingHistory({ viewer: me.viewer, employeeId: me.id, fiscalYear: null })!;
    expect(h.years).toEqual([2026, 2025]);
    expect(h.rows.map((r) => [r.fiscalYear, r.courseTitle, r.status])).toEqual([
      [2026, `生成AI活用${n}`, "confirmed"],
      [2025, `文書事務の基礎${n}`, "completed"],
    ]);
    expect(historyCsvRows(h.rows)[1]).toEqual(["令和7年度（FY2025）", `文書事務の基礎${n}`, "第1回", expect.stringContaining("10月8日"), "修了"]);
  });

  it("filters to one 年度", () => {
    const { me } = personWithTwoYears();
    const h = getTrainingHistory({ viewer: me.viewer, employeeId: me.id, fiscalYear: 2025 })!;
    expect(h.rows.map((r) => r.courseTitle)).toEqual([`文書事務の基礎${n}`]);
    expect(h.years).toEqual([2026, 2025]);
  });

  it("is readable by the person, their current supervisor and 人材育成課 — nobody else", () => {
    const { me, boss, hr } = personWithTwoYears();
    const otherBoss = makeEmployee({ rank: "課長" });
    const colleague = makeEmployee({ supervisorId: boss.id });
    const admin = makeEmployee({ roles: ["admin"] });
    const personnel = makeEmployee({ roles: ["hr_personnel"] });
    for (const v of [me, boss, hr]) expect(getTrainingHistory({ viewer: v.viewer, employeeId: me.id, fiscalYear: null })).not.toBeNull();
    for (const v of [otherBoss, colleague, admin, personnel]) expect(getTrainingHistory({ viewer: v.viewer, employeeId: me.id, fiscalYear: null })).toBeNull();
    expect(getTrainingHistory({ viewer: hr.viewer, employeeId: "no-such-person", fiscalYear: null })).toBeNull();
    // The supervisor line is read now: a former supervisor no longer sees it.
    expect(mayReadTrainingHistory(boss.viewer, { id: me.id, supervisorId: otherBoss.id })).toBe(false);
  });

  it("lets only 人材育成課 search the staff for a 受講歴, with LIKE wildcards taken literally", () => {
    const { me, boss, hr } = personWithTwoYears();
    expect(searchPeopleForHistory({ viewer: boss.viewer, q: "受講" })).toBeNull();
    expect(searchPeopleForHistory({ viewer: hr.viewer, q: "受講 歴子" })!.map((p) => p.id)).toContain(me.id);
    expect(searchPeopleForHistory({ viewer: hr.viewer, q: "%" })).toEqual([]);
    expect(searchPeopleForHistory({ viewer: hr.viewer, q: "  " })).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "~/lib/fiscal-year";
import { markAttendance, signUp } from "./enrollment-mutations.server";
import { getTrainingHistory, historyCsvRows, mayReadTrainingHistory, searchPeopleForHistory } from "./history.server";
import { NOW, makeCourse, makeEmployee, makeSession, seedTiers } from "./test-helpers";

beforeAll(seedTiers);

/** A person with a completed course last 年度 and a confirmed sign-up this 年度. */
let n = 0;
async function personWithTwoYears() {
  n++;
  const boss = await makeEmployee({ rank: "係長" });
  const me = await makeEmployee({ supervisorId: boss.id, name: "受講 歴子" });
  const hr = await makeEmployee({ roles: ["hr_dev"] });
  const past = await makeCourse({ fiscalYear: 2025, title: `文書事務の基礎${n}` });
  const pastSession = await makeSession(past.id, {
    seq: 1,
    startsAt: jstDate(2025, 10, 8, 9, 30),
    signupOpensAt: jstDate(2025, 9, 1, 9, 0),
    signupClosesAt: jstDate(2025, 9, 30, 17, 0),
    cancelDeadline: jstDate(2025, 10, 1, 17, 0),
  });
  const e = await signUp({ actor: me, courseSessionId: pastSession.id, now: jstDate(2025, 9, 2, 10, 0) });
  if (!e.ok) throw new Error("sign-up refused");
  await markAttendance({ actor: hr, courseSessionId: pastSession.id, enrollmentIds: [e.enrollmentId], mark: "completed", now: jstDate(2025, 10, 9, 10, 0) });
  const current = await makeCourse({ fiscalYear: 2026, title: `生成AI活用${n}` });
  await signUp({ actor: me, courseSessionId: (await makeSession(current.id, { seq: 2 })).id, now: NOW });
  return { boss, me, hr };
}

describe("受講歴", () => {
  it("lists every 年度's trainings of the person, newest first, with the status as people say it", async () => {
    const { me } = await personWithTwoYears();
    const h = (await getTrainingHistory({ viewer: me.viewer, employeeId: me.id, fiscalYear: null }))!;
    expect(h.years).toEqual([2026, 2025]);
    expect(h.rows.map((r) => [r.fiscalYear, r.courseTitle, r.status])).toEqual([
      [2026, `生成AI活用${n}`, "confirmed"],
      [2025, `文書事務の基礎${n}`, "completed"],
    ]);
    expect(historyCsvRows(h.rows)[1]).toEqual(["令和7年度（FY2025）", `文書事務の基礎${n}`, "第1回", expect.stringContaining("10月8日"), "修了"]);
  });

  it("filters to one 年度", async () => {
    const { me } = await personWithTwoYears();
    const h = (await getTrainingHistory({ viewer: me.viewer, employeeId: me.id, fiscalYear: 2025 }))!;
    expect(h.rows.map((r) => r.courseTitle)).toEqual([`文書事務の基礎${n}`]);
    expect(h.years).toEqual([2026, 2025]);
  });

  it("is readable by the person, their current supervisor and 人材育成課 — nobody else", async () => {
    const { me, boss, hr } = await personWithTwoYears();
    const otherBoss = await makeEmployee({ rank: "課長" });
    const colleague = await makeEmployee({ supervisorId: boss.id });
    const admin = await makeEmployee({ roles: ["admin"] });
    const personnel = await makeEmployee({ roles: ["hr_personnel"] });
    for (const v of [me, boss, hr]) expect(await getTrainingHistory({ viewer: v.viewer, employeeId: me.id, fiscalYear: null })).not.toBeNull();
    for (const v of [otherBoss, colleague, admin, personnel]) expect(await getTrainingHistory({ viewer: v.viewer, employeeId: me.id, fiscalYear: null })).toBeNull();
    expect(await getTrainingHistory({ viewer: hr.viewer, employeeId: "no-such-person", fiscalYear: null })).toBeNull();
    // The supervisor line is read now: a former supervisor no longer sees it.
    expect(mayReadTrainingHistory(boss.viewer, { id: me.id, supervisorId: otherBoss.id })).toBe(false);
  });

  it("lets only 人材育成課 search the staff for a 受講歴, with LIKE wildcards taken literally", async () => {
    const { me, boss, hr } = await personWithTwoYears();
    expect(await searchPeopleForHistory({ viewer: boss.viewer, q: "受講" })).toBeNull();
    expect((await searchPeopleForHistory({ viewer: hr.viewer, q: "受講 歴子" }))!.map((p) => p.id)).toContain(me.id);
    expect(await searchPeopleForHistory({ viewer: hr.viewer, q: "%" })).toEqual([]);
    expect(await searchPeopleForHistory({ viewer: hr.viewer, q: "  " })).toEqual([]);
  });
});

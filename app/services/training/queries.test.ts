import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "~/lib/fiscal-year";
import { saveElectiveRules } from "./catalogue.server";
import { getApprovalItem, listPendingApprovals } from "./approval-queries.server";
import { getCourseForEmployee, getMyTraining, listMyCalendarSessions } from "./employee-queries.server";
import { cancelOwn, markAttendance, signUp } from "./enrollment-mutations.server";
import { trainingStats } from "./stats.server";
import { NOW, makeCourse, makeEmployee, makeSession, seedTiers } from "./test-helpers";

beforeAll(seedTiers);

describe("the employee's training page", () => {
  it("shows my tier's courses with my status, elective progress, and opt-in courses open to me", async () => {
    const boss = await makeEmployee({ rank: "係長" });
    const me = await makeEmployee({ rank: "係長", hiredOn: "2008-04-01", rankSince: "2026-04-01", supervisorId: boss.id });
    const required = await makeCourse({ kind: "required", tiers: ["new_kakaricho"], title: "新任係長研修" });
    const e1 = await makeCourse({ kind: "elective", tiers: ["new_kakaricho"], needsApproval: true, title: "ファシリテーション" });
    const e2 = await makeCourse({ kind: "elective", tiers: ["new_kakaricho", "new_shunin"], title: "生成AI活用" });
    await makeCourse({ kind: "elective", tiers: ["new_kakaricho"], title: "政策法務" });
    const shuninOnly = await makeCourse({ kind: "required", tiers: ["new_shunin"], title: "新任主任研修" });
    const open = await makeCourse({ kind: "optIn", title: "やさしい日本語" });
    const managersOnly = await makeCourse({ kind: "optIn", tiers: ["new_kacho"], title: "イクボス" });
    const s1 = await makeSession(e1.id, { capacity: 1 });
    const s2 = await makeSession(e2.id, { capacity: 1 });
    await makeSession(required.id);
    await saveElectiveRules(await makeEmployee({ roles: ["hr_dev"] }), 2026, [{ tierCode: "new_kakaricho", minElectives: 2 }], NOW);
    await signUp({ actor: await makeEmployee({ rank: "係長", rankSince: "2026-04-01" }), courseSessionId: s2.id, now: NOW });
    expect(await signUp({ actor: me, courseSessionId: s1.id, now: NOW })).toMatchObject({ status: "pending" });
    expect(await signUp({ actor: me, courseSessionId: s2.id, now: NOW })).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });

    const page = (await getMyTraining({ viewer: me.viewer, fiscalYear: 2026, now: NOW }))!;
    expect(page.tiers).toEqual(["新任係長"]);
    const titles = page.tierCourses.map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining(["新任係長研修", "ファシリテーション", "生成AI活用", "政策法務"]));
    expect(titles).not.toContain(shuninOnly.title);
    expect(page.optInCourses.map((c) => c.title)).toContain(open.title);
    expect(page.optInCourses.map((c) => c.title)).not.toContain(managersOnly.title);
    expect(page.tierCourses.find((c) => c.title === "ファシリテーション")).toMatchObject({ myStatus: "pending" });
    expect(page.tierCourses.find((c) => c.title === "生成AI活用")).toMatchObject({ myStatus: "waitlisted", myWaitlistPosition: 1 });
    expect(page.progress).toHaveLength(1);
    expect(page.progress[0]).toMatchObject({ rule: "選択科目から2科目以上", completed: 0, inProgress: 1, waitlisted: 1, remainingToSignUp: 1, met: false });
    expect(page.enrollments).toHaveLength(2);
  });

  it("course detail: sign-up buttons only where allowed, with reasons; my history", async () => {
    const me = await makeEmployee({ rank: "主任", rankSince: "2026-04-01" });
    const c = await makeCourse({ kind: "elective", tiers: ["new_kakaricho"] });
    await makeSession(c.id);
    const view = (await getCourseForEmployee({ viewer: me.viewer, courseId: c.id, now: NOW }))!;
    expect(view.eligible).toBe(false);
    expect(view.sessions[0]).toMatchObject({ canSignUp: false, refusal: "この研修の対象（新任係長）ではないため申し込めません。" });

    const open = await makeCourse();
    const a = await makeSession(open.id);
    const b = await makeSession(open.id);
    const r = await signUp({ actor: me, courseSessionId: a.id, now: NOW });
    if (!r.ok) throw new Error();
    let v = (await getCourseForEmployee({ viewer: me.viewer, courseId: open.id, now: NOW }))!;
    expect(v.sessions.map((s) => s.canSignUp)).toEqual([false, false]);
    expect(v.enrollments[0]).toMatchObject({ status: "confirmed", canCancel: true });
    await cancelOwn({ actor: me, enrollmentId: r.enrollmentId, now: NOW });
    v = (await getCourseForEmployee({ viewer: me.viewer, courseId: open.id, now: NOW }))!;
    expect(v.sessions.find((s) => s.id === b.id)?.canSignUp).toBe(true);
    expect(v.enrollments[0]?.history.map((h) => h.toStatus)).toEqual(["confirmed", "cancelled"]);
    expect(await getCourseForEmployee({ viewer: me.viewer, courseId: 987654, now: NOW })).toBeNull();
  });

  it("the calendar lists only my confirmed sessions", async () => {
    const me = await makeEmployee();
    const c = await makeCourse();
    const s = await makeSession(c.id, { capacity: 1 });
    const c2 = await makeCourse();
    const s2 = await makeSession(c2.id, { capacity: 0 });
    await signUp({ actor: me, courseSessionId: s.id, now: NOW });
    await signUp({ actor: me, courseSessionId: s2.id, now: NOW });
    expect((await listMyCalendarSessions(me.viewer)).map((x) => x.courseId)).toEqual([c.id]);
  });
});

describe("approvals list", () => {
  it("shows only pending sign-ups of my own direct subordinates", async () => {
    const boss = await makeEmployee({ rank: "係長" });
    const other = await makeEmployee({ rank: "係長" });
    const mine = await makeEmployee({ supervisorId: boss.id, name: "部下 一" });
    const theirs = await makeEmployee({ supervisorId: other.id, name: "他課 二" });
    const c = await makeCourse({ needsApproval: true });
    const s = await makeSession(c.id, { capacity: 5 });
    const r1 = await signUp({ actor: mine, courseSessionId: s.id, now: NOW });
    const r2 = await signUp({ actor: theirs, courseSessionId: s.id, now: NOW });
    if (!r1.ok || !r2.ok) throw new Error();
    expect((await listPendingApprovals(boss.viewer)).map((x) => x.employeeName)).toEqual(["部下 一"]);
    expect((await getApprovalItem({ viewer: boss.viewer, enrollmentId: r1.enrollmentId }))?.employeeName).toBe("部下 一");
    expect(await getApprovalItem({ viewer: boss.viewer, enrollmentId: r2.enrollmentId })).toBeNull();
  });
});

describe("statistics per 年度", () => {
  it("counts sessions held, sign-ups and completions", async () => {
    const fy = 2026;
    const before = await trainingStats(fy, jstDate(2027, 1, 1));
    const c = await makeCourse({ kind: "required", tiers: ["new_shunin"] });
    const s = await makeSession(c.id, { capacity: 2 });
    const a = await makeEmployee({ rank: "主任", rankSince: "2026-04-01" });
    const b = await makeEmployee({ rank: "主任", rankSince: "2026-04-01" });
    const x = await makeEmployee({ rank: "主任", rankSince: "2026-04-01" });
    const ra = await signUp({ actor: a, courseSessionId: s.id, now: NOW });
    const rb = await signUp({ actor: b, courseSessionId: s.id, now: NOW });
    const rx = await signUp({ actor: x, courseSessionId: s.id, now: NOW });
    if (!ra.ok || !rb.ok || !rx.ok) throw new Error();
    await cancelOwn({ actor: x, enrollmentId: rx.enrollmentId, now: NOW });
    await markAttendance({ actor: await makeEmployee({ roles: ["hr_dev"] }), courseSessionId: s.id, enrollmentIds: [ra.enrollmentId], mark: "completed", now: jstDate(2026, 12, 10, 18) });
    const after = await trainingStats(fy, jstDate(2027, 1, 1));
    expect(after.sessionsPlanned - before.sessionsPlanned).toBe(1);
    expect(after.sessionsHeld - before.sessionsHeld).toBe(1);
    expect(after.signUps - before.signUps).toBe(3);
    expect(after.activeSignUps - before.activeSignUps).toBe(2);
    expect(after.completions - before.completions).toBe(1);
    expect(after.fiscalYearLabel).toBe("令和8年度（FY2026）");
    // Another 年度 sees none of it.
    expect((await trainingStats(2025, jstDate(2027, 1, 1))).signUps).toBe(0);
  });
});

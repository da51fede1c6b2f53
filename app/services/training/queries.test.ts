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
  it("shows my tier's courses with my status, elective progress, and opt-in courses open to me", () => {
    const boss = makeEmployee({ rank: "係長" });
    const me = makeEmployee({ rank: "係長", hiredOn: "2008-04-01", rankSince: "2026-04-01", supervisorId: boss.id });
    const required = makeCourse({ kind: "required", tiers: ["new_kakaricho"], title: "新任係長研修" });
    const e1 = makeCourse({ kind: "elective", tiers: ["new_kakaricho"], needsApproval: true, title: "ファシリテーション" });
    const e2 = makeCourse({ kind: "elective", tiers: ["new_kakaricho", "new_shunin"], title: "生成AI活用" });
    makeCourse({ kind: "elective", tiers: ["new_kakaricho"], title: "政策法務" });
    const shuninOnly = makeCourse({ kind: "required", tiers: ["new_shunin"], title: "新任主任研修" });
    const open = makeCourse({ kind: "optIn", title: "やさしい日本語" });
    const managersOnly = makeCourse({ kind: "optIn", tiers: ["new_kacho"], title: "イクボス" });
    const s1 = makeSession(e1.id, { capacity: 1 });
    const s2 = makeSession(e2.id, { capacity: 1 });
    makeSession(required.id);
    saveElectiveRules(makeEmployee({ roles: ["hr_dev"] }), 2026, [{ tierCode: "new_kakaricho", minElectives: 2 }], NOW);
    signUp({ actor: makeEmployee({ rank: "係長", rankSince: "2026-04-01" }), courseSessionId: s2.id, now: NOW });
    expect(signUp({ actor: me, courseSessionId: s1.id, now: NOW })).toMatchObject({ status: "pending" });
    expect(signUp({ actor: me, courseSessionId: s2.id, now: NOW })).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });

    const page = getMyTraining({ viewer: me.viewer, fiscalYear: 2026, now: NOW })!;
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

  it("course detail: sign-up buttons only where allowed, with reasons; my history", () => {
    const me = makeEmployee({ rank: "主任", rankSince: "2026-04-01" });
    const c = makeCourse({ kind: "elective", tiers: ["new_kakaricho"] });
    makeSession(c.id);
    const view = getCourseForEmployee({ viewer: me.viewer, courseId: c.id, now: NOW })!;
    expect(view.eligible).toBe(false);
    expect(view.sessions[0]).toMatchObject({ canSignUp: false, refusal: "この研修の対象（新任係長）ではないため申し込めません。" });

    const open = makeCourse();
    const a = makeSession(open.id);
    const b = makeSession(open.id);
    const r = signUp({ actor: me, courseSessionId: a.id, now: NOW });
    if (!r.ok) throw new Error();
    let v = getCourseForEmployee({ viewer: me.viewer, courseId: open.id, now: NOW })!;
    expect(v.sessions.map((s) => s.canSignUp)).toEqual([false, false]);
    expect(v.enrollments[0]).toMatchObject({ status: "confirmed", canCancel: true });
    cancelOwn({ actor: me, enrollmentId: r.enrollmentId, now: NOW });
    v = getCourseForEmployee({ viewer: me.viewer, courseId: open.id, now: NOW })!;
    expect(v.sessions.find((s) => s.id === b.id)?.canSignUp).toBe(true);
    expect(v.enrollments[0]?.history.map((h) => h.toStatus)).toEqual(["confirmed", "cancelled"]);
    expect(getCourseForEmployee({ viewer: me.viewer, courseId: 987654, now: NOW })).toBeNull();
  });

  it("the calendar lists only my confirmed sessions", () => {
    const me = makeEmployee();
    const c = makeCourse();
    const s = makeSession(c.id, { capacity: 1 });
    const c2 = makeCourse();
    const s2 = makeSession(c2.id, { capacity: 0 });
    signUp({ actor: me, courseSessionId: s.id, now: NOW });
    signUp({ actor: me, courseSessionId: s2.id, now: NOW });
    expect(listMyCalendarSessions(me.viewer).map((x) => x.courseId)).toEqual([c.id]);
  });
});

describe("approvals list", () => {
  it("shows only pending sign-ups of my own direct subordinates", () => {
    const boss = makeEmployee({ rank: "係長" });
    const other = makeEmployee({ rank: "係長" });
    const mine = makeEmployee({ supervisorId: boss.id, name: "部下 一" });
    const theirs = makeEmployee({ supervisorId: other.id, name: "他課 二" });
    const c = makeCourse({ needsApproval: true });
    const s = makeSession(c.id, { capacity: 5 });
    const r1 = signUp({ actor: mine, courseSessionId: s.id, now: NOW });
    const r2 = signUp({ actor: theirs, courseSessionId: s.id, now: NOW });
    if (!r1.ok || !r2.ok) throw new Error();
    expect(listPendingApprovals(boss.viewer).map((x) => x.employeeName)).toEqual(["部下 一"]);
    expect(getApprovalItem({ viewer: boss.viewer, enrollmentId: r1.enrollmentId })?.employeeName).toBe("部下 一");
    expect(getApprovalItem({ viewer: boss.viewer, enrollmentId: r2.enrollmentId })).toBeNull();
  });
});

describe("statistics per 年度", () => {
  it("counts sessions held, sign-ups and completions", () => {
    const fy = 2026;
    const before = trainingStats(fy, jstDate(2027, 1, 1));
    const c = makeCourse({ kind: "required", tiers: ["new_shunin"] });
    const s = makeSession(c.id, { capacity: 2 });
    const a = makeEmployee({ rank: "主任", rankSince: "2026-04-01" });
    const b = makeEmployee({ rank: "主任", rankSince: "2026-04-01" });
    const x = makeEmployee({ rank: "主任", rankSince: "2026-04-01" });
    const ra = signUp({ actor: a, courseSessionId: s.id, now: NOW });
    const rb = signUp({ actor: b, courseSessionId: s.id, now: NOW });
    const rx = signUp({ actor: x, courseSessionId: s.id, now: NOW });
    if (!ra.ok || !rb.ok || !rx.ok) throw new Error();
    cancelOwn({ actor: x, enrollmentId: rx.enrollmentId, now: NOW });
    markAttendance({ actor: makeEmployee({ roles: ["hr_dev"] }), courseSessionId: s.id, enrollmentIds: [ra.enrollmentId], mark: "completed", now: jstDate(2026, 12, 10, 18) });
    const after = trainingStats(fy, jstDate(2027, 1, 1));
    expect(after.sessionsPlanned - before.sessionsPlanned).toBe(1);
    expect(after.sessionsHeld - before.sessionsHeld).toBe(1);
    expect(after.signUps - before.signUps).toBe(3);
    expect(after.activeSignUps - before.activeSignUps).toBe(2);
    expect(after.completions - before.completions).toBe(1);
    expect(after.fiscalYearLabel).toBe("令和8年度（FY2026）");
    // Another 年度 sees none of it.
    expect(trainingStats(2025, jstDate(2027, 1, 1)).signUps).toBe(0);
  });
});

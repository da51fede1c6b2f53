import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "~/lib/fiscal-year";
import { setSessionStatus } from "./catalogue.server";
import { trainingCalendar } from "./calendar";
import { callOffSession, signUp } from "./enrollment-mutations.server";
import { getCourseForEmployee, listMyCalendarSessions } from "./employee-queries.server";
import { trainingProgressModule } from "./progress-module.server";
import { trainingStats } from "./stats.server";
import { auditOf, enrollmentsOf, historyOf, makeCourse, makeEmployee, makeSession, notificationsOf, seedTiers } from "./test-helpers";

beforeAll(seedTiers);

let nextYear = 2031;

/** A 回 of its own 年度 (so the 年度 totals are this test's): one confirmed seat, one waiting. */
async function setup() {
  const fy = nextYear++;
  const course = await makeCourse({ fiscalYear: fy });
  const session = await makeSession(course.id, {
    capacity: 1,
    startsAt: jstDate(fy, 12, 10, 9, 30),
    signupOpensAt: jstDate(fy, 11, 1),
    signupClosesAt: jstDate(fy, 12, 1),
    cancelDeadline: jstDate(fy, 12, 3),
  });
  const seated = await makeEmployee();
  const waiting = await makeEmployee();
  const at = jstDate(fy, 11, 20, 12);
  expect(await signUp({ actor: seated, courseSessionId: session.id, now: at })).toMatchObject({ ok: true, status: "confirmed" });
  expect(await signUp({ actor: waiting, courseSessionId: session.id, now: at })).toMatchObject({ ok: true, status: "waitlisted" });
  return { fy, course, session, seated, waiting, hr: await makeEmployee({ roles: ["hr_dev"] }), at };
}

describe("中止: 人材育成課 calls a 回 off", () => {
  it("ends every sign-up and waitlist place as 中止 (not a cancellation), with the reason in history and a notice to each", async () => {
    const { session, seated, waiting, hr, at } = await setup();
    const r = await callOffSession({ actor: hr, courseSessionId: session.id, reason: "台風の接近のため", now: at });
    expect(r).toMatchObject({ ok: true, calledOff: 2 });
    const rows = await enrollmentsOf(session.id);
    expect(rows.map((e) => e.status)).toEqual(["called_off", "called_off"]);
    for (const e of rows) {
      expect((await historyOf(e.id)).at(-1)).toMatchObject({ toStatus: "called_off", actorRole: "hr_dev", comment: "台風の接近のため" });
    }
    for (const p of [seated, waiting]) {
      expect((await notificationsOf(p.id)).map((n) => n.body).join()).toContain("中止になりました。理由: 台風の接近のため");
    }
    expect((await auditOf(`training_course_session:${session.id}`)).map((a) => a.action)).toContain("training.session.call_off");
  });

  it("is 人材育成課's alone, needs a reason, only before the start, and only once", async () => {
    const { session, seated, hr, at } = await setup();
    expect(await callOffSession({ actor: seated, courseSessionId: session.id, reason: "x", now: at })).toMatchObject({ ok: false, refusal: { reason: "forbidden" } });
    expect(await callOffSession({ actor: hr, courseSessionId: session.id, reason: "  ", now: at })).toMatchObject({ ok: false, refusal: { reason: "invalid", field: "reason" } });
    expect(await callOffSession({ actor: hr, courseSessionId: session.id, reason: "講師急病", now: session.startsAt })).toMatchObject({
      ok: false,
      refusal: { reason: "closed" },
    });
    expect((await enrollmentsOf(session.id)).map((e) => e.status).sort()).toEqual(["confirmed", "waitlisted"]);
    expect((await callOffSession({ actor: hr, courseSessionId: session.id, reason: "講師急病", now: at })).ok).toBe(true);
    expect(await callOffSession({ actor: hr, courseSessionId: session.id, reason: "講師急病", now: at })).toMatchObject({ ok: false, refusal: { reason: "conflict" } });
    // 中止 is final: the 回 cannot be reopened for sign-ups.
    expect(await setSessionStatus(hr, session.id, "open", at)).toMatchObject({ ok: false, refusal: { reason: "conflict" } });
  });

  it("the course page shows 中止 with the reason, offers no sign-up, and the person may take another 回", async () => {
    const { fy, course, session, seated, hr, at } = await setup();
    await callOffSession({ actor: hr, courseSessionId: session.id, reason: "講師急病のため", now: at });
    const other = await makeSession(course.id, {
      capacity: 5,
      startsAt: jstDate(fy + 1, 1, 10, 9, 30),
      signupOpensAt: jstDate(fy, 11, 1),
      signupClosesAt: jstDate(fy + 1, 1, 1),
      cancelDeadline: jstDate(fy + 1, 1, 3),
    });
    const page = (await getCourseForEmployee({ viewer: seated.viewer, courseId: course.id, now: at }))!;
    const s = page.sessions.find((x) => x.id === session.id)!;
    expect(s).toMatchObject({ status: "called_off", cancelReason: "講師急病のため", canSignUp: false, refusal: "この回は中止になりました。" });
    expect(page.enrollments.map((e) => e.status)).toEqual(["called_off"]);
    expect(page.sessions.find((x) => x.id === other.id)!.canSignUp).toBe(true);
    expect(await signUp({ actor: seated, courseSessionId: other.id, now: at })).toMatchObject({ ok: true, status: "confirmed" });
  });

  it("statistics stay honest: a called-off sign-up is neither a 申込 nor the person's cancellation, nor the 回 held", async () => {
    const { fy, session, hr, at } = await setup();
    expect(await trainingStats(fy, at)).toMatchObject({ activeSignUps: 2, waitlisted: 1 });
    await callOffSession({ actor: hr, courseSessionId: session.id, reason: "台風", now: at });
    const yearEnd = jstDate(fy + 1, 3, 31);
    expect(await trainingStats(fy, yearEnd)).toMatchObject({ signUps: 2, activeSignUps: 0, waitlisted: 0, sessionsPlanned: 1, sessionsHeld: 0 });
    expect((await trainingProgressModule.summary(fy)).find((f) => f.label === "申込")!.value).toBe(0);
  });

  it("the calendar keeps the confirmed person's event, same UID, as CANCELLED with a higher SEQUENCE; waitlisted never had one", async () => {
    const { session, seated, waiting, hr, at } = await setup();
    const uidBefore = /UID:(.*)\r/.exec(trainingCalendar(await listMyCalendarSessions(seated.viewer), { origin: "http://x" }))![1];
    await callOffSession({ actor: hr, courseSessionId: session.id, reason: "台風", now: at });
    const feed = trainingCalendar(await listMyCalendarSessions(seated.viewer), { origin: "http://x" });
    expect(feed).toContain(`UID:${uidBefore}\r\n`);
    expect(feed).toContain("SEQUENCE:1\r\n");
    expect(feed).toContain("STATUS:CANCELLED\r\n");
    expect(feed).toContain("METHOD:PUBLISH\r\n");
    const cancel = trainingCalendar(await listMyCalendarSessions(seated.viewer), { origin: "http://x", cancellations: true });
    expect(cancel).toContain("METHOD:CANCEL\r\n");
    expect(cancel).toContain(`UID:${uidBefore}\r\n`);
    expect(await listMyCalendarSessions(waiting.viewer)).toEqual([]);
  });
});


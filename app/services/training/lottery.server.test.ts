import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { saveElectiveRules } from "./catalogue.server";
import { cancelOwn, decideAsSupervisor, signUp } from "./enrollment-mutations.server";
import { drawOrder } from "./lottery";
import { drawDueLotteries, runDraw } from "./lottery.server";
import { auditOf, enrollmentsOf, inOrder, makeCourse, makeEmployee, makeSession, notificationsOf, NOW, seedTiers, times } from "./test-helpers";

beforeAll(seedTiers);

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const AFTER_CLOSE = jstDate(2026, 12, 1, 17, 0);

async function lotterySession(opts: { capacity: number; needsApproval?: boolean; approval?: "before" | "after"; kind?: "optIn" | "elective"; tiers?: string[] }) {
  const course = await makeCourse({ needsApproval: opts.needsApproval ?? false, kind: opts.kind ?? "optIn", tiers: opts.tiers });
  await immediate(async (tx) => {
    await tx
      .update(schema.trainingCourses)
      .set({ lotteryApproval: opts.approval ?? "after", lotteryPriorities: ["elective_unmet", "first_time"] })
      .where(eq(schema.trainingCourses.id, course.id));
  });
  const session = await makeSession(course.id, { capacity: opts.capacity });
  await immediate(async (tx) => {
    await tx.update(schema.trainingCourseSessions).set({ allocation: "lottery" }).where(eq(schema.trainingCourseSessions.id, session.id));
  });
  return { course, session };
}

const apply = async (actor: Awaited<ReturnType<typeof makeEmployee>>, courseSessionId: number, minutes = 0) => {
  const r = await signUp({ actor, courseSessionId, now: later(minutes) });
  if (!r.ok) throw new Error(r.refusal.message);
  return r;
};

describe("抽選 回", () => {
  it("takes 応募 with no seat before the draw; 人材育成課's draw seats `capacity` of them and puts the rest on the waitlist in drawn order, telling everyone", async () => {
    const { session } = await lotterySession({ capacity: 2 });
    const people = await times(5, () => makeEmployee());
    expect((await inOrder(people, (p, i) => apply(p, session.id, i))).map((r) => r.status)).toEqual(Array(5).fill("applied"));
    expect((await enrollmentsOf(session.id)).every((e) => e.waitlistSeq === null)).toBe(true);

    const hr = await makeEmployee({ roles: ["hr_dev"] });
    expect(await runDraw({ actor: await makeEmployee(), courseSessionId: session.id, now: later(10) })).toMatchObject({ ok: false, refusal: { reason: "forbidden" } });
    expect(await runDraw({ actor: hr, courseSessionId: session.id, now: later(10) })).toMatchObject({ ok: true, applicants: 5, seated: 2 });
    const rows = await enrollmentsOf(session.id);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(2);
    const waiting = rows.filter((r) => r.status === "waitlisted").sort((a, b) => a.waitlistSeq! - b.waitlistSeq!);
    expect(waiting).toHaveLength(3);
    // The waitlist follows the drawn order exactly.
    expect(waiting.map((r) => r.drawRank)).toEqual([3, 4, 5]);
    for (const p of people) {
      const titles = (await notificationsOf(p.id)).map((n) => n.title);
      expect(titles.some((t) => t.startsWith("研修の抽選結果"))).toBe(true);
    }
    // Once drawn: a second draw is refused, and a later sign-up is first-come (the waitlist).
    expect(await runDraw({ actor: hr, courseSessionId: session.id, now: later(11) })).toMatchObject({ ok: false, refusal: { reason: "conflict" } });
    expect(await apply(await makeEmployee(), session.id, 12)).toMatchObject({ status: "waitlisted", waitlistPosition: 4 });
  });

  it("draws people whose elective rule is still unmet first, and the recorded seed reproduces the order", async () => {
    const { session } = await lotterySession({ capacity: 1, kind: "elective", tiers: ["new_kakaricho"] });
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    await saveElectiveRules(hr, 2026, [{ tierCode: "new_kakaricho", minElectives: 1 }], NOW);
    // Three new 係長: two already hold another elective of their tier this 年度, one does not.
    const other = await makeCourse({ kind: "elective", tiers: ["new_kakaricho"] });
    const otherSession = await makeSession(other.id, { capacity: 10 });
    const kakaricho = () => makeEmployee({ rank: "係長", hiredOn: "2010-04-01", rankSince: "2026-04-01" });
    const done = [await kakaricho(), await kakaricho()];
    for (const p of done) await apply(p, otherSession.id);
    const needy = await kakaricho();
    for (const p of [...done, needy]) await apply(p, session.id, 1);

    expect((await runDraw({ actor: hr, courseSessionId: session.id, now: later(5) })).ok).toBe(true);
    const rows = await enrollmentsOf(session.id);
    expect(rows.find((r) => r.employeeId === needy.id)).toMatchObject({ status: "confirmed", drawGroup: 1, drawRank: 1 });
    expect(rows.filter((r) => r.employeeId !== needy.id).every((r) => r.status === "waitlisted" && r.drawGroup === 2)).toBe(true);

    const draw = (await first(getDb().select().from(schema.trainingDraws).where(eq(schema.trainingDraws.courseSessionId, session.id))))!;
    expect(draw).toMatchObject({ applicants: 3, seated: 1, drawnBy: hr.id });
    const replay = drawOrder(
      rows.map((r) => ({ enrollmentId: r.id, drawable: true, meets: new Set(r.employeeId === needy.id ? (["elective_unmet", "first_time"] as const) : (["first_time"] as const)) })),
      ["elective_unmet", "first_time"],
      draw.seed,
      1,
    );
    expect(replay.map((o) => o.enrollmentId)).toEqual([...rows].sort((a, b) => a.drawRank! - b.drawRank!).map((r) => r.id));
    expect((await auditOf(`training_course_session:${session.id}`)).map((a) => a.action)).toContain("training.session.draw");
  });

  it("with approval before the draw: only approved 応募 are drawn, and an approval is not asked again on promotion", async () => {
    const { session } = await lotterySession({ capacity: 1, needsApproval: true, approval: "before" });
    const boss = await makeEmployee({ rank: "係長" });
    const [a, b, c] = await times(3, () => makeEmployee({ supervisorId: boss.id }));
    for (const p of [a!, b!, c!]) expect((await apply(p, session.id)).status).toBe("applied_pending");
    const applied = await enrollmentsOf(session.id);
    const [ea, eb] = [a!, b!].map((p) => applied.find((e) => e.employeeId === p.id)!.id);
    expect(await decideAsSupervisor({ actor: boss, enrollmentId: ea!, decision: "approve", now: later(1) })).toMatchObject({ ok: true });
    expect(await decideAsSupervisor({ actor: boss, enrollmentId: eb!, decision: "approve", now: later(1) })).toMatchObject({ ok: true });
    expect((await enrollmentsOf(session.id)).filter((e) => e.status === "applied")).toHaveLength(2);

    expect((await runDraw({ actor: await makeEmployee({ roles: ["hr_dev"] }), courseSessionId: session.id, now: later(5) })).ok).toBe(true);
    const rows = await enrollmentsOf(session.id);
    const seated = rows.find((r) => r.status === "confirmed")!;
    expect([a!.id, b!.id]).toContain(seated.employeeId);
    // The unapproved 応募 waits last.
    const waiting = rows.filter((r) => r.status === "waitlisted").sort((x, y) => x.waitlistSeq! - y.waitlistSeq!);
    expect(waiting.at(-1)!.employeeId).toBe(c!.id);
    // The seated one cancels: the approved runner-up is confirmed straight away.
    const seatedActor = [a!, b!].find((p) => p.id === seated.employeeId)!;
    expect((await cancelOwn({ actor: seatedActor, enrollmentId: seated.id, now: later(6) })).ok).toBe(true);
    const runnerUp = (await enrollmentsOf(session.id)).find((r) => r.employeeId === waiting[0]!.employeeId)!;
    expect(runnerUp.status).toBe("confirmed");
  });

  it("draws by itself once the sign-up window has closed, whoever looks first, exactly once", async () => {
    const { session } = await lotterySession({ capacity: 1 });
    for (let i = 0; i < 3; i++) await apply(await makeEmployee(), session.id, i);
    expect(await drawDueLotteries(later(30))).toBe(0);
    expect((await enrollmentsOf(session.id)).every((e) => e.status === "applied")).toBe(true);
    expect(await drawDueLotteries(AFTER_CLOSE)).toBe(1);
    expect(await drawDueLotteries(AFTER_CLOSE)).toBe(0);
    const rows = await enrollmentsOf(session.id);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(1);
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(2);
    const draw = (await first(getDb().select().from(schema.trainingDraws).where(eq(schema.trainingDraws.courseSessionId, session.id))))!;
    expect(draw.drawnBy).toBeNull();
  });
});

describe("the server's due-work timer", () => {
  it("draws a closed 抽選 回 through the services' registration", async () => {
    const { runDueWork } = await import("~/services/due-work.server");
    const { session } = await lotterySession({ capacity: 1 });
    await apply(await makeEmployee(), session.id);
    expect(await runDueWork(AFTER_CLOSE)).toBeGreaterThanOrEqual(1);
    expect((await enrollmentsOf(session.id)).map((e) => e.status)).toEqual(["confirmed"]);
    expect(await runDueWork(AFTER_CLOSE)).toBe(0);
  });
});

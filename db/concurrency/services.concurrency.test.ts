// The services' invariants with writers in 4 separate processes, each with its own pool
// (issue 18, Proof). Each scenario calls the service's entry point the route's action calls
// (db/concurrency/scenarios.ts); the data is arranged here with the services' own test
// helpers. On PostgreSQL (`npm run test:unit:pg`) the processes' transactions meet only in
// the database, and what keeps each count right is the row the service locks first (the
// 回, the booker and the slot, the 年度's scheme row, the call, the mentor's registration);
// on SQLite the processes queue on the file's one write lock. One set of workers serves the
// whole file: starting one costs seconds.
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../client";
import { schema } from "../tables";
import { deal, startWorkers, testDatabase, WORKER_STARTUP_MS, type ProcessRun, type Workers } from "./harness";
import { jstDate } from "~/lib/fiscal-year";
import * as consultation from "~/services/consultation/test-helpers";
import * as mentor from "~/services/mentor/test-helpers";
import * as promotion from "~/services/promotion/test-helpers";
import { budgetFigures, committedFor } from "~/services/subsidy/queries.server";
import * as subsidy from "~/services/subsidy/test-helpers";
import * as training from "~/services/training/test-helpers";
import { SEAT_HOLDING_STATUSES } from "~/services/mentor/transitions";

const PROCESSES = 4;
const TIMEOUT = 60_000;

let workers: Workers;
beforeAll(async () => {
  const starting = startWorkers({ ...testDatabase(), processes: PROCESSES });
  await training.seedTiers();
  await consultation.setRules({ ...consultation.RULES, maxFutureBookings: 2, maxPerFiscalYear: 10 });
  workers = await starting;
}, WORKER_STARTUP_MS);
afterAll(() => workers?.close());

/** Every worker runs its share of `items` at once (items dealt in turn); the answers of all. */
async function runDealt<R>(scenario: string, items: readonly unknown[], args: Record<string, unknown>, key: string): Promise<R[]> {
  expect(items.length % PROCESSES).toBe(0);
  const runs: ProcessRun<R>[] = await workers.run<R>(scenario, { ...args, [key]: deal(items, PROCESSES) }, items.length / PROCESSES);
  return runs.flatMap((r) => r.results);
}

/** Answers that are a thrown error (a route would have answered 500). */
const errors = (answers: unknown[]) => answers.filter((a) => typeof a === "object" && a !== null && "error" in a);

type SignUpAnswer = { ok: true; enrollmentId: number; status: string; waitlistPosition: number | null } | { ok: false; reason: string };
type CancelAnswer = { ok: true; promoted: number[] } | { ok: false; reason: string };

describe("研修: one 20-seat 回 from 4 processes", () => {
  // The second case cancels seats the first one gave: they share the 回.
  let sessionId: number;
  let people: Awaited<ReturnType<typeof training.makeEmployee>>[];
  let signUps: SignUpAnswer[];

  it("200 sign-ups at once (50 per process): exactly 20 confirmed, 180 waitlisted with unique consecutive positions, every call answered", async () => {
    const course = await training.makeCourse();
    sessionId = (await training.makeSession(course.id, { capacity: 20 })).id;
    people = await training.times(200, () => training.makeEmployee());

    signUps = await runDealt<SignUpAnswer>("training.sign-up", people, { courseSessionId: sessionId, now: training.NOW.toISOString() }, "people");
    expect(errors(signUps)).toEqual([]);
    expect(signUps.filter((a) => !a.ok)).toEqual([]);
    const ok = signUps.flatMap((a) => (a.ok ? [a] : []));
    expect(ok.filter((a) => a.status === "confirmed")).toHaveLength(20);
    expect(ok.filter((a) => a.status === "waitlisted")).toHaveLength(180);
    // The place each was told is its own: 1…180, each once.
    const told = ok.flatMap((a) => (a.waitlistPosition !== null ? [a.waitlistPosition] : [])).sort((a, b) => a - b);
    expect(told).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

    const t = await training.seatTally(sessionId);
    expect(t.seated).toBe(20);
    expect(t.waitlisted).toBe(180);
    const seqs = t.rows.flatMap((r) => (r.status === "waitlisted" ? [r.waitlistSeq!] : [])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
  }, TIMEOUT);

  it("then 20 cancellations of the seated at once (5 per process): exactly the first 20 of the waitlist promoted, in order", async () => {
    const before = await training.seatTally(sessionId);
    const waiting = before.rows.filter((r) => r.status === "waitlisted").sort((a, b) => a.waitlistSeq! - b.waitlistSeq!);
    const seated = before.rows.filter((r) => r.status === "confirmed");
    expect(seated).toHaveLength(20);
    const cancels = seated.map((r) => ({ actor: people.find((p) => p.id === r.employeeId)!, enrollmentId: r.id }));

    const answers = await runDealt<CancelAnswer>("training.cancel-own", cancels, { now: new Date(training.NOW.getTime() + 3_600_000).toISOString() }, "cancels");
    expect(errors(answers)).toEqual([]);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    // Each freed seat went to one person, and together to the first 20 of the waitlist.
    const promoted = answers.flatMap((a) => (a.ok ? a.promoted : []));
    expect(answers.every((a) => a.ok && a.promoted.length === 1)).toBe(true);
    expect([...promoted].sort((a, b) => a - b)).toEqual(
      waiting
        .slice(0, 20)
        .map((r) => r.id)
        .sort((a, b) => a - b),
    );
    // In order: the promotions were written (history ids) in waitlist order.
    const promotions = await getDb()
      .select({ enrollmentId: schema.trainingEnrollmentHistory.enrollmentId })
      .from(schema.trainingEnrollmentHistory)
      .where(and(inArray(schema.trainingEnrollmentHistory.enrollmentId, promoted), eq(schema.trainingEnrollmentHistory.fromStatus, "waitlisted")))
      .orderBy(asc(schema.trainingEnrollmentHistory.id));
    expect(promotions.map((h) => h.enrollmentId)).toEqual(waiting.slice(0, 20).map((r) => r.id));

    const after = await training.seatTally(sessionId);
    expect(after.seated).toBe(20);
    expect(after.waitlisted).toBe(160);
    expect(after.uniqueWaitlistSeqs).toBe(true);
    expect(after.rows.filter((r) => r.status === "waitlisted").map((r) => r.id)).toEqual(waiting.slice(20).map((r) => r.id));
  }, TIMEOUT);
});

describe("相談窓口 from 4 processes", () => {
  const day = (d: number) => jstDate(2026, 12, d, 18, 0);

  it("40 people booking one slot at once (10 per process): exactly one booking, every other one answered 'taken'", async () => {
    const { consultantId } = await consultation.makeConsultant();
    const slotId = await consultation.makeSlot(consultantId, day(1));
    const people = await Promise.all(Array.from({ length: 40 }, () => consultation.makePerson()));
    const answers = await runDealt<string>("consultation.book", people.map((p) => ({ actor: consultation.actor(p), slotId })), { now: consultation.NOW.toISOString() }, "bookings");
    expect(errors(answers)).toEqual([]);
    expect(answers.filter((a) => a === "ok")).toHaveLength(1);
    expect(answers.filter((a) => a !== "ok")).toEqual(Array(39).fill("taken"));
    expect(await consultation.occupants(slotId)).toHaveLength(1);
  }, TIMEOUT);

  it("one person booking 8 slots at once (2 per process): their limit of 2 upcoming bookings holds", async () => {
    const { consultantId } = await consultation.makeConsultant();
    const slots: number[] = [];
    for (let d = 2; d < 10; d++) slots.push(await consultation.makeSlot(consultantId, day(d)));
    const me = consultation.actor(await consultation.makePerson());
    const answers = await runDealt<string>("consultation.book", slots.map((slotId) => ({ actor: me, slotId })), { now: consultation.NOW.toISOString() }, "bookings");
    expect(errors(answers)).toEqual([]);
    expect(answers.filter((a) => a === "ok")).toHaveLength(2);
    expect(answers.filter((a) => a !== "ok")).toEqual(Array(6).fill("future_limit"));
    const mine = await getDb()
      .select()
      .from(schema.bookings)
      .where(and(eq(schema.bookings.employeeId, me.viewer.id), eq(schema.bookings.status, "booked")));
    expect(mine).toHaveLength(2);
  }, TIMEOUT);
});

describe("資格取得費用助成: 交付決定 from 4 processes (each locks the 年度's scheme row before it sums)", () => {
  const FY = 2026;
  let boss: string;
  let sectionId: number;
  let certId: number;
  let hr: Awaited<ReturnType<typeof subsidy.actorOf>>;

  beforeAll(async () => {
    sectionId = (await subsidy.makeOrg()).sectionId;
    boss = await subsidy.makeEmployee({ orgUnitId: sectionId, rank: "課長" });
    const hrId = await subsidy.makeEmployee({ orgUnitId: sectionId });
    await subsidy.grant(hrId, "hr_dev");
    hr = await subsidy.actorOf(hrId);
    await subsidy.makeScheme(FY, { perPersonYearlyCap: 10_000_000 });
    certId = await subsidy.makeCertification({ ratePercent: 50, capPerApplication: 50_000 });
  });

  const approveAll = async (ids: string[]) => {
    const applications = await Promise.all(ids.map(async (id) => ({ id, version: await subsidy.applicationVersion(id) })));
    return runDealt<string>("subsidy.approve", applications, { actor: hr, now: subsidy.NOW.toISOString() }, "applications");
  };

  it("12 approvals of ¥50,000 with room for 3 in the 年度 budget (3 per process): exactly 3 pass, the budget is never overdrawn", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await subsidy.confirmedApplication(await subsidy.makeEmployee({ orgUnitId: sectionId, supervisorId: boss }), boss, certId));
    const before = (await budgetFigures(getDb(), FY))!;
    await subsidy.makeScheme(FY, { budget: before.budget - before.left + 150_000, perPersonYearlyCap: 10_000_000 });

    const answers = await approveAll(ids);
    expect(errors(answers)).toEqual([]);
    expect(answers.filter((a) => a === "ok")).toHaveLength(3);
    expect(answers.filter((a) => a !== "ok")).toEqual(Array(9).fill("limit"));
    expect((await budgetFigures(getDb(), FY))?.left).toBe(0);
  }, TIMEOUT);

  it("8 approvals of ¥50,000 for one person with a ¥100,000 yearly cap (2 per process): exactly 2 pass", async () => {
    const person = await subsidy.makeEmployee({ orgUnitId: sectionId, supervisorId: boss });
    // Each computed at ¥50,000 while nothing was decided yet.
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await subsidy.confirmedApplication(person, boss, certId));
    await subsidy.makeScheme(FY, { budget: 100_000_000, perPersonYearlyCap: 100_000 });

    const answers = await approveAll(ids);
    expect(errors(answers)).toEqual([]);
    expect(answers.filter((a) => a === "ok")).toHaveLength(2);
    expect(answers.filter((a) => a !== "ok")).toEqual(Array(6).fill("limit"));
    expect(await committedFor(getDb(), person, FY)).toBe(100_000);
  }, TIMEOUT);
});

describe("昇任型公募 from 4 processes (each write locks the call's row)", () => {
  it("one person's form sent 20 times at once (5 per process): all answered, one application", async () => {
    const { callId } = await promotion.publishedCall();
    const me = await promotion.person();
    const runs = await workers.run<{ ok: true; id: string } | { ok: false; reason: string }>(
      "promotion.save-application",
      { actor: me, callId, text: promotion.APPLICATION_TEXT, now: promotion.NOW.toISOString() },
      5,
    );
    const answers = runs.flatMap((r) => r.results);
    expect(answers).toHaveLength(20);
    expect(errors(answers)).toEqual([]);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    expect(new Set(answers.map((a) => (a.ok ? a.id : "")))).toHaveLength(1);
    const stored = await getDb()
      .select()
      .from(schema.promotionApplications)
      .where(and(eq(schema.promotionApplications.callId, callId), eq(schema.promotionApplications.applicantId, me.viewer.id)));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.version).toBe(20);
  }, TIMEOUT);
});

describe("メンター制度 from 4 processes (each pair locks the mentor's registration)", () => {
  it("20 direct requests accepted at once by a mentor with 3 seats (5 per process): exactly 3 pairs, 17 refused as full", async () => {
    const { cycleId } = await mentor.openCycle();
    const m = await mentor.mentorOf(3);
    await mentor.asMentor(m.actor, cycleId, { capacity: m.capacity });
    const requests = await mentor.requestsTo(m.actor.viewer.id, cycleId, await mentor.menteesApart(20));

    const answers = await runDealt<string>("mentor.accept-request", requests, { mentor: m.actor, now: mentor.NOW.toISOString() }, "requests");
    expect(errors(answers)).toEqual([]);
    expect(answers.filter((a) => a === "ok")).toHaveLength(3);
    expect(answers.filter((a) => a !== "ok")).toEqual(Array(17).fill("limit"));
    const held = await getDb()
      .select()
      .from(schema.mentorPairs)
      .where(and(eq(schema.mentorPairs.cycleId, cycleId), eq(schema.mentorPairs.mentorId, m.actor.viewer.id), inArray(schema.mentorPairs.status, [...SEAT_HOLDING_STATUSES])));
    expect(held).toHaveLength(3);
  }, TIMEOUT);
});

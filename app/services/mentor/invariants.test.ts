import fc from "fast-check";
import { eq, sql as dsql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dialect, first, getDb, immediate, isUniqueViolation, rows, schema } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import { askMentor, decideRequest, editProposal, endPairEarly, rematch, transitionCycle } from "./mutations.server";
import { asMentee, asMentor, bureau, NOW, openCycle, person, version } from "./test-helpers";
import { MENTEE_HOLDING_STATUSES, PENDING_REQUEST_STATUSES, SEAT_HOLDING_STATUSES } from "./transitions";

// The invariants the database holds as well as the code: one proposed-or-active pair per
// mentee and one open request per mentee per cycle are partial unique indexes generated
// from the named status sets; this reads the indexes the migrations actually created
// (sqlite_master on SQLite, pg_indexes on PostgreSQL).

async function indexSql(name: string): Promise<string> {
  const [row] =
    dialect() === "pg"
      ? await rows<{ sql: string }>(getDb(), dsql`SELECT indexdef AS sql FROM pg_indexes WHERE indexname = ${name}`)
      : await rows<{ sql: string }>(getDb(), dsql`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ${name}`);
  if (!row) throw new Error(`index ${name} is missing`);
  return row.sql;
}

/** The statuses of a status-list partial index: SQLite keeps `status IN ('a', 'b')`, PostgreSQL shows `status = ANY (ARRAY['a'::text, …])`. */
function whereStatuses(sql: string): string[] {
  const where = /\sWHERE\s+(.*)$/is.exec(sql.trim())?.[1];
  if (!where || !/status/i.test(where)) throw new Error(`not a status-list partial index: ${sql}`);
  return [...where.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

/** The indexed columns, in order. */
function indexColumns(sql: string): string[] {
  const cols = /\bON\s+\S+\s+(?:USING\s+\w+\s+)?\(([^)]*)\)/i.exec(sql)?.[1] ?? "";
  return cols.split(",").map((c) => c.trim().replace(/[`"]/g, ""));
}

describe("the partial unique indexes", () => {
  it("mentor_pairs_one_per_mentee_uq is on mentee_id and lists exactly MENTEE_HOLDING_STATUSES", async () => {
    const sql = await indexSql("mentor_pairs_one_per_mentee_uq");
    expect(sql).toMatch(/^CREATE UNIQUE INDEX [`"]?mentor_pairs_one_per_mentee_uq[`"]? ON (public\.)?[`"]?mentor_pairs[`"]?/);
    expect(indexColumns(sql)).toEqual(["mentee_id"]);
    expect(whereStatuses(sql)).toEqual([...MENTEE_HOLDING_STATUSES]);
    if (dialect() === "sqlite") expect(sql).toContain(`status IN (${sqlStatusList(MENTEE_HOLDING_STATUSES)})`);
  });

  it("mentor_requests_one_pending_uq is on (cycle_id, mentee_id) and lists exactly PENDING_REQUEST_STATUSES", async () => {
    const sql = await indexSql("mentor_requests_one_pending_uq");
    expect(sql).toMatch(/^CREATE UNIQUE INDEX [`"]?mentor_requests_one_pending_uq[`"]? ON (public\.)?[`"]?mentor_requests[`"]?/);
    expect(indexColumns(sql)).toEqual(["cycle_id", "mentee_id"]);
    expect(whereStatuses(sql)).toEqual([...PENDING_REQUEST_STATUSES]);
  });

  it("the database itself refuses a second active pair for one mentee, and a second registration on one side", async () => {
    const { cycleId } = await openCycle();
    const [u1, u2] = await bureau("幸区役所", 2);
    const mentee = await person({ unit: u1! });
    const mentor = await person({ unit: u2!, rank: "係長" });
    const pair = { cycleId, menteeId: mentee.viewer.id, mentorId: mentor.viewer.id, status: "active" as const, source: "manual" as const };
    await immediate((tx) => tx.insert(schema.mentorPairs).values(pair));
    expect.assertions(2);
    const second = await immediate((tx) => tx.insert(schema.mentorPairs).values({ ...pair, status: "proposed" })).catch((e: unknown) => e);
    expect(isUniqueViolation(second)).toBe(true);
    await immediate((tx) => tx.insert(schema.mentorRegistrations).values({ cycleId, employeeId: mentee.viewer.id, side: "mentee", topics: [] }));
    const again = await immediate((tx) => tx.insert(schema.mentorRegistrations).values({ cycleId, employeeId: mentee.viewer.id, side: "mentee", topics: [] })).catch((e: unknown) => e);
    expect(isUniqueViolation(again)).toBe(true);
  });
});

describe("capacity, one pair per mentee and the hard rules under any sequence of operations", () => {
  it("never more pairs than a mentor's capacity, never two for a mentee, never one in the same 課 or the supervisor line", async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("ask" as const), mentee: fc.nat(5), mentor: fc.nat(3) }),
      fc.record({ kind: fc.constant("accept" as const), mentee: fc.nat(5) }),
      fc.record({ kind: fc.constant("decline" as const), mentee: fc.nat(5) }),
      fc.record({ kind: fc.constant("end" as const), mentee: fc.nat(5) }),
      fc.record({ kind: fc.constant("rematch" as const), mentee: fc.nat(5), mentor: fc.nat(3) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }), fc.array(op, { maxLength: 30 }), async (capacities, ops) => {
        const { cycleId, hr } = await openCycle();
        const units = await bureau("宮前区役所", 3);
        const chief = await person({ unit: units[0]!, rank: "係長" });
        const mentors = [chief];
        for (const u of units) mentors.push(await person({ unit: u, rank: "課長" }));
        // Mentees: some in a mentor's 課, some under the chief.
        const mentees = [];
        for (let i = 0; i < 6; i++) mentees.push(await person({ unit: units[i % 3]!, supervisorId: i % 2 === 0 ? chief.viewer.id : null }));
        for (const [i, m] of mentors.entries()) await asMentor(m, cycleId, { capacity: String(capacities[i]) });
        for (const m of mentees) await asMentee(m, cycleId);
        // Published with one pair made by hand; requests and rematches then run on their own.
        await transitionCycle(hr, cycleId, "start_matching", await version(cycleId), NOW);
        expect((await editProposal(hr, cycleId, { intent: "add", menteeId: mentees[1]!.viewer.id, mentorId: mentors[1]!.viewer.id }, NOW)).ok).toBe(true);
        expect((await transitionCycle(hr, cycleId, "publish", await version(cycleId), NOW)).ok).toBe(true);
        const request = new Map<number, number>();
        for (const [step, o] of ops.entries()) {
          const now = new Date(NOW.getTime() + step * 3_600_000);
          const me = mentees[o.mentee]!;
          const pair = (await getDb().select().from(schema.mentorPairs).where(eq(schema.mentorPairs.menteeId, me.viewer.id))).find((p) => p.status === "active" || (p.status === "ended_early" && p.needsRematch));
          if (o.kind === "ask") {
            const r = await askMentor(me, cycleId, { mentorId: mentors[o.mentor]!.viewer.id, message: "" }, now);
            if (r.ok) request.set(o.mentee, r.id);
          } else if (o.kind === "accept" || o.kind === "decline") {
            const id = request.get(o.mentee);
            const req = id ? await first(getDb().select().from(schema.mentorRequests).where(eq(schema.mentorRequests.id, id))) : undefined;
            const mentor = mentors.find((m) => m.viewer.id === req?.mentorId);
            if (id && mentor) await decideRequest(mentor, id, o.kind, now);
          } else if (o.kind === "end" && pair?.status === "active") {
            await endPairEarly(me, pair.id, pair.version, "理由", now);
          } else if (o.kind === "rematch" && pair) {
            await rematch(hr, pair.id, mentors[o.mentor]!.viewer.id, now);
          }
          const pairs = await getDb().select().from(schema.mentorPairs).where(eq(schema.mentorPairs.cycleId, cycleId));
          const holding = pairs.filter((p) => SEAT_HOLDING_STATUSES.includes(p.status));
          mentors.forEach((m, i) => expect(holding.filter((p) => p.mentorId === m.viewer.id).length).toBeLessThanOrEqual(capacities[i]!));
          expect(new Set(holding.map((p) => p.menteeId)).size).toBe(holding.length);
          for (const p of holding) {
            const mentee = mentees.find((x) => x.viewer.id === p.menteeId)!;
            const mentor = mentors.find((x) => x.viewer.id === p.mentorId)!;
            expect(mentee.viewer.orgUnitId).not.toBe(mentor.viewer.orgUnitId);
            if (mentor === chief) expect(mentees.indexOf(mentee) % 2).toBe(1);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

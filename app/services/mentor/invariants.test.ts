import fc from "fast-check";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, isUniqueViolation, schema } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import { askMentor, decideRequest, editProposal, endPairEarly, rematch, transitionCycle } from "./mutations.server";
import { asMentee, asMentor, bureau, NOW, openCycle, person, version } from "./test-helpers";
import { MENTEE_HOLDING_STATUSES, PENDING_REQUEST_STATUSES, SEAT_HOLDING_STATUSES } from "./transitions";

// The invariants the database holds as well as the code: one proposed-or-active pair per
// mentee and one open request per mentee per cycle are partial unique indexes generated
// from the named status sets; this reads the indexes the migrations actually created.

function indexSql(name: string): string {
  const row = getDb().$client.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) as { sql: string } | undefined;
  if (!row) throw new Error(`index ${name} is missing`);
  return row.sql;
}

function whereStatuses(sql: string): string[] {
  const m = /WHERE\s+status\s+IN\s*\(([^)]*)\)\s*$/i.exec(sql.trim());
  if (!m) throw new Error(`not a status-list partial index: ${sql}`);
  return m[1]!.split(",").map((s) => s.trim().replace(/^'|'$/g, ""));
}

describe("the partial unique indexes", () => {
  it("mentor_pairs_one_per_mentee_uq is on mentee_id and lists exactly MENTEE_HOLDING_STATUSES", () => {
    const sql = indexSql("mentor_pairs_one_per_mentee_uq");
    expect(sql).toMatch(/^CREATE UNIQUE INDEX `mentor_pairs_one_per_mentee_uq` ON `mentor_pairs` \(`mentee_id`\)/);
    expect(whereStatuses(sql)).toEqual([...MENTEE_HOLDING_STATUSES]);
    expect(sql).toContain(`status IN (${sqlStatusList(MENTEE_HOLDING_STATUSES)})`);
  });

  it("mentor_requests_one_pending_uq is on (cycle_id, mentee_id) and lists exactly PENDING_REQUEST_STATUSES", () => {
    const sql = indexSql("mentor_requests_one_pending_uq");
    expect(sql).toMatch(/^CREATE UNIQUE INDEX `mentor_requests_one_pending_uq` ON `mentor_requests` \(`cycle_id`,`mentee_id`\)/);
    expect(whereStatuses(sql)).toEqual([...PENDING_REQUEST_STATUSES]);
  });

  it("the database itself refuses a second active pair for one mentee, and a second registration on one side", () => {
    const { cycleId } = openCycle();
    const [u1, u2] = bureau("幸区役所", 2);
    const mentee = person({ unit: u1! });
    const mentor = person({ unit: u2!, rank: "係長" });
    const db = getDb();
    const pair = { cycleId, menteeId: mentee.viewer.id, mentorId: mentor.viewer.id, status: "active" as const, source: "manual" as const };
    db.insert(schema.mentorPairs).values(pair).run();
    expect.assertions(2);
    try {
      db.insert(schema.mentorPairs).values({ ...pair, status: "proposed" }).run();
    } catch (e) {
      expect(isUniqueViolation(e)).toBe(true);
    }
    db.insert(schema.mentorRegistrations).values({ cycleId, employeeId: mentee.viewer.id, side: "mentee", topics: [] }).run();
    try {
      db.insert(schema.mentorRegistrations).values({ cycleId, employeeId: mentee.viewer.id, side: "mentee", topics: [] }).run();
    } catch (e) {
      expect(isUniqueViolation(e)).toBe(true);
    }
  });
});

describe("capacity, one pair per mentee and the hard rules under any sequence of operations", () => {
  it("never more pairs than a mentor's capacity, never two for a mentee, never one in the same 課 or the supervisor line", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("ask" as const), mentee: fc.nat(5), mentor: fc.nat(3) }),
      fc.record({ kind: fc.constant("accept" as const), mentee: fc.nat(5) }),
      fc.record({ kind: fc.constant("decline" as const), mentee: fc.nat(5) }),
      fc.record({ kind: fc.constant("end" as const), mentee: fc.nat(5) }),
      fc.record({ kind: fc.constant("rematch" as const), mentee: fc.nat(5), mentor: fc.nat(3) }),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }), fc.array(op, { maxLength: 30 }), (capacities, ops) => {
        const { cycleId, hr } = openCycle();
        const units = bureau("宮前区役所", 3);
        const chief = person({ unit: units[0]!, rank: "係長" });
        const mentors = [chief, ...units.map((u) => person({ unit: u, rank: "課長" }))];
        // Mentees: some in a mentor's 課, some under the chief.
        const mentees = Array.from({ length: 6 }, (_, i) => person({ unit: units[i % 3]!, supervisorId: i % 2 === 0 ? chief.viewer.id : null }));
        mentors.forEach((m, i) => asMentor(m, cycleId, { capacity: String(capacities[i]) }));
        mentees.forEach((m) => asMentee(m, cycleId));
        // Published with one pair made by hand; requests and rematches then run on their own.
        transitionCycle(hr, cycleId, "start_matching", version(cycleId), NOW);
        expect(editProposal(hr, cycleId, { intent: "add", menteeId: mentees[1]!.viewer.id, mentorId: mentors[1]!.viewer.id }, NOW).ok).toBe(true);
        expect(transitionCycle(hr, cycleId, "publish", version(cycleId), NOW).ok).toBe(true);
        const request = new Map<number, number>();
        ops.forEach((o, step) => {
          const now = new Date(NOW.getTime() + step * 3_600_000);
          const me = mentees[o.mentee]!;
          const pair = getDb()
            .select()
            .from(schema.mentorPairs)
            .where(eq(schema.mentorPairs.menteeId, me.viewer.id))
            .all()
            .find((p) => p.status === "active" || (p.status === "ended_early" && p.needsRematch));
          if (o.kind === "ask") {
            const r = askMentor(me, cycleId, { mentorId: mentors[o.mentor]!.viewer.id, message: "" }, now);
            if (r.ok) request.set(o.mentee, r.id);
          } else if (o.kind === "accept" || o.kind === "decline") {
            const id = request.get(o.mentee);
            const req = id ? getDb().select().from(schema.mentorRequests).where(eq(schema.mentorRequests.id, id)).get() : undefined;
            const mentor = mentors.find((m) => m.viewer.id === req?.mentorId);
            if (id && mentor) decideRequest(mentor, id, o.kind, now);
          } else if (o.kind === "end" && pair?.status === "active") {
            endPairEarly(me, pair.id, pair.version, "理由", now);
          } else if (o.kind === "rematch" && pair) {
            rematch(hr, pair.id, mentors[o.mentor]!.viewer.id, now);
          }
          const pairs = getDb().select().from(schema.mentorPairs).where(eq(schema.mentorPairs.cycleId, cycleId)).all();
          const holding = pairs.filter((p) => SEAT_HOLDING_STATUSES.includes(p.status));
          mentors.forEach((m, i) => expect(holding.filter((p) => p.mentorId === m.viewer.id).length).toBeLessThanOrEqual(capacities[i]!));
          expect(new Set(holding.map((p) => p.menteeId)).size).toBe(holding.length);
          for (const p of holding) {
            const mentee = mentees.find((x) => x.viewer.id === p.menteeId)!;
            const mentor = mentors.find((x) => x.viewer.id === p.mentorId)!;
            expect(mentee.viewer.orgUnitId).not.toBe(mentor.viewer.orgUnitId);
            if (mentor === chief) expect(mentees.indexOf(mentee) % 2).toBe(1);
          }
        });
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bruteForceOptimum, realisticPool } from "./fixtures";
import { hardRuleViolation, proposeMatching, scorePair } from "./index";
import { scoreOnly } from "./rules";
import type { MatchInput, MatchMentee, MatchMentor, MatchWeights, Proposal } from "./types";

const TOPICS = ["career", "work", "relations", "family"];
const JOBS = ["行政事務", "土木", "保健師"];

/**
 * Small pools where hard rules bite often: ids 1–9 shared by both sides (so the same person can
 * appear on both), 3 課 in 2 局, supervisor lines drawn from the same ids.
 */
const personFields = {
  unitId: fc.integer({ min: 1, max: 3 }),
  jobCategory: fc.constantFrom(...JOBS),
  supervisorLine: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 2 }),
  topics: fc.subarray(TOPICS),
};
const menteeArb = fc.record({
  ...personFields,
  preferredMentors: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 3 }),
  prefersSameJobCategory: fc.boolean(),
  prefersOtherBureau: fc.boolean(),
});
const mentorArb = fc.record({ ...personFields, capacity: fc.integer({ min: 0, max: 3 }) });
const weightsArb: fc.Arbitrary<MatchWeights> = fc.record({
  topic: fc.integer({ min: 0, max: 20 }),
  sameJobCategory: fc.integer({ min: 0, max: 20 }),
  preference: fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })),
  preferredAttribute: fc.integer({ min: 0, max: 20 }),
});

const poolArb = (maxMentees: number, maxMentors: number): fc.Arbitrary<MatchInput> =>
  fc
    .record({
      menteeIds: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: maxMentees }),
      mentorIds: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: maxMentors }),
      weights: weightsArb,
    })
    .chain(({ menteeIds, mentorIds, weights }) =>
      fc.record({
        mentees: fc.tuple(...menteeIds.map((id) => menteeArb.map((f): MatchMentee => ({ ...f, employeeId: id, bureauId: f.unitId === 3 ? 2 : 1 })))),
        mentors: fc.tuple(...mentorIds.map((id) => mentorArb.map((f): MatchMentor => ({ ...f, employeeId: id, bureauId: f.unitId === 3 ? 2 : 1 })))),
        weights: fc.constant(weights),
      }),
    );

function checkFeasible(input: MatchInput, p: Proposal): void {
  const menteeSeen = new Set<number>();
  const used = new Map<number, number>();
  for (const pair of p.pairs) {
    const a = input.mentees.find((x) => x.employeeId === pair.menteeId)!;
    const b = input.mentors.find((x) => x.employeeId === pair.mentorId)!;
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(hardRuleViolation(a, b)).toBeNull();
    expect(menteeSeen.has(a.employeeId)).toBe(false);
    menteeSeen.add(a.employeeId);
    used.set(b.employeeId, (used.get(b.employeeId) ?? 0) + 1);
    expect(pair.score).toBe(scorePair(a, b, input.weights).score);
  }
  for (const b of input.mentors) expect(used.get(b.employeeId) ?? 0).toBeLessThanOrEqual(Math.max(0, b.capacity));
  // Everyone is accounted for exactly once.
  const unmatched = new Set(p.unmatched.map((u) => u.menteeId));
  for (const a of input.mentees) expect(menteeSeen.has(a.employeeId) !== unmatched.has(a.employeeId)).toBe(true);
  expect(p.totalScore).toBe(p.pairs.reduce((s, x) => s + x.score, 0));
}

/** The tie value of the stated rule: Σ (n − i)(m − j) over pairs, by ascending employeeId. */
function tieValue(input: MatchInput, pairs: readonly { menteeId: number; mentorId: number }[]): number {
  const menteeIds = input.mentees.map((x) => x.employeeId).sort((a, b) => a - b);
  const mentorIds = input.mentors.map((x) => x.employeeId).sort((a, b) => a - b);
  const n = menteeIds.length;
  const m = mentorIds.length;
  return pairs.reduce((s, x) => s + (n - menteeIds.indexOf(x.menteeId)) * (m - mentorIds.indexOf(x.mentorId)), 0);
}

const allowedScore = (input: MatchInput) => (i: number, j: number) => {
  const a = input.mentees[i]!;
  const b = input.mentors[j]!;
  return hardRuleViolation(a, b) === null ? scorePair(a, b, input.weights).score : null;
};

describe("proposeMatching, for any pool", () => {
  it("never breaks a hard rule, never exceeds a capacity, one mentor per mentee at most", async () => {
    await fc.assert(
      fc.asyncProperty(poolArb(9, 9), async (input) => {
        checkFeasible(input, await proposeMatching(input));
      }),
      { numRuns: 300 },
    );
  });

  it("equals the brute-force optimum (most matched, then total score) on pools up to 6 × 4", async () => {
    await fc.assert(
      fc.asyncProperty(poolArb(6, 4), async (input) => {
        const p = await proposeMatching(input);
        const best = bruteForceOptimum(input, allowedScore(input));
        expect({ matched: p.pairs.length, total: p.totalScore }).toEqual({ matched: best.matched, total: best.total });
      }),
      { numRuns: 300 },
    );
  });

  it("among equal optima, takes the one the tie rule prefers", async () => {
    await fc.assert(
      fc.asyncProperty(poolArb(5, 4), async (input) => {
        const p = await proposeMatching(input);
        // Brute force over (matched, total, tie) in that order.
        const n = input.mentees.length;
        const left = input.mentors.map((m) => Math.max(0, m.capacity));
        const score = allowedScore(input);
        let best = { matched: -1, total: -1, tie: -1 };
        const chosen: { menteeId: number; mentorId: number }[] = [];
        const walk = (i: number, total: number) => {
          if (i === n) {
            const cand = { matched: chosen.length, total, tie: tieValue(input, chosen) };
            if (cand.matched > best.matched || (cand.matched === best.matched && (cand.total > best.total || (cand.total === best.total && cand.tie > best.tie)))) best = cand;
            return;
          }
          walk(i + 1, total);
          input.mentors.forEach((mt, j) => {
            const s = score(i, j);
            if (s === null || left[j]! <= 0) return;
            left[j]!--;
            chosen.push({ menteeId: input.mentees[i]!.employeeId, mentorId: mt.employeeId });
            walk(i + 1, total + s);
            chosen.pop();
            left[j]!++;
          });
        };
        walk(0, 0);
        expect({ matched: p.pairs.length, total: p.totalScore, tie: tieValue(input, p.pairs) }).toEqual(best);
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same proposal for the pool in any order", async () => {
    await fc.assert(
      fc.asyncProperty(
        poolArb(8, 6).chain((input) => fc.record({ input: fc.constant(input), mentees: fc.shuffledSubarray([...input.mentees], { minLength: input.mentees.length }), mentors: fc.shuffledSubarray([...input.mentors], { minLength: input.mentors.length }) })),
        async ({ input, mentees, mentors }) => {
          expect(await proposeMatching({ ...input, mentees, mentors })).toEqual(await proposeMatching(input));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("explains every unmatched mentee: no allowed mentor exactly when none has a seat and keeps the rules", async () => {
    await fc.assert(
      fc.asyncProperty(poolArb(9, 5), async (input) => {
        const p = await proposeMatching(input);
        for (const u of p.unmatched) {
          const a = input.mentees.find((x) => x.employeeId === u.menteeId)!;
          const anyAllowed = input.mentors.some((b) => b.capacity > 0 && hardRuleViolation(a, b) === null);
          expect(u.reason).toBe(anyAllowed ? "capacity_taken" : "no_allowed_mentor");
          expect(u.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("scores every pair the same on the fast path the solver uses as on the labelled one", () => {
    fc.assert(
      fc.property(menteeArb, mentorArb, weightsArb, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (a, b, w, ia, ib) => {
        const mentee = { ...a, employeeId: ia, bureauId: 1 };
        const mentor = { ...b, employeeId: ib, bureauId: b.unitId };
        expect(scoreOnly(mentee, mentor, w, new Set(mentor.topics))).toBe(scorePair(mentee, mentor, w).score);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the worker thread", () => {
  it("returns exactly what the inline solve returns, for a realistic pool", async () => {
    const input = realisticPool(11, 120, 45);
    const inline = await proposeMatching(input, { thread: "inline" });
    const worker = await proposeMatching(input, { thread: "worker" });
    expect(worker).toEqual(inline);
    checkFeasible(input, worker);
    expect(worker.pairs.length).toBeGreaterThan(60);
  });

  it("leaves the event loop free while it solves (a large pool goes to the worker by default)", async () => {
    const input = realisticPool(13, 300, 100);
    let ranMeanwhile = false;
    const pending = proposeMatching(input);
    setImmediate(() => (ranMeanwhile = true));
    const p = await pending;
    expect(ranMeanwhile).toBe(true);
    checkFeasible(input, p);

    // Inline, the same call holds the thread until it is done.
    let ranInline = false;
    const inline = proposeMatching(input, { thread: "inline" });
    setImmediate(() => (ranInline = true));
    expect(await inline).toEqual(p);
    expect(ranInline).toBe(false);
  });

  it("solves in bigint too", async () => {
    const input = { ...realisticPool(12, 20, 8), weights: { topic: 10_000_000_000_000, sameJobCategory: 3, preference: [5, 3, 1] as const, preferredAttribute: 1 } };
    expect(await proposeMatching(input, { thread: "worker" })).toEqual(await proposeMatching(input, { thread: "inline" }));
  });
});

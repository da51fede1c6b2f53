import { describe, expect, it } from "vitest";
import { DEFAULT_TEST_WEIGHTS, TOPIC_ONLY, mentee, mentor, realisticPool, seededRandom } from "./fixtures";
import { greedyMatching } from "./greedy";
import { hardRuleMessage, hardRuleViolation, proposeMatching, scorePair } from "./index";
import { buildCostMatrix, preparePool } from "./propose";
import type { MatchInput, Proposal } from "./types";

const topics = (prefix: string, count: number) => Array.from({ length: count }, (_, k) => `${prefix}${k + 1}`);
const pairsOf = (p: Proposal) => p.pairs.map((x) => [x.menteeId, x.mentorId]);

describe("hardRuleViolation", () => {
  it("allows a pair from another 課 outside each other's supervisor line", () => {
    expect(hardRuleViolation(mentee(1, { unitId: 11, supervisorLine: [7, 8] }), mentor(2, { unitId: 12, supervisorLine: [9] }))).toBeNull();
  });

  it("never pairs a person with themselves", () => {
    expect(hardRuleViolation(mentee(1), mentor(1))).toBe("same_person");
  });

  it("never pairs two people of the same 課, even across 局 data", () => {
    expect(hardRuleViolation(mentee(1, { unitId: 30 }), mentor(2, { unitId: 30, bureauId: 9 }))).toBe("same_unit");
  });

  it("never pairs a mentee with anyone up their supervisor line, up to the 局長", () => {
    const m = mentee(1, { unitId: 11, supervisorLine: [50, 60, 70] });
    for (const boss of [50, 60, 70]) expect(hardRuleViolation(m, mentor(boss, { unitId: 99 }))).toBe("supervisor_line");
  });

  it("never pairs a mentor with someone up the mentor's own line (the other direction)", () => {
    expect(hardRuleViolation(mentee(70, { unitId: 11 }), mentor(2, { unitId: 12, supervisorLine: [50, 70] }))).toBe("supervisor_line");
  });

  it("has a sentence for each rule", () => {
    expect(hardRuleMessage("same_unit")).toBe("同じ課の職員同士は組み合わせられません");
    expect(hardRuleMessage("supervisor_line")).toContain("上司");
    expect(hardRuleMessage("same_person")).toContain("同じ職員");
  });
});

describe("scorePair", () => {
  it("adds topics, 職種, the preference rank and the preferred attributes, each as a labelled term", () => {
    const me = mentee(1, {
      unitId: 11,
      bureauId: 1,
      jobCategory: "保健師",
      topics: ["career", "relations", "family"],
      preferredMentors: [5, 2],
      prefersSameJobCategory: true,
      prefersOtherBureau: true,
    });
    const mt = mentor(2, { unitId: 21, bureauId: 2, jobCategory: "保健師", topics: ["relations", "career", "transfer"] });
    const labels = { career: "キャリア形成", relations: "人間関係" };
    const { score, terms } = scorePair(me, mt, { topic: 10, sameJobCategory: 5, preference: [30, 20, 10], preferredAttribute: 3 }, labels);
    expect(terms.map((t) => t.label)).toEqual([
      "共通の相談分野: キャリア形成・人間関係（+20）",
      "同じ職種（保健師）（+5）",
      "第2希望のメンター（+20）",
      "希望の条件「同じ職種」に合う（+3）",
      "希望の条件「別の局・区」に合う（+3）",
    ]);
    expect(score).toBe(20 + 5 + 20 + 3 + 3);
  });

  it("shows the 1st preference and leaves out what does not count", () => {
    const me = mentee(1, { topics: ["career"], preferredMentors: [2], prefersOtherBureau: true, jobCategory: "土木" });
    const mt = mentor(2, { topics: ["work"], bureauId: 1, jobCategory: "建築" });
    expect(scorePair(me, mt, DEFAULT_TEST_WEIGHTS)).toEqual({ score: 30, terms: [{ kind: "preference", label: "第1希望のメンター（+30）", points: 30 }] });
  });

  it("scores 0 with no terms when nothing is shared", () => {
    expect(scorePair(mentee(1, { jobCategory: "土木" }), mentor(2), DEFAULT_TEST_WEIGHTS)).toEqual({ score: 0, terms: [] });
  });
});

describe("proposeMatching", () => {
  it("finds the optimum where taking the best pair first is wrong", async () => {
    // A–X 10, A–Y 9, B–X 8, B–Y 0. Greedy takes A–X (10) and leaves B with Y (0): 10 in all.
    // The optimum gives A to Y and B to X: 9 + 8 = 17.
    const input: MatchInput = {
      mentees: [mentee(1, { topics: topics("t", 10) }), mentee(2, { topics: topics("u", 8) })],
      mentors: [mentor(10, { topics: [...topics("t", 10), ...topics("u", 8)] }), mentor(20, { topics: topics("t", 9) })],
      weights: TOPIC_ONLY,
    };
    const p = await proposeMatching(input);
    expect(pairsOf(p)).toEqual([
      [1, 20],
      [2, 10],
    ]);
    expect(p.totalScore).toBe(17);
    expect(p.unmatched).toEqual([]);
    const greedy = greedyMatching(input);
    expect(pairsOf(greedy)).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(greedy.totalScore).toBe(10);
  });

  it("matches as many mentees as it can before it looks at the score", async () => {
    // A would score 50 with X, 40 with Y; B may only take X (Y is in B's 課) and scores 0 there.
    // Two pairs at 40 beat one pair at 50.
    const input: MatchInput = {
      mentees: [mentee(1, { topics: topics("t", 50) }), mentee(2, { unitId: 200 })],
      mentors: [mentor(10, { topics: topics("t", 50) }), mentor(20, { unitId: 200, topics: topics("t", 40) })],
      weights: TOPIC_ONLY,
    };
    const p = await proposeMatching(input);
    expect(pairsOf(p)).toEqual([
      [1, 20],
      [2, 10],
    ]);
    expect(p.totalScore).toBe(40);
  });

  it("never gives a mentor more mentees than their free seats", async () => {
    const everyone = topics("t", 3);
    const input: MatchInput = {
      mentees: [1, 2, 3, 4, 5].map((id) => mentee(id, { topics: everyone })),
      mentors: [mentor(10, { topics: everyone, capacity: 2 }), mentor(20, { topics: topics("t", 1), capacity: 1 }), mentor(30, { topics: everyone, capacity: 0 })],
      weights: TOPIC_ONLY,
    };
    const p = await proposeMatching(input);
    expect(p.pairs.filter((x) => x.mentorId === 10)).toHaveLength(2);
    expect(p.pairs.filter((x) => x.mentorId === 20)).toHaveLength(1);
    expect(p.pairs.filter((x) => x.mentorId === 30)).toHaveLength(0);
    expect(p.totalScore).toBe(3 + 3 + 1);
    expect(p.unmatched.map((u) => u.reason)).toEqual(["capacity_taken", "capacity_taken"]);
  });

  it("keeps every hard rule even when the broken pair would score best", async () => {
    const rich = topics("t", 6);
    const me = mentee(1, { unitId: 11, supervisorLine: [30], topics: rich });
    const input: MatchInput = {
      mentees: [me, mentee(2, { unitId: 12, topics: rich })],
      mentors: [
        mentor(1, { unitId: 13, topics: rich, capacity: 3 }), // the mentee themself
        mentor(20, { unitId: 11, topics: rich, capacity: 3 }), // same 課
        mentor(30, { unitId: 14, topics: rich, capacity: 3 }), // mentee 1's 課長
        mentor(40, { unitId: 15, supervisorLine: [2], topics: rich, capacity: 3 }), // mentee 2 is above this mentor
        mentor(50, { unitId: 16, topics: topics("t", 1), capacity: 3 }),
      ],
      weights: TOPIC_ONLY,
    };
    const p = await proposeMatching(input);
    expect(pairsOf(p)).toEqual([
      [1, 40],
      [2, 1],
    ]);
    for (const pair of p.pairs) {
      const a = input.mentees.find((x) => x.employeeId === pair.menteeId)!;
      const b = input.mentors.find((x) => x.employeeId === pair.mentorId)!;
      expect(hardRuleViolation(a, b)).toBeNull();
    }
  });

  it("gives a free seat to a mentee even when the pair scores 0", async () => {
    const p = await proposeMatching({ mentees: [mentee(1, { jobCategory: "土木" })], mentors: [mentor(2)], weights: DEFAULT_TEST_WEIGHTS });
    expect(p.pairs).toEqual([{ menteeId: 1, mentorId: 2, score: 0, terms: [] }]);
  });

  it("breaks ties by employeeId: smaller mentees matched first, smaller with smaller", async () => {
    // Five mentees, all scoring 0 with a mentor of 2 seats: the two smallest employeeIds get them.
    const seats = await proposeMatching({ mentees: [5, 4, 2, 8, 6].map((id) => mentee(id)), mentors: [mentor(7, { capacity: 2 })], weights: TOPIC_ONLY });
    expect(pairsOf(seats)).toEqual([
      [2, 7],
      [4, 7],
    ]);
    expect(seats.unmatched.map((u) => u.menteeId)).toEqual([5, 6, 8]);
    // Two by two, all equal: smaller with smaller.
    const crossed = await proposeMatching({ mentees: [mentee(3), mentee(1)], mentors: [mentor(20), mentor(10)], weights: TOPIC_ONLY });
    expect(pairsOf(crossed)).toEqual([
      [1, 10],
      [3, 20],
    ]);
  });

  it("returns the same proposal for the same pool in any order", async () => {
    const input = realisticPool(7, 40, 15);
    const first = await proposeMatching(input);
    const rnd = seededRandom(99);
    const shuffle = <T>(xs: readonly T[]) => {
      const a = [...xs];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      return a;
    };
    for (let k = 0; k < 5; k++) {
      const again = await proposeMatching({ ...input, mentees: shuffle(input.mentees), mentors: shuffle(input.mentors) });
      expect(again).toEqual(first);
    }
    expect(first.pairs.length).toBeGreaterThan(0);
  });

  it("is exact with weights too large for a double (bigint): the same pairs as at small weights, scaled", async () => {
    const input: MatchInput = {
      mentees: [mentee(1, { topics: topics("t", 10) }), mentee(2, { topics: topics("u", 8) })],
      mentors: [mentor(10, { topics: [...topics("t", 10), ...topics("u", 8)] }), mentor(20, { topics: topics("t", 9) })],
      weights: { ...TOPIC_ONLY, topic: 10_000_000_000_007 },
    };
    expect(buildCostMatrix(preparePool(input)).matrix.kind).toBe("bigint");
    const p = await proposeMatching(input);
    expect(pairsOf(p)).toEqual([
      [1, 20],
      [2, 10],
    ]);
    expect(p.totalScore).toBe(17 * 10_000_000_000_007);
  });

  it("throws when the same person is passed twice on one side", async () => {
    await expect(proposeMatching({ mentees: [mentee(1), mentee(1)], mentors: [], weights: TOPIC_ONLY })).rejects.toThrow(/twice/);
  });

  it("refuses weights that are not whole non-negative points", async () => {
    for (const weights of [{ ...TOPIC_ONLY, topic: 1.5 }, { ...TOPIC_ONLY, sameJobCategory: -1 }, { ...TOPIC_ONLY, preference: [1, 2] as unknown as [number, number, number] }]) {
      await expect(proposeMatching({ mentees: [mentee(1)], mentors: [mentor(2)], weights })).rejects.toThrow(/non-negative integers/);
    }
  });

  it("returns an empty proposal for an empty pool", async () => {
    expect(await proposeMatching({ mentees: [], mentors: [mentor(1)], weights: TOPIC_ONLY })).toEqual({ pairs: [], unmatched: [], totalScore: 0 });
  });
});

describe("why a mentee is left unmatched", () => {
  it("says there is no mentor with a free seat", async () => {
    const p = await proposeMatching({ mentees: [mentee(1)], mentors: [mentor(2, { capacity: 0 })], weights: TOPIC_ONLY });
    expect(p.unmatched).toEqual([{ menteeId: 1, reason: "no_allowed_mentor", message: "今回、受け入れ枠のあるメンターがいません。" }]);
  });

  it("says every mentor breaks a hard rule", async () => {
    const p = await proposeMatching({
      mentees: [mentee(1, { unitId: 5, supervisorLine: [3] })],
      mentors: [mentor(2, { unitId: 5 }), mentor(3, { unitId: 6 })],
      weights: TOPIC_ONLY,
    });
    expect(p.unmatched[0]).toEqual({
      menteeId: 1,
      reason: "no_allowed_mentor",
      message: "受け入れ枠のあるメンター（2名）は全員、同じ課か上司と部下の系列にあたるため組み合わせられません。",
    });
  });

  it("says when the only preferred mentor is in the mentee's supervisor line", async () => {
    const p = await proposeMatching({
      mentees: [mentee(1, { unitId: 5, supervisorLine: [3], preferredMentors: [3] })],
      mentors: [mentor(3, { unitId: 7 })],
      weights: DEFAULT_TEST_WEIGHTS,
    });
    expect(p.unmatched).toEqual([
      {
        menteeId: 1,
        reason: "no_allowed_mentor",
        message: "希望したメンターは所属の上司の系列にあたるため組み合わせられません。受け入れ枠のあるメンター（1名）は、同じ課か上司と部下の系列にあたるため組み合わせられません。",
      },
    ]);
  });

  it("names the supervisor line for every preferred mentor, then the capacity", async () => {
    const p = await proposeMatching({
      mentees: [mentee(1, { unitId: 5, supervisorLine: [3, 6], preferredMentors: [3, 6] }), mentee(2, { unitId: 9, topics: ["career"] })],
      mentors: [mentor(3, { unitId: 7 }), mentor(6, { unitId: 70 }), mentor(4, { unitId: 8, topics: ["career"] })].map((m) =>
        m.employeeId === 4 ? m : { ...m, capacity: 1 },
      ),
      weights: DEFAULT_TEST_WEIGHTS,
    });
    // Mentee 2 can take any of the three; mentee 1 only mentor 4. Both are matched.
    expect(pairsOf(p)).toEqual([
      [1, 4],
      [2, 3],
    ]);

    const crowded = await proposeMatching({
      mentees: [mentee(1, { unitId: 5, supervisorLine: [3, 6], preferredMentors: [3, 6] }), mentee(2, { unitId: 9, topics: ["career"] })],
      mentors: [mentor(3, { unitId: 7 }), mentor(6, { unitId: 70 }), mentor(4, { unitId: 8, topics: ["career"] })].map((m) =>
        m.employeeId === 4 ? m : { ...m, capacity: 0 },
      ),
      weights: DEFAULT_TEST_WEIGHTS,
    });
    // Only mentor 4 has a seat; mentee 2 scores 10 with them, mentee 1 scores 0: 2 gets it.
    expect(pairsOf(crowded)).toEqual([[2, 4]]);
    expect(crowded.unmatched).toEqual([
      {
        menteeId: 1,
        reason: "capacity_taken",
        message:
          "希望したメンターは全員、所属の上司の系列にあたるため組み合わせられません。組み合わせ可能なメンター（1名）の受け入れ枠は、全体でより多くの人が組めて合計点が最も高くなるよう、ほかのメンティに割り当てられました。",
      },
    ]);
  });

  it("says which way each preferred mentor is blocked when the reasons differ", async () => {
    const p = await proposeMatching({
      mentees: [mentee(1, { unitId: 5, supervisorLine: [3], preferredMentors: [4, 3, 1] }), mentee(2, { unitId: 6, topics: ["career"] })],
      mentors: [mentor(1, { unitId: 9 }), mentor(3, { unitId: 7 }), mentor(4, { unitId: 5 }), mentor(8, { unitId: 8, topics: ["career"] })],
      weights: DEFAULT_TEST_WEIGHTS,
    });
    // Mentee 1 may take only mentor 8, so both are matched; the reasons show only when unmatched.
    expect(p.unmatched).toEqual([]);
    const alone = await proposeMatching({
      mentees: [mentee(1, { unitId: 5, supervisorLine: [3], preferredMentors: [4, 3, 1] })],
      mentors: [mentor(1, { unitId: 9 }), mentor(3, { unitId: 7 }), mentor(4, { unitId: 5 })],
      weights: DEFAULT_TEST_WEIGHTS,
    });
    expect(alone.unmatched[0]!.message).toBe(
      "希望したメンターは全員、組み合わせられません（第1希望: 同じ課、第2希望: 所属の上司の系列、第3希望: 本人）。受け入れ枠のあるメンター（3名）は全員、同じ課か上司と部下の系列にあたるため組み合わせられません。",
    );
  });

  it("says when a preferred mentor is in the same 課, or the mentee is above them", async () => {
    const sameUnit = await proposeMatching({ mentees: [mentee(1, { unitId: 5, preferredMentors: [4] })], mentors: [mentor(4, { unitId: 5 })], weights: TOPIC_ONLY });
    expect(sameUnit.unmatched[0]!.message).toMatch(/^希望したメンターは同じ課のため組み合わせられません。/);
    const above = await proposeMatching({ mentees: [mentee(1, { unitId: 5, preferredMentors: [4] })], mentors: [mentor(4, { unitId: 6, supervisorLine: [1] })], weights: TOPIC_ONLY });
    expect(above.unmatched[0]!.message).toMatch(/^希望したメンターはメンティが上司にあたる系列のため組み合わせられません。/);
  });

  it("says when the preferred mentor did not register or has no seat left", async () => {
    const p = await proposeMatching({
      mentees: [mentee(1, { preferredMentors: [77, 3] })],
      mentors: [mentor(3, { capacity: 0 })],
      weights: TOPIC_ONLY,
    });
    expect(p.unmatched[0]!.message).toBe("希望したメンターは全員、組み合わせられません（第1希望: メンター登録なし、第2希望: 受け入れ枠なし）。今回、受け入れ枠のあるメンターがいません。");
  });
});

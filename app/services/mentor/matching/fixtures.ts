/**
 * Small builders for match inputs, shared by the engine's tests and the bench. Not imported by
 * the engine itself.
 */
import type { MatchInput, MatchMentee, MatchMentor, MatchPerson, MatchWeights } from "./types";

export const DEFAULT_TEST_WEIGHTS: MatchWeights = { topic: 10, sameJobCategory: 5, preference: [30, 20, 10], preferredAttribute: 5 };

/** Only topics count, one point each — for cases whose optimum is worked out by hand. */
export const TOPIC_ONLY: MatchWeights = { topic: 1, sameJobCategory: 0, preference: [0, 0, 0], preferredAttribute: 0 };

function person(employeeId: number, over: Partial<MatchPerson>): MatchPerson {
  return { employeeId, unitId: employeeId * 10, bureauId: 1, jobCategory: "行政事務", supervisorLine: [], ...over };
}

export function mentee(employeeId: number, over: Partial<MatchMentee> = {}): MatchMentee {
  return { ...person(employeeId, over), topics: [], preferredMentors: [], prefersSameJobCategory: false, prefersOtherBureau: false, ...over };
}

export function mentor(employeeId: number, over: Partial<MatchMentor> = {}): MatchMentor {
  return { ...person(employeeId, over), topics: [], capacity: 1, ...over };
}

/** Best (most matched, then highest total) over every assignment — for pools up to about 6 × 4. */
export function bruteForceOptimum(input: MatchInput, allowedScore: (menteeIndex: number, mentorIndex: number) => number | null): { matched: number; total: number } {
  const n = input.mentees.length;
  const left = input.mentors.map((m) => Math.max(0, Math.floor(m.capacity)));
  let best = { matched: 0, total: 0 };
  const walk = (i: number, matched: number, total: number) => {
    if (i === n) {
      if (matched > best.matched || (matched === best.matched && total > best.total)) best = { matched, total };
      return;
    }
    walk(i + 1, matched, total);
    input.mentors.forEach((_, j) => {
      const s = allowedScore(i, j);
      if (s === null || left[j]! <= 0) return;
      left[j]!--;
      walk(i + 1, matched + 1, total + s);
      left[j]!++;
    });
  };
  walk(0, 0, 0);
  return best;
}

/** A deterministic pseudo-random generator (mulberry32), so seeded data is the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TOPICS = ["career", "work", "relations", "family", "specialist", "transfer"] as const;
const JOB_CATEGORIES = ["行政事務", "行政事務", "行政事務", "土木", "建築", "保健師", "福祉", "電気"];

/**
 * A city-like pool: 局/区 with 課, each 課 with a 課長 and staff whose supervisor line runs
 * 係長 → 課長 → 部長 → 局長; mentors are senior staff, mentees junior, with topics, 職種 and up to
 * three named preferences (some of them inside their own supervisor line).
 */
export function realisticPool(seed: number, menteeCount: number, mentorCount: number, weights: MatchWeights = DEFAULT_TEST_WEIGHTS): MatchInput {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const bureaus = 30;
  const unitsPerBureau = 12;
  // Managers per bureau/unit: ids far from the staff ids.
  const chief = (b: number) => 900_000 + b;
  const director = (b: number, u: number) => 910_000 + b * 10 + Math.floor(u / 4);
  const head = (b: number, u: number) => 950_000 + b * 100 + u;
  const place = () => {
    const b = Math.floor(rnd() * bureaus);
    const u = Math.floor(rnd() * unitsPerBureau);
    return { bureauId: b + 1, unitId: (b + 1) * 100 + u, line: [head(b, u), director(b, u), chief(b)] };
  };
  const topics = () => TOPICS.filter(() => rnd() < 0.35);

  const mentors: MatchMentor[] = [];
  const seen = new Set<number>();
  for (let k = 0; mentors.length < mentorCount; k++) {
    const p = place();
    // Some mentors are themselves the 課長 of a 課 (then they are in their staff's line).
    const isHead = rnd() < 0.2;
    const b = p.bureauId - 1;
    const u = p.unitId - p.bureauId * 100;
    const employeeId = isHead ? head(b, u) : 500_000 + k;
    // Two draws may land on the same 課長; each person registers once.
    if (seen.has(employeeId)) continue;
    seen.add(employeeId);
    mentors.push({
      employeeId,
      unitId: p.unitId,
      bureauId: p.bureauId,
      jobCategory: pick(JOB_CATEGORIES),
      supervisorLine: isHead ? [director(b, u), chief(b)] : p.line,
      topics: topics(),
      capacity: 1 + Math.floor(rnd() * 3),
    });
  }

  const mentees: MatchMentee[] = [];
  for (let k = 0; k < menteeCount; k++) {
    const p = place();
    const prefs: number[] = [];
    const wanted = Math.floor(rnd() * 4);
    for (let t = 0; t < wanted; t++) {
      // Now and then a mentee names their own 課長, which the hard rules refuse.
      const id = rnd() < 0.1 ? p.line[0]! : pick(mentors).employeeId;
      if (!prefs.includes(id)) prefs.push(id);
    }
    mentees.push({
      employeeId: 100_000 + k,
      unitId: p.unitId,
      bureauId: p.bureauId,
      jobCategory: pick(JOB_CATEGORIES),
      supervisorLine: p.line,
      topics: topics(),
      preferredMentors: prefs,
      prefersSameJobCategory: rnd() < 0.3,
      prefersOtherBureau: rnd() < 0.3,
    });
  }
  return { mentees, mentors, weights };
}

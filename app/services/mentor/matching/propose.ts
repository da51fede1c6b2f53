/**
 * The whole-pool proposal: the exact optimum over all mentees and mentors at once.
 *
 * Objective, in strict order of priority:
 *   1. as many mentees matched as possible (a mentee with an allowed mentor at score 0 still gets
 *      a free seat);
 *   2. then the largest total score;
 *   3. then, among proposals equal on both, the tie rule: the largest Σ (n − i)(m − j) over the
 *      pairs, where i and j are the 0-based positions of mentee and mentor in ascending
 *      employeeId (n mentees, m mentors). It prefers matching mentees with smaller employeeIds
 *      and pairing smaller with smaller.
 * The three are folded into one integer weight per pair, (M + score)·K + tie, with M larger than
 * any total score and K larger than any total tie value, so no amount of a lower priority can
 * buy a higher one. Any tie left after rule 3 is settled by the solver on the input sorted by
 * employeeId, so the proposal depends on the set of people and the weights, never on the order
 * they were passed in.
 */
import { solve, solveAssignment, type CostMatrix, type SolveThread } from "./assignment";
import { hardRuleReason, hardRuleViolation, scoreOnly, scorePair, type BlockedReason, type TopicLabels } from "./rules";
import type { MatchInput, MatchMentee, MatchMentor, MatchWeights, Proposal, ProposedPair, UnmatchedMentee } from "./types";

export type MatchOptions = {
  /** Labels for topic keys in the score terms. */
  topicLabels?: TopicLabels;
  /** Where the solver runs; default "auto" (a worker thread for a large pool). */
  thread?: SolveThread;
};

type Candidate = { mentor: number; score: number };

/** Everything about the pool that the solver and the explanations need, in canonical order. */
export type PreparedPool = {
  mentees: MatchMentee[];
  mentors: MatchMentor[];
  /** Free seats per mentor (capacity clamped to a non-negative integer). */
  seats: number[];
  /** Per mentee: the allowed mentors that have a seat, with the pair's score (mentor index ascending). */
  candidates: Candidate[][];
  weights: MatchWeights;
  options: MatchOptions;
};

const byEmployeeId = (a: { employeeId: number }, b: { employeeId: number }) => a.employeeId - b.employeeId;

function assertUnique(people: readonly { employeeId: number }[], what: string): void {
  for (let i = 1; i < people.length; i++) {
    if (people[i]!.employeeId === people[i - 1]!.employeeId) throw new Error(`${what} ${people[i]!.employeeId} appears twice in the match input`);
  }
}

/** The exact arithmetic needs whole, non-negative points; the cycle form keeps them so. */
function assertWeights(w: MatchWeights): void {
  const all = [w.topic, w.sameJobCategory, ...w.preference, w.preferredAttribute];
  if (w.preference.length !== 3 || !all.every((x) => Number.isSafeInteger(x) && x >= 0)) {
    throw new Error(`match weights must be non-negative integers: ${JSON.stringify(w)}`);
  }
}

export function preparePool(input: MatchInput, options: MatchOptions = {}): PreparedPool {
  assertWeights(input.weights);
  const mentees = [...input.mentees].sort(byEmployeeId);
  const mentors = [...input.mentors].sort(byEmployeeId);
  assertUnique(mentees, "mentee");
  assertUnique(mentors, "mentor");
  const seats = mentors.map((m) => (Number.isFinite(m.capacity) ? Math.max(0, Math.floor(m.capacity)) : 0));
  const offered = mentors.map((m) => new Set(m.topics));
  const candidates = mentees.map((mentee) => {
    const list: Candidate[] = [];
    mentors.forEach((mentor, j) => {
      if (seats[j]! <= 0 || hardRuleViolation(mentee, mentor) !== null) return;
      list.push({ mentor: j, score: scoreOnly(mentee, mentor, input.weights, offered[j]!) });
    });
    return list;
  });
  return { mentees, mentors, seats, candidates, weights: input.weights, options };
}

/** The solver's problem: only mentees with a candidate, only mentors some mentee can take, seats capped by demand. */
export function buildCostMatrix(pool: PreparedPool): { matrix: CostMatrix; rowMentee: number[]; colMentor: number[] } {
  const n = pool.mentees.length;
  const m = pool.mentors.length;
  const rowMentee: number[] = [];
  const demand = new Array<number>(m).fill(0);
  let maxScore = 0;
  pool.candidates.forEach((list, i) => {
    if (list.length === 0) return;
    rowMentee.push(i);
    for (const c of list) {
      demand[c.mentor]!++;
      if (c.score > maxScore) maxScore = c.score;
    }
  });
  const colMentor: number[] = [];
  for (let j = 0; j < m; j++) {
    const cols = Math.min(pool.seats[j]!, demand[j]!);
    for (let k = 0; k < cols; k++) colMentor.push(j);
  }
  const rows = rowMentee.length;
  const cols = colMentor.length;
  const maxPairs = Math.min(rows, cols);

  // Big-M folding of the three priorities into one weight (see the header). M must exceed the
  // total score of any matching: at most the sum of the maxPairs best per-mentee scores. K must
  // exceed the tie total of any matching: by the rearrangement inequality at most the sum of
  // the products of the largest row factors (n − i) with the largest seat factors (m − j), both
  // already in descending order here.
  const bestScores = rowMentee.map((i) => Math.max(...pool.candidates[i]!.map((c) => c.score))).sort((a, b) => b - a);
  let scoreBound = 0n;
  let tieBound = 0n;
  for (let k = 0; k < maxPairs; k++) {
    scoreBound += BigInt(bestScores[k]!);
    tieBound += BigInt((n - rowMentee[k]!) * (m - colMentor[k]!));
  }
  const tieMax = BigInt(n * m);
  const M = scoreBound + 1n;
  const K = tieBound + 1n;
  const wMax = (M + BigInt(maxScore)) * K + tieMax;
  // Doubles are exact below 2^53. The Hungarian method's dual values are sums of costs (each at
  // most wMax) along one alternating path, which has at most 2·maxPairs + 1 edges, and a slack is
  // a cost less two of them: all stay below 4·(maxPairs + 2)·wMax. Beyond that, bigint.
  const fitsDouble = wMax * BigInt(4 * (maxPairs + 2)) <= BigInt(Number.MAX_SAFE_INTEGER);

  // Each mentor's seats are one run of identical columns.
  const firstCol = new Array<number>(m).fill(0);
  const colCount = new Array<number>(m).fill(0);
  colMentor.forEach((j, col) => {
    if (colCount[j] === 0) firstCol[j] = col;
    colCount[j]!++;
  });
  const fill = (set: (at: number, c: Candidate, i: number) => void) =>
    rowMentee.forEach((i, r) => {
      for (const c of pool.candidates[i]!) {
        const start = r * cols + firstCol[c.mentor]!;
        for (let k = 0; k < colCount[c.mentor]!; k++) set(start + k, c, i);
      }
    });
  if (fitsDouble) {
    const Kn = Number(K);
    const Mn = Number(M);
    const top = Number(wMax);
    const cost = new Float64Array(rows * cols).fill(top);
    fill((at, c, i) => (cost[at] = top - ((Mn + c.score) * Kn + (n - i) * (m - c.mentor))));
    return { matrix: { kind: "number", rows, cols, cost }, rowMentee, colMentor };
  }
  const cost = new Array<bigint>(rows * cols).fill(wMax);
  fill((at, c, i) => (cost[at] = wMax - ((M + BigInt(c.score)) * K + BigInt((n - i) * (m - c.mentor)))));
  return { matrix: { kind: "bigint", rows, cols, cost }, rowMentee, colMentor };
}

/** Turns the solver's seat per row into pairs and explains everyone left over. */
export function assembleProposal(pool: PreparedPool, rowMentee: readonly number[], colMentor: readonly number[], assigned: Int32Array): Proposal {
  const mentorOf = new Array<number>(pool.mentees.length).fill(-1);
  rowMentee.forEach((i, r) => {
    const col = assigned[r]!;
    if (col < 0) return;
    const j = colMentor[col]!;
    // A row may be parked on a column it may not take (more mentees than seats): that is no pair.
    if (pool.candidates[i]!.some((c) => c.mentor === j)) mentorOf[i] = j;
  });

  const pairs: ProposedPair[] = [];
  const unmatched: UnmatchedMentee[] = [];
  pool.mentees.forEach((mentee, i) => {
    const j = mentorOf[i]!;
    if (j >= 0) {
      const mentor = pool.mentors[j]!;
      const { score, terms } = scorePair(mentee, mentor, pool.weights, pool.options.topicLabels);
      pairs.push({ menteeId: mentee.employeeId, mentorId: mentor.employeeId, score, terms });
    } else {
      unmatched.push(explainUnmatched(pool, i));
    }
  });
  return { pairs, unmatched, totalScore: pairs.reduce((s, p) => s + p.score, 0) };
}

const NOT_REGISTERED: BlockedReason = { short: "メンター登録なし", because: "今回のメンター登録者にいないため" };
const NO_SEAT: BlockedReason = { short: "受け入れ枠なし", because: "受け入れ枠が残っていないため" };

/** Why a mentee has no mentor in the proposal, in words 人事課 can pass on. */
export function explainUnmatched(pool: PreparedPool, i: number): UnmatchedMentee {
  const mentee = pool.mentees[i]!;
  const allowed = pool.candidates[i]!.length;
  const sentences: string[] = [];

  const named = mentee.preferredMentors.slice(0, 3);
  if (named.length > 0) {
    const reasons = named.map((id): BlockedReason | null => {
      const j = pool.mentors.findIndex((m) => m.employeeId === id);
      if (j < 0) return NOT_REGISTERED;
      const broken = hardRuleReason(mentee, pool.mentors[j]!);
      if (broken !== null) return broken;
      if (pool.seats[j]! <= 0) return NO_SEAT;
      return null;
    });
    if (reasons.every((r) => r !== null)) {
      const distinct = new Set(reasons.map((r) => r!.because));
      if (named.length === 1) sentences.push(`希望したメンターは${reasons[0]!.because}組み合わせられません。`);
      else if (distinct.size === 1) sentences.push(`希望したメンターは全員、${reasons[0]!.because}組み合わせられません。`);
      else sentences.push(`希望したメンターは全員、組み合わせられません（${reasons.map((r, k) => `第${k + 1}希望: ${r!.short}`).join("、")}）。`);
    }
  }

  if (allowed === 0) {
    const withSeats = pool.mentors.filter((_, j) => pool.seats[j]! > 0);
    if (withSeats.length === 0) sentences.push("今回、受け入れ枠のあるメンターがいません。");
    else sentences.push(`受け入れ枠のあるメンター（${withSeats.length}名）は${withSeats.length > 1 ? "全員" : ""}、同じ課か上司と部下の系列にあたるため組み合わせられません。`);
    return { menteeId: mentee.employeeId, reason: "no_allowed_mentor", message: sentences.join("") };
  }
  sentences.push(
    `組み合わせ可能なメンター（${allowed}名）の受け入れ枠は、全体でより多くの人が組めて合計点が最も高くなるよう、ほかのメンティに割り当てられました。`,
  );
  return { menteeId: mentee.employeeId, reason: "capacity_taken", message: sentences.join("") };
}

/** The proposal; the solve runs where `options.thread` says. */
export async function proposeMatchingAsync(input: MatchInput, options: MatchOptions = {}): Promise<Proposal> {
  const pool = preparePool(input, options);
  const { matrix, rowMentee, colMentor } = buildCostMatrix(pool);
  return assembleProposal(pool, rowMentee, colMentor, await solve(matrix, options.thread));
}

/** The proposal, solved in this thread. */
export function proposeMatchingSync(input: MatchInput, options: MatchOptions = {}): Proposal {
  const pool = preparePool(input, options);
  const { matrix, rowMentee, colMentor } = buildCostMatrix(pool);
  return assembleProposal(pool, rowMentee, colMentor, solveAssignment(matrix));
}

/**
 * The greedy baseline the bench and the tests compare the optimum with: take the best-scoring
 * allowed pair first (ties by menteeId, then mentorId), skip it when the mentee already has a
 * mentor or the mentor is full, repeat. Not used to propose — it can be far from the optimum.
 */
import { assembleProposal, preparePool, type MatchOptions } from "./propose";
import type { MatchInput, Proposal } from "./types";

export function greedyMatching(input: MatchInput, options: MatchOptions = {}): Proposal {
  const pool = preparePool(input, options);
  const all: { i: number; j: number; score: number }[] = [];
  pool.candidates.forEach((list, i) => list.forEach((c) => all.push({ i, j: c.mentor, score: c.score })));
  // Canonical order makes index order the same as employeeId order.
  all.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const left = [...pool.seats];
  const rowOf = pool.mentees.map((_, i) => i);
  const assigned = new Int32Array(pool.mentees.length).fill(-1);
  for (const { i, j } of all) {
    if (assigned[i]! >= 0 || left[j]! <= 0) continue;
    left[j]!--;
    assigned[i] = j;
  }
  return assembleProposal(pool, rowOf, pool.mentors.map((_, j) => j), assigned);
}

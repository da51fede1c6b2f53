/**
 * The mentor matching engine: hard rules, pair scores and the exact whole-pool proposal.
 * Pure (no DB, no clock); the mentor service builds the input from one cycle.
 */
import { proposeMatchingAsync, type MatchOptions } from "./propose";
import type { MatchInput, Proposal } from "./types";

export type * from "./types";
export { hardRuleViolation, hardRuleMessage, scorePair, type TopicLabels } from "./rules";
export type { MatchOptions } from "./propose";

/**
 * The proposal with the most mentees matched, then the highest total score, then the stated tie
 * rule (see propose.ts) — an exact optimum under each mentor's capacity and the hard rules.
 * Same input (in any order) → same proposal. A large pool is solved in a worker thread, so the
 * request thread is not blocked for the solve.
 */
export async function proposeMatching(input: MatchInput, options: MatchOptions = {}): Promise<Proposal> {
  return proposeMatchingAsync(input, options);
}

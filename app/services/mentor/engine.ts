/**
 * The one door from the mentor service to the matching engine (`./matching`, contract in
 * `matching/types.ts`): hard rules, the score of a pair and the proposal over a whole pool,
 * with the service's topic labels. Everything in the service imports these from here, so a
 * hand edit, a direct request and a run can never use different rules.
 */
import { hardRuleViolation, hardRuleMessage, proposeMatching as propose, scorePair as score, type MatchInput, type MatchMentee, type MatchMentor, type MatchWeights, type Proposal } from "./matching";
import { TOPIC_LABELS } from "./rules";

export { hardRuleViolation, hardRuleMessage };

export function scorePair(mentee: MatchMentee, mentor: MatchMentor, weights: MatchWeights) {
  return score(mentee, mentor, weights, TOPIC_LABELS);
}

export function proposeMatching(input: MatchInput): Promise<Proposal> {
  return propose(input, { topicLabels: TOPIC_LABELS });
}

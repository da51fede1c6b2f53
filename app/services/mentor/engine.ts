/**
 * The one door from the mentor service to the matching engine: hard rules, the score of a
 * pair and the proposal over a whole pool (contract: `matching/types.ts`). Everything in
 * the service imports these from here, so a hand edit and a run can never use different rules.
 */
export { hardRuleViolation, proposeMatching, scorePair } from "./engine-standin";

/**
 * The two pure rules the matching engine and a hand edit by 人事課 share: which pairs may never
 * be formed (hard rules) and what a pair scores (with the terms shown as its reasons).
 */
import type { HardRule, MatchMentee, MatchMentor, MatchPerson, MatchWeights, ScoreTerm, TopicKey } from "./types";

/** Display labels of topic keys; a key without a label is shown as itself. */
export type TopicLabels = Readonly<Record<TopicKey, string>>;

/**
 * The first hard rule the pair breaks, or null when the pair is allowed. Checked in the order
 * same person → same 課 → supervisor line (either direction, up to the 局長).
 */
export function hardRuleViolation(mentee: MatchPerson, mentor: MatchPerson): HardRule | null {
  if (mentee.employeeId === mentor.employeeId) return "same_person";
  if (mentee.unitId === mentor.unitId) return "same_unit";
  if (mentee.supervisorLine.includes(mentor.employeeId) || mentor.supervisorLine.includes(mentee.employeeId)) return "supervisor_line";
  return null;
}

/** Why a named mentor cannot be used, in the two forms a sentence needs. */
export type BlockedReason = { short: string; because: string };

/**
 * Why the pair may not be formed, or null. `because` precedes 「組み合わせられません」
 * (「同じ課のため」); `short` is for a list (「同じ課」). For the supervisor line it says which way
 * round: the mentor above the mentee, or the mentee above the mentor.
 */
export function hardRuleReason(mentee: MatchPerson, mentor: MatchPerson): BlockedReason | null {
  const rule = hardRuleViolation(mentee, mentor);
  if (rule === null) return null;
  if (rule === "supervisor_line" && !mentee.supervisorLine.includes(mentor.employeeId)) return { short: "メンティが上司にあたる系列", because: "メンティが上司にあたる系列のため" };
  return HARD_RULE_REASONS[rule];
}

const HARD_RULE_REASONS: Record<HardRule, BlockedReason> = {
  same_person: { short: "本人", because: "本人のため" },
  same_unit: { short: "同じ課", because: "同じ課のため" },
  supervisor_line: { short: "所属の上司の系列", because: "所属の上司の系列にあたるため" },
};

/** One sentence for a hard rule, e.g. for a refused hand edit: 「同じ課のため組み合わせられません」. */
export function hardRuleMessage(rule: HardRule): string {
  switch (rule) {
    case "same_person":
      return "同じ職員をメンターとメンティに組み合わせることはできません";
    case "same_unit":
      return "同じ課の職員同士は組み合わせられません";
    case "supervisor_line":
      return "上司と部下の系列にあたる職員同士は組み合わせられません";
  }
}

const plus = (points: number) => `（+${points}）`;

/** The facts a score is made of, without labels: the fast path the solver uses for every pair. */
type ScoreParts = { shared: TopicKey[]; sameJob: boolean; rank: number; sameJobWanted: boolean; otherBureauWanted: boolean };

function scoreParts(mentee: MatchMentee, mentor: MatchMentor, offered: ReadonlySet<TopicKey>): ScoreParts {
  const shared: TopicKey[] = [];
  for (const t of mentee.topics) if (offered.has(t) && !shared.includes(t)) shared.push(t);
  const sameJob = mentee.jobCategory === mentor.jobCategory;
  return {
    shared,
    sameJob,
    rank: mentee.preferredMentors.slice(0, 3).indexOf(mentor.employeeId),
    sameJobWanted: mentee.prefersSameJobCategory && sameJob,
    otherBureauWanted: mentee.prefersOtherBureau && mentee.bureauId !== mentor.bureauId,
  };
}

/**
 * The score alone (no labels, no allocation) for scoring a whole pool; `offered` is the mentor's
 * topics as a set. Must equal `scorePair(...).score` — a property test holds the two together.
 */
export function scoreOnly(mentee: MatchMentee, mentor: MatchMentor, w: MatchWeights, offered: ReadonlySet<TopicKey>): number {
  let score = 0;
  const topics = mentee.topics;
  for (let k = 0; k < topics.length; k++) {
    if (offered.has(topics[k]!) && topics.indexOf(topics[k]!) === k) score += w.topic;
  }
  const sameJob = mentee.jobCategory === mentor.jobCategory;
  if (sameJob) score += w.sameJobCategory;
  const prefs = mentee.preferredMentors;
  for (let k = 0; k < prefs.length && k < 3; k++) {
    if (prefs[k] === mentor.employeeId) {
      score += w.preference[k] ?? 0;
      break;
    }
  }
  if (mentee.prefersSameJobCategory && sameJob) score += w.preferredAttribute;
  if (mentee.prefersOtherBureau && mentee.bureauId !== mentor.bureauId) score += w.preferredAttribute;
  return score;
}

/**
 * The pair's score and its terms under the cycle's weights. Terms with 0 points are left out, so
 * every term shown is a reason that counted. Order: topics, 職種, named preference, attributes.
 */
export function scorePair(
  mentee: MatchMentee,
  mentor: MatchMentor,
  weights: MatchWeights,
  topicLabels: TopicLabels = {},
): { score: number; terms: ScoreTerm[] } {
  const p = scoreParts(mentee, mentor, new Set(mentor.topics));
  const terms: ScoreTerm[] = [];
  if (p.shared.length > 0 && weights.topic > 0) {
    const points = weights.topic * p.shared.length;
    const names = p.shared.map((t) => topicLabels[t] ?? t).join("・");
    terms.push({ kind: "topic", label: `共通の相談分野: ${names}${plus(points)}`, points });
  }
  if (p.sameJob && weights.sameJobCategory > 0) {
    terms.push({ kind: "same_job_category", label: `同じ職種（${mentor.jobCategory}）${plus(weights.sameJobCategory)}`, points: weights.sameJobCategory });
  }
  if (p.rank >= 0) {
    const points = weights.preference[p.rank] ?? 0;
    if (points > 0) terms.push({ kind: "preference", label: `第${p.rank + 1}希望のメンター${plus(points)}`, points });
  }
  if (weights.preferredAttribute > 0) {
    const points = weights.preferredAttribute;
    if (p.sameJobWanted) terms.push({ kind: "preferred_attribute", label: `希望の条件「同じ職種」に合う${plus(points)}`, points });
    if (p.otherBureauWanted) terms.push({ kind: "preferred_attribute", label: `希望の条件「別の局・区」に合う${plus(points)}`, points });
  }
  const score = terms.reduce((sum, t) => sum + t.points, 0);
  return { score, terms };
}

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

/**
 * Why the pair may not be formed, as a phrase that ends a sentence ("…ため組み合わせられません").
 * For the supervisor line it says which way round: the mentor above the mentee, or the mentee
 * above the mentor.
 */
export function hardRuleReason(mentee: MatchPerson, mentor: MatchPerson): string | null {
  const rule = hardRuleViolation(mentee, mentor);
  if (rule === null) return null;
  if (rule === "supervisor_line" && !mentee.supervisorLine.includes(mentor.employeeId)) return "メンティが上司の系列にあたる";
  return HARD_RULE_PHRASES[rule];
}

const HARD_RULE_PHRASES: Record<HardRule, string> = {
  same_person: "本人同士",
  same_unit: "同じ課",
  supervisor_line: "所属の上司の系列にあたる",
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

function pointsOf(p: ScoreParts, w: MatchWeights): number {
  return (
    w.topic * p.shared.length +
    (p.sameJob ? w.sameJobCategory : 0) +
    (p.rank >= 0 ? (w.preference[p.rank] ?? 0) : 0) +
    (p.sameJobWanted ? w.preferredAttribute : 0) +
    (p.otherBureauWanted ? w.preferredAttribute : 0)
  );
}

/** The score alone (no labels), for scoring a whole pool; `offered` is the mentor's topics as a set. */
export function scoreOnly(mentee: MatchMentee, mentor: MatchMentor, weights: MatchWeights, offered: ReadonlySet<TopicKey>): number {
  return pointsOf(scoreParts(mentee, mentor, offered), weights);
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

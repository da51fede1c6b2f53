/**
 * A stand-in for the matching engine (`./matching`, built on its own branch) so that the
 * service runs before the engine is merged: the same contract, the hard rules and the
 * score as `matching/types.ts` describes them, and a greedy assignment. `engine.ts` points
 * at the real engine once it is merged, and this file goes.
 */
import type { HardRule, MatchInput, MatchMentee, MatchMentor, MatchWeights, Proposal, ProposedPair, ScoreTerm, UnmatchedMentee } from "./matching/types";
import { TOPIC_LABELS } from "./rules";

export function hardRuleViolation(mentee: MatchMentee, mentor: MatchMentor): HardRule | null {
  if (mentee.employeeId === mentor.employeeId) return "same_person";
  if (mentee.unitId === mentor.unitId) return "same_unit";
  if (mentee.supervisorLine.includes(mentor.employeeId) || mentor.supervisorLine.includes(mentee.employeeId)) return "supervisor_line";
  return null;
}

export function scorePair(mentee: MatchMentee, mentor: MatchMentor, weights: MatchWeights): { score: number; terms: ScoreTerm[] } {
  const terms: ScoreTerm[] = [];
  for (const t of mentee.topics) if (mentor.topics.includes(t)) terms.push({ kind: "topic", label: `話題「${TOPIC_LABELS[t] ?? t}」`, points: weights.topic });
  if (mentee.jobCategory === mentor.jobCategory) terms.push({ kind: "same_job_category", label: "職種が同じ", points: weights.sameJobCategory });
  const rank = mentee.preferredMentors.indexOf(mentor.employeeId);
  if (rank >= 0 && rank < 3) terms.push({ kind: "preference", label: `第${rank + 1}希望`, points: weights.preference[rank]! });
  if (mentee.prefersSameJobCategory && mentee.jobCategory === mentor.jobCategory) terms.push({ kind: "preferred_attribute", label: "希望: 同じ職種", points: weights.preferredAttribute });
  if (mentee.prefersOtherBureau && mentee.bureauId !== mentor.bureauId) terms.push({ kind: "preferred_attribute", label: "希望: ほかの局・区", points: weights.preferredAttribute });
  const nonZero = terms.filter((t) => t.points > 0);
  return { score: nonZero.reduce((n, t) => n + t.points, 0), terms: nonZero };
}

export async function proposeMatching(input: MatchInput): Promise<Proposal> {
  const seats = new Map(input.mentors.map((m) => [m.employeeId, m.capacity]));
  const candidates = input.mentees.flatMap((me) =>
    input.mentors.filter((mo) => !hardRuleViolation(me, mo)).map((mo) => ({ me, mo, ...scorePair(me, mo, input.weights) })),
  );
  candidates.sort((a, b) => b.score - a.score || a.me.employeeId - b.me.employeeId || a.mo.employeeId - b.mo.employeeId);
  const done = new Set<number>();
  const pairs: ProposedPair[] = [];
  for (const c of candidates) {
    if (done.has(c.me.employeeId) || (seats.get(c.mo.employeeId) ?? 0) <= 0) continue;
    done.add(c.me.employeeId);
    seats.set(c.mo.employeeId, seats.get(c.mo.employeeId)! - 1);
    pairs.push({ menteeId: c.me.employeeId, mentorId: c.mo.employeeId, score: c.score, terms: c.terms });
  }
  const unmatched: UnmatchedMentee[] = input.mentees
    .filter((m) => !done.has(m.employeeId))
    .map((m) =>
      input.mentors.some((mo) => !hardRuleViolation(m, mo))
        ? { menteeId: m.employeeId, reason: "capacity_taken", message: "組めるメンターはいますが、受入れ人数がほかのメンティで埋まりました。" }
        : { menteeId: m.employeeId, reason: "no_allowed_mentor", message: "どのメンターも同じ課か上司・部下の系列にあたり、組めません。" },
    );
  return { pairs, unmatched, totalScore: pairs.reduce((n, p) => n + p.score, 0) };
}

/**
 * Who may see what of 職員メンター制度 — the one place it is written (decision 601).
 *
 * A pair, its meetings, its notes, fit check and survey answers belong to the two of the
 * pair. Nobody else sees the pair page or a note: not 人事課, not either person's
 * supervisor, not the admin, not 人材育成課 — they get 404 exactly as for a pair that does
 * not exist. 人事課 runs the cycles and sees who is paired with whom, the fit-check flags
 * that ask for a rematch and the meeting counts, never a note, never one person's survey.
 * 人材育成課 sees only the statistics (small cells suppressed).
 */
import { hasRole, type Viewer } from "~/auth/viewer";
import type { PairCapacity } from "./transitions";

export type PairFacts = { menteeId: string; mentorId: string };

/** The parts a viewer plays in one pair: mentee, mentor, or none (→ 404). */
export function pairSightsOf(viewer: Viewer, pair: PairFacts): ("mentee" | "mentor")[] {
  const sights: ("mentee" | "mentor")[] = [];
  if (viewer.id === pair.menteeId) sights.push("mentee");
  if (viewer.id === pair.mentorId) sights.push("mentor");
  return sights;
}

/** The pair page and everything on it: the two of the pair only. */
export function maySeePair(viewer: Viewer, pair: PairFacts): boolean {
  return pairSightsOf(viewer, pair).length > 0;
}

/** Notes: exactly the same two people, and nobody by role. */
export const maySeeNotes = maySeePair;

export function pairCapacitiesOf(viewer: Viewer, pair: PairFacts): PairCapacity[] {
  return pairSightsOf(viewer, pair);
}

/** Running cycles, the proposal, hand edits and rematches: 人事課 only. */
export function mayRunProgramme(viewer: Viewer): boolean {
  return hasRole(viewer, "hr_personnel");
}

/**
 * Who may see what of 昇任型公募 — the one place it is written (decision 501).
 *
 * Who applied, and what they wrote, is known to the applicant, to 人事課, and — only where
 * the call asks for a 所属長意見, and only while the application stands submitted — to the
 * applicant's own current supervisor. Nobody else: not 人材育成課, not the admin, not other
 * supervisors. The supervisor's opinion is seen by 人事課 and its writer, never by the
 * applicant. Queries call these with the facts of one record; a viewer with no sight gets
 * null (→ 404), exactly as for a record that does not exist.
 */
import { hasRole, type Viewer } from "~/auth/viewer";
import { HR_VISIBLE_STATUSES, SUPERVISOR_VISIBLE_STATUSES, type ApplicationCapacity, type ApplicationStatus } from "./transitions";

export type Sight = "applicant" | "supervisor" | "hr_personnel";

export type ApplicationFacts = {
  applicantId: string;
  /** The applicant's current supervisor in the org data. */
  applicantSupervisorId: string | null;
  status: ApplicationStatus;
  opinionRequired: boolean;
};

/** The parts a viewer plays towards one application (empty: they may not know it exists). */
export function sightsOf(viewer: Viewer, facts: ApplicationFacts): Sight[] {
  const sights: Sight[] = [];
  if (viewer.id === facts.applicantId) sights.push("applicant");
  // 人事課 never judges its own application, and never sees another person's draft.
  else if (hasRole(viewer, "hr_personnel") && HR_VISIBLE_STATUSES.includes(facts.status)) sights.push("hr_personnel");
  if (
    viewer.id !== facts.applicantId &&
    facts.applicantSupervisorId === viewer.id &&
    facts.opinionRequired &&
    SUPERVISOR_VISIBLE_STATUSES.includes(facts.status)
  ) {
    sights.push("supervisor");
  }
  return sights;
}

/** The capacities of the transitions table a viewer holds (the supervisor moves nothing). */
export function capacitiesOf(sights: readonly Sight[]): ApplicationCapacity[] {
  return sights.filter((s): s is "applicant" | "hr_personnel" => s === "applicant" || s === "hr_personnel") satisfies ApplicationCapacity[];
}

/** The 所属長意見: 人事課 and the supervisor; never the applicant. */
export function maySeeOpinion(sights: readonly Sight[]): boolean {
  return sights.includes("hr_personnel") || sights.includes("supervisor");
}

/** Comments 人事課 writes with a decision are the committee's: the applicant sees the result, not the note. */
export function maySeeSelectionComments(sights: readonly Sight[]): boolean {
  return sights.includes("hr_personnel");
}

/** Running calls, the applicant list, the eligible list and the export: 人事課 only. */
export function mayRunCalls(viewer: Viewer): boolean {
  return hasRole(viewer, "hr_personnel");
}

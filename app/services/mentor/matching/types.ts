/**
 * The contract between the mentor service (cycles, registrations, pairs — `app/services/mentor/*`)
 * and the matching engine (`app/services/mentor/matching/*`). Pure data: no DB, no clock.
 *
 * The service builds a `MatchInput` from one cycle's eligible registrations and the org data;
 * the engine returns a `Proposal` that 人事課 reviews, edits and publishes. A hand edit is
 * checked with the same `hardRuleViolation` the engine uses, so the rules cannot drift apart.
 */

/** Topics a mentor can help with and a mentee can ask about (keys; labels live in the service). */
export type TopicKey = string;

export type MatchPerson = {
  /** employees.id */
  employeeId: number;
  /** The 課 (leaf unit) the person belongs to — a pair never shares it. */
  unitId: number;
  /** The 局/区 of that unit. */
  bureauId: number;
  /** 職種 code, e.g. "行政事務". */
  jobCategory: string;
  /** The person's supervisor line upwards: direct supervisor first, up to the 局長. */
  supervisorLine: readonly number[];
};

export type MatchMentor = MatchPerson & {
  topics: readonly TopicKey[];
  /** Seats still free in this cycle (capacity 1–3 minus pairs already active). 0 = full. */
  capacity: number;
};

export type MatchMentee = MatchPerson & {
  topics: readonly TopicKey[];
  /** Up to 3 employeeIds of preferred mentors, most preferred first. */
  preferredMentors: readonly number[];
  /** Preferred attributes the mentee ticked. */
  prefersSameJobCategory: boolean;
  prefersOtherBureau: boolean;
};

/** The cycle's score weights (data on the cycle, edited by 人事課). Non-negative integers. */
export type MatchWeights = {
  /** Points per topic shared by mentee and mentor. */
  topic: number;
  /** Points when both have the same 職種 (whether or not the mentee asked for it). */
  sameJobCategory: number;
  /** Points for the mentee's 1st, 2nd, 3rd named preference. */
  preference: readonly [number, number, number];
  /** Points for each preferred attribute (same 職種 / other 局) the pair satisfies. */
  preferredAttribute: number;
};

export type MatchInput = {
  mentees: readonly MatchMentee[];
  mentors: readonly MatchMentor[];
  weights: MatchWeights;
};

/** Why a pair may never be formed. */
export type HardRule = "same_unit" | "supervisor_line" | "same_person";

/** One term of a pair's score, shown to 人事課 as the reason the pair fits. */
export type ScoreTerm = { kind: "topic" | "same_job_category" | "preference" | "preferred_attribute"; label: string; points: number };

export type ProposedPair = { menteeId: number; mentorId: number; score: number; terms: readonly ScoreTerm[] };

/** Why a mentee is left without a mentor. */
export type UnmatchedReason =
  /** every mentor breaks a hard rule for this mentee (or there are no mentors) */
  | "no_allowed_mentor"
  /** allowed mentors exist, but their seats went to others in the optimum */
  | "capacity_taken";

export type UnmatchedMentee = { menteeId: number; reason: UnmatchedReason; message: string };

export type Proposal = {
  pairs: readonly ProposedPair[];
  unmatched: readonly UnmatchedMentee[];
  totalScore: number;
};

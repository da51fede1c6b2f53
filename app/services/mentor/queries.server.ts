/**
 * Reads of 職員メンター制度. Every read that returns a pair takes the viewer and answers null
 * when the viewer may not see it (access.ts decides); the route turns null into 404.
 * The org facts the matching engine needs (課, 局/区, 職種, the supervisor line up to the
 * 局長) are read here too, for a whole run and for one hand-checked pair alike.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { getDb, schema, type Db } from "~/db.server";
import { todayIso } from "~/lib/fiscal-year";
import { orgPath } from "~/services/org/org.server";
import { UNIT_BUREAU_CTE } from "~/services/org/unit-bureau";
import { hardRuleViolation } from "./engine";
import type { HardRule, MatchInput, MatchMentee, MatchMentor, MatchPerson } from "./matching/types";
import { mayRunProgramme, maySeeNotes, pairCapacitiesOf, pairSightsOf } from "./access";
import { effectiveRequestStatus, isRegistrationOpen, menteeEligibility, mentorEligibility, type Eligibility, type Person } from "./rules";
import {
  CYCLE_TRANSITIONS,
  MENTEE_HOLDING_STATUSES,
  REQUEST_CYCLE_STATUSES,
  SEAT_HOLDING_STATUSES,
  VISIBLE_CYCLE_STATUSES,
  pairActions,
  type CycleStatus,
  type PairStatus,
} from "./transitions";

const {
  mentorCycles: cycles,
  mentorRegistrations: regs,
  mentorPairs: pairs,
  mentorRequests: requests,
  mentorMeetings: meetings,
  mentorNotes: notes,
  mentorSurveys: surveys,
  mentorHistory: hist,
  employees,
  trainingEnrollments,
  trainingCourses,
} = schema;

export type CycleRow = typeof cycles.$inferSelect;
export type PairRow = typeof pairs.$inferSelect;
export type RegistrationRow = typeof regs.$inferSelect;
export type RequestRow = typeof requests.$inferSelect;

// ——— loaders shared with the mutations (they pass their transaction) ——————————

export function loadCycle(db: Db, id: number): CycleRow | undefined {
  return db.select().from(cycles).where(eq(cycles.id, id)).get();
}

export function loadPair(db: Db, id: number): PairRow | undefined {
  return db.select().from(pairs).where(eq(pairs.id, id)).get();
}

export function loadRequest(db: Db, id: number): RequestRow | undefined {
  return db.select().from(requests).where(eq(requests.id, id)).get();
}

export function loadRegistration(db: Db, cycleId: number, employeeId: string, side: "mentor" | "mentee"): RegistrationRow | undefined {
  return db
    .select()
    .from(regs)
    .where(and(eq(regs.cycleId, cycleId), eq(regs.employeeId, employeeId), eq(regs.side, side)))
    .get();
}

/** The pair a mentee holds (proposed or active), in any cycle. */
export function holdingPairOf(db: Db, menteeId: string): PairRow | undefined {
  return db
    .select()
    .from(pairs)
    .where(and(eq(pairs.menteeId, menteeId), inArray(pairs.status, [...MENTEE_HOLDING_STATUSES])))
    .get();
}

/** Seats a mentor's pairs take in a cycle. */
export function seatsTaken(db: Db, cycleId: number, mentorId: string): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(pairs)
    .where(and(eq(pairs.cycleId, cycleId), eq(pairs.mentorId, mentorId), inArray(pairs.status, [...SEAT_HOLDING_STATUSES])))
    .get()!.n;
}

/** What eligibility reads of a person: rank, hire date and the titles of 研修 completed (the training service's records). */
export function personFacts(db: Db, employeeId: string): (Person & { orgUnitId: number | null; jobCategory: string | null }) | undefined {
  const e = db
    .select({ rank: employees.rank, hiredOn: employees.hiredOn, orgUnitId: employees.orgUnitId, jobCategory: employees.jobCategory })
    .from(employees)
    .where(eq(employees.id, employeeId))
    .get();
  if (!e) return undefined;
  const completed = db
    .selectDistinct({ title: trainingCourses.title })
    .from(trainingEnrollments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrollments.courseId))
    .where(and(eq(trainingEnrollments.employeeId, employeeId), eq(trainingEnrollments.status, "completed")))
    .all()
    .map((r) => r.title);
  return { ...e, completedCourseTitles: completed };
}

export function eligibilityFor(db: Db, cycle: CycleRow, employeeId: string, side: "mentor" | "mentee"): Eligibility {
  const p = personFacts(db, employeeId);
  if (!p) return { eligible: false, failures: [{ rule: "unknown", message: "組織データにあなたの情報がないため、登録できません。" }] };
  return side === "mentee" ? menteeEligibility(cycle.menteeEligibility, cycle.opensOn, p) : mentorEligibility(cycle.mentorEligibility, cycle.opensOn, p);
}

// ——— the org facts the matching engine reads ————————————————————————————————

/**
 * The engine numbers people; employees are keyed by text ids here. One map per run (or
 * per hand check) turns each id into a number and back, in the order first asked.
 */
export class PersonNumbers {
  private readonly byId = new Map<string, number>();
  private readonly ids: string[] = [];
  num(id: string): number {
    let n = this.byId.get(id);
    if (n === undefined) {
      n = this.ids.length + 1;
      this.byId.set(id, n);
      this.ids.push(id);
    }
    return n;
  }
  id(n: number): string {
    const id = this.ids[n - 1];
    if (id === undefined) throw new Error(`unknown person number ${n}`);
    return id;
  }
}

type OrgFact = { id: string; unitId: number | null; bureauId: number | null; jobCategory: string | null; supervisorId: string | null; rank: string | null };

const ORG_FACTS_SQL = `WITH RECURSIVE ${UNIT_BUREAU_CTE}
  SELECT e.id, e.org_unit_id AS unitId, ub.bureau_id AS bureauId, e.job_category AS jobCategory, e.supervisor_id AS supervisorId, e.rank
  FROM employees e LEFT JOIN unit_bureau ub ON ub.unit_id = e.org_unit_id`;

/** Org facts of everyone (for a whole matching run: the supervisor lines need the chain above each person). */
export function allOrgFacts(db: Db): Map<string, OrgFact> {
  const rows = db.$client.prepare(ORG_FACTS_SQL).all() as OrgFact[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Org facts of the people in `ids` and everyone above them (for one hand-checked pair). */
function orgFactsAround(db: Db, ids: readonly string[]): Map<string, OrgFact> {
  const facts = new Map<string, OrgFact>();
  const stmt = db.$client.prepare(`${ORG_FACTS_SQL} WHERE e.id = ?`);
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (facts.has(id)) continue;
    const f = stmt.get(id) as OrgFact | undefined;
    if (!f) continue;
    facts.set(id, f);
    if (f.supervisorId && facts.size < 64) queue.push(f.supervisorId);
  }
  return facts;
}

/** The supervisor line upwards: direct supervisor first, up to and including the 局長 (or the top of the data). */
export function supervisorLine(facts: Map<string, OrgFact>, id: string): string[] {
  const line: string[] = [];
  let cur = facts.get(id);
  while (cur?.supervisorId && !line.includes(cur.supervisorId) && line.length < 20) {
    line.push(cur.supervisorId);
    const up = facts.get(cur.supervisorId);
    if (!up || up.rank === "局長") break;
    cur = up;
  }
  return line;
}

function matchPerson(facts: Map<string, OrgFact>, numbers: PersonNumbers, id: string): MatchPerson {
  const f = facts.get(id);
  return {
    employeeId: numbers.num(id),
    // A person without a unit is kept apart from everyone: a negative number shares no 課 or 局.
    unitId: f?.unitId ?? -numbers.num(id),
    bureauId: f?.bureauId ?? -numbers.num(id),
    jobCategory: f?.jobCategory ?? "",
    supervisorLine: supervisorLine(facts, id).map((s) => numbers.num(s)),
  };
}

function menteeOf(r: RegistrationRow, facts: Map<string, OrgFact>, numbers: PersonNumbers): MatchMentee {
  return {
    ...matchPerson(facts, numbers, r.employeeId),
    topics: r.topics,
    preferredMentors: r.preferredMentorIds.map((id) => numbers.num(id)),
    prefersSameJobCategory: r.prefersSameJobCategory,
    prefersOtherBureau: r.prefersOtherBureau,
  };
}

function mentorOf(r: RegistrationRow, facts: Map<string, OrgFact>, numbers: PersonNumbers, seatsLeft: number): MatchMentor {
  return { ...matchPerson(facts, numbers, r.employeeId), topics: r.topics, capacity: Math.max(0, seatsLeft) };
}

/** Registered, still eligible people of one side of a cycle. */
function eligibleRegistrations(db: Db, cycle: CycleRow, side: "mentor" | "mentee"): RegistrationRow[] {
  return db
    .select()
    .from(regs)
    .where(and(eq(regs.cycleId, cycle.id), eq(regs.side, side), eq(regs.status, "registered")))
    .orderBy(asc(regs.id))
    .all()
    .filter((r) => (side === "mentor" ? r.available : true) && eligibilityFor(db, cycle, r.employeeId, side).eligible);
}

/**
 * The engine's input for one cycle: eligible registered mentees without a pair they hold
 * (a pair accepted from a direct request stays), available eligible mentors with the
 * seats their active pairs leave, and the cycle's weights.
 */
export function buildMatchInput(db: Db, cycle: CycleRow): { input: MatchInput; numbers: PersonNumbers } {
  const facts = allOrgFacts(db);
  const numbers = new PersonNumbers();
  // A mentee already holding a pair stays with it: an active one anywhere, or a proposal of another cycle.
  const held = new Set(
    db
      .select({ menteeId: pairs.menteeId })
      .from(pairs)
      .where(sql`${pairs.status} = 'active' OR (${pairs.status} = 'proposed' AND ${pairs.cycleId} <> ${cycle.id})`)
      .all()
      .map((p) => p.menteeId),
  );
  const mentees = eligibleRegistrations(db, cycle, "mentee")
    .filter((r) => !held.has(r.employeeId))
    .map((r) => menteeOf(r, facts, numbers));
  const mentors = eligibleRegistrations(db, cycle, "mentor").map((r) => {
    const active = db
      .select({ n: sql<number>`count(*)` })
      .from(pairs)
      .where(and(eq(pairs.cycleId, cycle.id), eq(pairs.mentorId, r.employeeId), eq(pairs.status, "active")))
      .get()!.n;
    return mentorOf(r, facts, numbers, r.capacity - active);
  });
  return { input: { mentees, mentors, weights: cycle.weights }, numbers };
}

/** The two registrations of a pair as the engine sees them (for hand edits, requests and rematches). */
export function matchPair(db: Db, cycle: CycleRow, menteeId: string, mentorId: string) {
  const mentee = loadRegistration(db, cycle.id, menteeId, "mentee");
  const mentor = loadRegistration(db, cycle.id, mentorId, "mentor");
  if (!mentee || !mentor) return null;
  const facts = orgFactsAround(db, [menteeId, mentorId]);
  const numbers = new PersonNumbers();
  return { mentee: menteeOf(mentee, facts, numbers), mentor: mentorOf(mentor, facts, numbers, mentor.capacity), mentorRow: mentor, menteeRow: mentee };
}

// ——— people ——————————————————————————————————————————————————————————

function people(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { name: string; staffNumber: string; rank: string | null; jobCategory: string | null; unit: string | null }>();
  const rows = db
    .select({ id: employees.id, name: employees.name, staffNumber: employees.staffNumber, rank: employees.rank, jobCategory: employees.jobCategory, orgUnitId: employees.orgUnitId })
    .from(employees)
    .where(inArray(employees.id, [...new Set(ids)]))
    .all();
  return new Map(rows.map((r) => [r.id, { name: r.name, staffNumber: r.staffNumber, rank: r.rank, jobCategory: r.jobCategory, unit: orgPath(r.orgUnitId) }]));
}

/** Mentors of a cycle a mentee may pick (registered, available, eligible), with the seats left. */
export function availableMentors(db: Db, cycle: CycleRow) {
  const list = eligibleRegistrations(db, cycle, "mentor");
  const who = people(db, list.map((r) => r.employeeId));
  return list.map((r) => ({
    employeeId: r.employeeId,
    name: who.get(r.employeeId)?.name ?? "",
    unit: who.get(r.employeeId)?.unit ?? null,
    rank: who.get(r.employeeId)?.rank ?? null,
    jobCategory: who.get(r.employeeId)?.jobCategory ?? null,
    topics: r.topics,
    experience: r.experience,
    freeText: r.freeText,
    seatsLeft: Math.max(0, r.capacity - seatsTaken(db, cycle.id, r.employeeId)),
  }));
}

function cycleSummary(c: CycleRow) {
  return {
    id: c.id,
    fiscalYear: c.fiscalYear,
    term: c.term,
    title: c.title,
    status: c.status,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    menteeEligibility: c.menteeEligibility,
    mentorEligibility: c.mentorEligibility,
    requestResponseDays: c.requestResponseDays,
    version: c.version,
  };
}

function registrationView(r: RegistrationRow | undefined) {
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    version: r.version,
    topics: r.topics,
    freeText: r.freeText,
    experience: r.experience,
    capacity: r.capacity,
    available: r.available,
    worries: r.worries,
    prefersSameJobCategory: r.prefersSameJobCategory,
    prefersOtherBureau: r.prefersOtherBureau,
    preferredMentorIds: r.preferredMentorIds,
  };
}

// ——— the employee ————————————————————————————————————————————————————

/** My mentor programme: cycles I can see, my registrations, my pairs, requests I sent and received. */
export function getMyMentoring(viewer: Viewer, now: Date = new Date()) {
  const db = getDb();
  const today = todayIso(now);
  const visible = db
    .select()
    .from(cycles)
    .where(inArray(cycles.status, [...VISIBLE_CYCLE_STATUSES]))
    .orderBy(desc(cycles.fiscalYear), desc(cycles.opensOn), desc(cycles.id))
    .all();
  const myRegs = db.select().from(regs).where(eq(regs.employeeId, viewer.id)).all();
  const cycleList = visible
    .filter((c) => c.status !== "ended" || myRegs.some((r) => r.cycleId === c.id))
    .map((c) => ({
      ...cycleSummary(c),
      registrationOpen: c.status === "open" && isRegistrationOpen(c, today),
      asMentor: myRegs.find((r) => r.cycleId === c.id && r.side === "mentor")?.status ?? null,
      asMentee: myRegs.find((r) => r.cycleId === c.id && r.side === "mentee")?.status ?? null,
    }));
  const myPairs = db
    .select()
    .from(pairs)
    .where(and(sql`(${pairs.menteeId} = ${viewer.id} OR ${pairs.mentorId} = ${viewer.id})`, inArray(pairs.status, ["active", "ended", "ended_early"])))
    .orderBy(desc(pairs.id))
    .all();
  const reqs = db
    .select()
    .from(requests)
    .where(sql`(${requests.menteeId} = ${viewer.id} OR ${requests.mentorId} = ${viewer.id})`)
    .orderBy(desc(requests.id))
    .all();
  const who = people(db, [...myPairs.flatMap((p) => [p.menteeId, p.mentorId]), ...reqs.flatMap((r) => [r.menteeId, r.mentorId])]);
  return {
    cycles: cycleList,
    pairs: myPairs.map((p) => {
      const side = p.menteeId === viewer.id ? "mentee" : "mentor";
      const other = who.get(side === "mentee" ? p.mentorId : p.menteeId);
      return { id: p.id, status: p.status, side, otherName: other?.name ?? "", otherUnit: other?.unit ?? null };
    }),
    sentRequests: reqs
      .filter((r) => r.menteeId === viewer.id)
      .map((r) => ({ id: r.id, status: effectiveRequestStatus(r.status, r.expiresAt, now), mentorName: who.get(r.mentorId)?.name ?? "", expiresAt: r.expiresAt.getTime(), message: r.message })),
    receivedRequests: reqs
      .filter((r) => r.mentorId === viewer.id)
      .map((r) => ({
        id: r.id,
        status: effectiveRequestStatus(r.status, r.expiresAt, now),
        menteeName: who.get(r.menteeId)?.name ?? "",
        menteeUnit: who.get(r.menteeId)?.unit ?? null,
        expiresAt: r.expiresAt.getTime(),
        message: r.message,
      })),
  };
}

/** One cycle as an employee sees it: both sides' eligibility, my registrations, the mentors to pick from. Null for a draft. */
export function getCycleForEmployee({ cycleId, viewer, now = new Date() }: { cycleId: number; viewer: Viewer; now?: Date }) {
  const db = getDb();
  const cycle = loadCycle(db, cycleId);
  if (!cycle || !VISIBLE_CYCLE_STATUSES.includes(cycle.status)) return null;
  const today = todayIso(now);
  const registrationOpen = cycle.status === "open" && isRegistrationOpen(cycle, today);
  const pending = db
    .select()
    .from(requests)
    .where(and(eq(requests.cycleId, cycle.id), eq(requests.menteeId, viewer.id), eq(requests.status, "pending")))
    .get();
  const pendingRequest = pending && effectiveRequestStatus(pending.status, pending.expiresAt, now) === "pending" ? pending : undefined;
  return {
    today,
    registrationOpen,
    requestsOpen: REQUEST_CYCLE_STATUSES.includes(cycle.status),
    cycle: cycleSummary(cycle),
    mentorEligibility: eligibilityFor(db, cycle, viewer.id, "mentor"),
    menteeEligibility: eligibilityFor(db, cycle, viewer.id, "mentee"),
    asMentor: registrationView(loadRegistration(db, cycle.id, viewer.id, "mentor")),
    asMentee: registrationView(loadRegistration(db, cycle.id, viewer.id, "mentee")),
    holdsPair: Boolean(holdingPairOf(db, viewer.id)),
    pendingRequest: pendingRequest ? { id: pendingRequest.id, mentorId: pendingRequest.mentorId, expiresAt: pendingRequest.expiresAt.getTime() } : null,
    mentors: availableMentors(db, cycle).filter((m) => m.employeeId !== viewer.id),
  };
}

// ——— the pair (the two of them only) ——————————————————————————————————————

export function pairHistory(db: Db, pairId: number) {
  return db
    .select({ id: hist.id, action: hist.action, fromStatus: hist.fromStatus, toStatus: hist.toStatus, comment: hist.comment, at: hist.at, actorId: hist.actorId, actorName: employees.name })
    .from(hist)
    .leftJoin(employees, eq(employees.id, hist.actorId))
    .where(and(eq(hist.subject, "pair"), eq(hist.subjectId, pairId)))
    .orderBy(asc(hist.at), asc(hist.id))
    .all()
    .map((h) => ({ ...h, actorName: h.actorName ?? "システム", at: h.at.getTime() }));
}
export type HistoryLine = ReturnType<typeof pairHistory>[number];

/**
 * The pair page: null unless the viewer is the mentee or the mentor of this pair (and the
 * pair was ever formed). Notes, meetings, fit checks and the viewer's own survey answer.
 */
export function getPairForMember({ pairId, viewer }: { pairId: number; viewer: Viewer }) {
  const db = getDb();
  const pair = loadPair(db, pairId);
  if (!pair || pair.status === "proposed" || pair.status === "discarded") return null;
  const sights = pairSightsOf(viewer, pair);
  if (sights.length === 0) return null;
  const cycle = loadCycle(db, pair.cycleId)!;
  const side = sights[0]!;
  const who = people(db, [pair.menteeId, pair.mentorId]);
  const meetingList = db.select().from(meetings).where(eq(meetings.pairId, pair.id)).orderBy(asc(meetings.heldOn)).all();
  const noteList = maySeeNotes(viewer, pair)
    ? db
        .select({ id: notes.id, body: notes.body, createdAt: notes.createdAt, authorId: notes.authorId })
        .from(notes)
        .where(eq(notes.pairId, pair.id))
        .orderBy(asc(notes.createdAt), asc(notes.id))
        .all()
        .map((n) => ({ id: n.id, body: n.body, at: n.createdAt.getTime(), author: who.get(n.authorId)?.name ?? "", mine: n.authorId === viewer.id }))
    : [];
  const mySurvey = db
    .select({ score: surveys.score, comment: surveys.comment })
    .from(surveys)
    .where(and(eq(surveys.pairId, pair.id), eq(surveys.respondentId, viewer.id)))
    .get();
  const myFit = side === "mentee" ? pair.menteeFit : pair.mentorFit;
  // What the mentee wrote they want to talk about, for the two of them (the form says the mentor reads it).
  const menteeReg = db
    .select({ worries: regs.worries, topics: regs.topics })
    .from(regs)
    .where(and(eq(regs.cycleId, pair.cycleId), eq(regs.employeeId, pair.menteeId), eq(regs.side, "mentee")))
    .get();
  return {
    menteeWorries: menteeReg?.worries ?? null,
    pair: { id: pair.id, status: pair.status as PairStatus, version: pair.version, source: pair.source, terms: pair.terms, endReason: pair.endReason, startedAt: pair.startedAt?.getTime() ?? null },
    cycle: cycleSummary(cycle),
    side,
    mentee: who.get(pair.menteeId)!,
    mentor: who.get(pair.mentorId)!,
    meetings: meetingList.map((m) => ({ id: m.id, heldOn: m.heldOn, minutes: m.minutes, mode: m.mode, loggedBy: who.get(m.loggedBy)?.name ?? "" })),
    notes: noteList,
    myFit,
    mayCheckFit: pair.status === "active" && meetingList.length > 0 && myFit === null,
    mySurvey: mySurvey ?? null,
    actions: pairActions(pair.status, pairCapacitiesOf(viewer, pair)),
    // Each one's fit check is their own: the other of the pair does not see it (人事課 sees the 合わない flag).
    history: pairHistory(db, pair.id)
      .filter((h) => !h.action.startsWith("fit_") || h.actorId === viewer.id)
      .map(({ actorId: _actorId, ...h }) => h),
  };
}

// ——— 人事課 ——————————————————————————————————————————————————————————————

export function listCyclesForHr({ viewer }: { viewer: Viewer }) {
  if (!mayRunProgramme(viewer)) return null;
  const db = getDb();
  const list = db.select().from(cycles).orderBy(desc(cycles.fiscalYear), desc(cycles.opensOn), desc(cycles.id)).all();
  const counts = db.$client
    .prepare(
      `SELECT cycle_id AS cycleId, sum(side = 'mentor') AS mentors, sum(side = 'mentee') AS mentees FROM mentor_registrations WHERE status = 'registered' GROUP BY cycle_id`,
    )
    .all() as { cycleId: number; mentors: number; mentees: number }[];
  const rematch = db.$client
    .prepare(`SELECT cycle_id AS cycleId, count(*) AS n FROM mentor_pairs WHERE needs_rematch = 1 GROUP BY cycle_id`)
    .all() as { cycleId: number; n: number }[];
  return list.map((c) => ({
    ...cycleSummary(c),
    mentors: counts.find((x) => x.cycleId === c.id)?.mentors ?? 0,
    mentees: counts.find((x) => x.cycleId === c.id)?.mentees ?? 0,
    needsRematch: rematch.find((x) => x.cycleId === c.id)?.n ?? 0,
  }));
}

/** A cycle as 人事課 edits it (the form's values). */
export function getCycleForEdit({ cycleId, viewer }: { cycleId: number; viewer: Viewer }) {
  if (!mayRunProgramme(viewer)) return null;
  const c = loadCycle(getDb(), cycleId);
  return c ? { ...cycleSummary(c), weights: c.weights } : null;
}

/**
 * One cycle for 人事課: its state and buttons, who registered, the proposal (each pair with
 * its score and the terms of it, each unmatched mentee with why, and why a named
 * preference was not honoured), pairs flagged for a rematch. Never a note, a meeting's
 * content or one person's survey answer: only counts.
 */
export function getCycleForHr({ cycleId, viewer }: { cycleId: number; viewer: Viewer }) {
  if (!mayRunProgramme(viewer)) return null;
  const db = getDb();
  const cycle = loadCycle(db, cycleId);
  if (!cycle) return null;
  const registrations = db.select().from(regs).where(and(eq(regs.cycleId, cycle.id), eq(regs.status, "registered"))).orderBy(asc(regs.id)).all();
  const pairList = db
    .select()
    .from(pairs)
    .where(and(eq(pairs.cycleId, cycle.id), inArray(pairs.status, ["proposed", "active", "ended", "ended_early"])))
    .orderBy(asc(pairs.id))
    .all();
  const meetingCounts = new Map(
    (
      db.$client
        .prepare(`SELECT m.pair_id AS pairId, count(*) AS n FROM mentor_meetings m JOIN mentor_pairs p ON p.id = m.pair_id WHERE p.cycle_id = ? GROUP BY m.pair_id`)
        .all(cycle.id) as { pairId: number; n: number }[]
    ).map((r) => [r.pairId, r.n]),
  );
  const who = people(db, [...registrations.map((r) => r.employeeId), ...pairList.flatMap((p) => [p.menteeId, p.mentorId])]);
  const mentorRegs = registrations.filter((r) => r.side === "mentor");
  const menteeRegs = registrations.filter((r) => r.side === "mentee");
  const heldMentees = new Set(pairList.filter((p) => MENTEE_HOLDING_STATUSES.includes(p.status)).map((p) => p.menteeId));
  const mentorsView = mentorRegs.map((r) => ({
    employeeId: r.employeeId,
    name: who.get(r.employeeId)?.name ?? "",
    unit: who.get(r.employeeId)?.unit ?? null,
    jobCategory: who.get(r.employeeId)?.jobCategory ?? null,
    topics: r.topics,
    capacity: r.capacity,
    available: r.available,
    eligible: eligibilityFor(db, cycle, r.employeeId, "mentor").eligible,
    seatsTaken: pairList.filter((p) => p.mentorId === r.employeeId && SEAT_HOLDING_STATUSES.includes(p.status)).length,
  }));
  const unmatchedWhy = new Map((cycle.proposal?.unmatched ?? []).map((u) => [u.menteeId, u]));
  const menteesView = menteeRegs.map((r) => ({
    employeeId: r.employeeId,
    name: who.get(r.employeeId)?.name ?? "",
    unit: who.get(r.employeeId)?.unit ?? null,
    jobCategory: who.get(r.employeeId)?.jobCategory ?? null,
    topics: r.topics,
    eligible: eligibilityFor(db, cycle, r.employeeId, "mentee").eligible,
    paired: heldMentees.has(r.employeeId),
    preferred: r.preferredMentorIds.map((id) => who.get(id)?.name ?? ""),
  }));
  const preferenceNotes = preferenceNotesOf(db, cycle, menteeRegs, pairList, who);
  return {
    cycle: { ...cycleSummary(cycle), weights: cycle.weights, proposalRanAt: cycle.proposal?.ranAt ?? null, totalScore: cycle.proposal?.totalScore ?? null },
    actions: CYCLE_TRANSITIONS.filter((t) => t.from === cycle.status),
    mentors: mentorsView,
    mentees: menteesView,
    pairs: pairList.map((p) => ({
      id: p.id,
      status: p.status,
      source: p.source,
      menteeId: p.menteeId,
      mentorId: p.mentorId,
      menteeName: who.get(p.menteeId)?.name ?? "",
      menteeUnit: who.get(p.menteeId)?.unit ?? null,
      mentorName: who.get(p.mentorId)?.name ?? "",
      mentorUnit: who.get(p.mentorId)?.unit ?? null,
      score: p.score,
      terms: p.terms,
      meetings: meetingCounts.get(p.id) ?? 0,
      fitFlag: p.menteeFit === "poor" || p.mentorFit === "poor",
      needsRematch: p.needsRematch,
      preferenceNotes: preferenceNotes.get(p.menteeId) ?? [],
    })),
    unmatched: menteesView
      .filter((m) => m.eligible && !heldMentees.has(m.employeeId))
      .map((m) => ({
        ...m,
        reason: unmatchedWhy.get(m.employeeId)?.message ?? (cycle.proposal ? "マッチングの実行後に登録・変更されました。" : "まだマッチングを実行していません。"),
        preferenceNotes: preferenceNotes.get(m.employeeId) ?? [],
      })),
    history: db
      .select({ id: hist.id, subject: hist.subject, action: hist.action, fromStatus: hist.fromStatus, toStatus: hist.toStatus, comment: hist.comment, at: hist.at, actorName: employees.name })
      .from(hist)
      .leftJoin(employees, eq(employees.id, hist.actorId))
      .where(and(eq(hist.cycleId, cycle.id), inArray(hist.subject, ["cycle", "pair"])))
      .orderBy(desc(hist.at), desc(hist.id))
      .limit(50)
      .all()
      .map((h) => ({ ...h, actorName: h.actorName ?? "システム", at: h.at.getTime() })),
  };
}
export type HrCycle = NonNullable<ReturnType<typeof getCycleForHr>>;

export const HARD_RULE_MESSAGES: Record<HardRule, string> = {
  same_unit: "同じ課の職員です",
  supervisor_line: "上司・部下の系列（局長まで）にあたります",
  same_person: "本人です",
};

/**
 * Why a mentee's named preferences were not honoured: for each preferred mentor who is not
 * the mentee's mentor, the hard rule it breaks, or that the mentor is unavailable or full.
 */
function preferenceNotesOf(db: Db, cycle: CycleRow, menteeRegs: RegistrationRow[], pairList: PairRow[], who: ReturnType<typeof people>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const withPrefs = menteeRegs.filter((r) => r.preferredMentorIds.length > 0);
  if (withPrefs.length === 0) return out;
  const facts = orgFactsAround(db, [...withPrefs.map((r) => r.employeeId), ...withPrefs.flatMap((r) => r.preferredMentorIds)]);
  for (const r of withPrefs) {
    const mine = pairList.find((p) => p.menteeId === r.employeeId && MENTEE_HOLDING_STATUSES.includes(p.status));
    const lines: string[] = [];
    r.preferredMentorIds.forEach((mentorId, i) => {
      if (mine?.mentorId === mentorId) return;
      const name = who.get(mentorId)?.name ?? "（登録のない職員）";
      const numbers = new PersonNumbers();
      const reg = loadRegistration(db, cycle.id, mentorId, "mentor");
      const rule = reg ? hardRuleViolation(menteeOf(r, facts, numbers), mentorOf(reg, facts, numbers, reg.capacity)) : null;
      let why: string;
      if (rule) why = `${HARD_RULE_MESSAGES[rule]}（組めない組合せ）`;
      else if (!reg || reg.status !== "registered" || !reg.available) why = "今回はメンターとして受け付けていません";
      else if (seatsTaken(db, cycle.id, mentorId) >= reg.capacity) why = "受入れ人数がほかのメンティで埋まりました";
      else why = "全体の合計点が高くなる組合せを優先しました";
      lines.push(`第${i + 1}希望 ${name}さん: ${why}`);
    });
    if (lines.length > 0) out.set(r.employeeId, lines);
  }
  return out;
}

export function cycleYears(db: Db = getDb()): number[] {
  return db
    .selectDistinct({ y: cycles.fiscalYear })
    .from(cycles)
    .all()
    .map((r) => r.y);
}

export type { CycleStatus };

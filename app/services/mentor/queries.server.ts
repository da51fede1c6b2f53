/**
 * Reads of 職員メンター制度. Every read that returns a pair takes the viewer and answers null
 * when the viewer may not see it (access.ts decides); the route turns null into 404.
 * The org facts the matching engine needs (課, 局/区, 職種, the supervisor line up to the
 * 局長) are read here too, for a whole run and for one hand-checked pair alike.
 */
import { and, asc, count, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { first, forUpdate, getDb, rows, schema, type Db } from "~/db.server";
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

/** The cycle; `lock` (inside immediate) holds its row until commit on PostgreSQL: 人事課's writes to a cycle queue on it. */
export async function loadCycle(db: Db, id: number, opts: { lock?: boolean } = {}): Promise<CycleRow | undefined> {
  const q = db.select().from(cycles).where(eq(cycles.id, id));
  return first(opts.lock ? forUpdate(q) : q);
}

/** The pair; `lock` (inside immediate) holds its row until commit on PostgreSQL: two answers to one pair queue on it. */
export async function loadPair(db: Db, id: number, opts: { lock?: boolean } = {}): Promise<PairRow | undefined> {
  const q = db.select().from(pairs).where(eq(pairs.id, id));
  return first(opts.lock ? forUpdate(q) : q);
}

export async function loadRequest(db: Db, id: number): Promise<RequestRow | undefined> {
  return first(db.select().from(requests).where(eq(requests.id, id)));
}

export async function loadRegistration(db: Db, cycleId: number, employeeId: string, side: "mentor" | "mentee"): Promise<RegistrationRow | undefined> {
  return first(
    db
      .select()
      .from(regs)
      .where(and(eq(regs.cycleId, cycleId), eq(regs.employeeId, employeeId), eq(regs.side, side))),
  );
}

/**
 * Locks the registrations of these people in this cycle (both sides) on PostgreSQL, in
 * ascending id order — every transaction that locks registrations takes them in that one
 * order, so two never wait on each other. The seats of a mentor are counted under the lock
 * of the mentor's registration row, and a mentee's pair is formed under the lock of the
 * mentee's. A no-op on SQLite (BEGIN IMMEDIATE already serialises the writes).
 */
export async function lockRegistrations(db: Db, cycleId: number, employeeIds: readonly string[]): Promise<void> {
  if (employeeIds.length === 0) return;
  await forUpdate(
    db
      .select({ id: regs.id })
      .from(regs)
      .where(and(eq(regs.cycleId, cycleId), inArray(regs.employeeId, [...new Set(employeeIds)])))
      .orderBy(asc(regs.id)),
  );
}

/** Locks every registration of a cycle (a whole matching run), in the same ascending id order. */
export async function lockAllRegistrations(db: Db, cycleId: number): Promise<void> {
  await forUpdate(db.select({ id: regs.id }).from(regs).where(eq(regs.cycleId, cycleId)).orderBy(asc(regs.id)));
}

/** The pair a mentee holds (proposed or active), in any cycle. */
export async function holdingPairOf(db: Db, menteeId: string): Promise<PairRow | undefined> {
  return first(
    db
      .select()
      .from(pairs)
      .where(and(eq(pairs.menteeId, menteeId), inArray(pairs.status, [...MENTEE_HOLDING_STATUSES])))
      .limit(1),
  );
}

/** Seats a mentor's pairs take in a cycle. */
export async function seatsTaken(db: Db, cycleId: number, mentorId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(pairs)
    .where(and(eq(pairs.cycleId, cycleId), eq(pairs.mentorId, mentorId), inArray(pairs.status, [...SEAT_HOLDING_STATUSES])));
  return row!.n;
}

/** What eligibility reads of a person: rank, hire date and the titles of 研修 completed (the training service's records). */
export async function personFacts(db: Db, employeeId: string): Promise<(Person & { orgUnitId: number | null; jobCategory: string | null }) | undefined> {
  const e = await first(
    db
      .select({ rank: employees.rank, hiredOn: employees.hiredOn, orgUnitId: employees.orgUnitId, jobCategory: employees.jobCategory })
      .from(employees)
      .where(eq(employees.id, employeeId)),
  );
  if (!e) return undefined;
  const completed = (
    await db
      .selectDistinct({ title: trainingCourses.title })
      .from(trainingEnrollments)
      .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrollments.courseId))
      .where(and(eq(trainingEnrollments.employeeId, employeeId), eq(trainingEnrollments.status, "completed")))
  ).map((r) => r.title);
  return { ...e, completedCourseTitles: completed };
}

export async function eligibilityFor(db: Db, cycle: CycleRow, employeeId: string, side: "mentor" | "mentee"): Promise<Eligibility> {
  const p = await personFacts(db, employeeId);
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

// Aliases are quoted: PostgreSQL folds unquoted names to lower case (SQLite accepts the quotes too).
const ORG_FACTS_SQL = sql.raw(`WITH RECURSIVE ${UNIT_BUREAU_CTE}
  SELECT e.id, e.org_unit_id AS "unitId", ub.bureau_id AS "bureauId", e.job_category AS "jobCategory", e.supervisor_id AS "supervisorId", e.rank
  FROM employees e LEFT JOIN unit_bureau ub ON ub.unit_id = e.org_unit_id`);

/** Org facts of everyone (for a whole matching run: the supervisor lines need the chain above each person). */
export async function allOrgFacts(db: Db): Promise<Map<string, OrgFact>> {
  const list = await rows<OrgFact>(db, ORG_FACTS_SQL);
  return new Map(list.map((r) => [r.id, r]));
}

/** Org facts of the people in `ids` and everyone above them (for one hand-checked pair). */
async function orgFactsAround(db: Db, ids: readonly string[]): Promise<Map<string, OrgFact>> {
  const facts = new Map<string, OrgFact>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (facts.has(id)) continue;
    const [f] = await rows<OrgFact>(db, sql`${ORG_FACTS_SQL} WHERE e.id = ${id}`);
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
async function eligibleRegistrations(db: Db, cycle: CycleRow, side: "mentor" | "mentee"): Promise<RegistrationRow[]> {
  const list = await db
    .select()
    .from(regs)
    .where(and(eq(regs.cycleId, cycle.id), eq(regs.side, side), eq(regs.status, "registered")))
    .orderBy(asc(regs.id));
  const out: RegistrationRow[] = [];
  for (const r of list) {
    if ((side === "mentor" ? r.available : true) && (await eligibilityFor(db, cycle, r.employeeId, side)).eligible) out.push(r);
  }
  return out;
}

/**
 * The engine's input for one cycle: eligible registered mentees without a pair they hold
 * (a pair accepted from a direct request stays), available eligible mentors with the
 * seats their active pairs leave, and the cycle's weights.
 */
export async function buildMatchInput(db: Db, cycle: CycleRow): Promise<{ input: MatchInput; numbers: PersonNumbers }> {
  const facts = await allOrgFacts(db);
  const numbers = new PersonNumbers();
  // A mentee already holding a pair stays with it: an active one anywhere, or a proposal of another cycle.
  const held = new Set(
    (
      await db
        .select({ menteeId: pairs.menteeId })
        .from(pairs)
        .where(or(eq(pairs.status, "active"), and(eq(pairs.status, "proposed"), ne(pairs.cycleId, cycle.id))))
    ).map((p) => p.menteeId),
  );
  const mentees = (await eligibleRegistrations(db, cycle, "mentee")).filter((r) => !held.has(r.employeeId)).map((r) => menteeOf(r, facts, numbers));
  const mentors: MatchMentor[] = [];
  for (const r of await eligibleRegistrations(db, cycle, "mentor")) {
    const [row] = await db
      .select({ n: count() })
      .from(pairs)
      .where(and(eq(pairs.cycleId, cycle.id), eq(pairs.mentorId, r.employeeId), eq(pairs.status, "active")));
    mentors.push(mentorOf(r, facts, numbers, r.capacity - row!.n));
  }
  return { input: { mentees, mentors, weights: cycle.weights }, numbers };
}

/** The two registrations of a pair as the engine sees them (for hand edits, requests and rematches). */
export async function matchPair(db: Db, cycle: CycleRow, menteeId: string, mentorId: string) {
  const mentee = await loadRegistration(db, cycle.id, menteeId, "mentee");
  const mentor = await loadRegistration(db, cycle.id, mentorId, "mentor");
  if (!mentee || !mentor) return null;
  const facts = await orgFactsAround(db, [menteeId, mentorId]);
  const numbers = new PersonNumbers();
  return { mentee: menteeOf(mentee, facts, numbers), mentor: mentorOf(mentor, facts, numbers, mentor.capacity), mentorRow: mentor, menteeRow: mentee };
}

// ——— people ——————————————————————————————————————————————————————————

type PersonView = { name: string; staffNumber: string; rank: string | null; jobCategory: string | null; unit: string | null };

async function people(db: Db, ids: readonly string[]): Promise<Map<string, PersonView>> {
  if (ids.length === 0) return new Map<string, PersonView>();
  const list = await db
    .select({ id: employees.id, name: employees.name, staffNumber: employees.staffNumber, rank: employees.rank, jobCategory: employees.jobCategory, orgUnitId: employees.orgUnitId })
    .from(employees)
    .where(inArray(employees.id, [...new Set(ids)]));
  const out = new Map<string, PersonView>();
  for (const r of list) out.set(r.id, { name: r.name, staffNumber: r.staffNumber, rank: r.rank, jobCategory: r.jobCategory, unit: await orgPath(r.orgUnitId, db) });
  return out;
}

/** Mentors of a cycle a mentee may pick (registered, available, eligible), with the seats left. */
export async function availableMentors(db: Db, cycle: CycleRow) {
  const list = await eligibleRegistrations(db, cycle, "mentor");
  const who = await people(db, list.map((r) => r.employeeId));
  const taken = new Map<string, number>();
  for (const r of list) taken.set(r.employeeId, await seatsTaken(db, cycle.id, r.employeeId));
  return list.map((r) => ({
    employeeId: r.employeeId,
    name: who.get(r.employeeId)?.name ?? "",
    unit: who.get(r.employeeId)?.unit ?? null,
    rank: who.get(r.employeeId)?.rank ?? null,
    jobCategory: who.get(r.employeeId)?.jobCategory ?? null,
    topics: r.topics,
    experience: r.experience,
    freeText: r.freeText,
    seatsLeft: Math.max(0, r.capacity - taken.get(r.employeeId)!),
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
export async function getMyMentoring(viewer: Viewer, now: Date = new Date()) {
  const db = getDb();
  const today = todayIso(now);
  const visible = await db
    .select()
    .from(cycles)
    .where(inArray(cycles.status, [...VISIBLE_CYCLE_STATUSES]))
    .orderBy(desc(cycles.fiscalYear), desc(cycles.opensOn), desc(cycles.id));
  const myRegs = await db.select().from(regs).where(eq(regs.employeeId, viewer.id));
  const cycleList = visible
    .filter((c) => c.status !== "ended" || myRegs.some((r) => r.cycleId === c.id))
    .map((c) => ({
      ...cycleSummary(c),
      registrationOpen: c.status === "open" && isRegistrationOpen(c, today),
      asMentor: myRegs.find((r) => r.cycleId === c.id && r.side === "mentor")?.status ?? null,
      asMentee: myRegs.find((r) => r.cycleId === c.id && r.side === "mentee")?.status ?? null,
    }));
  const myPairs = await db
    .select()
    .from(pairs)
    .where(and(or(eq(pairs.menteeId, viewer.id), eq(pairs.mentorId, viewer.id)), inArray(pairs.status, ["active", "ended", "ended_early"])))
    .orderBy(desc(pairs.id));
  const reqs = await db
    .select()
    .from(requests)
    .where(or(eq(requests.menteeId, viewer.id), eq(requests.mentorId, viewer.id)))
    .orderBy(desc(requests.id));
  const who = await people(db, [...myPairs.flatMap((p) => [p.menteeId, p.mentorId]), ...reqs.flatMap((r) => [r.menteeId, r.mentorId])]);
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
export async function getCycleForEmployee({ cycleId, viewer, now = new Date() }: { cycleId: number; viewer: Viewer; now?: Date }) {
  const db = getDb();
  const cycle = await loadCycle(db, cycleId);
  if (!cycle || !VISIBLE_CYCLE_STATUSES.includes(cycle.status)) return null;
  const today = todayIso(now);
  const registrationOpen = cycle.status === "open" && isRegistrationOpen(cycle, today);
  const pending = await first(
    db
      .select()
      .from(requests)
      .where(and(eq(requests.cycleId, cycle.id), eq(requests.menteeId, viewer.id), eq(requests.status, "pending")))
      .limit(1),
  );
  const pendingRequest = pending && effectiveRequestStatus(pending.status, pending.expiresAt, now) === "pending" ? pending : undefined;
  return {
    today,
    registrationOpen,
    requestsOpen: REQUEST_CYCLE_STATUSES.includes(cycle.status),
    cycle: cycleSummary(cycle),
    mentorEligibility: await eligibilityFor(db, cycle, viewer.id, "mentor"),
    menteeEligibility: await eligibilityFor(db, cycle, viewer.id, "mentee"),
    asMentor: registrationView(await loadRegistration(db, cycle.id, viewer.id, "mentor")),
    asMentee: registrationView(await loadRegistration(db, cycle.id, viewer.id, "mentee")),
    holdsPair: Boolean(await holdingPairOf(db, viewer.id)),
    pendingRequest: pendingRequest ? { id: pendingRequest.id, mentorId: pendingRequest.mentorId, expiresAt: pendingRequest.expiresAt.getTime() } : null,
    mentors: (await availableMentors(db, cycle)).filter((m) => m.employeeId !== viewer.id),
  };
}

// ——— the pair (the two of them only) ——————————————————————————————————————

export async function pairHistory(db: Db, pairId: number) {
  return (
    await db
      .select({ id: hist.id, action: hist.action, fromStatus: hist.fromStatus, toStatus: hist.toStatus, comment: hist.comment, at: hist.at, actorId: hist.actorId, actorName: employees.name })
      .from(hist)
      .leftJoin(employees, eq(employees.id, hist.actorId))
      .where(and(eq(hist.subject, "pair"), eq(hist.subjectId, pairId)))
      .orderBy(asc(hist.at), asc(hist.id))
  ).map((h) => ({ ...h, actorName: h.actorName ?? "システム", at: h.at.getTime() }));
}
export type HistoryLine = Awaited<ReturnType<typeof pairHistory>>[number];

/**
 * The pair page: null unless the viewer is the mentee or the mentor of this pair (and the
 * pair was ever formed). Notes, meetings, fit checks and the viewer's own survey answer.
 */
export async function getPairForMember({ pairId, viewer }: { pairId: number; viewer: Viewer }) {
  const db = getDb();
  const pair = await loadPair(db, pairId);
  if (!pair || pair.status === "proposed" || pair.status === "discarded") return null;
  const sights = pairSightsOf(viewer, pair);
  if (sights.length === 0) return null;
  const cycle = (await loadCycle(db, pair.cycleId))!;
  const side = sights[0]!;
  const who = await people(db, [pair.menteeId, pair.mentorId]);
  const meetingList = await db.select().from(meetings).where(eq(meetings.pairId, pair.id)).orderBy(asc(meetings.heldOn));
  const noteList = maySeeNotes(viewer, pair)
    ? (
        await db
          .select({ id: notes.id, body: notes.body, createdAt: notes.createdAt, authorId: notes.authorId })
          .from(notes)
          .where(eq(notes.pairId, pair.id))
          .orderBy(asc(notes.createdAt), asc(notes.id))
      ).map((n) => ({ id: n.id, body: n.body, at: n.createdAt.getTime(), author: who.get(n.authorId)?.name ?? "", mine: n.authorId === viewer.id }))
    : [];
  const mySurvey = await first(
    db
      .select({ score: surveys.score, comment: surveys.comment })
      .from(surveys)
      .where(and(eq(surveys.pairId, pair.id), eq(surveys.respondentId, viewer.id))),
  );
  const myFit = side === "mentee" ? pair.menteeFit : pair.mentorFit;
  // What the mentee wrote they want to talk about, for the two of them (the form says the mentor reads it).
  const menteeReg = await first(
    db
      .select({ worries: regs.worries, topics: regs.topics })
      .from(regs)
      .where(and(eq(regs.cycleId, pair.cycleId), eq(regs.employeeId, pair.menteeId), eq(regs.side, "mentee"))),
  );
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
    history: (await pairHistory(db, pair.id))
      .filter((h) => !h.action.startsWith("fit_") || h.actorId === viewer.id)
      .map(({ actorId: _actorId, ...h }) => h),
  };
}

// ——— 人事課 ——————————————————————————————————————————————————————————————

export async function listCyclesForHr({ viewer }: { viewer: Viewer }) {
  if (!mayRunProgramme(viewer)) return null;
  const db = getDb();
  const list = await db.select().from(cycles).orderBy(desc(cycles.fiscalYear), desc(cycles.opensOn), desc(cycles.id));
  const counts = await db
    .select({
      cycleId: regs.cycleId,
      mentors: sql<number>`sum(CASE WHEN ${regs.side} = 'mentor' THEN 1 ELSE 0 END)`.mapWith(Number),
      mentees: sql<number>`sum(CASE WHEN ${regs.side} = 'mentee' THEN 1 ELSE 0 END)`.mapWith(Number),
    })
    .from(regs)
    .where(eq(regs.status, "registered"))
    .groupBy(regs.cycleId);
  const rematch = await db
    .select({ cycleId: pairs.cycleId, n: count() })
    .from(pairs)
    .where(eq(pairs.needsRematch, true))
    .groupBy(pairs.cycleId);
  return list.map((c) => ({
    ...cycleSummary(c),
    mentors: counts.find((x) => x.cycleId === c.id)?.mentors ?? 0,
    mentees: counts.find((x) => x.cycleId === c.id)?.mentees ?? 0,
    needsRematch: rematch.find((x) => x.cycleId === c.id)?.n ?? 0,
  }));
}

/** A cycle as 人事課 edits it (the form's values). */
export async function getCycleForEdit({ cycleId, viewer }: { cycleId: number; viewer: Viewer }) {
  if (!mayRunProgramme(viewer)) return null;
  const c = await loadCycle(getDb(), cycleId);
  return c ? { ...cycleSummary(c), weights: c.weights } : null;
}

/**
 * One cycle for 人事課: its state and buttons, who registered, the proposal (each pair with
 * its score and the terms of it, each unmatched mentee with why, and why a named
 * preference was not honoured), pairs flagged for a rematch. Never a note, a meeting's
 * content or one person's survey answer: only counts.
 */
export async function getCycleForHr({ cycleId, viewer }: { cycleId: number; viewer: Viewer }) {
  if (!mayRunProgramme(viewer)) return null;
  const db = getDb();
  const cycle = await loadCycle(db, cycleId);
  if (!cycle) return null;
  const registrations = await db.select().from(regs).where(and(eq(regs.cycleId, cycle.id), eq(regs.status, "registered"))).orderBy(asc(regs.id));
  const pairList = await db
    .select()
    .from(pairs)
    .where(and(eq(pairs.cycleId, cycle.id), inArray(pairs.status, ["proposed", "active", "ended", "ended_early"])))
    .orderBy(asc(pairs.id));
  const meetingCounts = new Map(
    (
      await db
        .select({ pairId: meetings.pairId, n: count() })
        .from(meetings)
        .innerJoin(pairs, eq(pairs.id, meetings.pairId))
        .where(eq(pairs.cycleId, cycle.id))
        .groupBy(meetings.pairId)
    ).map((r) => [r.pairId, r.n]),
  );
  const who = await people(db, [...registrations.map((r) => r.employeeId), ...pairList.flatMap((p) => [p.menteeId, p.mentorId])]);
  const mentorRegs = registrations.filter((r) => r.side === "mentor");
  const menteeRegs = registrations.filter((r) => r.side === "mentee");
  const heldMentees = new Set(pairList.filter((p) => MENTEE_HOLDING_STATUSES.includes(p.status)).map((p) => p.menteeId));
  const eligible = new Map<number, boolean>();
  for (const r of registrations) eligible.set(r.id, (await eligibilityFor(db, cycle, r.employeeId, r.side)).eligible);
  const mentorsView = mentorRegs.map((r) => ({
    employeeId: r.employeeId,
    name: who.get(r.employeeId)?.name ?? "",
    unit: who.get(r.employeeId)?.unit ?? null,
    jobCategory: who.get(r.employeeId)?.jobCategory ?? null,
    topics: r.topics,
    capacity: r.capacity,
    available: r.available,
    eligible: eligible.get(r.id)!,
    seatsTaken: pairList.filter((p) => p.mentorId === r.employeeId && SEAT_HOLDING_STATUSES.includes(p.status)).length,
  }));
  const unmatchedWhy = new Map((cycle.proposal?.unmatched ?? []).map((u) => [u.menteeId, u]));
  const menteesView = menteeRegs.map((r) => ({
    employeeId: r.employeeId,
    name: who.get(r.employeeId)?.name ?? "",
    unit: who.get(r.employeeId)?.unit ?? null,
    jobCategory: who.get(r.employeeId)?.jobCategory ?? null,
    topics: r.topics,
    eligible: eligible.get(r.id)!,
    paired: heldMentees.has(r.employeeId),
    preferred: r.preferredMentorIds.map((id) => who.get(id)?.name ?? ""),
  }));
  const preferenceNotes = await preferenceNotesOf(db, cycle, menteeRegs, pairList, who);
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
    history: (
      await db
        .select({ id: hist.id, subject: hist.subject, action: hist.action, fromStatus: hist.fromStatus, toStatus: hist.toStatus, comment: hist.comment, at: hist.at, actorName: employees.name })
        .from(hist)
        .leftJoin(employees, eq(employees.id, hist.actorId))
        .where(and(eq(hist.cycleId, cycle.id), inArray(hist.subject, ["cycle", "pair"])))
        .orderBy(desc(hist.at), desc(hist.id))
        .limit(50)
    ).map((h) => ({ ...h, actorName: h.actorName ?? "システム", at: h.at.getTime() })),
  };
}
export type HrCycle = NonNullable<Awaited<ReturnType<typeof getCycleForHr>>>;

export const HARD_RULE_MESSAGES: Record<HardRule, string> = {
  same_unit: "同じ課の職員です",
  supervisor_line: "上司・部下の系列（局長まで）にあたります",
  same_person: "本人です",
};

/**
 * Why a mentee's named preferences were not honoured: for each preferred mentor who is not
 * the mentee's mentor, the hard rule it breaks, or that the mentor is unavailable or full.
 */
async function preferenceNotesOf(db: Db, cycle: CycleRow, menteeRegs: RegistrationRow[], pairList: PairRow[], who: Map<string, PersonView>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const withPrefs = menteeRegs.filter((r) => r.preferredMentorIds.length > 0);
  if (withPrefs.length === 0) return out;
  const facts = await orgFactsAround(db, [...withPrefs.map((r) => r.employeeId), ...withPrefs.flatMap((r) => r.preferredMentorIds)]);
  for (const r of withPrefs) {
    const mine = pairList.find((p) => p.menteeId === r.employeeId && MENTEE_HOLDING_STATUSES.includes(p.status));
    const lines: string[] = [];
    for (const [i, mentorId] of r.preferredMentorIds.entries()) {
      if (mine?.mentorId === mentorId) continue;
      const name = who.get(mentorId)?.name ?? "（登録のない職員）";
      const numbers = new PersonNumbers();
      const reg = await loadRegistration(db, cycle.id, mentorId, "mentor");
      const rule = reg ? hardRuleViolation(menteeOf(r, facts, numbers), mentorOf(reg, facts, numbers, reg.capacity)) : null;
      let why: string;
      if (rule) why = `${HARD_RULE_MESSAGES[rule]}（組めない組合せ）`;
      else if (!reg || reg.status !== "registered" || !reg.available) why = "今回はメンターとして受け付けていません";
      else if ((await seatsTaken(db, cycle.id, mentorId)) >= reg.capacity) why = "受入れ人数がほかのメンティで埋まりました";
      else why = "全体の合計点が高くなる組合せを優先しました";
      lines.push(`第${i + 1}希望 ${name}さん: ${why}`);
    }
    if (lines.length > 0) out.set(r.employeeId, lines);
  }
  return out;
}

export async function cycleYears(db: Db = getDb()): Promise<number[]> {
  return (await db.selectDistinct({ y: cycles.fiscalYear }).from(cycles)).map((r) => r.y);
}

export type { CycleStatus };

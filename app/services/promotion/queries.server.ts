/**
 * Reads of 昇任型公募. Every read that returns a person's application takes the viewer and
 * answers null when the viewer may not see it (access.ts decides); the route turns null
 * into 404. Staff views of an application are written to the audit log here, so no page
 * can show one without its line.
 */
import { and, asc, count, desc, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { first, forUpdate, getDb, rows, schema, type Db, type Tx } from "~/db.server";
import { todayIso } from "~/lib/fiscal-year";
import { auditAlone } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { actionsFor } from "~/services/contract/transitions";
import { orgPath } from "~/services/org/org.server";
import { capacitiesOf, maySeeOpinion, maySeeSelectionComments, mayRunCalls, sightsOf, type Sight } from "./access";
import { checkEligibility, exemptionLabel, exemptionsFor, isOpinionOpen, isWindowOpen, type Candidate, type Eligibility, type LeavePeriod, type PastPass } from "./rules";
import {
  APPLIED_STATUSES,
  CALL_TRANSITIONS,
  SUPERVISOR_VISIBLE_STATUSES,
  VISIBLE_CALL_STATUSES,
  applicationActions,
  type ApplicationStatus,
} from "./transitions";

const { promotionCalls: calls, promotionPosts: posts, promotionApplications: apps, promotionHistory: hist, promotionOpinions: opinions, employees, orgUnits, employeeLeavePeriods: leavePeriods } = schema;

export type CallRow = typeof calls.$inferSelect;
export type AppRow = typeof apps.$inferSelect;

// ——— loaders shared with the mutations (they pass their transaction) ——————————

export async function loadCall(db: Db, id: number): Promise<CallRow | undefined> {
  return first(db.select().from(calls).where(eq(calls.id, id)));
}

/**
 * The call, locked for the rest of the transaction (PostgreSQL `FOR UPDATE`; SQLite's
 * BEGIN IMMEDIATE already serialises writers). Every write of a call's applications takes
 * this lock first, so "one application per person per call", the version checks and the
 * placement seats are decided one transaction at a time per call.
 */
export async function lockCall(tx: Tx, id: number): Promise<CallRow | undefined> {
  return first(forUpdate(tx.select().from(calls).where(eq(calls.id, id))));
}

export async function loadApplication(db: Db, id: string): Promise<AppRow | undefined> {
  return first(db.select().from(apps).where(eq(apps.id, id)));
}

export async function loadPosts(db: Db, callId: number) {
  const list = await db
    .select({ id: posts.id, orgUnitId: posts.orgUnitId, duties: posts.duties, places: posts.places, unitName: orgUnits.name })
    .from(posts)
    .innerJoin(orgUnits, eq(orgUnits.id, posts.orgUnitId))
    .where(eq(posts.callId, callId))
    .orderBy(asc(posts.position), asc(posts.id));
  const out = [];
  for (const p of list) out.push({ ...p, unitPath: (await orgPath(p.orgUnitId, db)) ?? p.unitName });
  return out;
}
export type PostRow = Awaited<ReturnType<typeof loadPosts>>[number];

const CANDIDATE_COLUMNS = {
  id: employees.id,
  rank: employees.rank,
  rankSince: employees.rankSince,
  hiredOn: employees.hiredOn,
  birthYear: employees.birthYear,
  employmentType: employees.employmentType,
  workStatus: employees.workStatus,
  assignedOn: employees.assignedOn,
  supervisorId: employees.supervisorId,
  orgUnitId: employees.orgUnitId,
  gender: employees.gender,
};

/** The 局/区 at the top of a unit's tree (the unit itself for a 局/区). */
export async function bureauIdOf(db: Db, orgUnitId: number | null): Promise<number | null> {
  if (orgUnitId == null) return null;
  const [row] = await rows<{ id: number }>(
    db,
    sql`WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM org_units WHERE id = ${orgUnitId}
         UNION ALL SELECT o.id, o.parent_id FROM org_units o JOIN up ON o.id = up.parent_id
       ) SELECT id FROM up WHERE parent_id IS NULL`,
  );
  return row?.id ?? null;
}

/** Every stage a person passed in a call (合格 to the next stage, or 最終合格), for exemptions. */
export async function pastPassesOf(db: Db, applicantId: string): Promise<PastPass[]> {
  const passes = await db
    .select({ callId: calls.id, fiscalYear: calls.fiscalYear, level: calls.level, stages: calls.stages, stage: hist.fromStage })
    .from(hist)
    .innerJoin(apps, eq(apps.id, hist.applicationId))
    .innerJoin(calls, eq(calls.id, apps.callId))
    .where(and(eq(apps.applicantId, applicantId), inArray(hist.action, ["advance", "pass"]), sql`${hist.fromStage} IS NOT NULL`));
  return passes.flatMap((r) => {
    const stageName = r.stage === null ? undefined : r.stages[r.stage];
    return stageName ? [{ callId: r.callId, fiscalYear: r.fiscalYear, level: r.level, stageName }] : [];
  });
}

/** The exemptions a person would get (or got, once submitted) in a call. */
export async function exemptionsOfPerson(db: Db, call: CallRow, applicantId: string) {
  return call.stageExemptions.length ? exemptionsFor(call, await pastPassesOf(db, applicantId)) : [];
}

/** The leave periods (休職等期間 of the org data) of these people, by employee id. */
export async function leaveOf(db: Db, employeeIds: readonly string[] | "all"): Promise<Map<string, LeavePeriod[]>> {
  const q = db.select({ employeeId: leavePeriods.employeeId, kind: leavePeriods.kind, from: leavePeriods.fromOn, to: leavePeriods.toOn }).from(leavePeriods);
  // In id order (the order the import wrote them): both engines give the same list.
  const periods = employeeIds === "all" ? await q.orderBy(asc(leavePeriods.id)) : employeeIds.length === 0 ? [] : await q.where(inArray(leavePeriods.employeeId, [...employeeIds])).orderBy(asc(leavePeriods.id));
  const byEmployee = new Map<string, LeavePeriod[]>();
  for (const { employeeId, ...p } of periods) {
    const list = byEmployee.get(employeeId);
    if (list) list.push(p);
    else byEmployee.set(employeeId, [p]);
  }
  return byEmployee;
}

/** One person as eligibility reads them, with their leave periods. */
export async function loadCandidate(db: Db, employeeId: string) {
  const row = await first(db.select(CANDIDATE_COLUMNS).from(employees).where(eq(employees.id, employeeId)));
  return row ? { ...row, leave: (await leaveOf(db, [employeeId])).get(employeeId) ?? [] } : undefined;
}

/** Eligibility of one person for one call on its 基準日 (leave deducted as the call says). */
export function eligibilityOf(call: Pick<CallRow, "eligibility" | "referenceDate">, person: Candidate | undefined): Eligibility {
  if (!person) return { eligible: false, failures: [{ rule: "rank", message: "組織データにあなたの情報がないため、応募できません。" }], notes: [] };
  return checkEligibility(call.eligibility, call.referenceDate, person);
}

async function applicationFacts(db: Db, app: AppRow, call: CallRow) {
  const applicant = await first(db.select({ supervisorId: employees.supervisorId }).from(employees).where(eq(employees.id, app.applicantId)));
  return { applicantId: app.applicantId, applicantSupervisorId: applicant?.supervisorId ?? null, status: app.status, opinionRequired: call.opinionRequired };
}

/** The viewer's sights on an application (inside a transaction too). */
export async function sightsOn(db: Db, viewer: Viewer, app: AppRow, call: CallRow): Promise<Sight[]> {
  return sightsOf(viewer, await applicationFacts(db, app, call));
}

async function historyOf(applicationId: string, withComments: boolean) {
  const lines = await getDb()
    .select({
      id: hist.id,
      action: hist.action,
      fromStatus: hist.fromStatus,
      toStatus: hist.toStatus,
      fromStage: hist.fromStage,
      toStage: hist.toStage,
      actorRole: hist.actorRole,
      actorName: employees.name,
      comment: hist.comment,
      at: hist.at,
    })
    .from(hist)
    .innerJoin(employees, eq(employees.id, hist.actorId))
    .where(eq(hist.applicationId, applicationId))
    .orderBy(asc(hist.at), asc(hist.id));
  return lines.map((h) => ({
      ...h,
      // The applicant sees that 人事課 decided, not who in it, nor the committee's note; a step
      // of the rules (an exemption) is the portal's, with its reason.
      actorName: h.actorRole === "system" ? "自動" : withComments || h.actorRole === "applicant" ? h.actorName : "人事課",
      comment: withComments || h.actorRole !== "hr_personnel" ? h.comment : null,
    at: h.at.getTime(),
  }));
}
export type HistoryLine = Awaited<ReturnType<typeof historyOf>>[number];

function placementOf(app: AppRow, callPosts: PostRow[]) {
  const p = app.placementPostId ? callPosts.find((x) => x.id === app.placementPostId) : undefined;
  return p ? { unitPath: p.unitPath, duties: p.duties } : null;
}

// ——— the employee ————————————————————————————————————————————————————

/** Open calls with my eligibility, and my own applications (with their results). */
export async function listCallsForEmployee(viewer: Viewer, now: Date = new Date()) {
  const db = getDb();
  const today = todayIso(now);
  const me = await loadCandidate(db, viewer.id);
  const mine = await db.select().from(apps).where(eq(apps.applicantId, viewer.id));
  const mineByCall = new Map(mine.map((a) => [a.callId, a]));
  const visible = await db
    .select()
    .from(calls)
    .where(inArray(calls.status, [...VISIBLE_CALL_STATUSES]))
    .orderBy(desc(calls.fiscalYear), asc(calls.closesOn), asc(calls.id));
  const open = [];
  for (const c of visible.filter((x) => x.status === "published" && isWindowOpen(x, today))) {
    open.push({
      ...summaryOf(c),
      places: await placesOf(db, c.id),
      eligibility: eligibilityOf(c, me),
      myStatus: mineByCall.get(c.id)?.status ?? null,
    });
  }
  const applied = visible
    .filter((c) => mineByCall.has(c.id))
    .map((c) => {
      const a = mineByCall.get(c.id)!;
      return { ...summaryOf(c), applicationStatus: a.status, stageName: c.stages[a.stage] ?? null };
    });
  return { today, open, applied };
}

/** The places of a call's posts together. */
async function placesOf(db: Db, callId: number): Promise<number> {
  const list = await db.select({ places: posts.places }).from(posts).where(eq(posts.callId, callId));
  return list.reduce((n, p) => n + p.places, 0);
}

function summaryOf(c: CallRow) {
  return {
    id: c.id,
    fiscalYear: c.fiscalYear,
    title: c.title,
    level: c.level,
    status: c.status,
    referenceDate: c.referenceDate,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
  };
}

/**
 * One call as an employee sees it, with my eligibility and my application (if any). Null
 * for a call not (yet) published. Nothing of any other applicant, not even their count.
 */
export async function getCallForEmployee({ callId, viewer, now = new Date() }: { callId: number; viewer: Viewer; now?: Date }) {
  const db = getDb();
  const call = await loadCall(db, callId);
  if (!call || !VISIBLE_CALL_STATUSES.includes(call.status)) return null;
  const today = todayIso(now);
  const windowOpen = call.status === "published" && isWindowOpen(call, today);
  const mine = await first(
    db
      .select()
      .from(apps)
      .where(and(eq(apps.callId, call.id), eq(apps.applicantId, viewer.id))),
  );
  const callPosts = await loadPosts(db, call.id);
  const eligibility = eligibilityOf(call, await loadCandidate(db, viewer.id));
  const ctx = { windowOpen, stage: mine?.stage ?? 0, stageCount: call.stages.length, selecting: false };
  // Fixed at submission; before it, what submitting now would give.
  const applied = mine && mine.submittedAt && mine.status !== "draft";
  const exemptions = (applied ? mine.exemptions : windowOpen && eligibility.eligible ? await exemptionsOfPerson(db, call, viewer.id) : []).map((e) => ({ stage: e.stage, label: exemptionLabel(e) }));
  const actions = applicationActions(mine?.status ?? null, ["applicant"], ctx).filter(
    // An ineligible person may not start or resubmit; withdrawing stays possible.
    (t) => eligibility.eligible || t.action === "withdraw",
  );
  return {
    today,
    windowOpen,
    call: { ...summaryOf(call), description: call.description, eligibility: call.eligibility, stages: call.stages, stageExemptions: call.stageExemptions, limits: call.limits, opinionRequired: call.opinionRequired },
    exemptions,
    posts: callPosts.map((p) => ({ id: p.id, unitPath: p.unitPath, duties: p.duties, places: p.places })),
    eligibility,
    application: mine
      ? {
          id: mine.id,
          status: mine.status,
          version: mine.version,
          motivation: mine.motivation,
          careerPlan: mine.careerPlan,
          selfPr: mine.selfPr,
          stage: mine.stage,
          stageName: call.stages[mine.stage] ?? null,
          submittedAt: mine.submittedAt?.getTime() ?? null,
          placement: mine.status === "placed" ? placementOf(mine, callPosts) : null,
          history: await historyOf(mine.id, false),
        }
      : null,
    actions: actions.map((t) => ({ action: t.action, label: t.label })),
  };
}

// ——— 人事課 ———————————————————————————————————————————————————————————

/** The calls of a 年度 for 人事課, with their applicant counts; null for anyone else. */
export async function listCallsForHr({ viewer, fiscalYear }: { viewer: Viewer; fiscalYear: number }) {
  if (!mayRunCalls(viewer)) return null;
  const db = getDb();
  const list = await db.select().from(calls).where(eq(calls.fiscalYear, fiscalYear)).orderBy(asc(calls.opensOn), asc(calls.id));
  const counts = await db
    .select({ callId: apps.callId, n: count() })
    .from(apps)
    .where(inArray(apps.status, [...APPLIED_STATUSES]))
    .groupBy(apps.callId);
  const byCall = new Map(counts.map((c) => [c.callId, c.n]));
  const out = [];
  for (const c of list) out.push({ ...summaryOf(c), applicants: byCall.get(c.id) ?? 0, places: await placesOf(db, c.id) });
  return out;
}

/** 年度 that have calls (for the picker). */
export async function callYears(): Promise<number[]> {
  const years = await getDb().selectDistinct({ fy: calls.fiscalYear }).from(calls).orderBy(asc(calls.fiscalYear));
  return years.map((r) => r.fy);
}

/** The newest call of the 年度 before, the one "copy last year's call" starts from. */
export async function lastYearsCalls(fiscalYear: number) {
  return getDb()
    .select({ id: calls.id, title: calls.title, fiscalYear: calls.fiscalYear })
    .from(calls)
    .where(eq(calls.fiscalYear, fiscalYear - 1))
    .orderBy(asc(calls.id));
}

/** One call for 人事課: its settings, posts and the actions it allows (the applicants: applicant-list.server.ts). */
export async function getCallForHr({ callId, viewer }: { callId: number; viewer: Viewer }) {
  if (!mayRunCalls(viewer)) return null;
  const db = getDb();
  const call = await loadCall(db, callId);
  if (!call) return null;
  const callPosts = await loadPosts(db, call.id);
  return {
    call,
    posts: callPosts,
    actions: actionsFor(CALL_TRANSITIONS, call.status, ["hr_personnel"]).filter((t) => t.from !== t.to),
  };
}

/** Active personnel staff who could be eligible, prefiltered by rank in SQL, with their leave periods. */
async function candidatesFor(db: Db, ranks: readonly string[]) {
  if (ranks.length === 0) return [];
  const people = await db
    .select({ ...CANDIDATE_COLUMNS, staffNumber: employees.staffNumber, name: employees.name, kana: employees.kana })
    .from(employees)
    .where(and(eq(employees.source, "personnel"), isNull(employees.disabledAt), inArray(employees.rank, [...ranks])));
  const leave = await leaveOf(db, "all");
  return people.map((p) => ({ ...p, leave: leave.get(p.id) ?? [] }));
}

// Judging every candidate on 基準日 takes tens of milliseconds at 20,000 staff, and the
// progress page asks for every offered call of two 年度. The answer depends only on the call
// (its version) and the org data, so it is kept until either changes: every change to an
// employee row (import, disable, the seeds) sets updated_at, and a new row changes the count;
// the leave import replaces every period, so its largest id (never reused) changes.
const eligibleCache = new Map<string, number>();

/** How many staff are eligible for a call on its 基準日 (figures for 人事課 and the statistics). */
export async function eligibleCount(call: CallRow, db: Db = getDb()): Promise<number> {
  const [org] = await db.select({ n: count(), at: max(employees.updatedAt) }).from(employees);
  const [leave] = await db.select({ n: count(), id: max(leavePeriods.id) }).from(leavePeriods);
  const key = `${call.id}:${call.version}:${org?.n ?? 0}:${org?.at?.getTime() ?? 0}:${leave?.id ?? 0}:${leave?.n ?? 0}`;
  const known = eligibleCache.get(key);
  if (known !== undefined) return known;
  const n = (await candidatesFor(db, call.eligibility.ranks)).filter((c) => checkEligibility(call.eligibility, call.referenceDate, c).eligible).length;
  if (eligibleCache.size > 500) eligibleCache.clear();
  eligibleCache.set(key, n);
  return n;
}

/**
 * 人事課 only: who is eligible for a call but has not applied (a withdrawal counts as not
 * applied), unsorted; applicant-list.server.ts pages it for the table.
 */
export async function eligibleNotApplied({ callId, viewer }: { callId: number; viewer: Viewer }) {
  if (!mayRunCalls(viewer)) return null;
  const db = getDb();
  const call = await loadCall(db, callId);
  if (!call) return null;
  const appliedRows = await db
    .select({ id: apps.applicantId })
    .from(apps)
    .where(and(eq(apps.callId, callId), inArray(apps.status, [...APPLIED_STATUSES])));
  const applied = new Set(appliedRows.map((r) => r.id));
  const eligible = (await candidatesFor(db, call.eligibility.ranks)).filter((c) => checkEligibility(call.eligibility, call.referenceDate, c).eligible);
  const people = eligible
    .filter((c) => !applied.has(c.id))
    .map((c) => ({ id: c.id, staffNumber: c.staffNumber, name: c.name, kana: c.kana, rank: c.rank, orgUnitId: c.orgUnitId }));
  return { call: summaryOf(call), eligible: eligible.length, notApplied: people };
}

/**
 * One application as staff see it: 人事課 (`as: "hr"`) or the applicant's supervisor
 * (`as: "supervisor"`). Each view is audit-logged (a refusal too); null when the viewer has
 * no sight of it in that part.
 */
export async function viewApplicationAsStaff({ id, actor, as, now = new Date() }: { id: string; actor: Actor; as: "hr" | "supervisor"; now?: Date }) {
  const db = getDb();
  const { viewer } = actor;
  const app = await loadApplication(db, id);
  const call = app ? await loadCall(db, app.callId) : undefined;
  const sights = app && call ? await sightsOn(db, viewer, app, call) : [];
  const needed: Sight = as === "hr" ? "hr_personnel" : "supervisor";
  const line = { actorId: viewer.id, target: `promotion_application:${id}`, ip: actor.ip };
  if (!app || !call || !sights.includes(needed)) {
    await auditAlone({ ...line, action: "promotion.application.view", outcome: "denied", detail: { as } });
    return null;
  }
  await auditAlone({ ...line, action: "promotion.application.view", outcome: "success", detail: { as } });
  const applicant = (await first(
    db
      .select({ name: employees.name, kana: employees.kana, staffNumber: employees.staffNumber, rank: employees.rank, orgUnitId: employees.orgUnitId })
      .from(employees)
      .where(eq(employees.id, app.applicantId)),
  ))!;
  const callPosts = await loadPosts(db, call.id);
  const opinion = maySeeOpinion(sights) ? ((await first(db.select().from(opinions).where(eq(opinions.applicationId, app.id)))) ?? null) : null;
  const today = todayIso(now);
  const ctx = { windowOpen: false, stage: app.stage, stageCount: call.stages.length, selecting: call.status === "selecting", exempt: app.exemptions.map((e) => e.stage) };
  return {
    exemptions: app.exemptions.map((e) => ({ stage: e.stage, label: exemptionLabel(e) })),
    application: {
      id: app.id,
      status: app.status,
      version: app.version,
      stage: app.stage,
      stageName: call.stages[app.stage] ?? "",
      motivation: app.motivation,
      careerPlan: app.careerPlan,
      selfPr: app.selfPr,
      submittedAt: app.submittedAt?.getTime() ?? null,
      placement: placementOf(app, callPosts),
    },
    applicant: { ...applicant, unitPath: (await orgPath(applicant.orgUnitId, db)) ?? "" },
    call: { id: call.id, title: call.title, level: call.level, status: call.status, stages: call.stages, opinionRequired: call.opinionRequired, opinionDueOn: call.opinionDueOn, closesOn: call.closesOn },
    posts: callPosts.map((p) => ({ id: p.id, unitPath: p.unitPath, duties: p.duties })),
    opinion: opinion ? { recommendation: opinion.recommendation, comment: opinion.comment, writtenAt: opinion.writtenAt.getTime() } : null,
    opinionOpen: sights.includes("supervisor") && isOpinionOpen(call, today),
    history: as === "hr" ? await historyOf(app.id, maySeeSelectionComments(sights)) : [],
    actions: as === "hr" ? applicationActions(app.status, capacitiesOf(sights), ctx).map((t) => ({ action: t.action, label: t.label })) : [],
  };
}

/** The supervisor's pending opinions: submitted applications of my subordinates, asked for and not yet written, still due. */
export async function listOpinionsDue(viewer: Viewer, now: Date = new Date()) {
  const db = getDb();
  const today = todayIso(now);
  const due = await db
    .select({
      id: apps.id,
      name: employees.name,
      staffNumber: employees.staffNumber,
      rank: employees.rank,
      title: calls.title,
      level: calls.level,
      opinionDueOn: calls.opinionDueOn,
      closesOn: calls.closesOn,
      opinionRequired: calls.opinionRequired,
      submittedAt: apps.submittedAt,
    })
    .from(apps)
    .innerJoin(employees, eq(employees.id, apps.applicantId))
    .innerJoin(calls, eq(calls.id, apps.callId))
    .leftJoin(opinions, eq(opinions.applicationId, apps.id))
    .where(
      and(
        eq(employees.supervisorId, viewer.id),
        sql`${apps.applicantId} <> ${viewer.id}`,
        inArray(apps.status, [...SUPERVISOR_VISIBLE_STATUSES]),
        eq(calls.opinionRequired, true),
        sql`${opinions.applicationId} IS NULL`,
      ),
    )
    // NULLS FIRST as SQLite sorts them (PostgreSQL would put them last).
    .orderBy(sql`${calls.opinionDueOn} ASC NULLS FIRST`, asc(employees.kana), asc(apps.id));
  return due.filter((r) => isOpinionOpen(r, today));
}

export type { ApplicationStatus };

/** The 所属 a post may be in (課 and 局/区), labelled with their path; 人事課 only. */
export async function unitOptions(viewer: Viewer) {
  if (!mayRunCalls(viewer)) return null;
  const db = getDb();
  const units = await db
    .select({ id: orgUnits.id, kind: orgUnits.kind, code: orgUnits.code })
    .from(orgUnits)
    .where(and(eq(orgUnits.active, true), inArray(orgUnits.kind, ["section"])))
    .orderBy(asc(orgUnits.code));
  const out = [];
  for (const u of units) out.push({ id: u.id, label: (await orgPath(u.id, db)) ?? String(u.id) });
  return out;
}

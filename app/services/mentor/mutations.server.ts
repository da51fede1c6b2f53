/**
 * Writes of 職員メンター制度. Each is one `immediate(tx => …)`: the checks (state, version,
 * window, eligibility, hard rules, capacity) and the write see the same data; the history
 * line, the audit line and the notices go in the same transaction through `tx`. A Refusal
 * thrown inside rolls everything back and comes out of `attempt` as `{ ok: false, refusal }`.
 *
 * Two invariants are held by the database as well: one proposed-or-active pair per mentee
 * (partial unique index) and one registration per person per cycle per side (unique
 * index). A mentor's capacity is counted and written inside the same transaction, under the
 * lock of the mentor's registration row (PostgreSQL; on SQLite BEGIN IMMEDIATE serialises
 * every write already); a mentee's pair is formed under the lock of the mentee's. 人事課's
 * writes to a cycle lock the cycle row first, and a pair's own writes lock the pair row.
 * Lock order, always: the cycle, then a pair, then registrations in ascending id.
 */
import { and, asc, count, eq, inArray, lte } from "drizzle-orm";
import { affected, getDb, immediate, isUniqueViolation, schema, type Tx } from "~/db.server";
import { todayIso } from "~/lib/fiscal-year";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { canDo, requireTransition } from "~/services/contract/transitions";
import { notify } from "~/services/notifications/notifications.server";
import { mayRunProgramme, pairSightsOf } from "./access";
import { hardRuleMessage, hardRuleViolation, proposeMatching, scorePair } from "./engine";
import type { Proposal } from "./matching/types";
import {
  buildMatchInput,
  eligibilityFor,
  holdingPairOf,
  loadCycle,
  loadPair,
  loadRegistration,
  loadRequest,
  lockAllRegistrations,
  lockRegistrations,
  matchPair,
  personFacts,
  seatsTaken,
  type CycleRow,
  type PairRow,
} from "./queries.server";
import { effectiveRequestStatus, isRegistrationOpen, maySurvey, requestExpiry } from "./rules";
import type { CycleFormInput, MenteeRegistrationInput, MentorRegistrationInput } from "./schemas";
import {
  CYCLE_TRANSITIONS,
  PAIR_TRANSITIONS,
  REQUEST_CYCLE_STATUSES,
  REQUEST_TRANSITIONS,
  type CycleAction,
  type CycleStatus,
  type PairStatus,
  type RequestStatus,
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
} = schema;

const STALE = "この内容は他の画面で更新されています。画面を再読み込みしてから、もう一度操作してください。";
const NO_CYCLE = "メンター制度のサイクルが見つかりません。";
const NO_PAIR = "ペアが見つかりません。";
const NO_REQUEST = "依頼が見つかりません。";

function requireHr(actor: Actor): void {
  if (!mayRunProgramme(actor.viewer)) refuse("forbidden", "メンター制度の運用は人事課だけが行えます。");
}

// ——— history and audit of one change ————————————————————————————————————————

type Subject = "cycle" | "registration" | "request" | "pair";

async function record(
  tx: Tx,
  actor: Actor | null,
  change: { cycleId: number; subject: Subject; subjectId: number; action: string; from: string | null; to: string; comment?: string | null; detail?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await tx.insert(hist).values({
      cycleId: change.cycleId,
      subject: change.subject,
      subjectId: change.subjectId,
      action: change.action,
      fromStatus: change.from,
      toStatus: change.to,
      actorId: actor?.viewer.id ?? null,
      comment: change.comment || null,
      at: now,
    });
  await audit(tx, {
    actorId: actor?.viewer.id ?? null,
    action: `mentor.${change.subject}.${change.action}`,
    target: `mentor_${change.subject}:${change.subjectId}`,
    outcome: "success",
    ip: actor?.ip ?? null,
    detail: { from: change.from, to: change.to, ...change.detail },
  });
}

// ——— 人事課: cycles ——————————————————————————————————————————————————————

function cycleValues(input: CycleFormInput) {
  return {
    fiscalYear: input.fiscalYear,
    term: input.term,
    title: input.title,
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    menteeEligibility: { maxYearsSinceHire: input.menteeRule === "anyone" ? null : (input.maxYearsSinceHire ?? null) },
    mentorEligibility: { minRank: input.minRank, minYearsOfService: input.minYearsOfService, requiredCourseTitle: input.requiredCourseTitle || null },
    weights: {
      topic: input.topicWeight,
      sameJobCategory: input.sameJobCategoryWeight,
      preference: [input.preference1, input.preference2, input.preference3] as [number, number, number],
      preferredAttribute: input.preferredAttributeWeight,
    },
    requestResponseDays: input.requestResponseDays,
  };
}

export function createCycle(actor: Actor, input: CycleFormInput, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      requireTransition(CYCLE_TRANSITIONS, null, "draft", "hr_personnel", NO_CYCLE);
      const [row] = await tx
        .insert(cycles)
        .values({ ...cycleValues(input), createdBy: actor.viewer.id, createdAt: now, updatedAt: now })
        .returning({ id: cycles.id });
      await record(tx, actor, { cycleId: row!.id, subject: "cycle", subjectId: row!.id, action: "create", from: null, to: "draft" }, now);
      return { ok: true as const, id: row!.id };
    }),
  );
}

/** The rules may change while the cycle is a draft or taking registrations (not once matching has begun). */
export function updateCycle(actor: Actor, id: number, version: number, input: CycleFormInput, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      const cycle = (await loadCycle(tx, id, { lock: true })) ?? refuse("not_found", NO_CYCLE);
      if (!canDo(CYCLE_TRANSITIONS, cycle.status, "edit", "hr_personnel")) refuse("conflict", "マッチングを始めたサイクルの設定は変更できません。");
      const changed = await tx
        .update(cycles)
        .set({ ...cycleValues(input), version: cycle.version + 1, updatedAt: now })
        .where(and(eq(cycles.id, id), eq(cycles.version, version)));
      if (affected(changed) !== 1) refuse("conflict", STALE);
      await record(tx, actor, { cycleId: id, subject: "cycle", subjectId: id, action: "edit", from: cycle.status, to: cycle.status }, now);
      return { ok: true as const, id };
    }),
  );
}

const CYCLE_TARGET = { open: "open", start_matching: "matching", publish: "published", end: "ended" } as const satisfies Partial<Record<CycleAction, CycleStatus>>;

async function moveCycle(tx: Tx, actor: Actor, cycle: CycleRow, action: keyof typeof CYCLE_TARGET, version: number, now: Date): Promise<CycleStatus> {
  const to = CYCLE_TARGET[action];
  requireTransition(CYCLE_TRANSITIONS, cycle.status, to, "hr_personnel", "このサイクルの今の状態では、その操作はできません。");
  if (cycle.version !== version) refuse("conflict", STALE);
  await tx
    .update(cycles)
    .set({ status: to, version: cycle.version + 1, updatedAt: now, ...(to === "published" ? { publishedAt: now } : {}), ...(to === "ended" ? { endedAt: now } : {}) })
    .where(eq(cycles.id, cycle.id));
  await record(tx, actor, { cycleId: cycle.id, subject: "cycle", subjectId: cycle.id, action, from: cycle.status, to }, now);
  return to;
}

async function setPairStatus(tx: Tx, actor: Actor | null, pair: PairRow, to: PairStatus, action: string, now: Date, extra: Partial<typeof pairs.$inferInsert> = {}, comment?: string): Promise<void> {
  await tx
    .update(pairs)
    .set({ status: to, version: pair.version + 1, updatedAt: now, ...extra })
    .where(eq(pairs.id, pair.id));
  await record(tx, actor, { cycleId: pair.cycleId, subject: "pair", subjectId: pair.id, action, from: pair.status, to, comment }, now);
}

async function pairsOf(tx: Tx, cycleId: number, statuses: PairStatus[]): Promise<PairRow[]> {
  return tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.cycleId, cycleId), inArray(pairs.status, statuses)))
    .orderBy(asc(pairs.id));
}

/**
 * 募集を始める, 締め切ってマッチングへ, 公開 (every proposed pair becomes active and both
 * sides are told), 終了 (every active pair closes and both sides are told).
 */
export function transitionCycle(actor: Actor, id: number, action: keyof typeof CYCLE_TARGET, version: number, now: Date = new Date()): Promise<Outcome<{ status: CycleStatus }>> {
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      // The cycle's row first: two 公開 (or 公開 and a hand edit) queue here on PostgreSQL.
      const cycle = (await loadCycle(tx, id, { lock: true })) ?? refuse("not_found", NO_CYCLE);
      if (action === "publish") {
        const proposed = await pairsOf(tx, id, ["proposed"]);
        if (proposed.length === 0) refuse("invalid", "公開するペアがありません。マッチングを実行するか、ペアを組んでください。");
        for (const p of proposed) {
          await setPairStatus(tx, actor, p, "active", "publish", now, { startedAt: now });
          const link = `/mentor/pairs/${p.id}`;
          await notify(tx, p.menteeId, { title: "メンターが決まりました", body: `「${cycle.title}」のペアが公開されました。ペアのページから最初の面談を相談してください。`, link });
          await notify(tx, p.mentorId, { title: "メンティが決まりました", body: `「${cycle.title}」のペアが公開されました。ペアのページから最初の面談を相談してください。`, link });
        }
      }
      if (action === "end") {
        for (const p of await pairsOf(tx, id, ["active"])) {
          await setPairStatus(tx, actor, p, "ended", "close", now, { endedAt: now, endedBy: actor.viewer.id, needsRematch: false });
          const body = `「${cycle.title}」が終了しました。ペアのページで終了時アンケート（5段階）にお答えください。`;
          await notify(tx, p.menteeId, { title: "メンター制度のペアが終了しました", body, link: `/mentor/pairs/${p.id}` });
          await notify(tx, p.mentorId, { title: "メンター制度のペアが終了しました", body, link: `/mentor/pairs/${p.id}` });
        }
        // Requests still waiting lapse with the cycle.
        await tx
          .update(requests)
          .set({ status: "lapsed", decidedAt: now })
          .where(and(eq(requests.cycleId, id), eq(requests.status, "pending")));
      }
      const status = await moveCycle(tx, actor, cycle, action, version, now);
      return { ok: true as const, status };
    }),
  );
}

// ——— 人事課: matching and hand edits ————————————————————————————————————————

/**
 * Hard rules and the seat count of one pair, inside the transaction that writes it. The two
 * registrations are locked first (PostgreSQL): the mentor's seats are counted, and the
 * mentee's pair formed, while no other transaction can do either for the same people.
 */
async function checkPair(tx: Tx, cycle: CycleRow, menteeId: string, mentorId: string, opts: { ignorePairId?: number; field?: string } = {}) {
  await lockRegistrations(tx, cycle.id, [menteeId, mentorId]);
  const m = await matchPair(tx, cycle, menteeId, mentorId);
  if (!m || m.menteeRow.status !== "registered" || m.mentorRow.status !== "registered") refuse("invalid", "この2人はこのサイクルに登録していません。", opts.field);
  if (!m.mentorRow.available) refuse("invalid", "このメンターは今回のサイクルでは受け付けていません。", opts.field);
  if (!(await eligibilityFor(tx, cycle, menteeId, "mentee")).eligible) refuse("invalid", "このメンティは対象の条件を満たしていません。", opts.field);
  if (!(await eligibilityFor(tx, cycle, mentorId, "mentor")).eligible) refuse("invalid", "このメンターは対象の条件を満たしていません。", opts.field);
  const rule = hardRuleViolation(m.mentee, m.mentor);
  if (rule) refuse("invalid", `${hardRuleMessage(rule)}。`, opts.field, { rule });
  let taken = await seatsTaken(tx, cycle.id, mentorId);
  if (opts.ignorePairId) {
    const ignored = await loadPair(tx, opts.ignorePairId);
    if (ignored && ignored.mentorId === mentorId && (ignored.status === "proposed" || ignored.status === "active")) taken--;
  }
  if (taken >= m.mentorRow.capacity) refuse("limit", `このメンターの受入れ人数（${m.mentorRow.capacity}人）はすでに埋まっています。`, opts.field);
  const { score, terms } = scorePair(m.mentee, m.mentor, cycle.weights);
  return { score, terms: [...terms] };
}

async function insertPair(tx: Tx, actor: Actor | null, cycle: CycleRow, p: { menteeId: string; mentorId: string; status: "proposed" | "active"; source: "matching" | "request" | "manual"; score: number; terms: { kind: string; label: string; points: number }[]; action: string }, now: Date): Promise<PairRow> {
  let row: PairRow;
  try {
    [row] = (await tx
      .insert(pairs)
      .values({ cycleId: cycle.id, menteeId: p.menteeId, mentorId: p.mentorId, status: p.status, source: p.source, score: p.score, terms: p.terms, startedAt: p.status === "active" ? now : null, createdAt: now, updatedAt: now })
      .returning()) as [PairRow];
  } catch (e) {
    if (isUniqueViolation(e)) refuse("conflict", "このメンティにはすでにペアがあります。", "menteeId");
    throw e;
  }
  await record(tx, actor, { cycleId: cycle.id, subject: "pair", subjectId: row.id, action: p.action, from: null, to: p.status, detail: { source: p.source, score: p.score } }, now);
  return row;
}

/**
 * Runs the engine over the cycle's pool and replaces the previous proposal. The engine runs
 * outside the transaction (it may take seconds); the write then checks that nothing moved
 * (the cycle's version) and re-checks every pair's hard rules and seats before writing.
 */
export async function runMatching(actor: Actor, cycleId: number, version: number, now: Date = new Date()): Promise<Outcome<{ pairs: number; unmatched: number }>> {
  if (!mayRunProgramme(actor.viewer)) return attempt(() => refuse("forbidden", "メンター制度の運用は人事課だけが行えます。"));
  const db = getDb();
  const cycle = await loadCycle(db, cycleId);
  if (!cycle) return attempt(() => refuse("not_found", NO_CYCLE));
  const { input, numbers } = await buildMatchInput(db, cycle);
  let proposal: Proposal;
  try {
    proposal = await proposeMatching(input);
  } catch {
    return attempt(() => refuse("conflict", "マッチングの計算に失敗しました。もう一度実行してください。"));
  }
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      const fresh = (await loadCycle(tx, cycleId, { lock: true })) ?? refuse("not_found", NO_CYCLE);
      requireTransition(CYCLE_TRANSITIONS, fresh.status, "matching", "hr_personnel", "マッチングは募集を締め切ってから実行できます。");
      if (fresh.version !== version) refuse("conflict", STALE);
      // Every registration of the cycle at once, in id order (the pairs below would otherwise lock them in the engine's order).
      await lockAllRegistrations(tx, cycleId);
      for (const p of await pairsOf(tx, cycleId, ["proposed"])) await setPairStatus(tx, null, p, "discarded", "discard", now, {}, "マッチングの再実行");
      for (const p of proposal.pairs) {
        const menteeId = numbers.id(p.menteeId);
        const mentorId = numbers.id(p.mentorId);
        const checked = await checkPair(tx, fresh, menteeId, mentorId);
        await insertPair(tx, actor, fresh, { menteeId, mentorId, status: "proposed", source: "matching", score: checked.score, terms: checked.terms, action: "propose" }, now);
      }
      await tx
        .update(cycles)
        .set({
          proposal: { ranAt: now.getTime(), totalScore: proposal.totalScore, unmatched: proposal.unmatched.map((u) => ({ menteeId: numbers.id(u.menteeId), reason: u.reason, message: u.message })) },
          version: fresh.version + 1,
          updatedAt: now,
        })
        .where(eq(cycles.id, cycleId));
      await record(tx, actor, { cycleId, subject: "cycle", subjectId: cycleId, action: "run_matching", from: fresh.status, to: fresh.status, detail: { pairs: proposal.pairs.length, unmatched: proposal.unmatched.length } }, now);
      return { ok: true as const, pairs: proposal.pairs.length, unmatched: proposal.unmatched.length };
    }),
  );
}

export type PairEdit = { intent: "remove"; pairId: number } | { intent: "change"; pairId: number; mentorId: string } | { intent: "add"; menteeId: string; mentorId: string };

/**
 * A hand edit of the proposal while matching: remove a proposed pair, give its mentee
 * another mentor, or add a pair. The hard rules and the mentor's seats are checked again
 * in the transaction — a hand edit never breaks what the engine may not.
 */
export function editProposal(actor: Actor, cycleId: number, edit: PairEdit, now: Date = new Date()): Promise<Outcome<{ pairId: number | null }>> {
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      const cycle = (await loadCycle(tx, cycleId, { lock: true })) ?? refuse("not_found", NO_CYCLE);
      requireTransition(CYCLE_TRANSITIONS, cycle.status, "matching", "hr_personnel", "ペアの編集はマッチング中のサイクルでだけできます。");
      if (edit.intent === "add") {
        await lockRegistrations(tx, cycle.id, [edit.menteeId, edit.mentorId]);
        if (await holdingPairOf(tx, edit.menteeId)) refuse("conflict", "このメンティにはすでにペアがあります。", "menteeId");
        const checked = await checkPair(tx, cycle, edit.menteeId, edit.mentorId, { field: "mentorId" });
        const row = await insertPair(tx, actor, cycle, { menteeId: edit.menteeId, mentorId: edit.mentorId, status: "proposed", source: "manual", ...checked, action: "propose" }, now);
        return { ok: true as const, pairId: row.id };
      }
      const pair = await loadPair(tx, edit.pairId, { lock: true });
      if (!pair || pair.cycleId !== cycleId) refuse("not_found", NO_PAIR);
      if (pair.status !== "proposed") refuse("conflict", "公開前の提案のペアだけを編集できます。");
      requireTransition(PAIR_TRANSITIONS, pair.status, "discarded", "hr_personnel", "このペアは外せません。");
      if (edit.intent === "change") {
        if (edit.mentorId === pair.mentorId) refuse("invalid", "今と同じメンターです。", "mentorId");
        const checked = await checkPair(tx, cycle, pair.menteeId, edit.mentorId, { field: "mentorId" });
        await setPairStatus(tx, actor, pair, "discarded", "discard", now, {}, "メンターの変更");
        const row = await insertPair(tx, actor, cycle, { menteeId: pair.menteeId, mentorId: edit.mentorId, status: "proposed", source: "manual", ...checked, action: "propose" }, now);
        return { ok: true as const, pairId: row.id };
      }
      await setPairStatus(tx, actor, pair, "discarded", "discard", now, {}, "人事課が外しました");
      return { ok: true as const, pairId: null };
    }),
  );
}

/**
 * Rematches a mentee whose fit check said 合わない or whose pair ended early: the old pair
 * ends (if still active) and a new active pair starts with the chosen mentor — hard rules
 * and seats checked here as everywhere. Both new partners are told.
 */
export function rematch(actor: Actor, pairId: number, mentorId: string, now: Date = new Date()): Promise<Outcome<{ pairId: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      const found = (await loadPair(tx, pairId)) ?? refuse("not_found", NO_PAIR);
      // The cycle's row, then the pair's (the one lock order), then the pair as it is now.
      const cycle = (await loadCycle(tx, found.cycleId, { lock: true }))!;
      const old = (await loadPair(tx, pairId, { lock: true }))!;
      requireTransition(CYCLE_TRANSITIONS, cycle.status, "published", "hr_personnel", "再マッチングは公開済のサイクルでだけできます。");
      if (!old.needsRematch) refuse("conflict", "このペアは再マッチングの対象ではありません。");
      if (mentorId === old.mentorId) refuse("invalid", "前と同じメンターは選べません。", "mentorId");
      if (old.status === "active") {
        requireTransition(PAIR_TRANSITIONS, "active", "ended_early", "hr_personnel", NO_PAIR);
        await setPairStatus(tx, actor, old, "ended_early", "rematch", now, { endedAt: now, endedBy: actor.viewer.id, endReason: "再マッチング", needsRematch: false }, "再マッチングのため");
        await notify(tx, old.mentorId, { title: "メンター制度のペアが終了しました", body: "人事課がメンティの再マッチングを行いました。ご協力ありがとうございました。", link: `/mentor/pairs/${old.id}` });
      } else {
        await tx.update(pairs).set({ needsRematch: false, updatedAt: now }).where(eq(pairs.id, old.id));
      }
      const checked = await checkPair(tx, cycle, old.menteeId, mentorId, { field: "mentorId" });
      requireTransition(PAIR_TRANSITIONS, null, "active", "hr_personnel", NO_PAIR);
      const row = await insertPair(tx, actor, cycle, { menteeId: old.menteeId, mentorId, status: "active", source: "manual", ...checked, action: "add" }, now);
      await notify(tx, old.menteeId, { title: "新しいメンターが決まりました", body: `「${cycle.title}」で新しいペアを組みました。`, link: `/mentor/pairs/${row.id}` });
      await notify(tx, mentorId, { title: "メンティが決まりました", body: `「${cycle.title}」で人事課がペアを組みました。`, link: `/mentor/pairs/${row.id}` });
      return { ok: true as const, pairId: row.id };
    }),
  );
}

// ——— registrations ————————————————————————————————————————————————————————

async function requireRegistrationOpen(tx: Tx, cycleId: number, now: Date): Promise<CycleRow> {
  const cycle = await loadCycle(tx, cycleId);
  if (!cycle || cycle.status === "draft") refuse("not_found", NO_CYCLE);
  if (cycle.status !== "open" || !isRegistrationOpen(cycle, todayIso(now))) {
    refuse("closed", `登録の受付期間（${cycle.opensOn.replace(/-/g, "/")}〜${cycle.closesOn.replace(/-/g, "/")}）ではありません。`);
  }
  return cycle;
}

async function snapshot(tx: Tx, employeeId: string) {
  const p = await personFacts(tx, employeeId);
  return { orgUnitId: p?.orgUnitId ?? null, rank: p?.rank ?? null, jobCategory: p?.jobCategory ?? null };
}

async function upsertRegistration(
  tx: Tx,
  actor: Actor,
  cycle: CycleRow,
  side: "mentor" | "mentee",
  version: number | undefined,
  values: Partial<typeof regs.$inferInsert> & { topics: string[] },
  now: Date,
): Promise<{ id: number }> {
  const me = actor.viewer.id;
  const eligibility = await eligibilityFor(tx, cycle, me, side);
  if (!eligibility.eligible) refuse("invalid", eligibility.failures[0]!.message);
  const existing = await loadRegistration(tx, cycle.id, me, side);
  if (existing && version !== undefined && existing.version !== version) refuse("conflict", STALE);
  if (!existing && version !== undefined) refuse("conflict", STALE);
  const snap = await snapshot(tx, me);
  if (existing) {
    const changed = await tx
      .update(regs)
      .set({ ...values, ...snap, status: "registered", version: existing.version + 1, updatedAt: now })
      .where(and(eq(regs.id, existing.id), eq(regs.version, existing.version)));
    if (affected(changed) !== 1) refuse("conflict", STALE);
    await record(tx, actor, { cycleId: cycle.id, subject: "registration", subjectId: existing.id, action: `update_${side}`, from: existing.status, to: "registered" }, now);
    return { id: existing.id };
  }
  let row: { id: number };
  try {
    [row] = (await tx
      .insert(regs)
      .values({ cycleId: cycle.id, employeeId: me, side, ...values, ...snap, createdAt: now, updatedAt: now })
      .returning({ id: regs.id })) as [{ id: number }];
  } catch (e) {
    if (isUniqueViolation(e)) refuse("conflict", "このサイクルにはすでに登録しています。画面を再読み込みしてください。");
    throw e;
  }
  await record(tx, actor, { cycleId: cycle.id, subject: "registration", subjectId: row.id, action: `register_${side}`, from: null, to: "registered" }, now);
  return row;
}

export function registerMentor(actor: Actor, cycleId: number, input: MentorRegistrationInput, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      const cycle = await requireRegistrationOpen(tx, cycleId, now);
      // The mentor's own registration row: a pair being formed meanwhile waits, or is counted here.
      await lockRegistrations(tx, cycle.id, [actor.viewer.id]);
      const taken = await seatsTaken(tx, cycle.id, actor.viewer.id);
      if (input.capacity < taken) refuse("invalid", `すでに${taken}人のメンティとペアになっているため、受入れ人数はそれより少なくできません。`, "capacity");
      const row = await upsertRegistration(
        tx,
        actor,
        cycle,
        "mentor",
        input.version,
        { experience: input.experience, topics: input.topics, capacity: input.capacity, available: input.available, freeText: input.freeText },
        now,
      );
      return { ok: true as const, ...row };
    }),
  );
}

export function registerMentee(actor: Actor, cycleId: number, input: MenteeRegistrationInput, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      const cycle = await requireRegistrationOpen(tx, cycleId, now);
      for (const [i, id] of input.preferredMentorIds.entries()) {
        const r = await loadRegistration(tx, cycle.id, id, "mentor");
        if (!r || r.status !== "registered" || !r.available || id === actor.viewer.id) {
          refuse("invalid", "希望するメンターは、このサイクルに登録しているメンターから選んでください。", `preferred${i + 1}`);
        }
      }
      const row = await upsertRegistration(
        tx,
        actor,
        cycle,
        "mentee",
        input.version,
        {
          worries: input.worries,
          topics: input.topics,
          prefersSameJobCategory: input.prefersSameJobCategory,
          prefersOtherBureau: input.prefersOtherBureau,
          preferredMentorIds: input.preferredMentorIds,
          freeText: input.freeText,
        },
        now,
      );
      return { ok: true as const, ...row };
    }),
  );
}

// ——— direct requests ————————————————————————————————————————————————————————

/** Marks every pending request whose time has passed as lapsed (run at the start of every request write). */
export async function lapseExpiredRequests(tx: Tx, now: Date): Promise<void> {
  const due = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.status, "pending"), lte(requests.expiresAt, now)))
    .orderBy(asc(requests.id));
  for (const r of due) {
    // Still pending? Another transaction may have lapsed (or answered) it meanwhile: then no second history line.
    const n = affected(await tx.update(requests).set({ status: "lapsed", decidedAt: now }).where(and(eq(requests.id, r.id), eq(requests.status, "pending"))));
    if (n !== 1) continue;
    await record(tx, null, { cycleId: r.cycleId, subject: "request", subjectId: r.id, action: "lapse", from: "pending", to: "lapsed" }, now);
  }
}

/**
 * A mentee asks one mentor directly. Never against a hard rule, never to a full mentor,
 * never while the mentee holds a pair or another request is waiting (unique index).
 */
export function askMentor(actor: Actor, cycleId: number, input: { mentorId: string; message: string }, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(async () => {
    try {
      return await immediate(async (tx) => {
        await lapseExpiredRequests(tx, now);
        const cycle = await loadCycle(tx, cycleId);
        if (!cycle || cycle.status === "draft") refuse("not_found", NO_CYCLE);
        if (!REQUEST_CYCLE_STATUSES.includes(cycle.status)) refuse("closed", "いまは直接の依頼を受け付けていません（募集中と公開後に依頼できます）。");
        const me = actor.viewer.id;
        const mine = await loadRegistration(tx, cycle.id, me, "mentee");
        if (!mine || mine.status !== "registered") refuse("invalid", "直接の依頼は、メンティとして登録してからできます。", "mentorId");
        await lockRegistrations(tx, cycle.id, [me, input.mentorId]);
        if (await holdingPairOf(tx, me)) refuse("conflict", "すでにペアがあるため、依頼はできません。", "mentorId");
        requireTransition(REQUEST_TRANSITIONS, null, "pending", "mentee", NO_REQUEST);
        await checkPair(tx, cycle, me, input.mentorId, { field: "mentorId" });
        const [row] = await tx
          .insert(requests)
          .values({ cycleId: cycle.id, menteeId: me, mentorId: input.mentorId, message: input.message, expiresAt: requestExpiry(now, cycle.requestResponseDays), createdAt: now })
          .returning({ id: requests.id });
        await record(tx, actor, { cycleId: cycle.id, subject: "request", subjectId: row!.id, action: "ask", from: null, to: "pending" }, now);
        await notify(tx, input.mentorId, {
          title: "メンターの依頼が届きました",
          body: `${actor.viewer.name}さんからメンターをお願いしたいという依頼が届きました。${cycle.requestResponseDays}日以内に承諾するか辞退してください。`,
          link: "/mentor",
        });
        return { ok: true as const, id: row!.id };
      });
    } catch (e) {
      if (isUniqueViolation(e)) refuse("conflict", "回答を待っている依頼がすでにあります。", "mentorId");
      throw e;
    }
  });
}

/** The mentor accepts (a pair starts at once, seats and hard rules re-checked) or declines; the mentee may withdraw. */
export function decideRequest(actor: Actor, requestId: number, intent: "accept" | "decline" | "withdraw", now: Date = new Date()): Promise<Outcome<{ status: RequestStatus; pairId: number | null }>> {
  return attempt(() =>
    immediate(async (tx) => {
      const before = await loadRequest(tx, requestId);
      const capacity = before?.mentorId === actor.viewer.id ? "mentor" : before?.menteeId === actor.viewer.id ? "mentee" : null;
      if (!before || !capacity) refuse("not_found", NO_REQUEST);
      await lapseExpiredRequests(tx, now);
      // The two registrations (the mentor's seats, the mentee's one pair), then the request as it is now.
      await lockRegistrations(tx, before.cycleId, [before.menteeId, before.mentorId]);
      const req = (await loadRequest(tx, requestId))!;
      if (effectiveRequestStatus(req.status, req.expiresAt, now) === "lapsed") refuse("closed", "回答の期限を過ぎたため、この依頼は期限切れになりました。");
      const to: RequestStatus = intent === "accept" ? "accepted" : intent === "decline" ? "declined" : "withdrawn";
      requireTransition(REQUEST_TRANSITIONS, req.status, to, capacity, "この依頼にはもう回答済みです。");
      const cycle = (await loadCycle(tx, req.cycleId))!;
      let pairId: number | null = null;
      if (intent === "accept") {
        if (!REQUEST_CYCLE_STATUSES.includes(cycle.status)) refuse("closed", "このサイクルはいま依頼を受け付けていません。");
        if (await holdingPairOf(tx, req.menteeId)) refuse("conflict", "このメンティにはすでにペアがあります。");
        const checked = await checkPair(tx, cycle, req.menteeId, req.mentorId);
        requireTransition(PAIR_TRANSITIONS, null, "active", "mentor", NO_PAIR);
        pairId = (await insertPair(tx, actor, cycle, { menteeId: req.menteeId, mentorId: req.mentorId, status: "active", source: "request", ...checked, action: "accept_request" }, now)).id;
      }
      // Only from the status read above: an answer that raced this one is not written twice.
      const changed = await tx
        .update(requests)
        .set({ status: to, decidedAt: now, pairId })
        .where(and(eq(requests.id, req.id), eq(requests.status, req.status)));
      if (affected(changed) !== 1) refuse("conflict", "この依頼にはもう回答済みです。");
      await record(tx, actor, { cycleId: req.cycleId, subject: "request", subjectId: req.id, action: intent, from: req.status, to }, now);
      if (intent === "accept") await notify(tx, req.menteeId, { title: "メンターの依頼が承諾されました", body: `${actor.viewer.name}さんがメンターを引き受けました。`, link: `/mentor/pairs/${pairId}` });
      if (intent === "decline") await notify(tx, req.menteeId, { title: "メンターの依頼は辞退されました", body: "ほかのメンターに依頼するか、人事課のマッチングをお待ちください。", link: "/mentor" });
      return { ok: true as const, status: to, pairId };
    }),
  );
}

// ——— the pair (the two of them) ——————————————————————————————————————————————

/**
 * The pair when the actor is one of the two; otherwise not_found, as for a pair that does
 * not exist. Its row is locked (PostgreSQL): the two of them answering at once queue here.
 */
async function memberPair(tx: Tx, actor: Actor, pairId: number) {
  const pair = await loadPair(tx, pairId, { lock: true });
  if (!pair || pair.status === "proposed" || pair.status === "discarded") refuse("not_found", NO_PAIR);
  const sights = pairSightsOf(actor.viewer, pair);
  if (sights.length === 0) refuse("not_found", NO_PAIR);
  return { pair, side: sights[0]! };
}

export function logMeeting(actor: Actor, pairId: number, input: { heldOn: string; minutes: number; mode: "online" | "in_person" }, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(async () => {
    try {
      return await immediate(async (tx) => {
        const { pair } = await memberPair(tx, actor, pairId);
        if (pair.status !== "active") refuse("closed", "終了したペアには面談を記録できません。");
        if (input.heldOn > todayIso(now)) refuse("invalid", "面談の日は今日以前の日にしてください。", "heldOn");
        const startedOn = pair.startedAt ? todayIso(pair.startedAt) : null;
        if (startedOn && input.heldOn < startedOn) refuse("invalid", `面談の日はペアが始まった日（${startedOn.replace(/-/g, "/")}）以降にしてください。`, "heldOn");
        const [row] = await tx
          .insert(meetings)
          .values({ pairId, heldOn: input.heldOn, minutes: input.minutes, mode: input.mode, loggedBy: actor.viewer.id, createdAt: now })
          .returning({ id: meetings.id });
        await audit(tx, { actorId: actor.viewer.id, action: "mentor.meeting.log", target: `mentor_pair:${pairId}`, outcome: "success", ip: actor.ip, detail: { minutes: input.minutes, mode: input.mode } });
        return { ok: true as const, id: row!.id };
      });
    } catch (e) {
      if (isUniqueViolation(e)) refuse("conflict", "この日の面談はすでに記録されています。", "heldOn");
      throw e;
    }
  });
}

/** A note for the two of them. Its text goes into no audit line, history or notice. */
export function addNote(actor: Actor, pairId: number, body: string, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      const { pair } = await memberPair(tx, actor, pairId);
      if (pair.status !== "active") refuse("closed", "終了したペアにはメモを追加できません。");
      const [row] = await tx.insert(notes).values({ pairId, authorId: actor.viewer.id, body, createdAt: now }).returning({ id: notes.id });
      await audit(tx, { actorId: actor.viewer.id, action: "mentor.note.add", target: `mentor_pair:${pairId}`, outcome: "success", ip: actor.ip });
      return { ok: true as const, id: row!.id };
    }),
  );
}

/** The fit check after the first meeting. 合わない from either side flags the pair for 人事課 to rematch. */
export function checkFit(actor: Actor, pairId: number, fit: "good" | "poor", now: Date = new Date()): Promise<Outcome<{ needsRematch: boolean }>> {
  return attempt(() =>
    immediate(async (tx) => {
      const { pair, side } = await memberPair(tx, actor, pairId);
      if (pair.status !== "active") refuse("closed", "終了したペアです。");
      const [{ n: held }] = (await tx.select({ n: count() }).from(meetings).where(eq(meetings.pairId, pairId))) as [{ n: number }];
      if (held === 0) refuse("invalid", "最初の面談を記録してから回答してください。", "fit");
      if ((side === "mentee" ? pair.menteeFit : pair.mentorFit) !== null) refuse("conflict", "すでに回答しています。", "fit");
      const needsRematch = pair.needsRematch || fit === "poor";
      await tx
        .update(pairs)
        .set({ ...(side === "mentee" ? { menteeFit: fit } : { mentorFit: fit }), needsRematch, version: pair.version + 1, updatedAt: now })
        .where(eq(pairs.id, pairId));
      await record(tx, actor, { cycleId: pair.cycleId, subject: "pair", subjectId: pairId, action: `fit_${fit}`, from: pair.status, to: pair.status, detail: { side } }, now);
      return { ok: true as const, needsRematch };
    }),
  );
}

/** Either of the two ends the pair early, with a reason. The mentee may then be rematched by 人事課. */
export function endPairEarly(actor: Actor, pairId: number, version: number, reason: string, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      const { pair, side } = await memberPair(tx, actor, pairId);
      requireTransition(PAIR_TRANSITIONS, pair.status, "ended_early", side, "このペアはすでに終了しています。");
      if (pair.version !== version) refuse("conflict", STALE);
      await setPairStatus(tx, actor, pair, "ended_early", "end_early", now, { endedAt: now, endedBy: actor.viewer.id, endReason: reason, needsRematch: true }, reason);
      const other = side === "mentee" ? pair.mentorId : pair.menteeId;
      await notify(tx, other, { title: "メンター制度のペアが終了しました", body: `${actor.viewer.name}さんがペアを途中で終えました。ペアのページで終了時アンケートにお答えください。`, link: `/mentor/pairs/${pairId}` });
      return { ok: true as const, id: pairId };
    }),
  );
}

/** The end-of-pair survey: once per person, 1–5 and a comment. */
export function answerSurvey(actor: Actor, pairId: number, input: { score: number; comment: string }, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(async () => {
    try {
      return await immediate(async (tx) => {
        const { pair, side } = await memberPair(tx, actor, pairId);
        if (!maySurvey(pair.status)) refuse("closed", "アンケートはペアが終了してから回答できます。", "score");
        const [row] = await tx
          .insert(surveys)
          .values({ pairId, respondentId: actor.viewer.id, side, score: input.score, comment: input.comment, createdAt: now })
          .returning({ id: surveys.id });
        await audit(tx, { actorId: actor.viewer.id, action: "mentor.survey.answer", target: `mentor_pair:${pairId}`, outcome: "success", ip: actor.ip });
        return { ok: true as const, id: row!.id };
      });
    } catch (e) {
      if (isUniqueViolation(e)) refuse("conflict", "アンケートにはすでに回答しています。", "score");
      throw e;
    }
  });
}

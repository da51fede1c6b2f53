/**
 * Writes of 昇任型公募. Each is one `immediate(tx => …)`: the checks (state, version,
 * window, eligibility) and the write see the same data; the history line, the audit line
 * and the notices go in the same transaction through `tx`. A Refusal thrown inside rolls
 * everything back and comes out of `attempt` as `{ ok: false, refusal }`.
 *
 * Every write first locks the call row (`lockCall`: `SELECT … FOR UPDATE` on PostgreSQL,
 * where transactions run side by side at READ COMMITTED): what a write checks — one
 * application per person per call, the record's version, the free seats of a post — is then
 * read after any other write to the same call has committed. On SQLite BEGIN IMMEDIATE
 * already runs one writer at a time.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { affected, first, immediate, isUniqueViolation, schema, type Tx } from "~/db.server";
import { todayIso } from "~/lib/fiscal-year";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { requireTransition } from "~/services/contract/transitions";
import { notify } from "~/services/notifications/notifications.server";
import type { MailRequest } from "~/services/registry.server";
import { capacitiesOf, mayRunCalls, sightsOf } from "./access";
import { bureauIdOf, eligibilityOf, exemptionsOfPerson, loadApplication, loadCandidate, loadPosts, lockCall, sightsOn, type AppRow, type CallRow } from "./queries.server";
import { exemptionLabel, isOpinionOpen, isWindowOpen, LEVEL_LABELS, type PromotionLevel } from "./rules";
import { exemptionsOf, postsOf, type ApplicationInput, type CallFormInput } from "./schemas";
import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_TRANSITIONS,
  CALL_TRANSITIONS,
  applicationActions,
  firstStage,
  stageAfter,
  type ApplicationAction,
  type ApplicationStatus,
  type CallAction,
} from "./transitions";

const { promotionCalls: calls, promotionPosts: posts, promotionApplications: apps, promotionHistory: hist, promotionOpinions: opinions } = schema;

const STALE = "この内容は他の画面で更新されています。画面を再読み込みしてから、もう一度操作してください。";
const NO_CALL = "公募が見つかりません。";
const NO_APPLICATION = "応募が見つかりません。";

function requireHr(actor: Actor): void {
  if (!mayRunCalls(actor.viewer)) refuse("forbidden", "昇任型公募の運用は人事課だけが行えます。");
}

// ——— 人事課: calls ———————————————————————————————————————————————————

function callValues(input: CallFormInput) {
  return {
    fiscalYear: input.fiscalYear,
    title: input.title.trim(),
    level: input.level,
    description: input.description.trim(),
    referenceDate: input.referenceDate,
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    eligibility: {
      ranks: input.ranks,
      minYearsInRank: input.minYearsInRank,
      deductedLeave: input.deductedLeave,
      ageMin: input.ageMin,
      ageMax: input.ageMax,
      excludedWorkStatuses: input.excludedWorkStatuses,
      excludedEmploymentTypes: input.excludedEmploymentTypes,
      probationMonths: input.probationMonths,
      minYearsSinceTransfer: input.minYearsSinceTransfer,
    },
    opinionRequired: input.opinionRequired,
    opinionDueOn: input.opinionRequired ? input.opinionDueOn : null,
    stages: input.stages,
    stageExemptions: exemptionsOf(input),
    limits: { motivation: input.motivationLimit, careerPlan: input.careerPlanLimit, selfPr: input.selfPrLimit },
  };
}

async function writePosts(tx: Tx, callId: number, list: { orgUnitId: number; duties: string; places: number }[]): Promise<void> {
  await tx.delete(posts).where(eq(posts.callId, callId));
  for (const [position, p] of list.entries()) await tx.insert(posts).values({ callId, ...p, position });
}

export async function createCall(actor: Actor, input: CallFormInput, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      requireTransition(CALL_TRANSITIONS, null, "draft", "hr_personnel", NO_CALL);
      const [row] = await tx
        .insert(calls)
        .values({ ...callValues(input), createdBy: actor.viewer.id, createdAt: now, updatedAt: now })
        .returning({ id: calls.id });
      await writePosts(tx, row!.id, postsOf(input));
      await audit(tx, { actorId: actor.viewer.id, action: "promotion.call.create", target: `promotion_call:${row!.id}`, outcome: "success", ip: actor.ip });
      return { ok: true as const, id: row!.id };
    }),
  );
}

export async function updateCall(actor: Actor, id: number, version: number, input: CallFormInput, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      const call = (await lockCall(tx, id)) ?? refuse("not_found", NO_CALL);
      requireTransition(CALL_TRANSITIONS, call.status, "draft", "hr_personnel", "公開した公募の内容は変更できません。");
      const changed = affected(
        await tx
          .update(calls)
          .set({ ...callValues(input), version: call.version + 1, updatedAt: now })
          .where(and(eq(calls.id, id), eq(calls.version, version))),
      );
      if (changed !== 1) refuse("conflict", STALE);
      await writePosts(tx, id, postsOf(input));
      await audit(tx, { actorId: actor.viewer.id, action: "promotion.call.edit", target: `promotion_call:${id}`, outcome: "success", ip: actor.ip });
      return { ok: true as const, id };
    }),
  );
}

const CALL_TARGET: Record<Exclude<CallAction, "create" | "edit">, CallRow["status"]> = {
  publish: "published",
  close: "closed",
  select: "selecting",
  complete: "done",
};

/** 公開 → 締切 → 選考中 → 完了, each checked against the table and the record's version. */
export async function transitionCall(
  actor: Actor,
  id: number,
  action: keyof typeof CALL_TARGET,
  version: number,
  now: Date = new Date(),
): Promise<Outcome<{ status: CallRow["status"] }>> {
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      const call = (await lockCall(tx, id)) ?? refuse("not_found", NO_CALL);
      const to = CALL_TARGET[action];
      requireTransition(CALL_TRANSITIONS, call.status, to, "hr_personnel", "この公募の今の状態では、その操作はできません。");
      if (call.version !== version) refuse("conflict", STALE);
      if (action === "publish" && (await loadPosts(tx, id)).length === 0) refuse("invalid", "募集するポストがない公募は公開できません。");
      if (action === "complete") {
        const open = await tx
          .select({ id: apps.id })
          .from(apps)
          .where(and(eq(apps.callId, id), eq(apps.status, "submitted")));
        if (open.length > 0) refuse("conflict", `結果が決まっていない応募者が${open.length}名います。全員の結果を記録してから完了してください。`);
      }
      await tx
        .update(calls)
        .set({ status: to, version: call.version + 1, updatedAt: now, ...(to === "published" ? { publishedAt: now } : {}) })
        .where(eq(calls.id, id));
      await audit(tx, { actorId: actor.viewer.id, action: `promotion.call.${action}`, target: `promotion_call:${id}`, outcome: "success", ip: actor.ip, detail: { from: call.status, to } });
      return { ok: true as const, status: to };
    }),
  );
}

function shiftYear(iso: string | null): string | null {
  if (!iso) return null;
  const [y, m, d] = iso.split("-");
  // 2月29日 of a leap year becomes 2月28日.
  const day = m === "02" && d === "29" ? "28" : d;
  return `${Number(y) + 1}-${m}-${day}`;
}

/** A new draft for the next 年度 from an earlier call: the same rules and posts, every date a year on. */
export async function copyCall(actor: Actor, fromId: number, now: Date = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() =>
    immediate(async (tx) => {
      requireHr(actor);
      const from = (await lockCall(tx, fromId)) ?? refuse("not_found", NO_CALL);
      const [row] = await tx
        .insert(calls)
        .values({
          fiscalYear: from.fiscalYear + 1,
          title: from.title.replace(/令和\d+年度/, "").trim() || from.title,
          level: from.level,
          description: from.description,
          referenceDate: shiftYear(from.referenceDate)!,
          opensOn: shiftYear(from.opensOn)!,
          closesOn: shiftYear(from.closesOn)!,
          eligibility: from.eligibility,
          opinionRequired: from.opinionRequired,
          opinionDueOn: shiftYear(from.opinionDueOn),
          stages: from.stages,
          stageExemptions: from.stageExemptions,
          limits: from.limits,
          copiedFromId: from.id,
          createdBy: actor.viewer.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: calls.id });
      await writePosts(
        tx,
        row!.id,
        (await loadPosts(tx, from.id)).map((p) => ({ orgUnitId: p.orgUnitId, duties: p.duties, places: p.places })),
      );
      await audit(tx, { actorId: actor.viewer.id, action: "promotion.call.copy", target: `promotion_call:${row!.id}`, outcome: "success", ip: actor.ip, detail: { from: from.id } });
      return { ok: true as const, id: row!.id };
    }),
  );
}

// ——— history, audit, notices of one application change ————————————————————

async function record(
  tx: Tx,
  actor: Actor,
  app: { id: string; status: ApplicationStatus | null; stage: number | null },
  change: { action: ApplicationAction; to: ApplicationStatus; toStage: number; role: "applicant" | "hr_personnel" | "system"; comment?: string; fromStage?: number },
  now: Date,
): Promise<void> {
  await tx.insert(hist).values({
      applicationId: app.id,
      action: change.action,
      fromStatus: app.status,
      toStatus: change.to,
      fromStage: change.fromStage ?? app.stage,
      toStage: change.toStage,
      actorId: actor.viewer.id,
      actorRole: change.role,
      comment: change.comment || null,
      at: now,
  });
  await audit(tx, {
    actorId: actor.viewer.id,
    action: `promotion.application.${change.action}`,
    target: `promotion_application:${app.id}`,
    outcome: "success",
    ip: actor.ip,
    detail: { from: app.status, to: change.to, stage: change.toStage, as: change.role },
  });
}

/**
 * An application and its call, the call locked (as every write of the call's applications
 * does) and the application read again under the lock: what another transaction changed
 * before it is seen, so its version check holds.
 */
async function lockApplication(tx: Tx, id: string): Promise<{ app?: AppRow; call?: CallRow }> {
  const before = await loadApplication(tx, id);
  if (!before) return {};
  const call = await lockCall(tx, before.callId);
  return { app: await loadApplication(tx, id), call };
}

// ——— the employee —————————————————————————————————————————————————————

/**
 * Saves a draft, submits, or resubmits after a withdrawal — the statements as typed. One
 * application per person per call: a second "new" one hits the unique index (a
 * double-clicked form, two tabs) and answers with the existing one's conflict.
 */
export async function saveApplication(
  actor: Actor,
  callId: number,
  input: ApplicationInput,
  now: Date = new Date(),
): Promise<Outcome<{ id: string; status: ApplicationStatus }>> {
  return attempt(async () => {
    try {
      return await immediate(async (tx) => {
        // The call first: a second form of the same person (two tabs, a double click) waits
        // here and then finds the first one's application instead of inserting a second.
        const call = await lockCall(tx, callId);
        if (!call || call.status === "draft") refuse("not_found", NO_CALL);
        const me = actor.viewer;
        const existing = await first(
          tx
            .select()
            .from(apps)
            .where(and(eq(apps.callId, callId), eq(apps.applicantId, me.id))),
        );
        if (existing && input.version !== undefined && existing.version !== input.version) refuse("conflict", STALE);
        if (!existing && input.version !== undefined) refuse("conflict", STALE);
        const to: ApplicationStatus = input.intent === "save" ? (existing?.status === "withdrawn" ? "withdrawn" : "draft") : "submitted";
        if (input.intent === "withdraw") refuse("conflict", "取下げは応募の画面から行ってください。");
        const action: ApplicationAction = input.intent;
        const open = call.status === "published" && isWindowOpen(call, todayIso(now));
        if (!open) refuse("closed", `この公募の受付期間（${call.opensOn.replace(/-/g, "/")}〜${call.closesOn.replace(/-/g, "/")}）ではありません。`);
        const allowed = applicationActions(existing?.status ?? null, ["applicant"], { windowOpen: open, stage: 0, stageCount: call.stages.length, selecting: false });
        if (!allowed.some((t) => t.action === action && t.to === to)) refuse("conflict", "この応募の今の状態では、その操作はできません。");
        const me2 = await loadCandidate(tx, me.id);
        const eligibility = eligibilityOf(call, me2);
        if (!eligibility.eligible) refuse("invalid", eligibility.failures[0]!.message);
        const statements = { motivation: input.motivation, careerPlan: input.careerPlan, selfPr: input.selfPr };
        const submitting = to === "submitted";
        // Submitting fixes the facts the selection and the statistics read: the unit, 局/区, rank,
        // gender and birth year of today, and the stages an earlier pass exempts from.
        const exemptions = submitting ? await exemptionsOfPerson(tx, call, me.id) : [];
        const startStage = firstStage(call.stages.length, exemptions.map((e) => e.stage));
        const snapshot = submitting
          ? {
              submittedAt: now,
              applicantOrgUnitId: me2?.orgUnitId ?? null,
              applicantBureauId: await bureauIdOf(tx, me2?.orgUnitId ?? null),
              applicantRank: me2?.rank ?? null,
              applicantGender: me2?.gender ?? null,
              applicantBirthYear: me2?.birthYear ?? null,
              exemptions,
              stage: startStage,
            }
          : {};
        let id: string;
        if (existing) {
          id = existing.id;
          await tx
            .update(apps)
            .set({ ...statements, ...snapshot, status: to, version: existing.version + 1, updatedAt: now })
            .where(and(eq(apps.id, existing.id), eq(apps.version, existing.version)));
        } else {
          id = randomUUID();
          await tx.insert(apps).values({ id, callId, applicantId: me.id, ...statements, ...snapshot, status: to, createdAt: now, updatedAt: now });
        }
        await record(tx, actor, { id, status: existing?.status ?? null, stage: existing?.stage ?? null }, { action, to, toStage: submitting ? startStage : 0, role: "applicant" }, now);
        for (const e of exemptions) {
          requireTransition(APPLICATION_TRANSITIONS, "submitted", "submitted", "system", "免除を記録できません。");
          await record(tx, actor, { id, status: "submitted", stage: e.stage }, { action: "exempt", to: "submitted", fromStage: e.stage, toStage: e.stage, role: "system", comment: exemptionLabel(e) }, now);
        }
        if (submitting) {
          await notify(
            tx,
            me.id,
            {
              title: `「${call.title}」に応募しました`,
              body: "選考の結果はこのポータルでお知らせします。",
              link: `/promotion/calls/${call.id}`,
              // To the applicant only: the supervisor's request below stays in-app.
              mail: { kind: "promotion.submitted", values: { callId: call.id, callTitle: call.title, submittedOn: todayIso(now) }, key: `promotion:${id}:v${(existing?.version ?? 0) + 1}` },
            },
            now,
          );
          const supervisorId = me2?.supervisorId ?? null;
          if (supervisorId && sightsOf({ ...me, id: supervisorId }, { applicantId: me.id, applicantSupervisorId: supervisorId, status: "submitted", opinionRequired: call.opinionRequired }).includes("supervisor")) {
            await notify(tx, supervisorId, {
              title: "昇任型公募の所属長意見をお願いします",
              body: `${LEVEL_LABELS[call.level as PromotionLevel]}の公募「${call.title}」に、部下の職員から応募がありました。${call.opinionDueOn ? `${call.opinionDueOn.replace(/-/g, "/")}までに` : ""}意見を記入してください。`,
              link: `/approvals/promotion/${id}`,
            });
          }
        }
        return { ok: true as const, id, status: to };
      });
    } catch (e) {
      if (isUniqueViolation(e)) refuse("conflict", "この公募への応募はすでにあります。画面を再読み込みしてください。");
      throw e;
    }
  });
}

/** Withdraws a submitted application; allowed until the window closes. */
export async function withdrawApplication(actor: Actor, id: string, version: number, now: Date = new Date()): Promise<Outcome<{ id: string }>> {
  return attempt(() =>
    immediate(async (tx) => {
      const { app, call } = await lockApplication(tx, id);
      if (!app || !call || app.applicantId !== actor.viewer.id) refuse("not_found", NO_APPLICATION);
      const open = call.status === "published" && isWindowOpen(call, todayIso(now));
      if (!open) refuse("closed", "受付期間が終わったため、取り下げられません。");
      requireTransition(APPLICATION_TRANSITIONS, app.status, "withdrawn", "applicant", "この応募は取り下げられる状態ではありません。");
      if (app.version !== version) refuse("conflict", STALE);
      await tx.update(apps).set({ status: "withdrawn", version: app.version + 1, updatedAt: now }).where(eq(apps.id, id));
      await record(tx, actor, app, { action: "withdraw", to: "withdrawn", toStage: app.stage, role: "applicant" }, now);
      return { ok: true as const, id };
    }),
  );
}

// ——— 人事課: the selection ——————————————————————————————————————————————

const DECISION_TITLES: Partial<Record<ApplicationAction, (stage: string, next: string) => string>> = {
  advance: (stage, next) => `昇任型公募の${stage}に合格しました（次は${next}）`,
  pass: () => "昇任型公募に最終合格しました",
  fail: (stage) => `昇任型公募の${stage}の結果をお知らせします`,
  decline: () => "昇任型公募の辞退を記録しました",
  place: () => "昇任型公募の配置先が決まりました",
};

/** One decision on one applicant: 合格（次の段階へ／最終合格）, 不合格, 辞退, or the placement. */
export async function decideApplication(
  actor: Actor,
  input: { id: string; action: "advance" | "pass" | "fail" | "decline" | "place"; version: number; comment: string; placementPostId?: number },
  now: Date = new Date(),
): Promise<Outcome<{ status: ApplicationStatus }>> {
  return attempt(() =>
    immediate(async (tx) => {
      // The call locked: two placements into one post take the free seats one after the other.
      const { app, call } = await lockApplication(tx, input.id);
      if (!app || !call) refuse("not_found", NO_APPLICATION);
      const sights = await sightsOn(tx, actor.viewer, app, call);
      if (!sights.includes("hr_personnel")) refuse("not_found", NO_APPLICATION);
      const exempt = app.exemptions.map((e) => e.stage);
      const ctx = { windowOpen: false, stage: app.stage, stageCount: call.stages.length, selecting: call.status === "selecting", exempt };
      const t = applicationActions(app.status, capacitiesOf(sights), ctx).find((x) => x.action === input.action);
      if (!t) refuse("conflict", call.status === "selecting" ? "この応募者の今の段階では、その結果は記録できません。" : "選考を始めてから結果を記録してください。");
      if (app.version !== input.version) refuse("conflict", STALE);
      let placement = { placementPostId: app.placementPostId, placementSeat: app.placementSeat };
      if (input.action === "place") {
        const post = (await loadPosts(tx, call.id)).find((p) => p.id === input.placementPostId);
        if (!post) refuse("invalid", "配置先はこの公募のポストから選んでください。", "placementPostId");
        const full = () => refuse("limit", `${post.unitPath}の募集人数（${post.places}名）はすでに埋まっています。`, "placementPostId");
        // The lowest free seat of the post; the unique (post, seat) index and the seat trigger
        // refuse anything beyond its places even if this check were wrong.
        const seated = await tx.select({ seat: apps.placementSeat }).from(apps).where(eq(apps.placementPostId, post.id));
        const taken = new Set(seated.map((r) => r.seat));
        const seat = Array.from({ length: post.places }, (_, i) => i + 1).find((s) => !taken.has(s));
        if (seat === undefined) full();
        placement = { placementPostId: post.id, placementSeat: seat! };
      }
      const toStage = input.action === "advance" ? (stageAfter(app.stage, call.stages.length, exempt) ?? app.stage) : app.stage;
      try {
        await tx
          .update(apps)
          .set({ status: t.to, stage: toStage, ...placement, version: app.version + 1, updatedAt: now })
          .where(eq(apps.id, app.id));
      } catch (e) {
        if (isSeatRefusal(e)) refuse("limit", "この配置先の募集人数はすでに埋まっています。", "placementPostId");
        throw e;
      }
      await record(tx, actor, app, { action: input.action, to: t.to, toStage, role: "hr_personnel", comment: input.comment }, now);
      const title = DECISION_TITLES[input.action]?.(call.stages[app.stage] ?? "", call.stages[toStage] ?? "");
      if (title) {
        const key = `promotion:${app.id}:v${app.version + 1}`;
        const placedIn = input.action === "place" ? (await loadPosts(tx, call.id)).find((p) => p.id === placement.placementPostId)?.unitPath : undefined;
        const mail: MailRequest =
          placedIn !== undefined
            ? { kind: "promotion.placed", values: { callId: call.id, callTitle: call.title, placement: placedIn }, key }
            : { kind: "promotion.result", values: { callId: call.id, callTitle: call.title, headline: title, statusLabel: APPLICATION_STATUS_LABELS[t.to] }, key };
        await notify(tx, app.applicantId, { title, body: `「${call.title}」: ${APPLICATION_STATUS_LABELS[t.to]}`, link: `/promotion/calls/${call.id}`, mail }, now);
      }
      return { ok: true as const, status: t.to };
    }),
  );
}

/** The database refused a seat: taken (unique index) or beyond the post's places (trigger). */
function isSeatRefusal(e: unknown): boolean {
  return isUniqueViolation(e) || (e instanceof Error && e.message.includes("promotion placement"));
}

// ——— the supervisor ————————————————————————————————————————————————————

/** Writes (or rewrites) the 所属長意見 until its due date. It never changes the application. */
export async function writeOpinion(
  actor: Actor,
  input: { applicationId: string; recommendation: "recommend" | "not_recommend"; comment: string },
  now: Date = new Date(),
): Promise<Outcome<{ applicationId: string }>> {
  return attempt(() =>
    immediate(async (tx) => {
      const { app, call } = await lockApplication(tx, input.applicationId);
      if (!app || !call || !(await sightsOn(tx, actor.viewer, app, call)).includes("supervisor")) refuse("not_found", NO_APPLICATION);
      if (!isOpinionOpen(call, todayIso(now))) refuse("closed", `所属長意見の期限（${(call.opinionDueOn ?? call.closesOn).replace(/-/g, "/")}）を過ぎています。`);
      const values = { supervisorId: actor.viewer.id, recommendation: input.recommendation, comment: input.comment.trim(), writtenAt: now };
      await tx
        .insert(opinions)
        .values({ applicationId: app.id, ...values })
        .onConflictDoUpdate({ target: opinions.applicationId, set: values });
      await audit(tx, {
        actorId: actor.viewer.id,
        action: "promotion.opinion.write",
        target: `promotion_application:${app.id}`,
        outcome: "success",
        ip: actor.ip,
        detail: { recommendation: input.recommendation },
      });
      return { ok: true as const, applicationId: app.id };
    }),
  );
}

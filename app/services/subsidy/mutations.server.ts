import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { affected, first, forUpdate, immediate, schema, type Tx } from "~/db.server";
import { fiscalYearOf, todayIso } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import { audit, auditAlone } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { requireTransition } from "~/services/contract/transitions";
import { notify } from "~/services/notifications/notifications.server";
import type { MailRequest } from "~/services/registry.server";
import { FILE_KINDS, FILE_KIND_LABELS, STATUS_LABELS, type SubsidyStatus } from "./labels";
import { budgetFigures, capacitiesOf, committedFor, getCertification, getScheme, lockScheme } from "./queries.server";
import { amountRulesFor, checkApproval, claimDeadline, computeSubsidy } from "./rules";
import { costLinesOf, type ApplicationFormValue } from "./schemas";
import { COMMITTED_STATUSES, TRANSITIONS, inSet, isEditable, type SubsidyCapacity } from "./transitions";
import { discardUpload, writeUpload, type CheckedUpload } from "./uploads.server";

// Writes of the subsidy service. Each runs as one immediate() transaction: the checks
// (state, version, yearly cap, budget) and the write see the same data, so two requests at
// the same moment cannot both pass a check that only one of them may pass. On PostgreSQL
// an approval locks the 年度's scheme row (lockScheme) before it sums the budget and the
// person's decided amounts; a state change is guarded by the row's version in its UPDATE.
// History, audit line and the applicant's notification are written in the same transaction.

const { subsidyApplications: apps, subsidyCostLines: lines, subsidyFiles: files, subsidyHistory: hist, employees } = schema;

type AppRow = typeof apps.$inferSelect;

const STALE = "この申請は他の画面で更新されています。画面を再読み込みしてから、もう一度操作してください。";
const NOT_FOUND = "申請が見つかりません。";

function refuseLocked(status: SubsidyStatus): never {
  refuse("conflict", `「${STATUS_LABELS[status]}」の申請は変更できません。`);
}

const NOTICE_TITLES: Record<SubsidyStatus, string> = {
  draft: "資格取得費用助成の申請を下書き保存しました",
  submitted: "資格取得費用助成を申請しました",
  supervisor_confirmed: "資格取得費用助成の申請を所属長が確認しました",
  approved: "資格取得費用助成の交付が決定しました",
  paid: "資格取得費用助成を支払いました",
  returned: "資格取得費用助成の申請が差し戻されました",
  rejected: "資格取得費用助成の申請は不承認となりました",
  withdrawn: "資格取得費用助成の申請を取り下げました",
};

/** Writes one state change: the row, its history line, the audit log and the applicant's notice. */
async function recordTransition(
  tx: Tx,
  app: AppRow,
  to: SubsidyStatus,
  by: { actor: Actor; role: SubsidyCapacity; comment?: string | null },
  patch: Partial<typeof apps.$inferInsert>,
  now: Date,
  /** Created and submitted in one request: its history starts with the submission itself. */
  created = false,
): Promise<void> {
  const changed = affected(
    await tx
      .update(apps)
      .set({ ...patch, status: to, version: app.version + 1, updatedAt: now })
      .where(and(eq(apps.id, app.id), eq(apps.version, app.version))),
  );
  if (changed !== 1) refuse("conflict", STALE);
  await tx
    .insert(hist)
    .values({ applicationId: app.id, fromStatus: created ? null : app.status, toStatus: to, actorId: by.actor.viewer.id, actorRole: by.role, comment: by.comment || null, at: now });
  await audit(tx, {
    actorId: by.actor.viewer.id,
    action: `subsidy.${to}`,
    target: `subsidy_application:${app.id}`,
    outcome: "success",
    ip: by.actor.ip,
    detail: { from: app.status, to, as: by.role, amount: patch.amount ?? app.amount },
  });
  const amount = patch.amount ?? app.amount;
  const body =
    inSet(COMMITTED_STATUSES, to)
      ? `助成額: ${formatYen(amount)}`
      : by.comment && (to === "returned" || to === "rejected")
        ? `理由: ${by.comment}`
        : `状態: ${STATUS_LABELS[to]}`;
  await notify(tx, app.applicantId, { title: NOTICE_TITLES[to], body, link: `/subsidy/${app.id}`, mail: await decisionMail(tx, app, to, amount, by.comment ?? null) }, now);
}

/** The applicant's mail of a decision (差戻し, 不承認, 交付決定, 支払済); other steps are in-app only. */
async function decisionMail(tx: Tx, app: AppRow, to: SubsidyStatus, amount: number, comment: string | null): Promise<MailRequest | undefined> {
  // The version the change writes names it: a second 差戻し after a resubmission is a new mail.
  const key = `subsidy:${app.id}:v${app.version + 1}`;
  if (to !== "returned" && to !== "rejected" && to !== "approved" && to !== "paid") return undefined;
  const base = { applicationId: app.id, certification: await certificationLabel(tx, app) };
  if (to === "returned") return { kind: "subsidy.returned", values: { ...base, comment: comment || null }, key };
  if (to === "rejected") return { kind: "subsidy.rejected", values: { ...base, comment: comment || null }, key };
  if (to === "approved") return { kind: "subsidy.approved", values: { ...base, amount }, key };
  if (to === "paid") return { kind: "subsidy.paid", values: { ...base, amount }, key };
  return undefined;
}

async function certificationLabel(tx: Tx, app: AppRow): Promise<string> {
  const cert = app.certificationId ? await getCertification(tx, app.certificationId) : null;
  return cert?.name ?? `その他: ${app.otherName ?? ""}`;
}

/**
 * The checks of a submission, against fresh data: eligibility in the claim's 年度, the
 * claim deadline, both kinds of file attached, and an amount above zero. Returns the
 * fields the submission sets.
 */
async function prepareSubmission(tx: Tx, app: AppRow, now: Date): Promise<Partial<typeof apps.$inferInsert>> {
  const fiscalYear = fiscalYearOf(now);
  const scheme = await getScheme(tx, fiscalYear);
  if (!scheme) refuse("closed", "今年度の資格取得費用助成の制度設定がまだないため、申請できません。");
  const me = await first(
    tx
      .select({ employmentType: employees.employmentType, orgUnitId: employees.orgUnitId, rank: employees.rank })
      .from(employees)
      .where(eq(employees.id, app.applicantId)),
  );
  if (!me?.employmentType || !scheme.eligibleEmploymentTypes.includes(me.employmentType)) {
    refuse("closed", `今年度の対象となる任用形態は${scheme.eligibleEmploymentTypes.join("・")}です。あなたの任用形態は対象外のため申請できません。`);
  }
  const certification = app.certificationId ? await getCertification(tx, app.certificationId) : null;
  if (app.certificationId && !certification?.active) {
    refuse("invalid", "選んだ資格は現在、助成の対象ではありません。資格を選び直してください。", "certification");
  }
  if (!app.certificationId && !scheme.allowOther) {
    refuse("closed", "今年度は一覧にない資格の申請を受け付けていません。", "certification");
  }
  const deadline = claimDeadline(app.passDate, scheme.claimDeadlineDays);
  if (todayIso(now) > deadline) {
    refuse("closed", `申請期限（合格日から${scheme.claimDeadlineDays}日以内、${deadline.replace(/-/g, "/")}まで）を過ぎています。`, "passDate");
  }
  const attached = new Set(
    (await tx
      .select({ kind: files.kind })
      .from(files)
      .where(and(eq(files.applicationId, app.id), isNull(files.removedAt)))).map((f) => f.kind),
  );
  for (const kind of FILE_KINDS) {
    if (!attached.has(kind)) refuse("invalid", `${FILE_KIND_LABELS[kind]}を添付してください。`, kind);
  }
  const costs = await tx.select({ costType: lines.costType, amount: lines.amount }).from(lines).where(eq(lines.applicationId, app.id));
  const result = computeSubsidy(costs, amountRulesFor(scheme, certification), await committedFor(tx, app.applicantId, fiscalYear, app.id));
  if (result.amount <= 0) {
    if (result.eligibleTotal === 0) refuse("invalid", "助成の対象となる費用がありません。この資格で対象となる費用の種類を確認してください。", "examCost");
    refuse("limit", "今年度の助成の上限額に達しているため、助成額が0円になります。", "examCost");
  }
  return {
    fiscalYear,
    amount: result.amount,
    submittedAt: now,
    applicantOrgUnitId: me.orgUnitId,
    applicantRank: me.rank,
  };
}

export type SaveInput = {
  actor: Actor;
  /** The application being edited; absent for a new one. */
  id?: string;
  /** The new-application form's one-time token: a resent form finds its first record. */
  token?: string;
  version?: number;
  intent: "save" | "submit";
  value: ApplicationFormValue;
  uploads: CheckedUpload[];
  now?: Date;
};

/**
 * Creates or updates the applicant's own draft (or returned) application, attaches the
 * checked uploads, and on "submit" moves it to 申請中. Files are written to disk first and
 * removed again when the transaction does not commit.
 */
export async function saveApplication(input: SaveInput): Promise<Outcome<{ id: string; status: SubsidyStatus }>> {
  const { actor, value, now = new Date() } = input;
  const viewerId = actor.viewer.id;
  const stored = input.uploads.map((u) => ({ ...u, storedName: writeUpload(u.bytes) }));
  let committed = false;
  try {
    return await attempt(async () => {
      const result = await immediate(async (tx) => {
        if (value.certification !== "other") {
          const certification = await getCertification(tx, Number(value.certification));
          if (!certification?.active) refuse("invalid", "一覧から資格を選んでください。", "certification");
        }
        let app: AppRow | undefined;
        let created = false;
        if (input.id) {
          // The application's row is locked (PostgreSQL) so its version check and the write see one state.
          app = await first(forUpdate(tx.select().from(apps).where(eq(apps.id, input.id))));
          if (!app || app.applicantId !== viewerId) refuse("not_found", NOT_FOUND);
          if (input.version !== app.version) {
            // A double-click: the first request already did exactly this.
            if (input.intent === "submit" && app.status === "submitted") return { id: app.id, status: app.status, repeat: true };
            refuse("conflict", STALE);
          }
          if (!isEditable(app.status)) refuseLocked(app.status);
        } else {
          const token = input.token ?? randomUUID();
          const existing = await first(tx.select().from(apps).where(eq(apps.clientToken, token)));
          if (existing) {
            if (existing.applicantId !== viewerId) refuse("conflict", STALE);
            return { id: existing.id, status: existing.status, repeat: true };
          }
          const id = randomUUID();
          // Two copies of one form at the same moment (PostgreSQL runs them side by side): the
          // token's unique index lets one insert; the other finds its record.
          const inserted = await tx
            .insert(apps)
            .values({ id, applicantId: viewerId, fiscalYear: fiscalYearOf(now), clientToken: token, createdAt: now, updatedAt: now, ...contentOf(value) })
            .onConflictDoNothing({ target: apps.clientToken })
            .returning({ id: apps.id });
          if (inserted.length === 0) {
            const twin = await first(tx.select().from(apps).where(eq(apps.clientToken, token)));
            if (!twin || twin.applicantId !== viewerId) refuse("conflict", STALE);
            return { id: twin.id, status: twin.status, repeat: true };
          }
          // Submitted at once, it was never a draft the applicant saw: its history is 「申請」 alone.
          if (input.intent !== "submit") await tx.insert(hist).values({ applicationId: id, fromStatus: null, toStatus: "draft", actorId: viewerId, actorRole: "applicant", at: now });
          app = await first(tx.select().from(apps).where(eq(apps.id, id)));
          if (!app) throw new Error("insert failed");
          created = true;
        }
        // A draft belongs to the 年度 it is worked on; a submission sets the 年度 again.
        const appId = app.id;
        await tx
          .update(apps)
          .set({ ...contentOf(value), ...(app.status === "draft" ? { fiscalYear: fiscalYearOf(now) } : {}), updatedAt: now })
          .where(eq(apps.id, appId));
        await tx.delete(lines).where(eq(lines.applicationId, appId));
        const costLines = costLinesOf(value);
        if (costLines.length) await tx.insert(lines).values(costLines.map((l) => ({ applicationId: appId, ...l })));
        for (const u of stored) {
          await tx
            .insert(files)
            .values({ id: randomUUID(), applicationId: appId, kind: u.kind, storedName: u.storedName, originalName: u.originalName, mime: u.mime, size: u.bytes.length, uploadedBy: viewerId, uploadedAt: now });
        }
        const fresh = (await first(tx.select().from(apps).where(eq(apps.id, appId))))!;
        if (input.intent === "submit") {
          await recordTransition(tx, fresh, "submitted", { actor, role: "applicant" }, await prepareSubmission(tx, fresh, now), now, created);
          await notifySupervisor(tx, fresh, now);
          return { id: appId, status: "submitted" as const, repeat: false };
        }
        const scheme = await getScheme(tx, fresh.fiscalYear);
        const certification = fresh.certificationId ? await getCertification(tx, fresh.certificationId) : null;
        const preview = scheme ? computeSubsidy(costLines, amountRulesFor(scheme, certification), await committedFor(tx, viewerId, fresh.fiscalYear, fresh.id)).amount : 0;
        await tx.update(apps).set({ amount: preview, version: fresh.version + 1 }).where(eq(apps.id, appId));
        await audit(tx, { actorId: viewerId, action: "subsidy.saved", target: `subsidy_application:${app.id}`, outcome: "success", ip: actor.ip, detail: { files: stored.length } });
        return { id: app.id, status: fresh.status, repeat: false };
      });
      committed = !result.repeat;
      return { ok: true as const, id: result.id, status: result.status };
    });
  } finally {
    if (!committed) for (const u of stored) discardUpload(u.storedName);
  }
}

function contentOf(value: ApplicationFormValue) {
  const other = value.certification === "other";
  return {
    certificationId: other ? null : Number(value.certification),
    otherName: other ? (value.otherName ?? null) : null,
    otherReason: other ? (value.otherReason ?? null) : null,
    examDate: value.examDate,
    passDate: value.passDate,
  };
}

async function notifySupervisor(tx: Tx, app: AppRow, now: Date): Promise<void> {
  const me = await first(tx.select({ supervisorId: employees.supervisorId, name: employees.name }).from(employees).where(eq(employees.id, app.applicantId)));
  if (me?.supervisorId) {
    await notify(
      tx,
      me.supervisorId,
      {
        title: "資格取得費用助成の申請の確認をお願いします",
        body: `${me.name}さんの申請が届いています。業務上の有用性を確認してください。`,
        link: `/subsidy/review/${app.id}`,
        mail: {
          kind: "subsidy.approval_requested",
          values: { applicationId: app.id, certification: await certificationLabel(tx, app), applicantName: me.name },
          key: `subsidy:${app.id}:v${app.version}:approval_requested`,
        },
      },
      now,
    );
  }
}

export type TransitionInput = {
  actor: Actor;
  id: string;
  /** The capacity the page acts in; the viewer must really stand in it. */
  as: SubsidyCapacity;
  to: SubsidyStatus;
  version: number;
  comment?: string;
  now?: Date;
};

/**
 * Moves an application along the transitions table. An approval re-reads the 年度 budget
 * (`budgetFigures`, the same figures the pages show) and the person's decided amounts
 * inside the transaction and is refused, with the reason, when either limit would be passed.
 */
export async function transitionApplication(input: TransitionInput): Promise<Outcome<{ status: SubsidyStatus }>> {
  const { actor, now = new Date() } = input;
  const outcome = await attempt(() =>
    immediate(async (tx) => {
        // Lock order: the application, then (an approval) the 年度's scheme row.
        const app = await first(forUpdate(tx.select().from(apps).where(eq(apps.id, input.id))));
        if (!app || !(await capacitiesOf(tx, actor.viewer, app)).includes(input.as)) refuse("not_found", NOT_FOUND);
        if (app.version !== input.version) {
          if (app.status === input.to) return { ok: true as const, status: app.status };
          refuse("conflict", STALE);
        }
        const t = requireTransition(TRANSITIONS, app.status, input.to, input.as, `「${STATUS_LABELS[app.status]}」の申請に、この操作はできません。`);
        const comment = input.comment?.trim() || null;
        if (t.needsComment && !comment) refuse("invalid", "理由を入力してください。", "comment");
        let patch: Partial<typeof apps.$inferInsert> = {};
        if (input.to === "submitted") patch = await prepareSubmission(tx, app, now);
        if (input.to === "approved") {
          await refuseBeyondLimits(tx, app);
          patch = { decidedAt: now };
        }
        if (input.to === "rejected") patch = { decidedAt: now };
        if (input.to === "paid") patch = { paidAt: now };
        await recordTransition(tx, app, input.to, { actor, role: input.as, comment }, patch, now);
        if (input.to === "submitted") await notifySupervisor(tx, app, now);
        return { ok: true as const, status: input.to };
      }),
  );
  // A refused approval is worth an audit line too; the transaction's own writes are gone.
  if (!outcome.ok && outcome.refusal.detail) {
    await auditAlone({ actorId: actor.viewer.id, action: `subsidy.${input.to}.refused`, target: `subsidy_application:${input.id}`, outcome: "failure", ip: actor.ip, detail: outcome.refusal.detail });
  }
  return outcome;
}

async function refuseBeyondLimits(tx: Tx, app: AppRow): Promise<void> {
  // The invariant hangs on the 年度's scheme row: lock it before summing, so concurrent
  // approvals of the 年度 queue here and each sums what the one before it committed.
  const scheme = await lockScheme(tx, app.fiscalYear);
  const budget = scheme ? await budgetFigures(tx, app.fiscalYear) : null;
  if (!budget || !scheme) refuse("closed", "この年度の制度設定がないため交付決定できません。");
  const check = checkApproval(app.amount, budget, {
    perPersonYearlyCap: scheme.perPersonYearlyCap,
    alreadyCommitted: await committedFor(tx, app.applicantId, app.fiscalYear, app.id),
  });
  if (check.ok) return;
  const message =
    check.reason === "budget"
      ? `予算の残額（${formatYen(check.left)}）を超えるため交付決定できません（申請額 ${formatYen(app.amount)}）。`
      : `申請者の年度上限額の残り（${formatYen(check.left)}）を超えるため交付決定できません（申請額 ${formatYen(app.amount)}）。差し戻して再計算を依頼してください。`;
  refuse("limit", message, undefined, { reason: check.reason, left: check.left, amount: app.amount });
}

/** The applicant takes a file off a draft or returned application (the row and bytes stay). */
export async function removeFile({ actor, id, fileId, version, now = new Date() }: { actor: Actor; id: string; fileId: string; version: number; now?: Date }): Promise<Outcome> {
  return attempt(() =>
    immediate(async (tx) => {
      const app = await first(forUpdate(tx.select().from(apps).where(eq(apps.id, id))));
      if (!app || app.applicantId !== actor.viewer.id) refuse("not_found", NOT_FOUND);
      if (app.version !== version) refuse("conflict", STALE);
      if (!isEditable(app.status)) refuseLocked(app.status);
      const done = affected(
        await tx
          .update(files)
          .set({ removedAt: now })
          .where(and(eq(files.id, fileId), eq(files.applicationId, id), isNull(files.removedAt))),
      );
      if (done !== 1) refuse("not_found", "ファイルが見つかりません。");
      await tx.update(apps).set({ version: app.version + 1, updatedAt: now }).where(eq(apps.id, id));
      await audit(tx, { actorId: actor.viewer.id, action: "subsidy.file.removed", target: `subsidy_file:${fileId}`, outcome: "success", ip: actor.ip });
      return { ok: true as const };
    }),
  );
}

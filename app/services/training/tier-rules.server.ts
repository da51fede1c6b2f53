// 人材育成課's page of the tiers of one 年度: which rule places a person in each tier
// (the Nth 年度 since hire, or newly holding a rank) and whether the tier is used that 年度
// (decision 103: tiers are data). A new tier is a row, and its rule is set per 年度 too.
import { hasRole, type Viewer } from "~/auth/viewer";
import { getDb, immediate, isUniqueViolation, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { RANKS } from "~/services/org/master-data";
import { tierRuleProblems, type TierRule } from "./rules";
import { listTiers } from "./tiers.server";

const { trainingTiers, trainingTierRules } = schema;

/** The tiers with their rules for the 年度, or null for anyone but 人材育成課 (→ 404). */
export async function getTierRules(viewer: Viewer, fiscalYear: number) {
  if (!hasRole(viewer, "hr_dev")) return null;
  return (await listTiers(getDb(), { includeInactive: true, fiscalYear })).map((t) => ({
    code: t.code,
    label: t.label,
    basis: t.basis,
    serviceYear: t.serviceYear,
    rank: t.rank,
    active: t.active,
  }));
}

/**
 * Saves the 年度's rules of every tier listed, all or nothing: each must be complete and no
 * two tiers in use may place the same people. Other 年度 keep theirs.
 */
export async function saveTierRules(actor: Actor, fiscalYear: number, input: TierRule[], now = new Date()): Promise<Outcome> {
  return attempt(() =>
    immediate(async (tx) => {
      if (!hasRole(actor.viewer, "hr_dev")) refuse("forbidden", "階層を変更できるのは人材育成課です。");
      const tiers = await listTiers(tx, { includeInactive: true, fiscalYear });
      const known = new Map(tiers.map((t) => [t.code, t]));
      if (input.some((r) => !known.has(r.code))) refuse("invalid", "存在しない階層が含まれています。画面を開き直してください。");
      const given = new Map(input.map((r) => [r.code, { ...r, label: known.get(r.code)!.label }]));
      // The whole 年度 as it will be: the rows sent, and the tiers not sent as they are.
      const after = tiers.map((t) => given.get(t.code) ?? { ...t });
      const problem = tierRuleProblems(after, RANKS)[0];
      if (problem) refuse("invalid", problem.message, `${problem.code}.${problem.field}`);
      for (const r of given.values()) {
        const values = {
          basis: r.basis,
          serviceYear: r.basis === "hireYear" ? r.serviceYear : null,
          rank: r.basis === "newRank" ? r.rank : null,
          active: r.active,
          updatedBy: actor.viewer.id,
          updatedAt: now,
        };
        await tx
          .insert(trainingTierRules)
          .values({ fiscalYear, tierCode: r.code, ...values })
          .onConflictDoUpdate({ target: [trainingTierRules.fiscalYear, trainingTierRules.tierCode], set: values });
      }
      await audit(tx, {
        actorId: actor.viewer.id,
        action: "training.tiers.update",
        target: `fiscal_year:${fiscalYear}`,
        outcome: "success",
        ip: actor.ip,
        detail: { rules: [...given.values()].map(({ label: _label, ...r }) => r) },
      });
      return { ok: true as const };
    }),
  );
}

/**
 * Adds a tier (e.g. 10年目) with its rule, in use in `fiscalYear` only: its own definition is
 * left unused, so no other 年度 changes who is in which tier (another 年度's page can take it up).
 */
export async function addTier(actor: Actor, fiscalYear: number, input: Omit<TierRule, "code" | "active"> & { label: string }, now = new Date()): Promise<Outcome<{ code: string }>> {
  return attempt(() =>
    immediate(async (tx) => {
      if (!hasRole(actor.viewer, "hr_dev")) refuse("forbidden", "階層を変更できるのは人材育成課です。");
      const tiers = await listTiers(tx, { includeInactive: true, fiscalYear });
      if (tiers.some((t) => t.label === input.label)) refuse("invalid", `「${input.label}」という階層はすでにあります。`, "label");
      const rule: TierRule = { code: "new", label: input.label, basis: input.basis, serviceYear: input.basis === "hireYear" ? input.serviceYear : null, rank: input.basis === "newRank" ? input.rank : null, active: true };
      const problem = tierRuleProblems([...tiers, rule], RANKS).find((p) => p.code === "new") ?? tierRuleProblems([...tiers, rule], RANKS)[0];
      if (problem) refuse("invalid", problem.message, problem.field);
      const code = `tier_${now.getTime().toString(36)}`;
      const sortOrder = Math.max(0, ...tiers.map((t) => t.sortOrder)) + 10;
      try {
        await tx.insert(trainingTiers).values({ code, label: input.label, basis: rule.basis, serviceYear: rule.serviceYear, rank: rule.rank, sortOrder, active: false });
      } catch (e) {
        if (isUniqueViolation(e)) refuse("conflict", "もう一度お試しください。");
        throw e;
      }
      await tx.insert(trainingTierRules).values({ fiscalYear, tierCode: code, basis: rule.basis, serviceYear: rule.serviceYear, rank: rule.rank, active: true, updatedBy: actor.viewer.id, updatedAt: now });
      await audit(tx, { actorId: actor.viewer.id, action: "training.tiers.add", target: `training_tier:${code}`, outcome: "success", ip: actor.ip, detail: { fiscalYear, ...input } });
      return { ok: true as const, code };
    }),
  );
}

/**
 * The amount rules of 資格取得費用助成, pure so the form can preview exactly what the server
 * will store. Every number comes from data (certification and 年度 settings), never from
 * constants here. Yen are integers throughout.
 */
import { COST_TYPES, type CostType } from "./labels";

export type CostLine = { costType: CostType; amount: number };

export type AmountRules = {
  /** Cost types this certification pays towards. */
  eligibleCostTypes: readonly CostType[];
  /** Whole percent, 1–100. */
  ratePercent: number;
  capPerApplication: number;
  perPersonYearlyCap: number;
  /** Amounts below this are dropped (1 = no rounding). */
  roundingUnit: number;
};

export type AmountBreakdown = {
  eligibleTotal: number;
  ineligibleTotal: number;
  /** eligibleTotal × rate, rounded down to the yen. */
  byRate: number;
  /** What the yearly cap still allows for this person. */
  yearlyRemaining: number;
  amount: number;
  /** Which rules made the amount smaller than `byRate`. */
  limitedBy: ("applicationCap" | "yearlyCap" | "rounding")[];
};

/** What `amountRulesFor` reads of a 年度's scheme (a stored row, the form's copy, a seed). */
export type SchemeAmountRules = {
  otherRatePercent: number;
  otherCapPerApplication: number;
  perPersonYearlyCap: number;
  roundingUnit: number;
};

/** What `amountRulesFor` reads of a listed certification. */
export type CertificationAmountRules = {
  eligibleCostTypes: readonly CostType[];
  ratePercent: number;
  capPerApplication: number;
};

/**
 * The rules an application is computed with: its certification's, or the scheme's
 * "other" (every cost type). The form's live preview, the 計算 button, the stored amount
 * and the seeds all take their rules from here.
 */
export function amountRulesFor(scheme: SchemeAmountRules, certification: CertificationAmountRules | null): AmountRules {
  return certification
    ? {
        eligibleCostTypes: certification.eligibleCostTypes,
        ratePercent: certification.ratePercent,
        capPerApplication: certification.capPerApplication,
        perPersonYearlyCap: scheme.perPersonYearlyCap,
        roundingUnit: scheme.roundingUnit,
      }
    : {
        eligibleCostTypes: COST_TYPES,
        ratePercent: scheme.otherRatePercent,
        capPerApplication: scheme.otherCapPerApplication,
        perPersonYearlyCap: scheme.perPersonYearlyCap,
        roundingUnit: scheme.roundingUnit,
      };
}

export function roundDown(amount: number, unit: number): number {
  if (!Number.isSafeInteger(unit) || unit < 1) throw new Error("rounding unit must be a positive integer");
  return Math.floor(amount / unit) * unit;
}

/** What the per-person yearly cap leaves, given what is already received or decided. */
export function yearlyRemaining(perPersonYearlyCap: number, alreadyCommitted: number): number {
  return Math.max(0, perPersonYearlyCap - alreadyCommitted);
}

/**
 * The subsidy for one application: eligible costs × rate, then the per-application cap,
 * then what the yearly cap leaves (`alreadyCommitted` = received or decided this 年度, not
 * counting this application), then rounded down to the unit.
 */
export function computeSubsidy(costs: readonly CostLine[], rules: AmountRules, alreadyCommitted: number): AmountBreakdown {
  let eligibleTotal = 0;
  let ineligibleTotal = 0;
  for (const line of costs) {
    if (rules.eligibleCostTypes.includes(line.costType)) eligibleTotal += line.amount;
    else ineligibleTotal += line.amount;
  }
  const byRate = Math.floor((eligibleTotal * rules.ratePercent) / 100);
  const remaining = yearlyRemaining(rules.perPersonYearlyCap, alreadyCommitted);
  const limitedBy: AmountBreakdown["limitedBy"] = [];
  let amount = byRate;
  if (amount > rules.capPerApplication) {
    amount = rules.capPerApplication;
    limitedBy.push("applicationCap");
  }
  if (amount > remaining) {
    amount = remaining;
    limitedBy.push("yearlyCap");
  }
  const rounded = roundDown(amount, rules.roundingUnit);
  if (rounded < amount) limitedBy.push("rounding");
  return { eligibleTotal, ineligibleTotal, byRate, yearlyRemaining: remaining, amount: rounded, limitedBy };
}

/** The last day a claim may be made: the pass date plus the scheme's days (inclusive). */
export function claimDeadline(passDate: string, claimDeadlineDays: number): string {
  const [y, m, d] = passDate.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + claimDeadlineDays));
  return t.toISOString().slice(0, 10);
}

/**
 * A 年度's budget as the totals of the named status sets give it: `used` = 支払済
 * (PAID_STATUSES), `committed` = decided but not yet paid (COMMITTED_STATUSES without
 * PAID_STATUSES). Both the approval check and every page read `budgetLeft` of these.
 */
export type BudgetState = { budget: number; used: number; committed: number };

/** What the budget still allows: budget − paid − decided. */
export function budgetLeft({ budget, used, committed }: BudgetState): number {
  return budget - used - committed;
}

export type ApprovalCheck =
  | { ok: true }
  | { ok: false; reason: "budget"; left: number }
  | { ok: false; reason: "yearlyCap"; left: number };

/**
 * May `amount` be decided now? Not when it would take the 年度 budget or the person's
 * yearly cap past its limit. Called inside the approving transaction with fresh sums.
 */
export function checkApproval(
  amount: number,
  budget: BudgetState,
  person: { perPersonYearlyCap: number; alreadyCommitted: number },
): ApprovalCheck {
  const left = budgetLeft(budget);
  if (amount > left) return { ok: false, reason: "budget", left: Math.max(0, left) };
  const personLeft = yearlyRemaining(person.perPersonYearlyCap, person.alreadyCommitted);
  if (amount > personLeft) return { ok: false, reason: "yearlyCap", left: personLeft };
  return { ok: true };
}

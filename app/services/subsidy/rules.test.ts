import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COST_TYPES, type CostType } from "./labels";
import { budgetLeft, checkApproval, claimDeadline, computeSubsidy, roundDown, type AmountRules } from "./rules";

const RULES: AmountRules = {
  eligibleCostTypes: ["exam", "registration"],
  ratePercent: 50,
  capPerApplication: 50_000,
  perPersonYearlyCap: 100_000,
  roundingUnit: 1000,
};

describe("computeSubsidy", () => {
  it("pays the rate of the eligible costs, rounded down to the unit", () => {
    const r = computeSubsidy([{ costType: "exam", amount: 7_500 }], RULES, 0);
    expect(r).toMatchObject({ eligibleTotal: 7_500, byRate: 3_750, amount: 3_000, limitedBy: ["rounding"] });
  });

  it("leaves out cost types the certification does not pay towards", () => {
    const r = computeSubsidy(
      [
        { costType: "exam", amount: 10_000 },
        { costType: "course", amount: 80_000 },
      ],
      RULES,
      0,
    );
    expect(r).toMatchObject({ eligibleTotal: 10_000, ineligibleTotal: 80_000, amount: 5_000, limitedBy: [] });
  });

  it("stops at the cap per application", () => {
    const r = computeSubsidy([{ costType: "exam", amount: 150_000 }], RULES, 0);
    expect(r).toMatchObject({ byRate: 75_000, amount: 50_000, limitedBy: ["applicationCap"] });
  });

  it("stops at what the yearly cap leaves after what was already received or decided", () => {
    const r = computeSubsidy([{ costType: "exam", amount: 100_000 }], RULES, 70_000);
    expect(r).toMatchObject({ yearlyRemaining: 30_000, amount: 30_000, limitedBy: ["yearlyCap"] });
    expect(computeSubsidy([{ costType: "exam", amount: 100_000 }], RULES, 120_000).amount).toBe(0);
  });

  it("rounds after the caps (a cap that is not a multiple of the unit is rounded down too)", () => {
    const r = computeSubsidy([{ costType: "exam", amount: 100_000 }], { ...RULES, capPerApplication: 12_345 }, 0);
    expect(r.amount).toBe(12_000);
  });

  it("with unit 1 and rate 100 pays the eligible total", () => {
    const r = computeSubsidy([{ costType: "exam", amount: 12_345 }], { ...RULES, ratePercent: 100, roundingUnit: 1 }, 0);
    expect(r.amount).toBe(12_345);
  });

  const costLines = fc.uniqueArray(
    fc.record({ costType: fc.constantFrom<CostType>(...COST_TYPES), amount: fc.integer({ min: 0, max: 10_000_000 }) }),
    { selector: (l) => l.costType, maxLength: 3 },
  );
  const rules = fc.record({
    eligibleCostTypes: fc.subarray([...COST_TYPES], { minLength: 1 }),
    ratePercent: fc.integer({ min: 1, max: 100 }),
    capPerApplication: fc.integer({ min: 0, max: 1_000_000 }),
    perPersonYearlyCap: fc.integer({ min: 0, max: 1_000_000 }),
    roundingUnit: fc.constantFrom(1, 10, 100, 1000, 10_000),
  });
  const committed = fc.integer({ min: 0, max: 2_000_000 });

  it("never pays more than the rate, the caps or the yearly remainder; always a multiple of the unit", () => {
    fc.assert(
      fc.property(costLines, rules, committed, (lines, r, already) => {
        const { amount, eligibleTotal } = computeSubsidy(lines, r, already);
        expect(Number.isSafeInteger(amount)).toBe(true);
        expect(amount).toBeGreaterThanOrEqual(0);
        expect(amount * 100).toBeLessThanOrEqual(eligibleTotal * r.ratePercent);
        expect(amount).toBeLessThanOrEqual(r.capPerApplication);
        expect(amount + Math.min(already, r.perPersonYearlyCap)).toBeLessThanOrEqual(r.perPersonYearlyCap);
        expect(amount % r.roundingUnit).toBe(0);
      }),
    );
  });

  it("is exact when no limit applies: floor(total × rate) rounded down", () => {
    fc.assert(
      fc.property(costLines, rules, (lines, r) => {
        const big = { ...r, capPerApplication: 1e12, perPersonYearlyCap: 1e12 };
        const res = computeSubsidy(lines, big, 0);
        expect(res.amount).toBe(roundDown(Math.floor((res.eligibleTotal * r.ratePercent) / 100), r.roundingUnit));
      }),
    );
  });

  it("pays no less when a cost goes up, and no more when more was already received", () => {
    fc.assert(
      fc.property(costLines, rules, committed, fc.integer({ min: 0, max: 100_000 }), (lines, r, already, extra) => {
        const base = computeSubsidy(lines, r, already).amount;
        const more = lines.length ? lines.map((l, i) => (i === 0 ? { ...l, amount: l.amount + extra } : l)) : lines;
        expect(computeSubsidy(more, r, already).amount).toBeGreaterThanOrEqual(base);
        expect(computeSubsidy(lines, r, already + extra).amount).toBeLessThanOrEqual(base);
      }),
    );
  });

  it("repeated applications never take a person past the yearly cap", () => {
    fc.assert(
      fc.property(fc.array(costLines, { maxLength: 8 }), rules, (applications, r) => {
        let received = 0;
        for (const lines of applications) received += computeSubsidy(lines, r, received).amount;
        expect(received).toBeLessThanOrEqual(r.perPersonYearlyCap);
      }),
    );
  });
});

describe("roundDown", () => {
  it("drops amounts below the unit", () => {
    expect(roundDown(3_999, 1000)).toBe(3_000);
    expect(roundDown(4_000, 1000)).toBe(4_000);
    expect(roundDown(999, 1000)).toBe(0);
    expect(() => roundDown(100, 0)).toThrow();
  });
});

describe("claimDeadline", () => {
  it("counts days from the pass date, across months, years and leap days", () => {
    expect(claimDeadline("2026-11-13", 180)).toBe("2027-05-12");
    expect(claimDeadline("2027-12-31", 1)).toBe("2028-01-01");
    expect(claimDeadline("2028-02-28", 1)).toBe("2028-02-29");
    expect(claimDeadline("2026-03-31", 0)).toBe("2026-03-31");
  });
});

describe("checkApproval", () => {
  const person = { perPersonYearlyCap: 100_000, alreadyCommitted: 0 };
  it("refuses beyond the budget left (budget − paid − decided)", () => {
    const budget = { budget: 100_000, used: 30_000, committed: 40_000 };
    expect(budgetLeft(budget)).toBe(30_000);
    expect(checkApproval(30_000, budget, person)).toEqual({ ok: true });
    expect(checkApproval(31_000, budget, person)).toEqual({ ok: false, reason: "budget", left: 30_000 });
  });
  it("refuses beyond the person's yearly cap", () => {
    const budget = { budget: 1_000_000, used: 0, committed: 0 };
    expect(checkApproval(50_000, budget, { perPersonYearlyCap: 100_000, alreadyCommitted: 60_000 })).toEqual({ ok: false, reason: "yearlyCap", left: 40_000 });
  });
  it("two approvals that each fit but together exceed: the second, checked after the first, is refused", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 2_000_000 }), (a, b, budget) => {
        fc.pre(a <= budget && b <= budget && a + b > budget);
        const state = { budget, used: 0, committed: 0 };
        expect(checkApproval(a, state, { perPersonYearlyCap: 1e9, alreadyCommitted: 0 }).ok).toBe(true);
        expect(checkApproval(b, { ...state, committed: a }, { perPersonYearlyCap: 1e9, alreadyCommitted: 0 }).ok).toBe(false);
      }),
    );
  });
});

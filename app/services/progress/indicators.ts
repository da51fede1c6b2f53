import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from "~/lib/fiscal-year";

/**
 * The plan's 成果指標 (第1期取組計画, 目標と成果指標): values from the city's stress-check
 * group analysis. 現状値 is FY2025, 目標値 is for FY2029.
 */
export const INDICATORS = [
  {
    code: "engagement",
    name: "ワーク・エンゲージメント",
    description: "仕事から活力を得て、仕事に誇りを感じ、職員がいきいきと仕事をしている状態",
    baseline: 2.7,
    baselineYear: PLAN_FIRST_YEAR - 1,
    target: 2.7,
    direction: "atLeast",
    nationalAverage: 2.5,
    /** The y-axis of its trend chart. */
    chartRange: [2, 3.5],
  },
  {
    code: "unity",
    name: "職場の一体感",
    description: "職場のメンバーが情報共有、相互理解や信頼、助け合いの気持ちをもって業務を遂行している状態",
    baseline: 2.9,
    baselineYear: PLAN_FIRST_YEAR - 1,
    target: 2.9,
    direction: "atLeast",
    nationalAverage: 2.7,
    chartRange: [2, 3.5],
  },
  {
    code: "health_risk",
    name: "総合健康リスク",
    description: "仕事のストレス要因から予想される疾患休業などの健康問題のリスク",
    baseline: 8.7,
    baselineYear: PLAN_FIRST_YEAR - 1,
    target: 8.7,
    direction: "atMost",
    nationalAverage: 10.0,
    chartRange: [6, 12],
  },
] as const;

export type IndicatorCode = (typeof INDICATORS)[number]["code"];
export type Indicator = (typeof INDICATORS)[number];

/** The 年度 the plan's 目標値 are for: the plan's last year. */
export const INDICATOR_TARGET_YEAR = PLAN_LAST_YEAR;

/** The 年度 of the plan's 現状値 (the year before the plan began). */
export const INDICATOR_BASELINE_YEAR = PLAN_FIRST_YEAR - 1;

/** The 年度 the indicator table and charts show: the baseline year, then every year of the plan. */
export const INDICATOR_YEARS: readonly number[] = Array.from({ length: PLAN_LAST_YEAR - INDICATOR_BASELINE_YEAR + 1 }, (_, i) => INDICATOR_BASELINE_YEAR + i);

export function targetLabel(i: Indicator): string {
  return `${i.target}${i.direction === "atLeast" ? "以上" : "以下"}`;
}

export function meetsTarget(i: Indicator, value: number): boolean {
  return i.direction === "atLeast" ? value >= i.target : value <= i.target;
}

/** Plausible range of each score, so a typo (27 for 2.7) is caught at the field. */
export const INDICATOR_RANGE: Record<IndicatorCode, [number, number]> = {
  engagement: [1, 4],
  unity: [1, 4],
  health_risk: [0, 300],
};

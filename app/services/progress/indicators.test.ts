import { describe, expect, it } from "vitest";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from "~/lib/fiscal-year";
import { INDICATORS, INDICATOR_BASELINE_YEAR, INDICATOR_RANGE, INDICATOR_TARGET_YEAR, INDICATOR_YEARS } from "./indicators";

// The /stats indicator table and charts read their years and axes from the plan's indicator
// definitions, never from numbers in the component.
describe("the plan's indicator definitions", () => {
  it("years come from the plan: 現状値 the year before it, 目標値 its last year", () => {
    expect(INDICATOR_BASELINE_YEAR).toBe(PLAN_FIRST_YEAR - 1);
    expect(INDICATOR_TARGET_YEAR).toBe(PLAN_LAST_YEAR);
    expect(INDICATOR_YEARS).toEqual([2025, 2026, 2027, 2028, 2029]);
    for (const i of INDICATORS) expect(i.baselineYear).toBe(INDICATOR_BASELINE_YEAR);
  });

  it("each chart's y-axis holds its baseline, target and national average, inside what may be entered", () => {
    for (const i of INDICATORS) {
      const [min, max] = i.chartRange;
      for (const v of [i.baseline, i.target, i.nationalAverage]) {
        expect(v, i.code).toBeGreaterThanOrEqual(min);
        expect(v, i.code).toBeLessThanOrEqual(max);
      }
      expect(min).toBeGreaterThanOrEqual(INDICATOR_RANGE[i.code][0]);
      expect(max).toBeLessThanOrEqual(INDICATOR_RANGE[i.code][1]);
    }
  });
});

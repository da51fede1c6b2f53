import { describe, expect, it } from "vitest";
import { yearChange, type YearFigure } from "./year-change";

const f = (label: string, value: number | null, unit: YearFigure["unit"] = "件"): YearFigure => ({ label, unit, value });

describe("前年度比", () => {
  it("against a 年度 with no records says so, instead of the whole figure as an increase", () => {
    const previous = [f("申込", 0), f("修了", 0), f("実施した研修の回数", 0, "回")];
    expect(yearChange(f("申込", 321), previous)).toBe("前年度の実績なし");
    expect(yearChange(f("申込", 0), previous)).toBe("前年度の実績なし");
  });

  it("is the difference when the 年度 before has records, even if this one figure was 0 then", () => {
    const previous = [f("申込", 0), f("修了", 3)];
    expect(yearChange(f("申込", 321), previous)).toBe("+321件");
    expect(yearChange(f("修了", 1), previous)).toBe("−2件");
    expect(yearChange(f("修了", 3), previous)).toBe("±0");
    expect(yearChange(f("交付決定額", 1500, "円"), [f("交付決定額", 500, "円")])).toBe("+1,000円");
  });

  it("shows nothing beside a suppressed figure, and does not call suppressed zeros 'no records'", () => {
    expect(yearChange(f("予約", null), [f("予約", 12)])).toBe("—");
    expect(yearChange(f("予約", 12), [f("予約", null), f("実施", null)])).toBe("—");
  });
});

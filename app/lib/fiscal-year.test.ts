import { describe, expect, it } from "vitest";
import {
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearOfIsoDate,
  fiscalYearRange,
  formatDateBoth,
  formatDateJa,
  formatDateTimeJa,
  formatWareki,
  isValidIsoDate,
  jstDate,
  reiwaFiscalYearLabel,
  shortFiscalYearLabel,
  todayIso,
} from "./fiscal-year";
import { formatYen } from "./yen";

describe("fiscal year boundary in Asia/Tokyo", () => {
  it("runs under TZ=UTC, so the boundary is not the process's local midnight", () => {
    expect(process.env.TZ).toBe("UTC");
    expect(new Date().getTimezoneOffset()).toBe(0);
  });

  it("3/31 23:59 JST belongs to the old 年度, 4/1 00:00 JST to the new one", () => {
    expect(fiscalYearOf(new Date("2027-03-31T14:59:59.999Z"))).toBe(2026);
    expect(fiscalYearOf(new Date("2027-03-31T15:00:00.000Z"))).toBe(2027);
    expect(fiscalYearOf(jstDate(2027, 3, 31, 23, 59))).toBe(2026);
    expect(fiscalYearOf(jstDate(2027, 4, 1, 0, 0))).toBe(2027);
  });

  it("an instant that is still 3/31 in UTC but already 4/1 in Tokyo is in the new 年度", () => {
    // 2027-03-31T20:00Z is 4/1 05:00 in Tokyo.
    expect(fiscalYearOf(new Date("2027-03-31T20:00:00Z"))).toBe(2027);
    expect(todayIso(new Date("2027-03-31T20:00:00Z"))).toBe("2027-04-01");
  });

  it("January to March belong to the 年度 that began the previous April", () => {
    expect(fiscalYearOf(jstDate(2027, 1, 15))).toBe(2026);
    expect(fiscalYearOfIsoDate("2027-03-31")).toBe(2026);
    expect(fiscalYearOfIsoDate("2027-04-01")).toBe(2027);
  });

  it("gives the half-open range of a 年度", () => {
    const { start, end } = fiscalYearRange(2026);
    expect(start.toISOString()).toBe("2026-03-31T15:00:00.000Z");
    expect(end.toISOString()).toBe("2027-03-31T15:00:00.000Z");
  });
});

describe("Japanese labels", () => {
  it("names 年度 in 令和 with the Western form beside it", () => {
    expect(reiwaFiscalYearLabel(2026)).toBe("令和8年度");
    expect(fiscalYearLabel(2029)).toBe("令和11年度（FY2029）");
    expect(reiwaFiscalYearLabel(2019)).toBe("令和元年度");
    expect(reiwaFiscalYearLabel(2018)).toBe("平成30年度");
    expect([2018, 2019, 2025, 2029].map(shortFiscalYearLabel)).toEqual(["H30", "R1", "R7", "R11"]);
  });

  it("formats dates in 和暦 across era boundaries", () => {
    expect(formatWareki("2026-04-01")).toBe("令和8年4月1日");
    expect(formatWareki("2019-05-01")).toBe("令和元年5月1日");
    expect(formatWareki("2019-04-30")).toBe("平成31年4月30日");
    expect(formatWareki("1989-01-07")).toBe("昭和64年1月7日");
    expect(formatDateBoth("2026-04-01")).toBe("令和8年4月1日（2026年4月1日）");
  });

  it("formats instants in Tokyo time with the weekday", () => {
    expect(formatDateJa("2026-04-01")).toBe("2026年4月1日(水)");
    expect(formatDateTimeJa(new Date("2026-03-31T15:05:00Z"))).toBe("2026年4月1日(水) 0:05");
  });

  it("validates calendar dates", () => {
    expect(isValidIsoDate("2026-02-29")).toBe(false);
    expect(isValidIsoDate("2028-02-29")).toBe(true);
    expect(isValidIsoDate("2026-4-1")).toBe(false);
  });

  it("formats yen as integers only", () => {
    expect(formatYen(12000)).toBe("12,000円");
    expect(formatYen(0)).toBe("0円");
    expect(() => formatYen(12.5)).toThrow();
  });
});

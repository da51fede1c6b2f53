import { describe, expect, it } from "vitest";
import { formatSessionTime, inFiscalYear, parseJstDateTime, parseJstLocal, shiftYears, toJstLocalInput } from "./time";
import { jstDate } from "~/lib/fiscal-year";

describe("session time helpers", () => {
  it("reads form values as Tokyo wall-clock time under a UTC process", () => {
    expect(parseJstDateTime("2026-12-10", "09:30")?.toISOString()).toBe("2026-12-10T00:30:00.000Z");
    expect(parseJstLocal("2026-04-01T00:00")?.toISOString()).toBe("2026-03-31T15:00:00.000Z");
    expect(parseJstDateTime("2026-02-30", "09:30")).toBeNull();
    expect(parseJstDateTime("2026-12-10", "24:00")).toBeNull();
    expect(parseJstLocal("2026-12-10 09:30")).toBeNull();
  });

  it("round-trips through the input format", () => {
    const d = jstDate(2027, 3, 31, 23, 59);
    expect(toJstLocalInput(d)).toBe("2027-03-31T23:59");
    expect(parseJstLocal(toJstLocalInput(d))?.getTime()).toBe(d.getTime());
  });

  it("formats a session in Japanese", () => {
    expect(formatSessionTime(jstDate(2026, 12, 10, 9, 30), jstDate(2026, 12, 10, 17, 0))).toBe("2026年12月10日(木) 9:30〜17:00");
  });

  it("knows the 年度 of an instant at the boundary", () => {
    expect(inFiscalYear(jstDate(2027, 3, 31, 23, 59), 2026)).toBe(true);
    expect(inFiscalYear(jstDate(2027, 4, 1, 0, 0), 2026)).toBe(false);
    expect(inFiscalYear(jstDate(2026, 4, 1, 0, 0), 2026)).toBe(true);
  });

  it("shifts a date by years keeping the Tokyo wall-clock time; Feb 29 becomes Feb 28", () => {
    expect(toJstLocalInput(shiftYears(jstDate(2026, 6, 15, 9, 30), 1))).toBe("2027-06-15T09:30");
    expect(toJstLocalInput(shiftYears(jstDate(2028, 2, 29, 13, 0), 1))).toBe("2029-02-28T13:00");
  });
});

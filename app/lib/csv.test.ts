import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv, UTF8_BOM } from "./csv";

describe("CSV for Japanese Excel", () => {
  it("starts with a BOM and uses CRLF with RFC 4180 quoting", () => {
    const csv = toCsv(["局・区", "件数"], [["川崎区役所", 12], ['a "quoted", value', 3], ["改行\nあり", 0]]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toContain("\r\n");
    expect(csv).toContain('"a ""quoted"", value",3');
    expect(parse(csv.slice(1))).toEqual([["局・区", "件数"], ["川崎区役所", "12"], ['a "quoted", value', "3"], ["改行\nあり", "0"]]);
  });

  it("neutralises cells Excel would run as formulas", () => {
    for (const bad of ["=1+1", "+81", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil")']) {
      expect(neutraliseCell(bad).startsWith("'")).toBe(true);
    }
    expect(neutraliseCell("川崎")).toBe("川崎");
    expect(neutraliseCell(-5)).toBe("-5");
    expect(neutraliseCell(null)).toBe("");
  });
});

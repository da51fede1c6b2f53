import { describe, expect, it } from "vitest";
import { neutraliseCell, toExcelCsv } from "./roster-csv";

describe("roster CSV", () => {
  it("starts with a UTF-8 BOM and uses CRLF", () => {
    const csv = toExcelCsv(["氏名", "職員番号"], [["川崎 花子", "100001"]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe("\ufeff氏名,職員番号\r\n川崎 花子,100001\r\n");
  });

  it("neutralises cells Excel would run as formulas", () => {
    for (const bad of ["=1+1", "+81", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCell(bad)).toBe(`'${bad}`);
    expect(neutraliseCell("川崎")).toBe("川崎");
    const csv = toExcelCsv(["a"], [['=HYPERLINK("http://x","y")']]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it("quotes commas, quotes and newlines (RFC 4180) and leaves numbers and blanks alone", () => {
    const csv = toExcelCsv(["a", "b", "c", "d"], [["x,y", 'say "hi"', null, 3]]);
    expect(csv).toContain(`"x,y","say ""hi""",,3\r\n`);
  });
});

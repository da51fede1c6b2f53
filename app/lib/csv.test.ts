import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvStream, neutraliseCell, toCsv, UTF8_BOM } from "./csv";

describe("CSV for Japanese Excel", () => {
  it("starts with a BOM and uses CRLF with RFC 4180 quoting", () => {
    const csv = toCsv(["局・区", "件数"], [["川崎区役所", 12], ['a "quoted", value', 3], ["改行\nあり", 0]]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toContain("\r\n");
    expect(csv).toContain('"a ""quoted"", value",3');
    expect(parse(csv.slice(1))).toEqual([["局・区", "件数"], ["川崎区役所", "12"], ['a "quoted", value', "3"], ["改行\nあり", "0"]]);
  });

  it("a small table is exactly BOM, header and rows with CRLF", () => {
    const csv = toCsv(["氏名", "職員番号"], [["川崎 花子", "100001"]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe("\ufeff氏名,職員番号\r\n川崎 花子,100001\r\n");
  });

  it("neutralises cells Excel would run as formulas", () => {
    for (const bad of ["=1+1", "+81", "-2+3", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil")']) {
      expect(neutraliseCell(bad)).toBe(`'${bad}`);
    }
    expect(neutraliseCell("川崎")).toBe("川崎");
    expect(neutraliseCell(-5)).toBe("-5");
    expect(neutraliseCell(null)).toBe("");
    const csv = toCsv(["a"], [['=HYPERLINK("http://x","y")']]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it("quotes commas, quotes and newlines (RFC 4180) and leaves numbers and blanks alone", () => {
    const csv = toCsv(["a", "b", "c", "d"], [["x,y", 'say "hi"', null, 3]]);
    expect(csv).toContain(`"x,y","say ""hi""",,3\r\n`);
  });

  it("a streamed table is the same bytes as the string form, header neutralised too", async () => {
    const rows = Array.from({ length: 1203 }, (_, i) => [`=名前${i}`, i, i % 7 === 0 ? null : -i]);
    const streamed = await new Response(csvStream(["=見出し", "件数", "差"], rows)).text();
    // Response.text() drops a leading BOM; compare with the BOM removed from the string form.
    expect(streamed).toBe(toCsv(["=見出し", "件数", "差"], rows).slice(1));
  });
});

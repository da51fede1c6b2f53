import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { YEN_INPUT_MAX, formatYen, parseYen } from "./yen";

describe("parseYen", () => {
  it.each([
    ["12000", 12000],
    ["12,000", 12000],
    ["１２，０００", 12000],
    ["１２０００", 12000],
    ["￥12,000", 12000],
    ["¥12,000", 12000],
    ["12000円", 12000],
    ["12,000 円", 12000],
    ["  8,500  ", 8500],
    ["0", 0],
    ["1,234,567", 1234567],
    ["10,000,000", 10_000_000],
  ])("accepts %s as %i", (input, expected) => {
    expect(parseYen(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "金額を入力してください。"],
    ["   ", "金額を入力してください。"],
    ["12.5", "小数"],
    ["１２．５", "小数"],
    ["-1", "負の数"],
    ["－1", "負の数"],
    ["1e5", "数字で"],
    ["99999999999", "以下"],
    ["10,000,001", "以下"],
    ["1,20,00", "数字で"],
    ["12,000,", "数字で"],
    ["abc", "数字で"],
    ["12 000", "数字で"],
    ["0x10", "数字で"],
    ["Infinity", "数字で"],
  ])("refuses %j with a Japanese message", (input, fragment) => {
    const r = parseYen(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });

  it("honours a lower maximum", () => {
    expect(parseYen("5,001", { max: 5000 }).ok).toBe(false);
    expect(parseYen("5,000", { max: 5000 })).toEqual({ ok: true, value: 5000 });
  });

  it("reads back every amount it formats", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: YEN_INPUT_MAX }), (n) => {
        expect(parseYen(formatYen(n))).toEqual({ ok: true, value: n });
        expect(parseYen(String(n))).toEqual({ ok: true, value: n });
      }),
    );
  });

  it("never returns anything but a safe whole number in range", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseYen(s);
        if (r.ok) {
          expect(Number.isSafeInteger(r.value)).toBe(true);
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(YEN_INPUT_MAX);
        }
      }),
    );
  });
});

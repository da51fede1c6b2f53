const yenFormat = new Intl.NumberFormat("ja-JP");

/** Integer yen as "12,000円". */
export function formatYen(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new Error("yen must be an integer");
  return `${yenFormat.format(amount)}円`;
}

/** The largest amount a form accepts unless the caller says otherwise: 1,000万円. */
export const YEN_INPUT_MAX = 10_000_000;

export type ParsedYen = { ok: true; value: number } | { ok: false; error: string };

/**
 * Yen as people type it: "12000", "12,000", "１２，０００", "￥12,000", "¥12,000", "12000円".
 * Full-width characters are folded (NFKC) first. Refused with a Japanese message: empty,
 * decimals ("12.5"), negatives ("-1"), exponents ("1e5"), misplaced commas ("1,20,00"),
 * and anything above `max` ("99999999999").
 */
export function parseYen(input: string, { max = YEN_INPUT_MAX }: { max?: number } = {}): ParsedYen {
  const text = input.normalize("NFKC").trim().replace(/^[¥\\]\s*/, "").replace(/\s*円$/, "");
  if (text === "") return { ok: false, error: "金額を入力してください。" };
  if (/^[-−‐]/.test(text)) return { ok: false, error: "金額に負の数は入力できません。" };
  if (/^[\d,]*\.\d*$/.test(text)) return { ok: false, error: "金額は1円単位の整数で入力してください（小数は入力できません）。" };
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(text)) return { ok: false, error: "金額は数字で入力してください（例: 12,000）。" };
  const digits = text.replace(/,/g, "");
  // Compare lengths before converting so huge inputs never become imprecise numbers.
  const value = digits.replace(/^0+(?=\d)/, "");
  if (value.length > String(max).length || Number(value) > max) {
    return { ok: false, error: `金額は${formatYen(max)}以下で入力してください。` };
  }
  return { ok: true, value: Number(value) };
}

import { z } from "zod";
import { INDICATOR_RANGE } from "./indicators";

const score = (code: keyof typeof INDICATOR_RANGE, name: string) => {
  const [min, max] = INDICATOR_RANGE[code];
  return z
    .string()
    .trim()
    .transform((s) => s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .pipe(
      z
        .string()
        .regex(/^\d{1,3}(\.\d{1,2})?$/, { error: `${name}は小数第2位までの数値で入力してください。` })
        .transform(Number)
        .pipe(z.number().min(min, { error: `${name}は${min}〜${max}の範囲で入力してください。` }).max(max, { error: `${name}は${min}〜${max}の範囲で入力してください。` })),
    )
    .optional();
};

export const indicatorFormSchema = z.strictObject({
  fiscalYear: z.coerce.number({ error: "年度を選んでください。" }).int().min(2025).max(2040),
  engagement: score("engagement", "ワーク・エンゲージメント"),
  unity: score("unity", "職場の一体感"),
  health_risk: score("health_risk", "総合健康リスク"),
});

export const thresholdSchema = z.strictObject({
  threshold: z.coerce
    .number({ error: "数値を入力してください。" })
    .int({ error: "整数で入力してください。" })
    .min(2, { error: "2以上で入力してください。" })
    .max(20, { error: "20以下で入力してください。" }),
});

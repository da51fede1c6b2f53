/**
 * The amount shown before submitting (decision 401): one pure function for the form's live
 * preview in the browser, the 計算 button's answer and the preview on the edit page, built
 * on the same `amountRulesFor` + `computeSubsidy` the server stores at submission.
 */
import { parseYen } from "~/lib/yen";
import { COST_TYPES } from "./labels";
import { amountRulesFor, computeSubsidy, type AmountBreakdown, type AmountRules, type CertificationAmountRules, type CostLine, type SchemeAmountRules } from "./rules";
import { COST_FIELDS } from "./schemas";

export type AmountPreview = { breakdown: AmountBreakdown; rules: AmountRules };

export type PreviewContext<C extends CertificationAmountRules & { id: number }> = {
  scheme: (SchemeAmountRules & { allowOther: boolean }) | null;
  certifications: readonly C[];
  /** Decided for the applicant this 年度, not counting this application. */
  alreadyCommitted: number;
};

/** The preview for a chosen certification (or "other") and cost lines; null without a scheme or a known certification. */
export function amountPreview<C extends CertificationAmountRules & { id: number }>(
  ctx: PreviewContext<C>,
  certificationId: number | "other",
  costs: readonly CostLine[],
): AmountPreview | null {
  if (!ctx.scheme) return null;
  const certification = certificationId === "other" ? null : (ctx.certifications.find((c) => c.id === certificationId) ?? null);
  if (certificationId !== "other" && !certification) return null;
  const rules = amountRulesFor(ctx.scheme, certification);
  return { breakdown: computeSubsidy(costs, rules, ctx.alreadyCommitted), rules };
}

/** The preview for what is typed in the form now, or null while it is incomplete or invalid. */
export function previewFromForm<C extends CertificationAmountRules & { id: number }>(formData: FormData, ctx: PreviewContext<C>): AmountPreview | null {
  if (!ctx.scheme) return null;
  const choice = String(formData.get("certification") ?? "");
  if (choice === "other" && !ctx.scheme.allowOther) return null;
  const certificationId = choice === "other" ? ("other" as const) : ctx.certifications.find((c) => String(c.id) === choice)?.id;
  if (certificationId === undefined) return null;
  const costs: CostLine[] = [];
  for (const costType of COST_TYPES) {
    const raw = String(formData.get(COST_FIELDS[costType]) ?? "").trim();
    if (raw === "") continue;
    const parsed = parseYen(raw);
    if (!parsed.ok) return null;
    costs.push({ costType, amount: parsed.value });
  }
  if (costs.length === 0) return null;
  return amountPreview(ctx, certificationId, costs);
}

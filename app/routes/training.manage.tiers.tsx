import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { FiscalYearSwitcher } from "~/components/fiscal-year-select";
import { AddTierForm, TierRulesForm } from "~/components/training/tier-rules";
import { fiscalYearFromUrl, fiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { formRefusal } from "~/services/contract/refusal";
import { addTier, getTierRules, saveTierRules } from "~/services/training/tier-rules.server";
import { addTierSchema, fiscalYearSchema, tierRulesFromForm } from "~/services/training/schemas";

export const meta: MetaFunction = () => [{ title: "階層 | 研修管理" }];

const years = () => selectableFiscalYears({ ahead: 2 });

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), years());
  const tiers = await getTierRules(viewer, fiscalYear);
  if (!tiers) throw notFound();
  return { fiscalYear, years: years(), label: fiscalYearLabel(fiscalYear), tiers };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const form = await args.request.formData();
  const typed = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const year = fiscalYearSchema.safeParse(Number(form.get("fiscalYear")));
  if (!year.success) throw notFound();
  const fiscalYear = year.data;
  const actor = actorOf(args, viewer);
  const self = `/training/manage/tiers?fy=${fiscalYear}`;
  if (form.get("intent") === "add") {
    const s = parseWithZod(form, { schema: addTierSchema });
    if (s.status !== "success") {
      const [field, messages] = Object.entries(s.error ?? {})[0] ?? [null, ["入力内容を確認してください。"]];
      return { form: "add" as const, error: messages?.[0] ?? "入力内容を確認してください。", field, typed };
    }
    const r = await addTier(actor, fiscalYear, { label: s.value.label, basis: s.value.basis, serviceYear: s.value.serviceYear ?? null, rank: s.value.rank ?? null });
    if (!r.ok) return { form: "add" as const, error: formRefusal(r.refusal).message, field: r.refusal.field ?? null, typed };
    return redirect(withNotice(self, "training-tiers-saved"));
  }
  const codes = (await getTierRules(viewer, fiscalYear) ?? []).map((t) => t.code);
  const parsed = tierRulesFromForm(form, codes);
  const bad = parsed.findIndex((p) => !p.success);
  if (bad >= 0) return { form: "save" as const, errors: { [`${codes[bad]}.basis`]: "基準を選んでください。" }, typed };
  const rules = parsed.flatMap((p) => (p.success ? [{ ...p.data, serviceYear: p.data.serviceYear ?? null, rank: p.data.rank ?? null }] : []));
  const r = await saveTierRules(actor, fiscalYear, rules);
  if (!r.ok) return { form: "save" as const, errors: { [r.refusal.field ?? "form"]: formRefusal(r.refusal).message }, typed };
  return redirect(withNotice(self, "training-tiers-saved"));
}

export default function TierRules() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saveErrors = result?.form === "save" ? result.errors : {};
  return (
    <>
      <p>
        <Link to={`/training/manage?fy=${d.fiscalYear}`}>← 研修管理（{d.label}）</Link>
      </p>
      <h1>階層（{d.label}）</h1>
      <FiscalYearSwitcher years={d.years} value={d.fiscalYear} className="button-row button-row--end" />
      <p>
        職員がどの階層（新規採用〜新任課長）に当たるかを、年度ごとに決めます。「採用から数えた年度」は採用日の年度を1年度目として数え、「その年度に昇任した職位」はその年度中に現職位へ発令された人が当たります。
      </p>
      {Object.keys(saveErrors).length > 0 ? (
        <div className="form-errors" role="alert">
          <p>入力内容を確認してください: {Object.values(saveErrors)[0]}</p>
        </div>
      ) : null}
      <TierRulesForm fiscalYear={d.fiscalYear} tiers={d.tiers} typed={result?.form === "save" ? result.typed : null} errors={saveErrors} />
      <AddTierForm
        fiscalYear={d.fiscalYear}
        error={result?.form === "add" ? result.error : null}
        field={result?.form === "add" ? result.field : null}
        typed={result?.form === "add" ? result.typed : null}
      />
    </>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireRole } from "~/auth/permissions.server";
import { ErrorSummary, TextField } from "~/components/form";
import { fiscalYearFromUrl, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { INDICATORS, targetLabel } from "~/services/progress/indicators";
import { indicatorsFor, saveIndicatorValues } from "~/services/progress/indicators.server";
import { refusalResponse } from "~/services/contract/refusal";
import { indicatorFormSchema, thresholdSchema } from "~/services/progress/schemas";
import { setSuppressionThreshold, suppressionThreshold } from "~/services/progress/settings.server";
import { FiscalYearSelect } from "~/components/fiscal-year-select";

export const meta: MetaFunction = () => [{ title: "成果指標の入力 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const years = selectableFiscalYears();
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), years);
  const indicators = await indicatorsFor(viewer);
  if (!indicators?.canEdit) throw new Response("この操作を行う権限がありません。", { status: 403 });
  const current = indicators.values.filter((v) => v.fiscalYear === fiscalYear);
  return { fiscalYear, years, current, threshold: await suppressionThreshold() };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const formData = await args.request.formData();
  const actor = actorOf(args, viewer);
  if (formData.get("intent") === "threshold") {
    formData.delete("intent");
    const submission = parseWithZod(formData, { schema: thresholdSchema });
    if (submission.status !== "success") return { indicators: null, threshold: submission.reply() };
    const saved = await setSuppressionThreshold(actor, submission.value.threshold);
    if (!saved.ok) throw refusalResponse(saved.refusal);
    return redirect(withNotice("/stats/indicators", "settings-saved"));
  }
  const submission = parseWithZod(formData, { schema: indicatorFormSchema });
  if (submission.status !== "success") return { indicators: submission.reply(), threshold: null };
  const { fiscalYear, ...values } = submission.value;
  const saved = await saveIndicatorValues(actor, fiscalYear, values);
  if (!saved.ok) throw refusalResponse(saved.refusal);
  return redirect(withNotice(`/stats?fy=${fiscalYear}`, "indicators-saved"));
}

export default function IndicatorEntry() {
  const { fiscalYear, years, current, threshold } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const defaults = Object.fromEntries(current.map((c) => [c.indicator, String(c.value)]));
  const [form, fields] = useForm({
    lastResult: result?.indicators,
    defaultValue: { fiscalYear: String(fiscalYear), ...defaults },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: indicatorFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [tForm, tFields] = useForm({
    id: "threshold",
    lastResult: result?.threshold,
    defaultValue: { threshold: String(threshold) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: thresholdSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/stats?fy=${fiscalYear}`}>← 取組の進捗へ戻る</Link>
      </p>
      <h1>成果指標の入力</h1>
      <p>ストレスチェックの集団分析結果から、年度ごとの値を入力します。空欄の指標は変更しません。</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} />
        <FiscalYearSelect years={years} id={fields.fiscalYear.id} name={fields.fiscalYear.name} defaultValue={fields.fiscalYear.initialValue as string} />
        {INDICATORS.map((i) => (
          <TextField
            key={i.code}
            label={i.name}
            field={fields[i.code]}
            hint={`目標 ${targetLabel(i)}（現状値 ${i.baseline}、全国平均 ${i.nationalAverage}）`}
          />
        ))}
        <button type="submit" className="button">
          保存
        </button>
      </Form>

      <h2>秘匿の設定</h2>
      <Form method="post" {...getFormProps(tForm)}>
        <input type="hidden" name="intent" value="threshold" />
        <TextField
          label="秘匿する人数の基準（この人数未満のセルを「○未満」と表示）"
          field={tFields.threshold}
          type="number"
          hint="既定は5です。相談窓口の統計と、個人が特定されうる内訳に適用されます。"
        />
        <button type="submit" className="button button--secondary">
          基準を保存
        </button>
      </Form>
    </>
  );
}

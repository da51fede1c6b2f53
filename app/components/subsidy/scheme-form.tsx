import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ErrorSummary, FieldErrors, TextField } from "~/components/form";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import { EMPLOYMENT_TYPES } from "~/services/org/master-data";
import { ROUNDING_UNITS, schemeSettingsSchema } from "~/services/subsidy/schemas";
import { YenField } from "./fields";

/** One 年度's scheme settings: budget, caps, deadline, rounding, eligible 任用形態 and "other" certifications. */
export function SchemeForm({
  fiscalYear,
  exists,
  defaultValue,
  lastResult,
}: {
  fiscalYear: number;
  exists: boolean;
  defaultValue: Record<string, string | string[] | undefined>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<z.input<typeof schemeSettingsSchema>, z.output<typeof schemeSettingsSchema>>({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schemeSettingsSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const allowOther = getInputProps(fields.allowOther, { type: "checkbox" });
  const rounding = getSelectProps(fields.roundingUnit);
  return (
    <section aria-labelledby="scheme-title">
      <h2 id="scheme-title">{fiscalYearLabel(fiscalYear)}の制度設定</h2>
      {exists ? null : <p className="notice notice--warn">この年度の設定はまだ保存されていません。前年度の設定を初期値として表示しています。</p>}
      <Form method="post" {...getFormProps(form)} className="panel subsidy-settings">
        <ErrorSummary form={form} />
        <input type="hidden" name="intent" value="scheme" />
        <input type="hidden" name="fiscalYear" value={fiscalYear} />
        <YenField label="予算額" field={fields.budget} required />
        <YenField label="1人あたりの年度上限額" field={fields.perPersonYearlyCap} required />
        <TextField label="申請期限（合格日からの日数）" field={fields.claimDeadlineDays} required hint="例: 180（合格日から180日以内に申請）" />
        <div className="field">
          <label htmlFor={fields.roundingUnit.id}>端数処理（この単位未満を切り捨て）</label>
          <select {...rounding} key={rounding.key}>
            {ROUNDING_UNITS.map((u) => (
              <option key={u} value={u}>
                {u === 1 ? "切り捨てなし（1円単位）" : `${formatYen(u)}未満を切り捨て`}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.roundingUnit.errorId} errors={fields.roundingUnit.errors} />
        </div>
        <fieldset className="field" aria-describedby={fields.eligibleEmploymentTypes.errors ? fields.eligibleEmploymentTypes.errorId : undefined}>
          <legend>対象とする任用形態</legend>
          {getCollectionProps(fields.eligibleEmploymentTypes, { type: "checkbox", options: [...EMPLOYMENT_TYPES] }).map((p) => (
            <label key={p.id} className="checkbox">
              <input {...p} key={p.key} /> {p.value}
            </label>
          ))}
          <FieldErrors id={fields.eligibleEmploymentTypes.errorId} errors={fields.eligibleEmploymentTypes.errors} />
        </fieldset>
        <div className="field">
          <label className="checkbox">
            <input {...allowOther} key={allowOther.key} /> 一覧にない資格（その他）の申請を受け付ける
          </label>
        </div>
        <TextField label="その他の資格の助成率（%）" field={fields.otherRatePercent} required />
        <YenField label="その他の資格の1件あたり上限額" field={fields.otherCapPerApplication} required />
        <button type="submit" className="button">
          年度設定を保存
        </button>
      </Form>
    </section>
  );
}

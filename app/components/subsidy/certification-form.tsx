import { getCollectionProps, getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import type { z } from "zod";
import { ErrorSummary, FieldErrors, TextField } from "~/components/form";
import { COST_TYPES, COST_TYPE_LABELS } from "~/services/subsidy/labels";
import { certificationSchema, yenInputText } from "~/services/subsidy/schemas";
import type { CertificationRow } from "./certification-table";
import { YenField } from "./fields";

/** Adds a certification, or edits `editing`. */
export function CertificationForm({
  fiscalYear,
  editing: c,
  fieldNames,
  lastResult,
}: {
  fiscalYear: number;
  editing: CertificationRow | null;
  /** The fields already in use, offered while typing. */
  fieldNames: string[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<z.input<typeof certificationSchema>, z.output<typeof certificationSchema>>({
    lastResult,
    defaultValue: c
      ? {
          id: String(c.id),
          name: c.name,
          field: c.field,
          eligibleCostTypes: c.eligibleCostTypes,
          ratePercent: String(c.ratePercent),
          capPerApplication: yenInputText(c.capPerApplication),
          active: c.active ? "on" : undefined,
        }
      : { eligibleCostTypes: ["exam", "registration"], ratePercent: "50", active: "on" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: certificationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const active = getInputProps(fields.active, { type: "checkbox" });
  return (
    <Form method="post" {...getFormProps(form)} className="panel subsidy-settings" id="certification-form" aria-labelledby="cert-form-title">
      <h3 id="cert-form-title">{c ? `「${c.name}」を編集` : "資格を追加"}</h3>
      <ErrorSummary form={form} />
      <input type="hidden" name="intent" value="certification" />
      {c ? <input type="hidden" name="id" value={c.id} /> : null}
      <TextField label="資格名" field={fields.name} required />
      <div className="field">
        <label htmlFor={fields.field.id}>
          分野<span className="required">（必須）</span>
        </label>
        <input {...getInputProps(fields.field, { type: "text" })} key={fields.field.key} list="cert-fields" />
        <datalist id="cert-fields">
          {fieldNames.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <FieldErrors id={fields.field.errorId} errors={fields.field.errors} />
      </div>
      <fieldset className="field">
        <legend>対象とする費用</legend>
        {getCollectionProps(fields.eligibleCostTypes, { type: "checkbox", options: [...COST_TYPES] }).map((p) => (
          <label key={p.id} className="checkbox">
            <input {...p} key={p.key} /> {COST_TYPE_LABELS[p.value as (typeof COST_TYPES)[number]]}
          </label>
        ))}
        <FieldErrors id={fields.eligibleCostTypes.errorId} errors={fields.eligibleCostTypes.errors} />
      </fieldset>
      <TextField label="助成率（%）" field={fields.ratePercent} required />
      <YenField label="1件あたり上限額" field={fields.capPerApplication} required />
      <div className="field">
        <label className="checkbox">
          <input {...active} key={active.key} /> 助成の対象とする（外すと新しい申請で選べなくなります）
        </label>
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          資格を保存
        </button>
        <Link to={`?fy=${fiscalYear}`}>キャンセル</Link>
      </div>
    </Form>
  );
}

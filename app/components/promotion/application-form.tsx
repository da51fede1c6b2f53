import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { type AnyField, ErrorSummary, TextAreaField } from "~/components/form";
import { STATEMENT_FIELDS, STATEMENT_LABELS, charCount, type PromotionLimits, type StatementField } from "~/services/promotion/rules";
import { applicationSchema } from "~/services/promotion/schemas";

// The application of one call: the three statements and the buttons the transitions table
// allows. A plain Remix form: without JavaScript the server checks and answers with the
// messages at the fields and the text kept; with it, Conform checks as you type.

export function ApplicationForm({
  limits,
  defaultValue,
  version,
  actions,
  lastResult,
}: {
  limits: PromotionLimits;
  defaultValue: Record<string, string>;
  version: number | null;
  actions: { action: string; label: string }[];
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const schema = applicationSchema(limits);
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const [counts, setCounts] = useState(() => Object.fromEntries(STATEMENT_FIELDS.map((f) => [f, charCount(defaultValue[f] ?? "")])));
  const buttons = actions.filter((a) => a.action !== "withdraw");
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="panel promotion-form"
      onInput={(e) => {
        const t = e.target as HTMLTextAreaElement;
        if ((STATEMENT_FIELDS as readonly string[]).includes(t.name)) setCounts((c) => ({ ...c, [t.name]: charCount(t.value) }));
      }}
    >
      <ErrorSummary form={form} />
      {version !== null ? <input type="hidden" name="version" value={version} /> : null}
      {STATEMENT_FIELDS.map((f) => (
        <div key={f} className="promotion-statement">
          <TextAreaField
            label={STATEMENT_LABELS[f]}
            field={(fields as unknown as Record<StatementField, AnyField>)[f]}
            rows={7}
            required
            hint={`${limits[f]}字以内（改行も1字と数えます）。下書き保存のときは空でもかまいません。`}
          />
          <p className={`promotion-count${counts[f]! > limits[f] ? " promotion-count--over" : ""}`} aria-live="polite">
            {counts[f]} / {limits[f]}字
          </p>
        </div>
      ))}
      <div className="button-row">
        {buttons.map((a) => (
          <button
            key={a.action}
            type="submit"
            name="intent"
            value={a.action}
            className={a.action === "save" ? "button button--secondary" : "button"}
            formNoValidate={a.action === "save"}
          >
            {a.label}
          </button>
        ))}
      </div>
    </Form>
  );
}

import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ErrorSummary, TextAreaField } from "~/components/form";
import { transitionSchema } from "~/services/subsidy/schemas";
import type { SubsidyTransition } from "~/services/subsidy/transitions";

/**
 * The reviewer's decision: one comment box and a button per allowed transition (from the
 * transitions table). Returns and rejections need the comment; the server checks again.
 */
export function DecisionForm({
  actions,
  version,
  lastResult,
  title = "判断",
}: {
  actions: SubsidyTransition[];
  version: number;
  lastResult: SubmissionResult<string[]> | null | undefined;
  title?: string;
}) {
  const [form, fields] = useForm<z.input<typeof transitionSchema>, z.output<typeof transitionSchema>>({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: transitionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (actions.length === 0) return null;
  const needsReason = actions.some((a) => a.needsComment);
  return (
    <section aria-labelledby="decision-title">
      <h2 id="decision-title">{title}</h2>
      <Form method="post" {...getFormProps(form)} className="panel">
        <ErrorSummary form={form} />
        <input type="hidden" name="intent" value="transition" />
        <input type="hidden" name="version" value={version} />
        <TextAreaField
          label={needsReason ? "コメント・理由" : "コメント（任意）"}
          field={fields.comment}
          hint={needsReason ? "差戻し・不承認のときは理由を必ず入力してください。申請者に通知されます（1000文字以内）。" : "申請者に通知されます（1000文字以内）。"}
          rows={3}
        />
        <div className="button-row">
          {actions.map((a) => (
            <button
              key={a.to}
              type="submit"
              name="to"
              value={a.to}
              className={a.to === "rejected" ? "button button--danger" : a.needsComment ? "button button--secondary" : "button"}
            >
              {a.label}
            </button>
          ))}
        </div>
      </Form>
    </section>
  );
}

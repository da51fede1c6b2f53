import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { type AnyField, ErrorSummary, SelectField, TextAreaField } from "~/components/form";
import { decisionSchema, opinionSchema } from "~/services/promotion/schemas";

/** 人事課's decision on one applicant: one button per action the table allows, a comment, and the post for a placement. */
export function DecisionForm({
  actions,
  version,
  posts,
  lastResult,
}: {
  actions: { action: string; label: string }[];
  version: number;
  posts: { id: number; unitPath: string; duties: string }[];
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }), shouldValidate: "onSubmit", shouldRevalidate: "onInput" });
  const f = fields as unknown as Record<"comment" | "placementPostId", AnyField>;
  if (actions.length === 0) return null;
  const placing = actions.some((a) => a.action === "place");
  return (
    <Form method="post" {...getFormProps(form)} className="panel">
      <h2>結果の記録</h2>
      <ErrorSummary form={form} />
      <input type="hidden" name="version" value={version} />
      {placing ? (
        <SelectField label="配置先（配置先を記録するとき）" field={f.placementPostId} options={[{ value: "", label: "（選ぶ）" }, ...posts.map((p) => ({ value: String(p.id), label: `${p.unitPath}（${p.duties}）` }))]} />
      ) : null}
      <TextAreaField label="コメント（選考の記録。応募者には表示されません）" field={f.comment} rows={3} />
      <div className="button-row">
        {actions.map((a) => (
          <button key={a.action} type="submit" name="action" value={a.action} className={a.action === "fail" || a.action === "decline" ? "button button--secondary" : "button"}>
            {a.label}
          </button>
        ))}
      </div>
    </Form>
  );
}

/** The supervisor's 所属長意見. */
export function OpinionForm({ defaultValue, lastResult }: { defaultValue: { recommendation?: string; comment?: string }; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const [form, fields] = useForm({ lastResult, defaultValue, onValidate: ({ formData }) => parseWithZod(formData, { schema: opinionSchema }), shouldValidate: "onSubmit", shouldRevalidate: "onInput" });
  const f = fields as unknown as Record<"recommendation" | "comment", AnyField>;
  const chosen = defaultValue.recommendation;
  return (
    <Form method="post" {...getFormProps(form)} className="panel">
      <ErrorSummary form={form} />
      <fieldset className="field field--group" aria-describedby={f.recommendation.errors ? f.recommendation.errorId : undefined}>
        <legend>推薦</legend>
        <label className="checkbox">
          <input type="radio" name="recommendation" value="recommend" defaultChecked={chosen === "recommend"} /> 推薦する
        </label>
        <label className="checkbox">
          <input type="radio" name="recommendation" value="not_recommend" defaultChecked={chosen === "not_recommend"} /> 推薦しない
        </label>
        {f.recommendation.errors ? (
          <ul id={f.recommendation.errorId} className="field__errors">
            {f.recommendation.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <TextAreaField label="意見" field={f.comment} rows={5} hint="職務の状況や、上位の職で期待できることなど。人事課だけが読みます。" />
      <button type="submit" className="button">
        意見を記入する
      </button>
    </Form>
  );
}

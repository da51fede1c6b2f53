import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { type AnyField, FieldErrors, FormErrors, InputField, SelectField, TextAreaField } from "~/components/form";
import { FIT_LABELS, MEETING_MODE_LABELS } from "~/services/mentor/rules";

// The forms of the pair page. Each posts its own `intent`; the page hands each the action's
// reply only when it was that form's, so messages land next to the right fields. All are
// plain forms that work without JavaScript (the server checks; typed values are kept).

type Result = SubmissionResult<string[]> | null | undefined;

function useIntentForm(intent: string, lastResult: Result, defaultValue?: Record<string, string>) {
  const mine = (lastResult?.initialValue as { intent?: string } | undefined)?.intent === intent ? lastResult : undefined;
  return useForm({ id: `${intent}-form`, lastResult: mine, defaultValue, shouldValidate: "onSubmit" });
}

export function MeetingForm({ lastResult, today }: { lastResult: Result; today: string }) {
  const [form, fields] = useIntentForm("meeting", lastResult, { heldOn: today, mode: "online" });
  const f = fields as unknown as Record<string, AnyField>;
  return (
    <Form method="post" {...getFormProps(form)} className="panel mentor-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="meeting" />
      <div className="field-row">
        <InputField label="面談の日" field={f.heldOn!} type="date" required />
        <InputField label="時間（分）" field={f.minutes!} inputMode="numeric" required className="field--short" />
        <SelectField label="方法" field={f.mode!} options={Object.entries(MEETING_MODE_LABELS).map(([value, label]) => ({ value, label }))} required />
      </div>
      <button type="submit" className="button">
        面談を記録する
      </button>
    </Form>
  );
}

export function NoteForm({ lastResult }: { lastResult: Result }) {
  const [form, fields] = useIntentForm("note", lastResult);
  const f = fields as unknown as Record<string, AnyField>;
  return (
    <Form method="post" {...getFormProps(form)} className="panel mentor-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="note" />
      <TextAreaField label="メモ（ペアの2人だけが読めます）" field={f.body!} rows={3} required />
      <button type="submit" className="button button--secondary">
        メモを追加する
      </button>
    </Form>
  );
}

export function FitForm({ lastResult }: { lastResult: Result }) {
  const [form, fields] = useIntentForm("fit", lastResult);
  const f = fields as unknown as Record<string, AnyField>;
  return (
    <Form method="post" {...getFormProps(form)} className="panel mentor-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="fit" />
      <fieldset className="field field--group" aria-describedby={f.fit!.errors ? f.fit!.errorId : undefined}>
        <legend>最初の面談を終えて、このペアは…</legend>
        <div className="checkbox-list">
          {Object.entries(FIT_LABELS).map(([value, label]) => (
            <label key={value} className="checkbox">
              <input type="radio" name="fit" value={value} /> {label}
            </label>
          ))}
        </div>
        <FieldErrors id={f.fit!.errorId} errors={f.fit!.errors} />
      </fieldset>
      <p className="field__hint">「合わない」と答えると、人事課がメンターの組み直しを検討します。相手には表示されません。</p>
      <button type="submit" className="button">
        回答する
      </button>
    </Form>
  );
}

export function EndForm({ lastResult, version }: { lastResult: Result; version: number }) {
  const [form, fields] = useIntentForm("end", lastResult);
  const f = fields as unknown as Record<string, AnyField>;
  return (
    <Form method="post" {...getFormProps(form)} className="panel mentor-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="end" />
      <input type="hidden" name="version" value={version} />
      <TextAreaField label="ペアを途中で終える理由" field={f.reason!} rows={2} required hint="相手と人事課に伝わります。" />
      <button type="submit" className="button button--danger">
        ペアを途中で終える
      </button>
    </Form>
  );
}

export function SurveyForm({ lastResult }: { lastResult: Result }) {
  const [form, fields] = useIntentForm("survey", lastResult);
  const f = fields as unknown as Record<string, AnyField>;
  return (
    <Form method="post" {...getFormProps(form)} className="panel mentor-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="survey" />
      <fieldset className="field field--group" aria-describedby={f.score!.errors ? f.score!.errorId : undefined}>
        <legend>このペアでの面談は役に立ちましたか（5: とても役に立った 〜 1: 役に立たなかった）</legend>
        <div className="checkbox-list">
          {[5, 4, 3, 2, 1].map((n) => (
            <label key={n} className="checkbox">
              <input type="radio" name="score" value={n} /> {n}
            </label>
          ))}
        </div>
        <FieldErrors id={f.score!.errorId} errors={f.score!.errors} />
      </fieldset>
      <TextAreaField label="感想（任意）" field={f.comment!} rows={3} hint="人事課には点数の集計だけが伝わり、感想とあなたの回答は表示されません。" />
      <button type="submit" className="button">
        アンケートに回答する
      </button>
    </Form>
  );
}

import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { type AnyField, CheckboxField, CheckboxGroup, FormErrors, InputField, SelectField, TextAreaField } from "~/components/form";
import { MAX_CAPACITY, TOPICS } from "~/services/mentor/rules";
import { menteeRegistrationSchema, mentorRegistrationSchema } from "~/services/mentor/schemas";

// The two registrations of a cycle. Plain Remix forms: without JavaScript the server checks
// and answers with the messages at the fields and what was typed kept.

const TOPIC_OPTIONS = TOPICS.map((t) => ({ value: t.key, label: t.label }));

export function MentorForm({
  defaultValue,
  version,
  lastResult,
  jobCategory,
}: {
  defaultValue: Record<string, string | string[]>;
  version: number | null;
  lastResult: SubmissionResult<string[]> | null | undefined;
  jobCategory: string | null;
}) {
  const [form, fields] = useForm({
    id: "mentor-form",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mentorRegistrationSchema }),
  });
  const f = fields as unknown as Record<string, AnyField>;
  return (
    <Form method="post" {...getFormProps(form)} className="panel mentor-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      {version !== null ? <input type="hidden" name="version" value={version} /> : null}
      <p>職種: {jobCategory ?? "（組織データに登録がありません）"}（組織データから）</p>
      <TextAreaField label="経験のある分野" field={f.experience!} rows={3} required hint="これまでの所属や担当した業務など（400字以内）" />
      <CheckboxGroup legend="相談に乗れる話題（1つ以上）" field={f.topics!} options={TOPIC_OPTIONS} />
      <SelectField
        label="受け入れるメンティの人数"
        field={f.capacity!}
        options={Array.from({ length: MAX_CAPACITY }, (_, i) => ({ value: String(i + 1), label: `${i + 1}人` }))}
        required
      />
      <CheckboxField label="このサイクルでメンターを引き受けられる" field={f.available!} hint="外すと、マッチングと直接の依頼の対象になりません。" />
      <TextAreaField label="自由記述（任意）" field={f.freeText!} rows={3} />
      <button type="submit" className="button">
        メンターとして登録する
      </button>
    </Form>
  );
}

export type MentorOption = { employeeId: string; name: string; unit: string | null; seatsLeft: number };

export function MenteeForm({
  defaultValue,
  version,
  lastResult,
  mentors,
}: {
  defaultValue: Record<string, string | string[]>;
  version: number | null;
  lastResult: SubmissionResult<string[]> | null | undefined;
  mentors: MentorOption[];
}) {
  const [form, fields] = useForm({
    id: "mentee-form",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: menteeRegistrationSchema }),
  });
  const f = fields as unknown as Record<string, AnyField>;
  const options = [{ value: "", label: "（選ばない）" }, ...mentors.map((m) => ({ value: m.employeeId, label: `${m.name}（${m.unit ?? "所属不明"}）` }))];
  return (
    <Form method="post" {...getFormProps(form)} className="panel mentor-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      {version !== null ? <input type="hidden" name="version" value={version} /> : null}
      <TextAreaField label="相談したいこと・悩み" field={f.worries!} rows={4} required hint="メンターとのマッチングに使います。人事課とペアになったメンターが読みます（800字以内）。" />
      <CheckboxGroup legend="相談したい話題（1つ以上）" field={f.topics!} options={TOPIC_OPTIONS} />
      <fieldset className="field field--group">
        <legend>希望する属性（任意）</legend>
        <CheckboxField label="同じ職種のメンター" field={f.prefersSameJobCategory!} />
        <CheckboxField label="ほかの局・区のメンター" field={f.prefersOtherBureau!} />
      </fieldset>
      <fieldset className="field field--group">
        <legend>希望するメンター（任意・3人まで、希望順）</legend>
        <p className="field__hint">同じ課の職員や、上司・部下の系列（局長まで）にあたる職員とはペアになりません。</p>
        <SelectField label="第1希望" field={f.preferred1!} options={options} />
        <SelectField label="第2希望" field={f.preferred2!} options={options} />
        <SelectField label="第3希望" field={f.preferred3!} options={options} />
      </fieldset>
      <TextAreaField label="自由記述（任意）" field={f.freeText!} rows={3} />
      <button type="submit" className="button">
        メンティとして登録する
      </button>
    </Form>
  );
}

export function RequestForm({ mentors, lastResult, days }: { mentors: MentorOption[]; lastResult: SubmissionResult<string[]> | null | undefined; days: number }) {
  const [form, fields] = useForm({ id: "request-form", lastResult, shouldValidate: "onSubmit" });
  const f = fields as unknown as Record<string, AnyField>;
  const open = mentors.filter((m) => m.seatsLeft > 0);
  return (
    <Form method="post" {...getFormProps(form)} className="panel mentor-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="request" />
      <p>マッチングを待たずに、1人のメンターに直接お願いすることもできます。メンターは{days}日以内に承諾か辞退を選びます。</p>
      <SelectField label="依頼するメンター" field={f.mentorId!} options={[{ value: "", label: "（選んでください）" }, ...open.map((m) => ({ value: m.employeeId, label: `${m.name}（${m.unit ?? "所属不明"}・残り${m.seatsLeft}人）` }))]} required />
      <InputField label="メッセージ（任意・400字以内）" field={f.message!} />
      <button type="submit" className="button button--secondary">
        このメンターに依頼する
      </button>
    </Form>
  );
}

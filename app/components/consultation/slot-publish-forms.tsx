// 労務厚生課 publishing slots: a repeating pattern or one slot at a time.
import { getFormProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, FieldErrors, InputField } from "~/components/form";
import { WEEKDAY_LABELS } from "~/services/consultation/rules";
import { patternSlotSchema, singleSlotSchema } from "~/services/consultation/schemas";

export type ConsultantOption = { id: number; name: string };

function ConsultantSelect({ field, consultants }: { field: FieldMetadata<number>; consultants: ConsultantOption[] }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>
        コンサルタント<span className="required">（必須）</span>
      </label>
      <select {...getSelectProps(field)} key={field.key}>
        <option value="">選んでください</option>
        {consultants.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function PublishSlotForms({
  consultants,
  defaults,
  lastResult,
}: {
  consultants: ConsultantOption[];
  /** The pattern's dates, and the slot times the page settings start with ("18:00"). */
  defaults: { from: string; to: string; startTime: string; endTime: string };
  lastResult: { form: "single" | "pattern"; result: SubmissionResult<string[]> } | undefined;
}) {
  const [single, sf] = useForm({
    id: "single",
    lastResult: lastResult?.form === "single" ? lastResult.result : undefined,
    defaultValue: { startTime: defaults.startTime, endTime: defaults.endTime },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: singleSlotSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [pattern, pf] = useForm({
    id: "pattern",
    lastResult: lastResult?.form === "pattern" ? lastResult.result : undefined,
    defaultValue: { from: defaults.from, to: defaults.to, weekdays: ["2", "4"], startTime: defaults.startTime, endTime: defaults.endTime },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: patternSlotSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const checkedDays = new Set(Array.isArray(pf.weekdays.initialValue) ? pf.weekdays.initialValue.map(String) : pf.weekdays.initialValue ? [String(pf.weekdays.initialValue)] : []);
  return (
    <div className="consult-publish">
      <section aria-labelledby="pattern-title" className="panel">
        <h2 id="pattern-title">くり返しの枠をまとめて公開</h2>
        <p className="muted">
          例: 毎週火曜・木曜 {defaults.startTime}〜{defaults.endTime} を3か月分。公開済みの日時は重複しません。
        </p>
        <Form method="post" {...getFormProps(pattern)} aria-describedby={pattern.errors ? pattern.errorId : undefined}>
          <ErrorSummary form={pattern} />
          <input type="hidden" name="intent" value="pattern" />
          <ConsultantSelect field={pf.consultantId} consultants={consultants} />
          <div className="consult-inline">
            <InputField label="開始日" field={pf.from} type="date" required />
            <InputField label="終了日" field={pf.to} type="date" required />
          </div>
          <fieldset className="field consult-weekdays" aria-describedby={pf.weekdays.errors ? pf.weekdays.errorId : undefined}>
            <legend>
              曜日<span className="required">（必須）</span>
            </legend>
            {WEEKDAY_LABELS.map((label, day) => (
              <label key={day} className="consult-weekday">
                <input type="checkbox" name={pf.weekdays.name} value={day} defaultChecked={checkedDays.has(String(day))} /> {label}
              </label>
            ))}
            <FieldErrors id={pf.weekdays.errorId} errors={pf.weekdays.errors} />
          </fieldset>
          <div className="consult-inline">
            <InputField label="開始時刻" field={pf.startTime} type="time" required />
            <InputField label="終了時刻" field={pf.endTime} type="time" required />
          </div>
          <InputField label="この枠だけの参加URL（任意）" field={pf.meetingUrl} type="url" hint="空欄ならコンサルタントの既定のURLを使います。" />
          <button type="submit" className="button">
            まとめて公開
          </button>
        </Form>
      </section>
      <section aria-labelledby="single-title" className="panel">
        <h2 id="single-title">1枠ずつ公開</h2>
        <Form method="post" {...getFormProps(single)} aria-describedby={single.errors ? single.errorId : undefined}>
          <ErrorSummary form={single} />
          <input type="hidden" name="intent" value="single" />
          <ConsultantSelect field={sf.consultantId} consultants={consultants} />
          <InputField label="日付" field={sf.date} type="date" required />
          <div className="consult-inline">
            <InputField label="開始時刻" field={sf.startTime} type="time" required />
            <InputField label="終了時刻" field={sf.endTime} type="time" required />
          </div>
          <InputField label="この枠だけの参加URL（任意）" field={sf.meetingUrl} type="url" />
          <button type="submit" className="button">
            公開
          </button>
        </Form>
      </section>
    </div>
  );
}

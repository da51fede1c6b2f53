// The employee's booking form: the rules in words, the free slots, topic, note, 匿名.
import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, FieldErrors } from "~/components/form";
import { NOTE_MAX_CHARS, TOPICS, TOPIC_LABELS, deadlineRuleText, type ConsultationRules } from "~/services/consultation/rules";
import { bookSchema } from "~/services/consultation/schemas";
import { SlotPicker, type PickableSlot } from "./slot-picker";

export function BookForm({
  rules,
  fiscalYearLabel,
  leftInFiscalYear,
  freeSlots,
  lastResult,
}: {
  rules: ConsultationRules;
  fiscalYearLabel: string;
  leftInFiscalYear: number;
  freeSlots: PickableSlot[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "book",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bookSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <ul className="consult-rules">
        <li>予約できるのは、今日から{rules.bookingWindowDays}日先までの枠です。</li>
        <li>予約・日時の変更・取消の締切は{deadlineRuleText(rules)}です。</li>
        <li>
          1年度に{rules.maxPerFiscalYear}回まで（{fiscalYearLabel}は、あと{leftInFiscalYear}回）。同時に予約できるのは{rules.maxFutureBookings}件までです。
        </li>
        <li>1回50分程度、オンライン会議で行います。参加URLは予約後にこのページに表示されます。</li>
      </ul>
      <Form method="post" {...getFormProps(form)} aria-describedby={form.errors ? form.errorId : undefined} className="consult-form">
        <ErrorSummary form={form} />
        <input type="hidden" name="intent" value="book" />
        <SlotPicker
          slots={freeSlots}
          name={fields.slotId.name}
          legend="日時を選ぶ"
          hint="空いている枠だけを表示しています。"
          defaultValue={typeof fields.slotId.initialValue === "string" ? fields.slotId.initialValue : undefined}
          errors={fields.slotId.errors}
          errorId={fields.slotId.errorId}
        />
        <div className="field">
          <label htmlFor={fields.topic.id}>
            相談したい内容<span className="required">（必須）</span>
          </label>
          <select {...getSelectProps(fields.topic)} key={fields.topic.key}>
            <option value="">選んでください</option>
            {TOPICS.map((t) => (
              <option key={t} value={t}>
                {TOPIC_LABELS[t]}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.topic.errorId} errors={fields.topic.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.note.id}>コンサルタントへのメモ（任意）</label>
          <p id={`${fields.note.id}-hint`} className="field__hint">
            事前に伝えておきたいことがあれば書いてください。担当のコンサルタントだけが読みます（{NOTE_MAX_CHARS}文字以内）。
          </p>
          <textarea
            {...getTextareaProps(fields.note, {
              ariaDescribedBy: `${fields.note.id}-hint`,
            })}
            key={fields.note.key}
            rows={4}
          />
          <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        <div className="field consult-anonymous">
          <label>
            <input
              type="checkbox"
              name={fields.anonymous.name}
              defaultChecked={fields.anonymous.initialValue === "on"}
              aria-describedby="anonymous-hint"
            />{" "}
            匿名で予約する
          </label>
          <p id="anonymous-hint" className="field__hint">
            コンサルタントには氏名の代わりに予約番号だけが表示されます。（労務厚生課は予約の管理のため氏名を確認できます。）
          </p>
        </div>
        <button type="submit" className="button">
          この内容で予約する
        </button>
      </Form>
    </>
  );
}

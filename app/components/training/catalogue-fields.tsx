import { CheckboxField, CheckboxGroup, InputField, SelectField, TextAreaField, type AnyField } from "~/components/form";
import { LOTTERY_PRIORITIES } from "~/services/training/lottery";

// The fields of 人材育成課's course and session (回) forms, on the shared field helpers.

/** The fields of a course form (create and edit). */
export function CourseFields({
  fields,
  tiers,
}: {
  fields: Record<"title" | "description" | "kind" | "needsApproval" | "tierCodes" | "lotteryApproval" | "lotteryPriorities", AnyField>;
  tiers: { code: string; label: string }[];
}) {
  return (
    <>
      <InputField label="研修名" field={fields.title} required />
      <TextAreaField label="説明" field={fields.description} hint="研修のねらい、内容、持ち物など（2000文字以内）。" />
      <SelectField
        label="種別"
        field={fields.kind}
        required
        options={[
          { value: "required", label: "必修（対象階層は全員受講）" },
          { value: "elective", label: "選択（選択科目のルールで数える）" },
          { value: "optIn", label: "希望（希望者が受講）" },
        ]}
      />
      <CheckboxGroup
        legend="対象の階層"
        field={fields.tierCodes}
        options={tiers.map((t) => ({ value: t.code, label: t.label }))}
        hint="希望制の研修で階層を選ばない場合は、すべての職員が申し込めます。"
      />
      <CheckboxField label="受講に所属長の承認が必要" field={fields.needsApproval} hint="申込時に席を確保し、所属長が承認すると受講が決定します。" />
      <fieldset className="fieldset">
        <legend>抽選の回の決め方</legend>
        <p className="field__hint">回ごとに「抽選」を選んだときに使います。先着順の回には関係ありません。</p>
        <CheckboxGroup
          legend="優先する人（上から順に優先。同じグループの中は無作為）"
          field={fields.lotteryPriorities}
          options={Object.entries(LOTTERY_PRIORITIES).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          label="所属長の承認（承認が必要な研修のとき）"
          field={fields.lotteryApproval}
          options={[
            { value: "after", label: "抽選の後（当選した人だけが承認を受ける）" },
            { value: "before", label: "抽選の前（承認を受けた応募だけを抽選する）" },
          ]}
        />
      </fieldset>
    </>
  );
}

/** The fields of a session (回) form. Times are Tokyo time. */
export function SessionFields({
  fields,
}: {
  fields: Record<
    "date" | "startTime" | "endTime" | "venue" | "online" | "capacity" | "signupOpensAt" | "signupClosesAt" | "cancelDeadline" | "status" | "allocation",
    AnyField
  >;
}) {
  return (
    <>
      <div className="field-row">
        <InputField label="日付" field={fields.date} type="date" required />
        <InputField label="開始時刻" field={fields.startTime} type="time" required />
        <InputField label="終了時刻" field={fields.endTime} type="time" required />
      </div>
      <InputField label="会場" field={fields.venue} hint="オンラインのみの場合は空欄でも構いません。" />
      <CheckboxField label="オンラインで実施（会場と併用も可）" field={fields.online} />
      <InputField label="定員" field={fields.capacity} type="number" inputMode="numeric" required className="field--short" />
      <div className="field-row">
        <InputField label="申込開始" field={fields.signupOpensAt} type="datetime-local" required />
        <InputField label="申込締切" field={fields.signupClosesAt} type="datetime-local" required />
        <InputField label="キャンセル期限" field={fields.cancelDeadline} type="datetime-local" required />
      </div>
      <SelectField
        label="席の決め方"
        field={fields.allocation}
        options={[
          { value: "first_come", label: "先着順（申込順に席を確保）" },
          { value: "lottery", label: "抽選（申込締切の後に、研修の優先条件と無作為で決める）" },
        ]}
      />
      <SelectField
        label="受付状態"
        field={fields.status}
        options={[
          { value: "open", label: "受付中（申込期間内は申し込めます）" },
          { value: "closed", label: "受付終了（申込を受け付けません）" },
        ]}
      />
    </>
  );
}

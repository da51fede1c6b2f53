import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { type AnyField, FormErrors, InputField, SelectField } from "~/components/form";
import { CYCLE_TERM_LABELS } from "~/services/mentor/rules";
import { cycleSchema } from "~/services/mentor/schemas";
import { RANKS } from "~/services/org/master-data";

// 人事課's form of one cycle: when people register, who may be a mentee and a mentor (as
// data), the weights of the matching score and how long a mentor has to answer a request.

export type CycleDefaults = Partial<Record<keyof z.input<typeof cycleSchema>, string | null>>;

export function cycleDefaults(c: {
  fiscalYear: number;
  term: string;
  title: string;
  opensOn: string;
  closesOn: string;
  menteeEligibility: { maxYearsSinceHire: number | null };
  mentorEligibility: { minRank: string; minYearsOfService: number; requiredCourseTitle: string | null };
  weights: { topic: number; sameJobCategory: number; preference: readonly number[]; preferredAttribute: number };
  requestResponseDays: number;
}): CycleDefaults {
  return {
    fiscalYear: String(c.fiscalYear),
    term: c.term,
    title: c.title,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    menteeRule: c.menteeEligibility.maxYearsSinceHire === null ? "anyone" : "years",
    maxYearsSinceHire: c.menteeEligibility.maxYearsSinceHire === null ? "" : String(c.menteeEligibility.maxYearsSinceHire),
    minRank: c.mentorEligibility.minRank,
    minYearsOfService: String(c.mentorEligibility.minYearsOfService),
    requiredCourseTitle: c.mentorEligibility.requiredCourseTitle ?? "",
    topicWeight: String(c.weights.topic),
    sameJobCategoryWeight: String(c.weights.sameJobCategory),
    preference1: String(c.weights.preference[0]),
    preference2: String(c.weights.preference[1]),
    preference3: String(c.weights.preference[2]),
    preferredAttributeWeight: String(c.weights.preferredAttribute),
    requestResponseDays: String(c.requestResponseDays),
  };
}

export function CycleForm({
  defaultValue,
  lastResult,
  submitLabel,
  version,
}: {
  defaultValue: CycleDefaults;
  lastResult: SubmissionResult<string[]> | null | undefined;
  submitLabel: string;
  version?: number;
}) {
  const [form, fields] = useForm({
    lastResult,
    defaultValue: defaultValue as Record<string, string>,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cycleSchema }),
  });
  const f = fields as unknown as Record<keyof z.input<typeof cycleSchema>, AnyField>;
  return (
    <Form method="post" {...getFormProps(form)} className="promotion-call-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      {version ? <input type="hidden" name="version" value={version} /> : null}
      <fieldset className="panel">
        <legend>サイクル</legend>
        <InputField label="年度（西暦の年度初め、例: 2026）" field={f.fiscalYear} inputMode="numeric" required className="field--short" />
        <SelectField label="期間" field={f.term} options={Object.entries(CYCLE_TERM_LABELS).map(([value, label]) => ({ value, label }))} required />
        <InputField label="サイクルの名称" field={f.title} required />
        <div className="field-row">
          <InputField label="登録の受付開始日" field={f.opensOn} type="date" required hint="対象の条件（採用からの年数・勤続年数）はこの日の時点で判定します。" />
          <InputField label="登録の受付締切日" field={f.closesOn} type="date" required />
        </div>
      </fieldset>
      <fieldset className="panel">
        <legend>メンティの対象</legend>
        <SelectField
          label="対象"
          field={f.menteeRule}
          options={[
            { value: "years", label: "採用から一定の年数未満の職員" },
            { value: "anyone", label: "希望する職員は誰でも" },
          ]}
          required
        />
        <InputField label="採用から何年未満か" field={f.maxYearsSinceHire} inputMode="numeric" className="field--short" hint="「採用から一定の年数未満」のときに使います。" />
      </fieldset>
      <fieldset className="panel">
        <legend>メンターの対象</legend>
        <SelectField label="職位（この職位以上）" field={f.minRank} options={RANKS.map((r) => ({ value: r, label: r }))} required />
        <InputField label="勤続年数（この年数以上）" field={f.minYearsOfService} inputMode="numeric" required className="field--short" />
        <InputField label="修了が必要な研修（任意・研修の名称）" field={f.requiredCourseTitle} hint="階層別研修の修了記録で確認します。空欄なら条件にしません。" />
      </fieldset>
      <fieldset className="panel">
        <legend>マッチングの点数（0〜100）</legend>
        <div className="field-row">
          <InputField label="共通の話題1つあたり" field={f.topicWeight} inputMode="numeric" required className="field--short" />
          <InputField label="職種が同じ" field={f.sameJobCategoryWeight} inputMode="numeric" required className="field--short" />
          <InputField label="希望する属性1つあたり" field={f.preferredAttributeWeight} inputMode="numeric" required className="field--short" />
        </div>
        <div className="field-row">
          <InputField label="第1希望のメンター" field={f.preference1} inputMode="numeric" required className="field--short" />
          <InputField label="第2希望のメンター" field={f.preference2} inputMode="numeric" required className="field--short" />
          <InputField label="第3希望のメンター" field={f.preference3} inputMode="numeric" required className="field--short" />
        </div>
      </fieldset>
      <fieldset className="panel">
        <legend>直接の依頼</legend>
        <InputField label="メンターが回答するまでの日数" field={f.requestResponseDays} inputMode="numeric" required className="field--short" hint="この日数を過ぎると依頼は期限切れになります。" />
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

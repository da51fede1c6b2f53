import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { type AnyField, CheckboxField, CheckboxGroup, ErrorSummary, FieldErrors, InputField, SelectField, TextAreaField } from "~/components/form";
import { EMPLOYMENT_TYPES, LEAVE_KINDS, RANKS } from "~/services/org/master-data";
import { WORK_STATUSES } from "~/services/org/master-data";
import { LEVELS, LEVEL_LABELS } from "~/services/promotion/rules";
import { LEAVE_SHARES, LEAVE_SHARE_LABELS, callSchema } from "~/services/promotion/schemas";

// 人事課's form of one call: what is offered, to whom (eligibility as data), when, and how
// it is judged. Three post rows without JavaScript; blank rows are ignored.

/** The form's values as text, the shape Conform fills the fields from. */
export type CallDefaults = Partial<Record<Exclude<keyof z.input<typeof callSchema>, "posts" | "stageExemptions" | "deductedLeave">, string | string[] | null>> & {
  posts?: { orgUnitId: string; duties: string; places: string }[];
  stageExemptions?: { stage: string; years: string }[];
  deductedLeave?: Record<string, string>;
};

export type UnitOption = { id: number; label: string };

const options = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));

export function CallForm({
  defaultValue,
  units,
  lastResult,
  submitLabel,
  version,
}: {
  defaultValue: CallDefaults;
  units: UnitOption[];
  lastResult: SubmissionResult<string[]> | null | undefined;
  submitLabel: string;
  version?: number;
}) {
  const [form, fields] = useForm({
    lastResult,
    // Conform types its values from defaultValue; the nested posts are plain text too.
    defaultValue: defaultValue as unknown as Record<string, string>,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: callSchema }),
  });
  // Conform types a refined schema's fields loosely; every name below is in callSchema.
  const f = fields as unknown as Record<keyof z.input<typeof callSchema>, AnyField>;
  const postList = (f.posts as unknown as { getFieldList(): AnyField[] }).getFieldList();
  const rows = Array.from({ length: Math.max(3, postList.length + 1) }, (_, i) => i);
  const leave = (f.deductedLeave as unknown as { getFieldset(): Record<string, AnyField> }).getFieldset();
  const exemptionList = (f.stageExemptions as unknown as { getFieldList(): AnyField[] }).getFieldList();
  const exemptionRows = Array.from({ length: Math.max(2, exemptionList.length + 1) }, (_, i) => i);
  return (
    <Form method="post" {...getFormProps(form)} className="promotion-call-form">
      <ErrorSummary form={form} />
      {version ? <input type="hidden" name="version" value={version} /> : null}
      <fieldset className="panel">
        <legend>公募の内容</legend>
        <InputField label="年度（西暦の年度初め、例: 2026）" field={f.fiscalYear} inputMode="numeric" required className="field--short" />
        <InputField label="公募の名称" field={f.title} required />
        <SelectField label="職の段階" field={f.level} options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} required />
        <TextAreaField label="説明（求める人物像など）" field={f.description} rows={4} />
        <div className="field-row">
          <InputField label="基準日" field={f.referenceDate} type="date" required hint="応募資格はこの日の時点で判定します。" />
          <InputField label="受付開始日" field={f.opensOn} type="date" required />
          <InputField label="受付締切日" field={f.closesOn} type="date" required hint="この日の終わりまで応募・取下げができます。" />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>募集するポスト</legend>
        {rows.map((i) => (
          <div key={i} className="field-row promotion-post-row">
            <PostFields post={postList[i]} units={units} index={i} />
          </div>
        ))}
      </fieldset>

      <fieldset className="panel">
        <legend>応募資格（基準日時点）</legend>
        <CheckboxGroup legend="応募できる職位" field={f.ranks} options={options(RANKS)} />
        <InputField label="現在の職位での在職年数（以上）" field={f.minYearsInRank} inputMode="numeric" required className="field--short" />
        <fieldset className="promotion-leave">
          <legend>休職等の期間の扱い（在職年数の数え方）</legend>
          <p className="field__hint">組織データの「休職等の期間」（人事システムから取込）のうち、在職期間から除く種別を選びます。</p>
          <div className="field-row">
            {LEAVE_KINDS.map((k) => (
              <SelectField key={k} label={k} field={leave[k]!} options={LEAVE_SHARES.map((v) => ({ value: v, label: LEAVE_SHARE_LABELS[v] }))} />
            ))}
          </div>
        </fieldset>
        <div className="field-row">
          <InputField label="年齢の下限（歳、空欄: なし）" field={f.ageMin} inputMode="numeric" className="field--short" />
          <InputField label="年齢の上限（歳、空欄: なし）" field={f.ageMax} inputMode="numeric" className="field--short" hint="基準日の年に達する年齢（生年から数えます）。" />
        </div>
        <CheckboxGroup legend="応募できない勤務状況" field={f.excludedWorkStatuses} options={options(WORK_STATUSES.filter((s) => s !== "在職"))} />
        <CheckboxGroup legend="応募できない任用形態" field={f.excludedEmploymentTypes} options={options(EMPLOYMENT_TYPES.filter((t) => t !== "正規"))} />
        <div className="field-row">
          <InputField
            label="条件付採用期間（か月）"
            field={f.probationMonths}
            inputMode="numeric"
            required
            className="field--short"
            hint="採用からこの期間を経過していない方は応募できません（地方公務員法第22条: 6か月）。"
          />
          <InputField label="現所属への配属からの年数（以上、空欄: なし）" field={f.minYearsSinceTransfer} inputMode="numeric" className="field--short" />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>選考</legend>
        <TextAreaField label="選考の段階（1行に1つ、順に）" field={f.stages} rows={4} required hint="例: 書類選考、面接、最終選考" />
        <fieldset className="promotion-exemptions">
          <legend>前回までの公募の合格による免除（任意）</legend>
          <p className="field__hint">同じ職の段階の公募で、指定の年度数以内にこの段階に合格した方は、その段階を免除します（最後の段階は免除できません）。</p>
          {exemptionRows.map((i) => (
            <div key={i} className="field-row">
              <ExemptionFields row={exemptionList[i]} index={i} allErrors={form.allErrors} />
            </div>
          ))}
        </fieldset>
        <CheckboxField label="所属長意見を求める" field={f.opinionRequired} hint="求める場合、応募者の所属長が期限までに推薦するかどうかと意見を記入します（応募者には見えません）。" />
        <InputField label="所属長意見の期限" field={f.opinionDueOn} type="date" />
        <div className="field-row">
          <InputField label="志望動機の字数" field={f.motivationLimit} inputMode="numeric" required className="field--short" />
          <InputField label="キャリアプランの字数" field={f.careerPlanLimit} inputMode="numeric" required className="field--short" />
          <InputField label="自己PRの字数" field={f.selfPrLimit} inputMode="numeric" required className="field--short" />
        </div>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

/** One post row: Conform's fields where the row has a value, plain named inputs for the blank rows. */
function PostFields({ post, units, index }: { post: AnyField | undefined; units: UnitOption[]; index: number }) {
  const meta = post ? (post as unknown as { getFieldset(): Record<PostKey, AnyField> }).getFieldset() : undefined;
  const props = (key: PostKey) => {
    const m = meta?.[key];
    if (!m) return { id: `post-${index}-${key}`, name: `posts[${index}].${key}`, defaultValue: "", errorId: `post-${index}-${key}-error`, errors: undefined };
    return { id: m.id, name: m.name, defaultValue: String(m.initialValue ?? ""), errorId: m.errorId, errors: m.errors, "aria-invalid": m.errors ? true : undefined, "aria-describedby": m.errors ? m.errorId : undefined };
  };
  const [unit, duties, places] = (["orgUnitId", "duties", "places"] as const).map(props) as [ReturnType<typeof props>, ReturnType<typeof props>, ReturnType<typeof props>];
  const input = ({ errorId: _e, errors: _x, ...rest }: ReturnType<typeof props>) => rest;
  return (
    <>
      <div className="field">
        <label htmlFor={unit.id}>所属（ポスト{index + 1}）</label>
        <select {...input(unit)} key={`${unit.id}-${unit.defaultValue}`}>
          <option value="">（選ばない）</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
        <FieldErrors id={unit.errorId} errors={unit.errors} />
      </div>
      <div className="field">
        <label htmlFor={duties.id}>職務の内容</label>
        <input {...input(duties)} key={`${duties.id}-${duties.defaultValue}`} />
        <FieldErrors id={duties.errorId} errors={duties.errors} />
      </div>
      <div className="field field--short">
        <label htmlFor={places.id}>募集人数</label>
        <input {...input(places)} key={`${places.id}-${places.defaultValue}`} inputMode="numeric" />
        <FieldErrors id={places.errorId} errors={places.errors} />
      </div>
    </>
  );
}

type PostKey = "orgUnitId" | "duties" | "places";

/** One exemption row (段階名, 有効な年度数), like the post rows: plain named inputs where blank. */
function ExemptionFields({ row, index, allErrors }: { row: AnyField | undefined; index: number; allErrors: Record<string, string[]> | undefined }) {
  const meta = row ? (row as unknown as { getFieldset(): Record<"stage" | "years", AnyField> }).getFieldset() : undefined;
  const field = (key: "stage" | "years") => {
    const m = meta?.[key];
    const name = m?.name ?? `stageExemptions[${index}].${key}`;
    const id = m?.id ?? `exemption-${index}-${key}`;
    const errorId = m?.errorId ?? `${id}-error`;
    // A row Conform does not list yet (typed into a blank row) still shows its errors by name.
    const errors = m?.errors ?? allErrors?.[name];
    return {
      input: { id, name, defaultValue: String(m?.initialValue ?? ""), "aria-invalid": errors ? true : undefined, "aria-describedby": errors ? errorId : undefined },
      errorId,
      errors,
    };
  };
  const stage = field("stage");
  const years = field("years");
  return (
    <>
      <div className="field">
        <label htmlFor={stage.input.id}>免除できる段階（{index + 1}）</label>
        <input {...stage.input} key={`${stage.input.id}-${stage.input.defaultValue}`} />
        <FieldErrors id={stage.errorId} errors={stage.errors} />
      </div>
      <div className="field field--short">
        <label htmlFor={years.input.id}>何年度前までの合格か</label>
        <input {...years.input} key={`${years.input.id}-${years.input.defaultValue}`} inputMode="numeric" />
        <FieldErrors id={years.errorId} errors={years.errors} />
      </div>
    </>
  );
}

import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { z } from "zod";
import { ErrorSummary, FieldErrors, TextAreaField, TextField } from "~/components/form";
import { formatYen } from "~/lib/yen";
import { COST_TYPES, COST_TYPE_LABELS, FILE_KINDS, type CostType, type FileKind } from "~/services/subsidy/labels";
import { previewFromForm, type AmountPreview as Preview } from "~/services/subsidy/preview";
import { COST_FIELDS, MAX_FILE_SIZE_LABEL, applicationFormSchema, type ApplicationFormContext } from "~/services/subsidy/schemas";
import { AmountPreview } from "./amount-preview";
import { FileField, YenField } from "./fields";

// The application form of /subsidy/new and /subsidy/$id. One multipart form: it works
// without JavaScript (the 計算 button asks the server for the amount), and with
// JavaScript it validates as you type and recomputes the preview live with the same rules
// the server uses (`previewFromForm` → `amountRulesFor` + `computeSubsidy`).

export type FormCertification = {
  id: number;
  name: string;
  field: string;
  eligibleCostTypes: CostType[];
  ratePercent: number;
  capPerApplication: number;
};

export type FormScheme = {
  allowOther: boolean;
  otherRatePercent: number;
  otherCapPerApplication: number;
  perPersonYearlyCap: number;
  roundingUnit: number;
  claimDeadlineDays: number;
};

type FormSchema = ReturnType<typeof applicationFormSchema>;

export type ApplicationFormProps = {
  certifications: FormCertification[];
  scheme: FormScheme | null;
  alreadyCommitted: number;
  today: string;
  existingFiles: FileKind[];
  /** The names of the files already attached, per kind, shown at their field. */
  attachedNames?: Partial<Record<FileKind, string[]>>;
  defaultValue?: Record<string, string | undefined>;
  token?: string;
  version?: number;
  lastResult: SubmissionResult<string[]> | null | undefined;
  serverPreview: Preview | null;
  submitLabel: string;
  /** Shown instead of the submit button when the viewer may not apply. */
  ineligibleReason: string | null;
};

function attachedHint(kind: FileKind, existing: FileKind[], names: ApplicationFormProps["attachedNames"]): string | undefined {
  if (!existing.includes(kind)) return undefined;
  const list = names?.[kind]?.join("、");
  return `${list ? `添付済み: ${list}。` : "添付済み。"}追加する場合に選んでください（PDF・JPEG・PNG、${MAX_FILE_SIZE_LABEL}まで）。`;
}

export function ApplicationForm(props: ApplicationFormProps) {
  const { certifications, scheme, today, existingFiles, defaultValue, token, version, lastResult, serverPreview, submitLabel, ineligibleReason } = props;
  const ctx: ApplicationFormContext = {
    today,
    certifications: certifications.map((c) => ({ id: c.id, eligibleCostTypes: c.eligibleCostTypes })),
    allowOther: scheme?.allowOther ?? false,
    claimDeadlineDays: scheme?.claimDeadlineDays ?? null,
    existingFiles,
  };
  const [form, fields] = useForm<z.input<FormSchema>, z.output<FormSchema>>({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationFormSchema(ctx) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [choice, setChoice] = useState(defaultValue?.certification ?? "");
  const [live, setLive] = useState<Preview | null | undefined>(undefined);
  // A new answer from the server replaces what was computed in the browser.
  useEffect(() => setLive(undefined), [serverPreview]);

  const selected = certifications.find((c) => String(c.id) === choice) ?? null;
  const groups = [...new Set(certifications.map((c) => c.field))];
  const selectProps = getSelectProps(fields.certification, {
    ariaDescribedBy: `${fields.certification.id}-hint`,
  });
  const preview = live === undefined ? serverPreview : live;
  const hadErrors = lastResult?.status === "error";

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      aria-describedby={form.errors ? form.errorId : undefined}
      onChange={(e) => {
        const data = new FormData(e.currentTarget);
        setChoice(String(data.get("certification") ?? ""));
        setLive(previewFromForm(data, props));
      }}
      className="subsidy-form"
    >
      <ErrorSummary form={form} />
      {token ? <input type="hidden" name="token" value={token} /> : null}
      {version ? <input type="hidden" name="version" value={version} /> : null}

      <fieldset className="panel">
        <legend>資格</legend>
        <div className="field">
          <label htmlFor={fields.certification.id}>
            取得した資格<span className="required">（必須）</span>
          </label>
          <p id={`${fields.certification.id}-hint`} className="field__hint">
            一覧にない資格は「その他」を選び、資格名と業務上の有用性を記入してください。
          </p>
          <select {...selectProps} key={selectProps.key}>
            <option value="">選んでください</option>
            {groups.map((g) => (
              <optgroup key={g} label={g}>
                {certifications
                  .filter((c) => c.field === g)
                  .map((c) => (
                    <option key={c.id} value={String(c.id)}>
                      {c.name}
                    </option>
                  ))}
              </optgroup>
            ))}
            {scheme?.allowOther ? <option value="other">その他（一覧にない資格）</option> : null}
          </select>
          <FieldErrors id={fields.certification.errorId} errors={fields.certification.errors} />
        </div>
        {selected ? (
          <p className="muted">
            助成率 {selected.ratePercent}%・1件あたり上限 {formatYen(selected.capPerApplication)}・対象となる費用:{" "}
            {selected.eligibleCostTypes.map((t) => COST_TYPE_LABELS[t]).join("・")}
          </p>
        ) : null}
        <div className="subsidy-other" hidden={hydrated && choice !== "other"}>
          <p className="field__hint">「その他」を選んだ場合に記入してください。</p>
          <TextField label="資格名（その他の場合）" field={fields.otherName} />
          <TextAreaField
            label="業務上の有用性（その他の場合）"
            field={fields.otherReason}
            hint="この資格があなたの職務にどのように役立つかを具体的に書いてください（1000文字以内）。"
          />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>受験と合格</legend>
        <div className="subsidy-dates">
          <TextField label="受験日" field={fields.examDate} type="date" required />
          <TextField label="合格日" field={fields.passDate} type="date" required hint={scheme ? `合格日から${scheme.claimDeadlineDays}日以内に申請してください。` : undefined} />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>支払った費用</legend>
        <p className="field__hint">
          支払った種類の金額を円で入力してください（例: 12,000）。全角数字や「円」が付いていても構いません。
          {selected ? ` この資格で対象となるのは${selected.eligibleCostTypes.map((t) => COST_TYPE_LABELS[t]).join("・")}です。` : ""}
        </p>
        <div className="subsidy-costs">
          {COST_TYPES.map((t) => (
            <YenField key={t} label={COST_TYPE_LABELS[t]} field={fields[COST_FIELDS[t]]} />
          ))}
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>添付ファイル</legend>
        <p className="field__hint">
          申請には領収書と合格証の写しの両方が必要です。下書き保存のときは、あとから添付することもできます。
          {hadErrors ? " 入力に誤りがあったため、選んだファイルは送信されていません。もう一度選んでください。" : ""}
        </p>
        <div className="subsidy-files">
          {FILE_KINDS.map((k) => (
            <FileField key={k} kind={k} field={fields[k]} hint={attachedHint(k, existingFiles, props.attachedNames)} />
          ))}
        </div>
      </fieldset>

      <AmountPreview breakdown={preview?.breakdown ?? null} rules={preview?.rules ?? null} live={live !== undefined && live !== null} />

      <div className="button-row subsidy-form__buttons">
        <button type="submit" name="intent" value="calculate" className="button button--secondary" disabled={busy}>
          助成額を計算
        </button>
        <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>
          下書き保存
        </button>
        {ineligibleReason ? null : (
          <button type="submit" name="intent" value="submit" className="button" disabled={busy}>
            {submitLabel}
          </button>
        )}
      </div>
    </Form>
  );
}

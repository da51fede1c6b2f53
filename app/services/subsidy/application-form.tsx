import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { z } from "zod";
import { FieldErrors, FormErrors, TextField } from "~/components/form";
import { formatYen, parseYen } from "~/lib/yen";
import { COST_TYPES, COST_TYPE_LABELS, FILE_KINDS, type CostType, type FileKind } from "./labels";
import { computeSubsidy, type AmountBreakdown, type AmountRules } from "./rules";
import { COST_FIELDS, applicationFormSchema, type ApplicationFormContext } from "./schemas";
import { AmountPreview, FileField, TextAreaField, YenField } from "./ui";

// The application form of /subsidy/new and /subsidy/$id. One multipart form: it works
// without JavaScript (the 計算 button asks the server for the amount), and with
// JavaScript it validates as you type and recomputes the preview live with the same rules
// the server uses.

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

export type Preview = { breakdown: AmountBreakdown; rules: AmountRules } | null;

export type ApplicationFormProps = {
  certifications: FormCertification[];
  scheme: FormScheme | null;
  alreadyCommitted: number;
  today: string;
  existingFiles: FileKind[];
  defaultValue?: Record<string, string | undefined>;
  token?: string;
  version?: number;
  lastResult: SubmissionResult<string[]> | null | undefined;
  serverPreview: Preview;
  submitLabel: string;
  /** Shown instead of the submit button when the viewer may not apply. */
  ineligibleReason: string | null;
};

function rulesFor(scheme: FormScheme, cert: FormCertification | null): AmountRules {
  return cert
    ? { eligibleCostTypes: cert.eligibleCostTypes, ratePercent: cert.ratePercent, capPerApplication: cert.capPerApplication, perPersonYearlyCap: scheme.perPersonYearlyCap, roundingUnit: scheme.roundingUnit }
    : { eligibleCostTypes: COST_TYPES, ratePercent: scheme.otherRatePercent, capPerApplication: scheme.otherCapPerApplication, perPersonYearlyCap: scheme.perPersonYearlyCap, roundingUnit: scheme.roundingUnit };
}

/** The preview for what is in the form now, or null while it is incomplete. */
function livePreview(formData: FormData, props: Pick<ApplicationFormProps, "certifications" | "scheme" | "alreadyCommitted">): Preview {
  if (!props.scheme) return null;
  const choice = String(formData.get("certification") ?? "");
  const cert = choice === "other" ? null : (props.certifications.find((c) => String(c.id) === choice) ?? undefined);
  if (cert === undefined || (choice === "other" && !props.scheme.allowOther)) return null;
  const costs = [];
  for (const costType of COST_TYPES) {
    const raw = String(formData.get(COST_FIELDS[costType]) ?? "").trim();
    if (raw === "") continue;
    const parsed = parseYen(raw);
    if (!parsed.ok) return null;
    costs.push({ costType, amount: parsed.value });
  }
  if (costs.length === 0) return null;
  const rules = rulesFor(props.scheme, cert);
  return { breakdown: computeSubsidy(costs, rules, props.alreadyCommitted), rules };
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
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [choice, setChoice] = useState(defaultValue?.certification ?? "");
  const [live, setLive] = useState<Preview | undefined>(undefined);
  // A new answer from the server replaces what was computed in the browser.
  useEffect(() => setLive(undefined), [serverPreview]);

  const selected = certifications.find((c) => String(c.id) === choice) ?? null;
  const groups = [...new Set(certifications.map((c) => c.field))];
  const selectProps = getSelectProps(fields.certification, {
    ariaDescribedBy: [`${fields.certification.id}-hint`, fields.certification.errors ? fields.certification.errorId : undefined].filter(Boolean).join(" "),
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
        setLive(livePreview(data, props));
      }}
      className="subsidy-form"
    >
      <FormErrors id={form.errorId} errors={form.errors} />
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
            助成率 {selected.ratePercent}%・1件あたり上限 {formatYen(selected.capPerApplication)}・対象となる費用: {selected.eligibleCostTypes.map((t) => COST_TYPE_LABELS[t]).join("・")}
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
          <TextField
            label="合格日"
            field={fields.passDate}
            type="date"
            required
            hint={scheme ? `合格日から${scheme.claimDeadlineDays}日以内に申請してください。` : undefined}
          />
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
            <FileField
              key={k}
              kind={k}
              field={fields[k]}
              hint={existingFiles.includes(k) ? "添付済み。追加する場合に選んでください（PDF・JPEG・PNG、5MBまで）。" : undefined}
            />
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

/** Form values of a stored application, as the inputs show them. */
export function formDefaults(app: {
  certificationId: number | null;
  otherName: string | null;
  otherReason: string | null;
  examDate: string;
  passDate: string;
  costLines: { costType: CostType; amount: number }[];
}): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {
    certification: app.certificationId === null ? "other" : String(app.certificationId),
    otherName: app.otherName ?? undefined,
    otherReason: app.otherReason ?? undefined,
    examDate: app.examDate,
    passDate: app.passDate,
  };
  for (const l of app.costLines) out[COST_FIELDS[l.costType]] = l.amount.toLocaleString("ja-JP");
  return out;
}

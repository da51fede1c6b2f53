import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { z } from "zod";
import { requireRole } from "~/auth/permissions.server";
import { DataTable } from "~/components/data-table";
import { FieldErrors, FormErrors, TextField } from "~/components/form";
import { currentFiscalYear, fiscalYearFromUrl, fiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { formatYen } from "~/lib/yen";
import { EMPLOYMENT_TYPES } from "~/services/org/master-data";
import { COST_TYPES, COST_TYPE_LABELS } from "~/services/subsidy/labels";
import { getScheme, listCertifications, listSchemeYears } from "~/services/subsidy/queries.server";
import { ROUNDING_UNITS, certificationSchema, schemeSettingsSchema } from "~/services/subsidy/schemas";
import { saveCertification, saveScheme } from "~/services/subsidy/settings.server";
import { YenField } from "~/services/subsidy/ui";
import { FiscalYearSwitcher } from "~/components/fiscal-year-select";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成の設定 | かわさき人財ポータル" }];

const yenText = (n: number) => n.toLocaleString("ja-JP");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const url = new URL(args.request.url);
  const fiscalYear = fiscalYearFromUrl(url, selectableFiscalYears({ from: currentFiscalYear() - 10, ahead: 2 }));
  const current = currentFiscalYear();
  const scheme = getScheme(fiscalYear);
  // A 年度 without settings starts from the latest earlier one.
  const template = scheme ?? listSchemeYears().map(getScheme).find((s) => s && s.fiscalYear < fiscalYear) ?? null;
  const certifications = listCertifications();
  const editId = url.searchParams.get("cert");
  const editing = editId && editId !== "new" ? (certifications.find((c) => String(c.id) === editId) ?? null) : null;
  return {
    fiscalYear,
    years: [current + 1, current, ...listSchemeYears()].filter((y, i, a) => a.indexOf(y) === i).sort((a, b) => b - a),
    exists: scheme !== null,
    schemeDefaults: template
      ? {
          allowOther: template.allowOther ? "on" : undefined,
          otherRatePercent: String(template.otherRatePercent),
          otherCapPerApplication: yenText(template.otherCapPerApplication),
          perPersonYearlyCap: yenText(template.perPersonYearlyCap),
          claimDeadlineDays: String(template.claimDeadlineDays),
          roundingUnit: String(template.roundingUnit),
          eligibleEmploymentTypes: template.eligibleEmploymentTypes,
          budget: yenText(template.budget),
        }
      : { roundingUnit: "1000", eligibleEmploymentTypes: ["正規"] },
    certifications,
    editing,
    showCertForm: editId === "new" || editing !== null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const formData = await args.request.formData();
  const actor = { viewer, ip: args.context.ip };
  if (formData.get("intent") === "scheme") {
    const submission = parseWithZod(formData, { schema: schemeSettingsSchema });
    if (submission.status !== "success") return { form: "scheme" as const, result: submission.reply() };
    const { intent: _intent, ...settings } = submission.value;
    saveScheme(actor, settings);
    return redirect(withNotice(`/subsidy/manage/settings?fy=${settings.fiscalYear}`, "subsidy-scheme-saved"));
  }
  const submission = parseWithZod(formData, { schema: certificationSchema });
  if (submission.status !== "success") return { form: "certification" as const, result: submission.reply() };
  const { intent: _intent, ...cert } = submission.value;
  const r = saveCertification(actor, cert);
  if (!r.ok) {
    return { form: "certification" as const, result: submission.reply(r.field ? { fieldErrors: { [r.field]: [r.message] } } : { formErrors: [r.message] }) };
  }
  const fy = new URL(args.request.url).searchParams.get("fy");
  return redirect(withNotice(`/subsidy/manage/settings${fy ? `?fy=${encodeURIComponent(fy)}` : ""}`, "subsidy-certification-saved"));
}

export default function SubsidySettings() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const fields = [...new Set(data.certifications.map((c) => c.field))];
  const col = createColumnHelper<LoaderData["certifications"][number]>();
  const columns = [
    col.accessor("name", { header: "資格", meta: { filter: { kind: "text" } } }),
    col.accessor("field", { header: "分野", meta: { filter: { kind: "select", options: fields.map((f) => ({ value: f, label: f })) } } }),
    col.accessor((c) => c.eligibleCostTypes.map((t) => COST_TYPE_LABELS[t]).join("・"), { id: "costTypes", header: "対象となる費用", enableSorting: false }),
    col.accessor("ratePercent", { header: "助成率", meta: { numeric: true }, cell: (c) => `${c.getValue()}%` }),
    col.accessor("capPerApplication", { header: "1件あたり上限", meta: { numeric: true }, cell: (c) => formatYen(c.getValue()) }),
    col.accessor((c) => (c.active ? "対象" : "対象外"), {
      id: "active",
      header: "状態",
      meta: { filter: { kind: "select", options: [{ value: "対象", label: "対象" }, { value: "対象外", label: "対象外" }] } },
      cell: (c) => <span className={c.getValue() === "対象" ? "tag tag--ok" : "tag tag--muted"}>{c.getValue()}</span>,
    }),
    col.display({
      id: "edit",
      header: "編集",
      enableSorting: false,
      cell: (c) => (
        <Link to={`?fy=${data.fiscalYear}&cert=${c.row.original.id}#certification-form`} aria-label={`${c.row.original.name}を編集`}>
          編集
        </Link>
      ),
    }),
  ];
  return (
    <>
      <p>
        <Link to={`/subsidy/manage?fy=${data.fiscalYear}`}>← 資格取得費用助成の審査</Link>
      </p>
      <h1>資格取得費用助成の設定</h1>
      <p className="muted">ここで決めた率・上限・予算は、このあとに申請・交付決定される申請に使われます。すでに計算済みの助成額は変わりません。</p>

      <FiscalYearSwitcher years={data.years} value={data.fiscalYear} className="button-row button-row--end" />

      <SchemeForm key={data.fiscalYear} data={data} lastResult={reply?.form === "scheme" ? reply.result : undefined} />

      <section aria-labelledby="certs-title">
        <h2 id="certs-title">対象資格（{data.certifications.length}件）</h2>
        <p>
          <Link to={`?fy=${data.fiscalYear}&cert=new#certification-form`} className="button button--secondary button--link">
            資格を追加
          </Link>
        </p>
        <DataTable data={data.certifications} columns={columns} caption="対象資格の一覧" prefix="c" pageSize={100} getRowId={(c) => String(c.id)} defaultSort={{ id: "field", desc: false }} />
        {data.showCertForm ? (
          <CertificationForm key={data.editing?.id ?? "new"} data={data} lastResult={reply?.form === "certification" ? reply.result : undefined} />
        ) : null}
      </section>
    </>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function SchemeForm({ data, lastResult }: { data: LoaderData; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm<z.input<typeof schemeSettingsSchema>, z.output<typeof schemeSettingsSchema>>({
    lastResult,
    defaultValue: data.schemeDefaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schemeSettingsSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const allowOther = getInputProps(fields.allowOther, { type: "checkbox" });
  const rounding = getSelectProps(fields.roundingUnit);
  return (
    <section aria-labelledby="scheme-title">
      <h2 id="scheme-title">{fiscalYearLabel(data.fiscalYear)}の制度設定</h2>
      {data.exists ? null : <p className="notice notice--warn">この年度の設定はまだ保存されていません。前年度の設定を初期値として表示しています。</p>}
      <Form method="post" {...getFormProps(form)} className="panel subsidy-settings">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="scheme" />
        <input type="hidden" name="fiscalYear" value={data.fiscalYear} />
        <YenField label="予算額" field={fields.budget} required />
        <YenField label="1人あたりの年度上限額" field={fields.perPersonYearlyCap} required />
        <TextField label="申請期限（合格日からの日数）" field={fields.claimDeadlineDays} required hint="例: 180（合格日から180日以内に申請）" />
        <div className="field">
          <label htmlFor={fields.roundingUnit.id}>端数処理（この単位未満を切り捨て）</label>
          <select {...rounding} key={rounding.key}>
            {ROUNDING_UNITS.map((u) => (
              <option key={u} value={u}>
                {u === 1 ? "切り捨てなし（1円単位）" : `${formatYen(u)}未満を切り捨て`}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.roundingUnit.errorId} errors={fields.roundingUnit.errors} />
        </div>
        <fieldset className="field" aria-describedby={fields.eligibleEmploymentTypes.errors ? fields.eligibleEmploymentTypes.errorId : undefined}>
          <legend>対象とする任用形態</legend>
          {getCollectionProps(fields.eligibleEmploymentTypes, { type: "checkbox", options: [...EMPLOYMENT_TYPES] }).map((p) => (
            <label key={p.id} className="checkbox">
              <input {...p} key={p.key} /> {p.value}
            </label>
          ))}
          <FieldErrors id={fields.eligibleEmploymentTypes.errorId} errors={fields.eligibleEmploymentTypes.errors} />
        </fieldset>
        <div className="field">
          <label className="checkbox">
            <input {...allowOther} key={allowOther.key} /> 一覧にない資格（その他）の申請を受け付ける
          </label>
        </div>
        <TextField label="その他の資格の助成率（%）" field={fields.otherRatePercent} required />
        <YenField label="その他の資格の1件あたり上限額" field={fields.otherCapPerApplication} required />
        <button type="submit" className="button">
          年度設定を保存
        </button>
      </Form>
    </section>
  );
}

function CertificationForm({ data, lastResult }: { data: LoaderData; lastResult: SubmissionResult<string[]> | undefined }) {
  const c = data.editing;
  const [form, fields] = useForm<z.input<typeof certificationSchema>, z.output<typeof certificationSchema>>({
    lastResult,
    defaultValue: c
      ? {
          id: String(c.id),
          name: c.name,
          field: c.field,
          eligibleCostTypes: c.eligibleCostTypes,
          ratePercent: String(c.ratePercent),
          capPerApplication: yenText(c.capPerApplication),
          active: c.active ? "on" : undefined,
        }
      : { eligibleCostTypes: ["exam", "registration"], ratePercent: "50", active: "on" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: certificationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const active = getInputProps(fields.active, { type: "checkbox" });
  const fieldList = [...new Set(data.certifications.map((x) => x.field))];
  return (
    <Form method="post" {...getFormProps(form)} className="panel subsidy-settings" id="certification-form" aria-labelledby="cert-form-title">
      <h3 id="cert-form-title">{c ? `「${c.name}」を編集` : "資格を追加"}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="certification" />
      {c ? <input type="hidden" name="id" value={c.id} /> : null}
      <TextField label="資格名" field={fields.name} required />
      <div className="field">
        <label htmlFor={fields.field.id}>
          分野<span className="required">（必須）</span>
        </label>
        <input {...getInputProps(fields.field, { type: "text" })} key={fields.field.key} list="cert-fields" />
        <datalist id="cert-fields">
          {fieldList.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <FieldErrors id={fields.field.errorId} errors={fields.field.errors} />
      </div>
      <fieldset className="field">
        <legend>対象とする費用</legend>
        {getCollectionProps(fields.eligibleCostTypes, { type: "checkbox", options: [...COST_TYPES] }).map((p) => (
          <label key={p.id} className="checkbox">
            <input {...p} key={p.key} /> {COST_TYPE_LABELS[p.value as (typeof COST_TYPES)[number]]}
          </label>
        ))}
        <FieldErrors id={fields.eligibleCostTypes.errorId} errors={fields.eligibleCostTypes.errors} />
      </fieldset>
      <TextField label="助成率（%）" field={fields.ratePercent} required />
      <YenField label="1件あたり上限額" field={fields.capPerApplication} required />
      <div className="field">
        <label className="checkbox">
          <input {...active} key={active.key} /> 助成の対象とする（外すと新しい申請で選べなくなります）
        </label>
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          資格を保存
        </button>
        <Link to={`?fy=${data.fiscalYear}`}>キャンセル</Link>
      </div>
    </Form>
  );
}

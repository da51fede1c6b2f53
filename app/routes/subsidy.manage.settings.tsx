import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, forbidden, requireRole } from "~/auth/permissions.server";
import { FiscalYearSwitcher } from "~/components/fiscal-year-select";
import { CertificationForm } from "~/components/subsidy/certification-form";
import { CertificationTable } from "~/components/subsidy/certification-table";
import { SchemeForm } from "~/components/subsidy/scheme-form";
import { currentFiscalYear, fiscalYearFromUrl, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { settingsView } from "~/services/subsidy/manage-queries.server";
import { certificationSchema, schemeSettingsSchema } from "~/services/subsidy/schemas";
import { saveCertification, saveScheme } from "~/services/subsidy/settings.server";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成の設定 | かわさき人財ポータル" }];

/** The 年度 whose settings may be opened: ten back for corrections, two ahead for planning. */
const SETTINGS_YEARS = () => selectableFiscalYears({ from: currentFiscalYear() - 10, ahead: 2 });

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const url = new URL(args.request.url);
  const currentYear = currentFiscalYear();
  const fiscalYear = fiscalYearFromUrl(url, SETTINGS_YEARS());
  const view = await settingsView(viewer, { fiscalYear, currentYear, editId: url.searchParams.get("cert") });
  if (!view) throw forbidden(args, viewer, "hr_dev required");
  return view;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const formData = await args.request.formData();
  const actor = actorOf(args, viewer);
  if (formData.get("intent") === "scheme") {
    const submission = parseWithZod(formData, { schema: schemeSettingsSchema });
    if (submission.status !== "success") return { form: "scheme" as const, result: submission.reply() };
    const { intent: _intent, ...settings } = submission.value;
    await saveScheme(actor, settings);
    return redirect(withNotice(`/subsidy/manage/settings?fy=${settings.fiscalYear}`, "subsidy-scheme-saved"));
  }
  const submission = parseWithZod(formData, { schema: certificationSchema });
  if (submission.status !== "success") return { form: "certification" as const, result: submission.reply() };
  const { intent: _intent, ...cert } = submission.value;
  const r = await saveCertification(actor, cert);
  if (!r.ok) return { form: "certification" as const, result: submission.reply(refusalReply(r.refusal)) };
  const fy = fiscalYearFromUrl(new URL(args.request.url), SETTINGS_YEARS());
  return redirect(withNotice(`/subsidy/manage/settings?fy=${fy}`, "subsidy-certification-saved"));
}

export default function SubsidySettings() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/subsidy/manage?fy=${data.fiscalYear}`}>← 資格取得費用助成の審査</Link>
      </p>
      <h1>資格取得費用助成の設定</h1>
      <p className="muted">ここで決めた率・上限・予算は、このあとに申請・交付決定される申請に使われます。すでに計算済みの助成額は変わりません。</p>

      <FiscalYearSwitcher years={data.years} value={data.fiscalYear} className="button-row button-row--end" />

      <SchemeForm
        key={data.fiscalYear}
        fiscalYear={data.fiscalYear}
        exists={data.exists}
        defaultValue={data.schemeDefaults}
        lastResult={reply?.form === "scheme" ? reply.result : undefined}
      />

      <section aria-labelledby="certs-title">
        <h2 id="certs-title">対象資格（{data.certifications.length}件）</h2>
        <p>
          <Link to={`?fy=${data.fiscalYear}&cert=new#certification-form`} className="button button--secondary button--link">
            資格を追加
          </Link>
        </p>
        <CertificationTable fiscalYear={data.fiscalYear} certifications={data.certifications} />
        {data.showCertForm ? (
          <CertificationForm
            key={data.editing?.id ?? "new"}
            fiscalYear={data.fiscalYear}
            editing={data.editing}
            fieldNames={[...new Set(data.certifications.map((c) => c.field))]}
            lastResult={reply?.form === "certification" ? reply.result : undefined}
          />
        ) : null}
      </section>
    </>
  );
}

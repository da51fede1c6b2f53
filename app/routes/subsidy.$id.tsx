import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { FormErrors } from "~/components/form";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { ApplicationForm, formDefaults } from "~/services/subsidy/application-form";
import { handleApplicationForm } from "~/services/subsidy/form-action.server";
import { FILE_KIND_LABELS, STATUS_LABELS } from "~/services/subsidy/labels";
import { removeFile, transitionApplication } from "~/services/subsidy/mutations.server";
import { amountRulesFor, applicantContext, getApplication, previewAmount } from "~/services/subsidy/queries.server";
import { removeFileSchema, transitionSchema } from "~/services/subsidy/schemas";
import { isEditable } from "~/services/subsidy/transitions";
import { ApplicationSummary, StatusTag, SubsidyHistory } from "~/services/subsidy/ui";
import { readSubsidyForm } from "~/services/subsidy/uploads.server";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成の申請 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const detail = getApplication({ id: args.params.id ?? "", viewer, as: "applicant" });
  if (!detail) throw notFound();
  const app = detail.application;
  if (!isEditable(app.status)) return { detail, edit: null };
  const ctx = applicantContext(viewer, new Date(), app.id);
  const breakdown = previewAmount(ctx, app.certificationId ?? "other", detail.costLines);
  const certification = app.certificationId ? (ctx.certifications.find((c) => c.id === app.certificationId) ?? null) : null;
  return {
    detail,
    edit: {
      today: ctx.today,
      scheme: ctx.scheme,
      certifications: ctx.certifications,
      alreadyCommitted: ctx.alreadyCommitted,
      ineligibleReason: ctx.ineligibleReason,
      defaults: formDefaults({ ...app, costLines: detail.costLines }),
      preview: breakdown && ctx.scheme ? { breakdown, rules: amountRulesFor(ctx.scheme, certification) } : null,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const detail = getApplication({ id: args.params.id ?? "", viewer, as: "applicant" });
  if (!detail) throw notFound();
  const id = detail.application.id;
  const formData = await readSubsidyForm(args.request);
  const actor = { viewer, ip: args.context.ip };
  const intent = formData.get("intent");
  if (intent === "transition") {
    const submission = parseWithZod(formData, { schema: transitionSchema });
    if (submission.status !== "success") return { kind: "other" as const, result: submission.reply() };
    const r = transitionApplication({ actor, id, as: "applicant", ...submission.value });
    if (!r.ok) return { kind: "other" as const, result: submission.reply({ formErrors: [r.message] }) };
    return redirect(withNotice(`/subsidy/${id}`, r.status === "withdrawn" ? "subsidy-withdrawn" : "subsidy-submitted"));
  }
  if (intent === "remove-file") {
    const submission = parseWithZod(formData, { schema: removeFileSchema });
    if (submission.status !== "success") return { kind: "other" as const, result: submission.reply() };
    const r = removeFile({ actor, id, ...submission.value });
    if (!r.ok) return { kind: "other" as const, result: submission.reply({ formErrors: [r.message] }) };
    return redirect(withNotice(`/subsidy/${id}`, "subsidy-file-removed"));
  }
  const existingFiles = [...new Set(detail.files.map((f) => f.kind))];
  const reply = await handleApplicationForm({ formData, viewer, ip: args.context.ip, existing: { id, files: existingFiles } });
  return { kind: "form" as const, ...reply };
}

export default function SubsidyApplication() {
  const { detail, edit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const app = detail.application;
  const lastReturn = [...detail.history].reverse().find((h) => h.toStatus === "returned");
  const withdraw = detail.actions.find((a) => a.to === "withdrawn");
  const otherErrors = reply?.kind === "other" && reply.result.error ? Object.values(reply.result.error).flat().filter((e): e is string => typeof e === "string") : [];
  return (
    <>
      <p>
        <Link to="/subsidy">← 資格取得費用助成</Link>
      </p>
      <h1>
        資格取得費用助成の申請 <StatusTag status={app.status} />
      </h1>
      <FormErrors id="subsidy-other-errors" errors={otherErrors.length ? otherErrors : undefined} />
      {app.status === "returned" && lastReturn ? (
        <div className="notice notice--warn" role="note">
          <p>
            {formatDateTimeJa(new Date(lastReturn.at))}に差し戻されました。内容を直して再申請してください。
          </p>
          {lastReturn.comment ? <p>理由: {lastReturn.comment}</p> : null}
        </div>
      ) : null}

      {edit ? (
        <>
          {detail.files.length > 0 ? (
            <section aria-labelledby="attached-title">
              <h2 id="attached-title">添付済みのファイル</h2>
              <ul className="file-list">
                {detail.files.map((f) => (
                  <li key={f.id}>
                    <span className="tag tag--muted">{FILE_KIND_LABELS[f.kind]}</span>{" "}
                    <a href={`/subsidy/files/${f.id}`} download>
                      {f.originalName}
                    </a>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove-file" />
                      <input type="hidden" name="fileId" value={f.id} />
                      <input type="hidden" name="version" value={app.version} />
                      <button type="submit" className="button button--secondary button--small" aria-label={`${f.originalName}を外す`}>
                        外す
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <h2>申請内容</h2>
          <ApplicationForm
            certifications={edit.certifications}
            scheme={edit.scheme}
            alreadyCommitted={edit.alreadyCommitted}
            today={edit.today}
            existingFiles={[...new Set(detail.files.map((f) => f.kind))]}
            defaultValue={edit.defaults}
            version={app.version}
            lastResult={reply?.kind === "form" ? reply.result : undefined}
            serverPreview={reply?.kind === "form" ? reply.preview : edit.preview}
            submitLabel={app.status === "returned" ? "再申請する" : "申請する"}
            ineligibleReason={edit.ineligibleReason}
          />
        </>
      ) : (
        <ApplicationSummary detail={detail} showApplicant={false} />
      )}

      {withdraw ? (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">申請の取下げ</h2>
          <Form method="post" className="panel">
            <p>
              「{STATUS_LABELS[app.status]}」の申請を取り下げます。取り下げた申請は記録として残り、元に戻せません。
            </p>
            <input type="hidden" name="intent" value="transition" />
            <input type="hidden" name="to" value="withdrawn" />
            <input type="hidden" name="version" value={app.version} />
            <button type="submit" className="button button--danger">
              {withdraw.label}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">履歴</h2>
        <SubsidyHistory history={detail.history} />
      </section>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { FormErrors } from "~/components/form";
import { AttachedFiles, ReturnedNotice, WithdrawForm } from "~/components/subsidy/applicant-page";
import { ApplicationForm } from "~/components/subsidy/application-form";
import { ApplicationSummary } from "~/components/subsidy/application-summary";
import { SubsidyHistory } from "~/components/subsidy/history";
import { StatusTag } from "~/components/subsidy/status-tag";
import { handleApplicantPage } from "~/services/subsidy/form-action.server";
import type { FileKind } from "~/services/subsidy/labels";
import { applicantView, getApplication } from "~/services/subsidy/queries.server";
import { readSubsidyForm } from "~/services/subsidy/uploads.server";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成の申請 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const view = await applicantView(viewer, args.params.id ?? "");
  if (!view) throw notFound();
  return view;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const detail = await getApplication({ id: args.params.id ?? "", viewer, as: "applicant" });
  if (!detail) throw notFound();
  const formData = await readSubsidyForm(args.request);
  const files = [...new Set(detail.files.map((f) => f.kind))];
  return handleApplicantPage({ formData, actor: actorOf(args, viewer), id: detail.application.id, files });
}

function namesByKind(files: { kind: FileKind; originalName: string }[]): Partial<Record<FileKind, string[]>> {
  const out: Partial<Record<FileKind, string[]>> = {};
  for (const f of files) (out[f.kind] ??= []).push(f.originalName);
  return out;
}

export default function SubsidyApplication() {
  const { detail, edit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const app = detail.application;
  const lastReturn = [...detail.history].reverse().find((h) => h.toStatus === "returned");
  const withdraw = detail.actions.find((a) => a.action === "withdraw");
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
      {app.status === "returned" && lastReturn ? <ReturnedNotice at={lastReturn.at} comment={lastReturn.comment} /> : null}

      {edit ? (
        <>
          <AttachedFiles files={detail.files} version={app.version} />
          <h2>申請内容</h2>
          <ApplicationForm
            certifications={edit.certifications}
            scheme={edit.scheme}
            alreadyCommitted={edit.alreadyCommitted}
            today={edit.today}
            existingFiles={[...new Set(detail.files.map((f) => f.kind))]}
            attachedNames={namesByKind(detail.files)}
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

      {withdraw ? <WithdrawForm status={app.status} version={app.version} label={withdraw.label} /> : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">履歴</h2>
        <SubsidyHistory history={detail.history} />
      </section>
    </>
  );
}

import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireRole } from "~/auth/permissions.server";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { ApplicationForm } from "~/components/subsidy/application-form";
import { handleApplicationForm } from "~/services/subsidy/form-action.server";
import { applicantContext } from "~/services/subsidy/queries.server";
import { readSubsidyForm } from "~/services/subsidy/uploads.server";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成の申請 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const ctx = await applicantContext(viewer);
  return {
    fiscalYear: ctx.fiscalYear,
    today: ctx.today,
    scheme: ctx.scheme,
    certifications: ctx.certifications,
    alreadyCommitted: ctx.alreadyCommitted,
    ineligibleReason: ctx.ineligibleReason,
    // One token per form shown: a resent or double-clicked form finds the first record.
    token: randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const formData = await readSubsidyForm(args.request);
  return handleApplicationForm({ formData, actor: actorOf(args, viewer) });
}

export default function NewSubsidyApplication() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/subsidy">← 資格取得費用助成</Link>
      </p>
      <h1>資格取得費用助成の申請</h1>
      <p className="muted">{fiscalYearLabel(data.fiscalYear)}の申請です。必須の項目と、領収書・合格証の写しをそろえて申請してください。途中で下書き保存もできます。</p>
      {data.ineligibleReason ? (
        <p className="notice notice--warn" role="note">
          {data.ineligibleReason}
        </p>
      ) : null}
      <ApplicationForm
        certifications={data.certifications}
        scheme={data.scheme}
        alreadyCommitted={data.alreadyCommitted}
        today={data.today}
        existingFiles={[]}
        token={data.token}
        lastResult={reply?.result}
        serverPreview={reply?.preview ?? null}
        submitLabel="申請する"
        ineligibleReason={data.ineligibleReason}
      />
    </>
  );
}

import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireUser } from "~/auth/permissions.server";
import { ApplicationSummary } from "~/components/subsidy/application-summary";
import { DecisionForm } from "~/components/subsidy/decision-form";
import { SubsidyHistory } from "~/components/subsidy/history";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { transitionApplication } from "~/services/subsidy/mutations.server";
import { getApplication } from "~/services/subsidy/queries.server";
import { transitionSchema } from "~/services/subsidy/schemas";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成の確認 | かわさき人財ポータル" }];

// The supervisor's page for one subordinate's application. The query answers null unless
// the viewer is the applicant's current supervisor and the application has been submitted,
// so anyone else gets the same 404 as for a missing record.

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireUser(args);
  const detail = await getApplication({ id: args.params.id ?? "", viewer, as: "supervisor" });
  if (!detail) throw notFound();
  return { detail };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireUser(args);
  const detail = await getApplication({ id: args.params.id ?? "", viewer, as: "supervisor" });
  if (!detail) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: transitionSchema });
  if (submission.status !== "success") return submission.reply();
  const { to, version, comment } = submission.value;
  const r = await transitionApplication({ actor: actorOf(args, viewer), id: detail.application.id, as: "supervisor", to, version, comment });
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice("/approvals", r.status === "returned" ? "subsidy-returned" : "subsidy-confirmed"));
}

export default function SubsidyReview() {
  const { detail } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/approvals">← 承認</Link>
      </p>
      <h1>資格取得費用助成の確認</h1>
      <p className="muted">
        部下の資格取得が業務に役立つかを確認してください。確認すると人材育成課の審査に進みます。内容に不備があるときは、理由を添えて差し戻してください。
      </p>
      <ApplicationSummary detail={detail} filesHidden="添付ファイルは、あなたが確認する段階（申請中）の間だけ表示されます。" />
      <DecisionForm actions={detail.actions} version={detail.application.version} lastResult={lastResult} title="確認" />
      <section aria-labelledby="history-title">
        <h2 id="history-title">履歴</h2>
        <SubsidyHistory history={detail.history} />
      </section>
    </>
  );
}

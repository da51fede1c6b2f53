import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { ApplicationSummary } from "~/components/subsidy/application-summary";
import { DecisionForm } from "~/components/subsidy/decision-form";
import { SubsidyHistory } from "~/components/subsidy/history";
import { ReviewLimits } from "~/components/subsidy/review-limits";
import { withNotice, type NoticeKey } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import type { SubsidyStatus } from "~/services/subsidy/labels";
import { hrReview } from "~/services/subsidy/manage-queries.server";
import { transitionApplication } from "~/services/subsidy/mutations.server";
import { getApplication } from "~/services/subsidy/queries.server";
import { transitionSchema } from "~/services/subsidy/schemas";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成の審査 | かわさき人財ポータル" }];

const NOTICE_BY_STATUS: Partial<Record<SubsidyStatus, NoticeKey>> = {
  approved: "subsidy-approved",
  rejected: "subsidy-rejected",
  returned: "subsidy-returned",
  paid: "subsidy-paid",
};

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const review = await hrReview(viewer, args.params.id ?? "");
  if (!review) throw notFound();
  return review;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const detail = await getApplication({ id: args.params.id ?? "", viewer, as: "hr_dev" });
  if (!detail) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: transitionSchema });
  if (submission.status !== "success") return submission.reply();
  const { to, version, comment } = submission.value;
  const id = detail.application.id;
  const r = await transitionApplication({ actor: actorOf(args, viewer), id, as: "hr_dev", to, version, comment });
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/subsidy/manage/${id}`, NOTICE_BY_STATUS[r.status] ?? "subsidy-approved"));
}

export default function SubsidyManageItem() {
  const { detail, budget, person, recomputed } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const app = detail.application;
  return (
    <>
      <p>
        <Link to={`/subsidy/manage?fy=${app.fiscalYear}`}>← 資格取得費用助成の審査</Link>
      </p>
      <h1>資格取得費用助成の審査</h1>
      <ApplicationSummary detail={detail} />
      <ReviewLimits fiscalYear={app.fiscalYear} amount={app.amount} budget={budget} person={person} recomputed={recomputed} />
      <DecisionForm actions={detail.actions} version={app.version} lastResult={lastResult} />
      <section aria-labelledby="history-title">
        <h2 id="history-title">履歴</h2>
        <SubsidyHistory history={detail.history} />
      </section>
    </>
  );
}

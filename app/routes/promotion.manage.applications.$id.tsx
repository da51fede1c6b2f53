import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireUser } from "~/auth/permissions.server";
import { DecisionForm } from "~/components/promotion/decision-forms";
import { ApplicationTag, PromotionHistory, StageFlow, Statements, levelLabel } from "~/components/promotion/parts";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { decideApplication } from "~/services/promotion/mutations.server";
import { viewApplicationAsStaff } from "~/services/promotion/queries.server";
import { decisionSchema } from "~/services/promotion/schemas";
import { RECOMMENDATION_LABELS } from "~/services/promotion/transitions";

export const meta: MetaFunction = () => [{ title: "応募者の記録 | かわさき人財ポータル" }];

// 人事課's record of one applicant. Anyone else gets the 404 of a missing record (the query
// decides, and writes the audit line of this view, allowed or not).

async function load(args: LoaderFunctionArgs) {
  const viewer = requireUser(args);
  const detail = await viewApplicationAsStaff({ id: args.params.id ?? "", actor: actorOf(args, viewer), as: "hr" });
  if (!detail) throw notFound();
  return { viewer, detail };
}

export async function loader(args: LoaderFunctionArgs) {
  return (await load(args)).detail;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireUser(args);
  const submission = parseWithZod(await args.request.formData(), { schema: decisionSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await decideApplication(actorOf(args, viewer), { id: args.params.id ?? "", ...submission.value });
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/promotion/manage/applications/${args.params.id}`, "promotion-decided"));
}

export default function ApplicantRecord() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/promotion/manage/calls/${d.call.id}`}>← {d.call.title}</Link>
      </p>
      <h1>
        {d.applicant.name}さんの応募 <ApplicationTag status={d.application.status} />
      </h1>
      <p className="muted">
        {d.applicant.staffNumber}・{d.applicant.rank}・{d.applicant.unitPath}／{levelLabel(d.call.level)}「{d.call.title}」
        {d.application.submittedAt ? `／応募 ${formatDateTimeJa(new Date(d.application.submittedAt))}` : ""}
      </p>
      {d.application.status === "submitted" ? <p>現在の選考の段階: {d.application.stageName}</p> : null}
      <StageFlow stages={d.call.stages} current={d.application.status === "submitted" ? d.application.stage : null} exemptions={d.exemptions} />
      {d.application.placement ? <p className="notice notice--info">配置先: {d.application.placement.unitPath}（{d.application.placement.duties}）</p> : null}
      <DecisionForm key={d.application.version} actions={d.actions} version={d.application.version} posts={d.posts} lastResult={lastResult} />
      {d.call.status !== "selecting" && d.application.status === "submitted" ? <p className="muted">結果は、公募を締め切って「選考を始める」と記録できます。</p> : null}
      <h2>自己申告（応募書類）</h2>
      <Statements values={d.application} />
      <h2>所属長意見</h2>
      {d.call.opinionRequired ? (
        d.opinion ? (
          <p>
            <strong>{RECOMMENDATION_LABELS[d.opinion.recommendation]}</strong>（{formatDateTimeJa(new Date(d.opinion.writtenAt))}）<br />
            {d.opinion.comment}
          </p>
        ) : (
          <p className="muted">まだ記入されていません。</p>
        )
      ) : (
        <p className="muted">この公募では所属長意見を求めていません。</p>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">履歴</h2>
        <PromotionHistory history={d.history} stages={d.call.stages} />
      </section>
    </>
  );
}

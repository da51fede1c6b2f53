import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { FormErrors } from "~/components/form";
import { ApplicationForm } from "~/components/promotion/application-form";
import { ApplicationTag, CallFacts, EligibilityNote, PromotionHistory, StageFlow, Statements } from "~/components/promotion/parts";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { saveApplication, withdrawApplication } from "~/services/promotion/mutations.server";
import { getCallForEmployee } from "~/services/promotion/queries.server";
import { describeEligibility, describeExemptions } from "~/services/promotion/rules";
import { applicationSchema } from "~/services/promotion/schemas";
import { EDITABLE_STATUSES } from "~/services/promotion/transitions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.call.title ?? "昇任型公募"} | かわさき人財ポータル` }];

// One call as an employee sees it, and my application to it (one per person per call).

async function load(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const detail = await getCallForEmployee({ callId: Number(args.params.callId), viewer });
  if (!detail) throw notFound();
  return { viewer, detail };
}

export async function loader(args: LoaderFunctionArgs) {
  return (await load(args)).detail;
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, detail } = await load(args);
  const submission = parseWithZod(await args.request.formData(), { schema: applicationSchema(detail.call.limits) });
  if (submission.status !== "success") return submission.reply();
  const actor = actorOf(args, viewer);
  const value = submission.value;
  const r =
    value.intent === "withdraw" && detail.application
      ? await withdrawApplication(actor, detail.application.id, value.version ?? 0)
      : await saveApplication(actor, detail.call.id, value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  const notice = value.intent === "withdraw" ? "promotion-withdrawn" : value.intent === "save" ? "promotion-saved" : "promotion-submitted";
  return redirect(withNotice(`/promotion/calls/${detail.call.id}`, notice));
}

export default function PromotionCall() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const app = d.application;
  const editable = d.actions.some((a) => a.action !== "withdraw") && (!app || EDITABLE_STATUSES.includes(app.status));
  const withdraw = d.actions.find((a) => a.action === "withdraw");
  return (
    <>
      <p>
        <Link to="/promotion">← 昇任型公募</Link>
      </p>
      <h1>{d.call.title}</h1>
      {d.call.description ? <p className="promotion-description">{d.call.description}</p> : null}
      <CallFacts call={d.call} posts={d.posts} />
      <h2>応募資格</h2>
      <ul>
        {[...describeEligibility(d.call.eligibility, d.call.referenceDate), ...describeExemptions(d.call.stageExemptions)].map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <EligibilityNote eligibility={d.eligibility} />

      <section aria-labelledby="my-title">
        <h2 id="my-title">
          あなたの応募 {app ? <ApplicationTag status={app.status} /> : null}
        </h2>
        {app?.status === "submitted" ? <p>現在の選考の段階: {app.stageName}</p> : null}
        {d.exemptions.length ? (
          <StageFlow stages={d.call.stages} current={app?.status === "submitted" ? app.stage : null} exemptions={d.exemptions} />
        ) : null}
        {app?.placement ? (
          <p className="notice notice--info">
            配置先: {app.placement.unitPath}（{app.placement.duties}）
          </p>
        ) : null}
        {!app && !d.windowOpen ? <p>受付期間ではないため、応募できません。</p> : null}
        {editable ? (
          <ApplicationForm
            limits={d.call.limits}
            defaultValue={{ motivation: app?.motivation ?? "", careerPlan: app?.careerPlan ?? "", selfPr: app?.selfPr ?? "" }}
            version={app?.version ?? null}
            actions={d.actions}
            lastResult={lastResult}
          />
        ) : app ? (
          <Statements values={app} />
        ) : null}
        {withdraw && app ? (
          <Form method="post" className="panel">
            <FormErrors id="withdraw-errors" errors={editable ? undefined : (lastResult?.error?.[""] ?? undefined)} />
            <p>受付期間中（{d.call.closesOn.replace(/-/g, "/")}まで）は取り下げて、もう一度応募できます。</p>
            <input type="hidden" name="version" value={app.version} />
            <button type="submit" name="intent" value="withdraw" className="button button--danger">
              {withdraw.label}
            </button>
          </Form>
        ) : null}
      </section>
      {app ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">履歴</h2>
          <PromotionHistory history={app.history} stages={d.call.stages} />
        </section>
      ) : null}
    </>
  );
}

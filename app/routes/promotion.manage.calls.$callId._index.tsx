import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { readTableState, type TableSpec } from "~/components/data-table";
import { FormErrors } from "~/components/form";
import { ApplicantsTable } from "~/components/promotion/applicants-table";
import { CallFacts, CallTag } from "~/components/promotion/parts";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { APPLICANT_SORTS, listApplicants, type ApplicantSort } from "~/services/promotion/applicant-list.server";
import { transitionCall } from "~/services/promotion/mutations.server";
import { getCallForHr } from "~/services/promotion/queries.server";
import { describeEligibility, describeExemptions } from "~/services/promotion/rules";
import { callTransitionSchema } from "~/services/promotion/schemas";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.call.title ?? "公募"}（運用） | かわさき人財ポータル` }];

const NOTICE = { publish: "promotion-call-published", close: "promotion-call-closed", select: "promotion-call-selecting", complete: "promotion-call-done" } as const;

const PAGE_SIZE = 50;
const TABLE: TableSpec = { sortable: APPLICANT_SORTS, filterable: ["name", "bureau", "status", "stage"], defaultSort: { id: "name", desc: false } };

async function load(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const detail = await getCallForHr({ callId: Number(args.params.callId), viewer });
  if (!detail) throw notFound();
  return { viewer, detail };
}

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, detail } = await load(args);
  const state = readTableState(new URL(args.request.url).searchParams, TABLE);
  const applicants = await listApplicants(actorOf(args, viewer), detail.call.id, {
    status: state.filters.status,
    stage: state.filters.stage,
    bureauId: Number(state.filters.bureau) || undefined,
    q: state.filters.name,
    sort: state.sort as { id: ApplicantSort; desc: boolean },
    page: { page: state.page, pageSize: PAGE_SIZE },
  });
  if (!applicants) throw notFound();
  return { ...detail, applicants, rules: [...describeEligibility(detail.call.eligibility, detail.call.referenceDate), ...describeExemptions(detail.call.stageExemptions)] };
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, detail } = await load(args);
  const submission = parseWithZod(await args.request.formData(), { schema: callTransitionSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await transitionCall(actorOf(args, viewer), detail.call.id, submission.value.action, submission.value.version);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/promotion/manage/calls/${detail.call.id}`, NOTICE[submission.value.action]));
}

export default function ManageCall() {
  const { call, posts, applicants, actions, rules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/promotion/manage?fy=${call.fiscalYear}`}>← 昇任型公募の運用</Link>
      </p>
      <h1>
        {call.title} <CallTag status={call.status} />
      </h1>
      <FormErrors id="call-errors" errors={result?.error?.[""] ?? undefined} />
      <div className="button-row promotion-actions">
        {call.status === "draft" ? (
          <Link to={`/promotion/manage/calls/${call.id}/edit`} className="button button--secondary">
            内容を編集する
          </Link>
        ) : null}
        {actions.map((a) => (
          <Form method="post" key={a.action} className="inline-form">
            <input type="hidden" name="version" value={call.version} />
            <button type="submit" name="action" value={a.action} className="button">
              {a.label}
            </button>
          </Form>
        ))}
      </div>
      <CallFacts call={call} posts={posts} />
      <h2>応募資格</h2>
      <ul>
        {rules.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <p>
        所属長意見: {call.opinionRequired ? `求める（期限 ${(call.opinionDueOn ?? "").replace(/-/g, "/")}）` : "求めない"}／字数: 志望動機{call.limits.motivation}字・キャリアプラン
        {call.limits.careerPlan}字・自己PR{call.limits.selfPr}字
      </p>
      <section aria-labelledby="applicants-title">
        <h2 id="applicants-title">応募者</h2>
        <p className="muted">この一覧と応募者の記録の閲覧は、監査ログに記録されます。</p>
        <p className="button-row">
          <Link to={`/promotion/manage/calls/${call.id}/eligible`}>応募資格があり未応募の職員</Link>
          <a href={`/promotion/manage/calls/${call.id}/applicants.csv`} download>
            選考委員会用の応募者一覧（CSV）
          </a>
        </p>
        <ApplicantsTable rows={applicants.rows} total={applicants.total} options={applicants.options} pageSize={PAGE_SIZE} defaultSort={TABLE.defaultSort} />
      </section>
    </>
  );
}

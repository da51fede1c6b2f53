import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { withNotice, type NoticeKey } from "~/lib/notices";
import { formatYen } from "~/lib/yen";
import type { SubsidyStatus } from "~/services/subsidy/labels";
import { transitionApplication } from "~/services/subsidy/mutations.server";
import { budgetSummary, committedFor, getApplication } from "~/services/subsidy/queries.server";
import { computeSubsidy, yearlyRemaining } from "~/services/subsidy/rules";
import { transitionSchema } from "~/services/subsidy/schemas";
import { ApplicationSummary, DecisionForm, SubsidyHistory } from "~/services/subsidy/ui";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成の審査 | かわさき人財ポータル" }];

const NOTICE_BY_STATUS: Partial<Record<SubsidyStatus, NoticeKey>> = {
  approved: "subsidy-approved",
  rejected: "subsidy-rejected",
  returned: "subsidy-returned",
  paid: "subsidy-paid",
};

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const detail = getApplication({ id: args.params.id ?? "", viewer, as: "hr_dev" });
  if (!detail) throw notFound();
  const app = detail.application;
  const committed = committedFor(app.applicantId, app.fiscalYear, app.id);
  return {
    detail,
    budget: budgetSummary(app.fiscalYear),
    person: detail.scheme ? { committed, left: yearlyRemaining(detail.scheme.perPersonYearlyCap, committed), cap: detail.scheme.perPersonYearlyCap } : null,
    // What the rules would give today, for comparison with the amount computed at submission.
    recomputed: detail.currentRules ? computeSubsidy(detail.costLines, detail.currentRules, committed).amount : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const detail = getApplication({ id: args.params.id ?? "", viewer, as: "hr_dev" });
  if (!detail) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: transitionSchema });
  if (submission.status !== "success") return submission.reply();
  const { to, version, comment } = submission.value;
  const id = detail.application.id;
  const r = transitionApplication({ actor: { viewer, ip: args.context.ip }, id, as: "hr_dev", to, version, comment });
  if (!r.ok) return submission.reply(r.field ? { fieldErrors: { [r.field]: [r.message] } } : { formErrors: [r.message] });
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

      <section aria-labelledby="limits-title">
        <h2 id="limits-title">予算と上限額（{fiscalYearLabel(app.fiscalYear)}）</h2>
        <ul>
          {budget ? (
            <li>
              予算の残額: <strong>{formatYen(budget.left)}</strong>（予算 {formatYen(budget.budget)}・支払済 {formatYen(budget.used)}・交付決定済 {formatYen(budget.committed)}）
            </li>
          ) : (
            <li>この年度の制度設定がありません。</li>
          )}
          {person ? (
            <li>
              申請者の年度上限額の残り: <strong>{formatYen(person.left)}</strong>（上限 {formatYen(person.cap)}・この申請以外の交付決定 {formatYen(person.committed)}）
            </li>
          ) : null}
          {recomputed !== null && recomputed !== app.amount && app.status !== "paid" && app.status !== "approved" ? (
            <li className="subsidy-warning">
              現在の設定で計算し直すと {formatYen(recomputed)} になります（申請時の計算: {formatYen(app.amount)}）。必要なら差し戻して再申請を依頼してください。
            </li>
          ) : null}
        </ul>
      </section>

      <DecisionForm actions={detail.actions} version={app.version} lastResult={lastResult} />

      <section aria-labelledby="history-title">
        <h2 id="history-title">履歴</h2>
        <SubsidyHistory history={detail.history} />
      </section>
    </>
  );
}

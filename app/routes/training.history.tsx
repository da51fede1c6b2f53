import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/permissions.server";
import { HistoryTable, HistoryYearFilter } from "~/components/training/history";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { historyParams, historyQuery } from "~/services/training/history-params";
import { getTrainingHistory } from "~/services/training/history.server";

export const meta: MetaFunction = () => [{ title: "研修の受講歴 | かわさき人財ポータル" }];

// One page for the person's own 受講歴 and, with ?employee=, a subordinate's (their
// supervisor) or anyone's (人材育成課). The query decides who may read; anyone else 404.
export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireUser(args);
  const params = historyParams(new URL(args.request.url), viewer.id);
  const history = await getTrainingHistory({ viewer, employeeId: params.employeeId, fiscalYear: params.fiscalYear });
  if (!history) throw notFound();
  return { ...history, csvHref: `/training/history.csv${historyQuery(params)}`, employeeParam: params.other ? params.employeeId : null };
}

export default function TrainingHistory() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{d.own ? "研修の受講歴" : `${d.person.name}さんの研修の受講歴`}</h1>
      <p>
        {d.own ? null : (
          <>
            職員番号 {d.person.staffNumber}・{d.person.rank ?? "職位未登録"}・{d.person.orgPath ?? "所属未登録"}
            <br />
          </>
        )}
        {d.fiscalYear === null ? "すべての年度" : fiscalYearLabel(d.fiscalYear)}の研修 {d.rows.length}件（修了・欠席・キャンセルを含みます）
      </p>
      <HistoryYearFilter years={d.years} value={d.fiscalYear} employeeId={d.employeeParam} />
      <HistoryTable rows={d.rows} linkCourses={d.own} />
      <p>
        <a href={d.csvHref} download>
          この受講歴をCSVでダウンロード
        </a>
      </p>
      <p>{d.own ? <Link to="/training">階層別研修のページへ</Link> : null}</p>
      <p className="muted">日付・時刻はすべて日本時間です。</p>
    </>
  );
}

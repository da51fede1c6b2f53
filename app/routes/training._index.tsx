import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { CourseTable, ElectiveProgressPanels, MyEnrollments } from "~/components/training/my-training";
import { currentFiscalYear, fiscalYearLabel } from "~/lib/fiscal-year";
import { drawDueLotteries } from "~/services/training/lottery.server";
import { getMyTraining } from "~/services/training/employee-queries.server";

export const meta: MetaFunction = () => [{ title: "階層別研修 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  await drawDueLotteries();
  const fiscalYear = currentFiscalYear();
  const data = await getMyTraining({ viewer, fiscalYear });
  if (!data) throw notFound();
  return { ...data, fiscalYearLabel: fiscalYearLabel(fiscalYear) };
}

export default function TrainingHome() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>階層別研修</h1>
      <p>
        {d.fiscalYearLabel}
        {d.tiers.length > 0 ? (
          <>
            ・あなたの階層: <strong>{d.tiers.join("・")}</strong>
          </>
        ) : (
          <>・今年度、階層別研修の対象階層にはあたりません。希望制の研修には申し込めます。</>
        )}
      </p>
      <p>
        <a href="/training/calendar.ics" download>
          受講が決まった研修をカレンダーに取り込む（.ics ファイル）
        </a>
      </p>

      <ElectiveProgressPanels progress={d.progress} />

      <section aria-labelledby="tier-title">
        <h2 id="tier-title">{d.tiers.length > 0 ? `${d.tiers.join("・")}の研修` : "階層別研修"}</h2>
        {d.tierCourses.length > 0 ? (
          <CourseTable caption={`${d.tiers.join("・")}の研修`} courses={d.tierCourses} />
        ) : (
          <p className="muted">今年度、あなたの階層を対象とする研修はありません。</p>
        )}
      </section>

      <section aria-labelledby="optin-title">
        <h2 id="optin-title">希望制の研修</h2>
        <p className="muted">関心やキャリアに合わせて、希望して受講できる研修です。</p>
        {d.optInCourses.length > 0 ? (
          <CourseTable caption="希望制の研修" courses={d.optInCourses} />
        ) : (
          <p className="muted">申し込める希望制の研修はありません。</p>
        )}
      </section>

      <MyEnrollments enrollments={d.enrollments} />
      <p>
        <Link to="/training/history">これまでの受講歴（すべての年度）を見る</Link>
      </p>
      <p className="muted">日付・時刻はすべて日本時間です。</p>
    </>
  );
}

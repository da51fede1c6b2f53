import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireRole } from "~/auth/permissions.server";
import { CatalogueTable, YearSummary } from "~/components/training/catalogue";
import { currentFiscalYear, fiscalYearFromUrl, fiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { copyCatalogue, countCourses, listCatalogue } from "~/services/training/catalogue.server";
import { manageCatalogueActionSchema } from "~/services/training/schemas";
import { trainingStats } from "~/services/training/stats.server";

export const meta: MetaFunction = () => [{ title: "研修管理 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), selectableFiscalYears({ ahead: 2 }));
  const courses = await listCatalogue(fiscalYear);
  return {
    fiscalYear,
    label: fiscalYearLabel(fiscalYear),
    prevLabel: fiscalYearLabel(fiscalYear - 1),
    current: currentFiscalYear(),
    courses,
    previousYearCourses: await countCourses(fiscalYear - 1),
    stats: await trainingStats(fiscalYear),
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const submission = parseWithZod(await args.request.formData(), { schema: manageCatalogueActionSchema });
  if (submission.status !== "success") return { error: "送信内容が正しくありません。" };
  const fy = submission.value.fiscalYear;
  const copied = await copyCatalogue(actorOf(args, viewer), fy - 1, fy);
  return redirect(withNotice(`/training/manage?fy=${fy}`, copied.courses > 0 ? "training-copied" : "training-copied-none"));
}

export default function ManageCatalogue() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const years = [...new Set([d.fiscalYear - 1, d.fiscalYear, d.fiscalYear + 1, d.current])].sort((a, b) => a - b);
  return (
    <>
      <h1>研修管理（階層別研修）</h1>
      {result?.error ? (
        <div className="form-errors" role="alert">
          <p>{result.error}</p>
        </div>
      ) : null}
      <nav aria-label="年度" className="button-row year-nav">
        {years.map((y) =>
          y === d.fiscalYear ? (
            <strong key={y} aria-current="page" className="year-nav__current">
              {fiscalYearLabel(y)}
            </strong>
          ) : (
            <Link key={y} to={`/training/manage?fy=${y}`}>
              {fiscalYearLabel(y)}
            </Link>
          ),
        )}
      </nav>

      <YearSummary label={d.label} stats={d.stats} />

      <section aria-labelledby="catalogue-title">
        <h2 id="catalogue-title">{d.label}の研修一覧</h2>
        <div className="button-row">
          <Link className="button" to={`/training/manage/courses/new?fy=${d.fiscalYear}`}>
            研修を追加
          </Link>
          <Link className="button button--secondary" to={`/training/manage/rules?fy=${d.fiscalYear}`}>
            選択科目のルール
          </Link>
          <Link className="button button--secondary" to="/training/manage/people">
            職員の受講歴
          </Link>
          <Link className="button button--secondary" to={`/training/manage/tiers?fy=${d.fiscalYear}`}>
            階層
          </Link>
          {d.previousYearCourses > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="copy" />
              <input type="hidden" name="fiscalYear" value={d.fiscalYear} />
              <button type="submit" className="button button--secondary">
                {d.prevLabel}の研修（{d.previousYearCourses}件）をコピー
              </button>
            </Form>
          ) : null}
        </div>
        <CatalogueTable courses={d.courses} />
      </section>
    </>
  );
}

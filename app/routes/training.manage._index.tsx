import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";
import { currentFiscalYear, fiscalYearFromUrl, fiscalYearLabel, formatDateJa, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { copyCatalogue, countCourses, listCatalogue } from "~/services/training/catalogue.server";
import { manageCatalogueActionSchema } from "~/services/training/schemas";
import { trainingStats } from "~/services/training/stats.server";
import { tierLabelMap } from "~/services/training/store.server";
import { KindTag } from "~/services/training/ui";

export const meta: MetaFunction = () => [{ title: "研修管理 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_dev");
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), selectableFiscalYears({ ahead: 2 }));
  const labels = tierLabelMap();
  const courses = listCatalogue(fiscalYear).map((c) => ({ ...c, tierLabels: c.tierCodes.map((t) => labels.get(t) ?? t) }));
  return {
    fiscalYear,
    label: fiscalYearLabel(fiscalYear),
    prevLabel: fiscalYearLabel(fiscalYear - 1),
    current: currentFiscalYear(),
    courses,
    previousYearCourses: countCourses(fiscalYear - 1),
    stats: trainingStats(fiscalYear),
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const submission = parseWithZod(await args.request.formData(), { schema: manageCatalogueActionSchema });
  if (submission.status !== "success") return { error: "送信内容が正しくありません。" };
  const fy = submission.value.fiscalYear;
  const copied = copyCatalogue({ id: viewer.id, ip: args.context.ip }, fy - 1, fy);
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

      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{d.label}の状況</h2>
        <ul className="stat-list">
          <li>
            <span className="stat-list__label">研修</span> <strong>{d.stats.courses}</strong>件
          </li>
          <li>
            <span className="stat-list__label">実施済みの回 / 予定</span> <strong>{d.stats.sessionsHeld}</strong> / {d.stats.sessionsPlanned}回
          </li>
          <li>
            <span className="stat-list__label">申込（取消・差戻しを除く）</span> <strong>{d.stats.activeSignUps}</strong>件
          </li>
          <li>
            <span className="stat-list__label">キャンセル待ち</span> <strong>{d.stats.waitlisted}</strong>件
          </li>
          <li>
            <span className="stat-list__label">修了</span> <strong>{d.stats.completions}</strong>件（{d.stats.completers}名）
          </li>
        </ul>
      </section>

      <section aria-labelledby="catalogue-title">
        <h2 id="catalogue-title">{d.label}の研修一覧</h2>
        <div className="button-row">
          <Link className="button" to={`/training/manage/courses/new?fy=${d.fiscalYear}`}>
            研修を追加
          </Link>
          <Link className="button button--secondary" to={`/training/manage/rules?fy=${d.fiscalYear}`}>
            選択科目のルール
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
        {d.courses.length === 0 ? (
          <p className="muted">この年度の研修はまだありません。</p>
        ) : (
          <div className="table-wrap">
            <table className="table training-table">
              <thead>
                <tr>
                  <th scope="col">研修</th>
                  <th scope="col">種別</th>
                  <th scope="col">対象</th>
                  <th scope="col" className="training-nowrap">承認</th>
                  <th scope="col" className="num training-nowrap">
                    回（受付中）
                  </th>
                  <th scope="col" className="num training-nowrap">
                    席 / 定員
                  </th>
                  <th scope="col" className="num training-nowrap">
                    キャンセル待ち
                  </th>
                  <th scope="col">最初の回</th>
                </tr>
              </thead>
              <tbody>
                {d.courses.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/training/manage/courses/${c.id}`}>{c.title}</Link>
                    </th>
                    <td>
                      <KindTag kind={c.kind} />
                    </td>
                    <td>{c.tierLabels.length > 0 ? c.tierLabels.join("・") : "全職員"}</td>
                    <td className="training-nowrap">{c.needsApproval ? "要" : "不要"}</td>
                    <td className="num training-nowrap">
                      {c.sessionCount}（{c.openSessions}）
                    </td>
                    <td className="num training-nowrap">
                      {c.taken} / {c.capacity}
                    </td>
                    <td className="num training-nowrap">{c.waitlisted}</td>
                    <td className="training-nowrap">{c.firstStartsAt ? formatDateJa(new Date(c.firstStartsAt)) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

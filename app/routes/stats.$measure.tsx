import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FiscalYearSelect } from "~/components/fiscal-year-select";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/permissions.server";
import { requireModuleViewer, requireStatsViewer } from "~/auth/require-stats.server";
import { BreakdownTable } from "~/components/breakdown-table";
import { BarChart } from "~/components/charts";
import { fiscalYearFromUrl, fiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { dimensionByKey, dimensionsOf } from "~/services/progress/dimensions";
import { measureByKey } from "~/services/progress/measures";
import { moduleFor } from "~/services/progress/modules.server";
import { suppressionThreshold } from "~/services/progress/settings.server";
import { breakdownView, parseTableQuery } from "~/services/progress/view.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.measure.name ?? "統計"}の内訳 | かわさき人財ポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const measure = measureByKey(args.params.measure ?? "");
  const module = measure ? moduleFor(measure.key) : undefined;
  if (!measure || !module) {
    requireStatsViewer(args);
    throw notFound();
  }
  requireModuleViewer(args, module);
  const url = new URL(args.request.url);
  const years = selectableFiscalYears();
  const fiscalYear = fiscalYearFromUrl(url, years);
  const dimension = dimensionByKey(url.searchParams.get("dim"), module);
  const query = parseTableQuery(url);
  return {
    measure,
    fiscalYear,
    years,
    dimension: { key: dimension.key, label: dimension.label },
    dimensions: dimensionsOf(module).map((d) => ({ key: d.key, label: d.label })),
    query,
    view: await breakdownView(module, fiscalYear, dimension, await suppressionThreshold(), query),
  };
}

export default function MeasureBreakdown() {
  const { measure, fiscalYear, years, dimension, dimensions, query, view } = useLoaderData<typeof loader>();
  const params = (over: Record<string, string>) => {
    const p = new URLSearchParams({ fy: String(fiscalYear), dim: dimension.key, ...(query.q ? { q: query.q } : {}), sort: query.sort, dir: query.desc ? "desc" : "asc", ...over });
    return `?${p}`;
  };
  const first = view.columns[0];
  return (
    <>
      <p>
        <Link to={`/stats?fy=${fiscalYear}`}>← 取組の進捗へ戻る</Link>
      </p>
      <h1>
        {measure.name}の内訳 — {fiscalYearLabel(fiscalYear)}
      </h1>
      <p className="muted">所管課: {measure.owner}／計画のアウトプット: {measure.plannedOutput}</p>

      <nav aria-label="内訳の切り替え" className="tabs">
        <ul>
          {dimensions.map((d) => (
            <li key={d.key}>
              <Link to={params({ dim: d.key, sort: "label", dir: "asc" })} aria-current={d.key === dimension.key ? "page" : undefined}>
                {d.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="button-row button-row--end">
        <input type="hidden" name="dim" value={dimension.key} />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.desc ? "desc" : "asc"} />
        <FiscalYearSelect years={years} value={fiscalYear} />
        <div className="field">
          <label htmlFor="q">{dimension.label}で絞り込み</label>
          <input id="q" name="q" type="search" defaultValue={query.q} />
        </div>
        <button type="submit" className="button">
          表示
        </button>
        <a className="button button--secondary" href={`/stats/${measure.key}/csv${params({})}`} download>
          CSVをダウンロード
        </a>
      </Form>

      {view.suppressionApplied ? (
        <p className="notice notice--info">
          個人が特定されないよう、{view.threshold}人未満のセルは「{view.threshold}未満」と表示し、合計から逆算できないよう一部のセルも「秘匿」としています。
        </p>
      ) : null}
      {view.withheld ? (
        <p className="notice notice--info" role="status">
          件数が少なく、どの行を表示しても個人の件数が推計できてしまうため、この内訳は合計のみ表示しています。
        </p>
      ) : null}

      {first ? (
        <BarChart
          title={`${dimension.label}別の${first.label}`}
          unit=""
          bars={view.rows.map((r) => ({ label: r.label, value: r.cells[0]?.sort ?? 0, suppressed: r.cells[0]?.sort === null }))}
        />
      ) : null}

      <BreakdownTable
        caption={`${measure.name}の${dimension.label}別内訳`}
        labelHeader={dimension.label}
        columns={view.columns}
        rows={view.rows}
        totals={view.totals}
        sorting={[{ id: query.sort, desc: query.desc }]}
        hrefFor={(sort, currentlyAsc) => params({ sort, dir: currentlyAsc ? "desc" : "asc" })}
      />
      {query.q ? <p className="muted">合計は絞り込み前の全体の値です。</p> : null}
    </>
  );
}

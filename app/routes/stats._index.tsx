import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FiscalYearSwitcher } from "~/components/fiscal-year-select";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStatsViewer } from "~/auth/require-stats.server";
import { TrendChart } from "~/components/charts";
import { fiscalYearFromUrl, fiscalYearLabel, PLAN_FIRST_YEAR, PLAN_LAST_YEAR, reiwaFiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import { INDICATORS, meetsTarget, targetLabel } from "~/services/progress/indicators";
import { indicatorValues } from "~/services/progress/indicators.server";
import { progressRows } from "~/services/progress/modules.server";
import type { ShownFigure } from "~/services/progress/modules.server";
import type { Figure } from "~/services/progress/types";

export const meta: MetaFunction = () => [{ title: "取組の進捗（統計） | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireStatsViewer(args);
  const years = selectableFiscalYears();
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), years);
  return {
    fiscalYear,
    years,
    rows: progressRows(viewer, fiscalYear),
    indicators: viewer.roles.includes("hr_dev") ? indicatorValues() : null,
    canEdit: viewer.roles.includes("hr_dev"),
  };
}

function showFigure(f: ShownFigure): string {
  if (f.value === null) return f.text ?? "";
  return f.unit === "円" ? formatYen(f.value) : `${f.value.toLocaleString("ja-JP")}${f.unit}`;
}

function change(now: ShownFigure, before: ShownFigure | undefined): string {
  // A difference next to a suppressed figure would give the suppressed one away.
  if (!before || now.value === null || before.value === null) return "—";
  const d = now.value - before.value;
  if (d === 0) return "±0";
  return `${d > 0 ? "+" : "−"}${f2(Math.abs(d), now.unit)}`;
}
function f2(n: number, unit: Figure["unit"]) {
  return unit === "円" ? formatYen(n) : `${n.toLocaleString("ja-JP")}${unit}`;
}

export default function Progress() {
  const { fiscalYear, years, rows, indicators, canEdit } = useLoaderData<typeof loader>();
  const planYears = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 2 }, (_, i) => PLAN_FIRST_YEAR - 1 + i);
  return (
    <>
      <h1>取組の進捗 — {fiscalYearLabel(fiscalYear)}</h1>
      <FiscalYearSwitcher years={years} value={fiscalYear} className="button-row button-row--end" />

      <h2>取組ごとの実績（前年度 {reiwaFiscalYearLabel(fiscalYear - 1)} との比較）</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">取組</th>
              <th scope="col">所管課</th>
              <th scope="col">主なアウトプット（計画）</th>
              <th scope="col">{reiwaFiscalYearLabel(fiscalYear)}の実績</th>
              <th scope="col">前年度比</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.measure.key}>
                <th scope="row">
                  {r.visible ? <Link to={`/stats/${r.measure.key}?fy=${fiscalYear}`}>{r.measure.name}</Link> : r.measure.name}
                </th>
                <td>{r.measure.owner}</td>
                <td>{r.measure.plannedOutput}</td>
                <td>
                  {!r.served ? (
                    <span className="muted">ポータルでは未対応のため、集計はありません</span>
                  ) : !r.visible ? (
                    <span className="muted">所管課のみ閲覧できます</span>
                  ) : (
                    <ul className="figures">
                      {r.figures.map((f) => (
                        <li key={f.label}>
                          {f.label}: <strong>{showFigure(f)}</strong>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {r.visible ? (
                    <ul className="figures">
                      {r.figures.map((f) => (
                        <li key={f.label}>
                          {f.label}: {change(f, r.previous.find((p) => p.label === f.label))}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {indicators ? (
        <section aria-labelledby="indicators-title">
          <h2 id="indicators-title">成果指標（ストレスチェック結果に基づく集団分析）</h2>
          {canEdit ? (
            <p>
              <Link to={`/stats/indicators?fy=${fiscalYear}`}>成果指標の値を入力する</Link>
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">指標</th>
                  <th scope="col">現状値（2025年度）</th>
                  <th scope="col">目標値（2029年度）</th>
                  <th scope="col">全国平均</th>
                  {planYears.slice(1).map((y) => (
                    <th scope="col" key={y} className="num">
                      {reiwaFiscalYearLabel(y)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {INDICATORS.map((i) => (
                  <tr key={i.code}>
                    <th scope="row">{i.name}</th>
                    <td className="num">{i.baseline}</td>
                    <td>{targetLabel(i)}</td>
                    <td className="num">{i.nationalAverage}</td>
                    {planYears.slice(1).map((y) => {
                      const v = indicators.find((x) => x.fiscalYear === y && x.indicator === i.code);
                      return (
                        <td key={y} className="num">
                          {v ? (
                            <>
                              {v.value}{" "}
                              <span className={meetsTarget(i, v.value) ? "tag tag--ok" : "tag"}>{meetsTarget(i, v.value) ? "達成" : "未達"}</span>
                            </>
                          ) : (
                            <span className="muted">未入力</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="chart-row">
            {INDICATORS.map((i) => (
              <TrendChart
                key={i.code}
                title={`${i.name}（目標 ${targetLabel(i)}）`}
                target={i.target}
                min={i.code === "health_risk" ? 6 : 2}
                max={i.code === "health_risk" ? 12 : 3.5}
                series={{
                  label: i.name,
                  points: planYears.map((y) => ({
                    x: `R${y - 2018}`,
                    y: y === i.baselineYear ? i.baseline : (indicators.find((x) => x.fiscalYear === y && x.indicator === i.code)?.value ?? null),
                  })),
                }}
              />
            ))}
          </div>
          <p className="muted">R7（2025年度）は計画策定時の現状値です。全国平均は計画に記載の基準値です。</p>
        </section>
      ) : null}
    </>
  );
}

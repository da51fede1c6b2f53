import { Link } from "@remix-run/react";
import { TrendChart } from "~/components/charts";
import { reiwaFiscalYearLabel, shortFiscalYearLabel } from "~/lib/fiscal-year";
import { INDICATORS, INDICATOR_BASELINE_YEAR, INDICATOR_TARGET_YEAR, INDICATOR_YEARS, meetsTarget, targetLabel } from "~/services/progress/indicators";
import type { IndicatorValue } from "~/services/progress/indicators.server";
import { TableScroll } from "~/components/table-scroll";

/** The plan's outcome indicators against their targets, per 年度 of the plan, with a trend chart each. */
export function IndicatorSection({ indicators, canEdit, fiscalYear }: { indicators: IndicatorValue[]; canEdit: boolean; fiscalYear: number }) {
  const planYears = INDICATOR_YEARS;
  return (
    <section aria-labelledby="indicators-title">
      <h2 id="indicators-title">成果指標（ストレスチェック結果に基づく集団分析）</h2>
      {canEdit ? (
        <p>
          <Link to={`/stats/indicators?fy=${fiscalYear}`}>成果指標の値を入力する</Link>
        </p>
      ) : null}
      <TableScroll label="成果指標">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">指標</th>
              <th scope="col">現状値（{INDICATOR_BASELINE_YEAR}年度）</th>
              <th scope="col">目標値（{INDICATOR_TARGET_YEAR}年度）</th>
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
      </TableScroll>
      <div className="chart-row">
        {INDICATORS.map((i) => (
          <TrendChart
            key={i.code}
            title={`${i.name}（目標 ${targetLabel(i)}）`}
            target={i.target}
            min={i.chartRange[0]}
            max={i.chartRange[1]}
            series={{
              label: i.name,
              points: planYears.map((y) => ({
                x: shortFiscalYearLabel(y),
                y: y === i.baselineYear ? i.baseline : (indicators.find((x) => x.fiscalYear === y && x.indicator === i.code)?.value ?? null),
              })),
            }}
          />
        ))}
      </div>
      <p className="muted">
        {shortFiscalYearLabel(INDICATOR_BASELINE_YEAR)}（{INDICATOR_BASELINE_YEAR}年度）は計画策定時の現状値です。全国平均は計画に記載の基準値です。
      </p>
    </section>
  );
}

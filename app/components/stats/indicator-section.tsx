import { Link } from "@remix-run/react";
import { TrendChart } from "~/components/charts";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR, reiwaFiscalYearLabel } from "~/lib/fiscal-year";
import { INDICATORS, meetsTarget, targetLabel } from "~/services/progress/indicators";
import type { IndicatorValue } from "~/services/progress/indicators.server";
import { TableScroll } from "~/components/table-scroll";

/** The plan's outcome indicators against their targets, per 年度 of the plan, with a trend chart each. */
export function IndicatorSection({ indicators, canEdit, fiscalYear }: { indicators: IndicatorValue[]; canEdit: boolean; fiscalYear: number }) {
  const planYears = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 2 }, (_, i) => PLAN_FIRST_YEAR - 1 + i);
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
      </TableScroll>
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
  );
}

import { Link } from "@remix-run/react";
import { reiwaFiscalYearLabel } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import type { MeasureKey } from "~/services/progress/measures";
import type { ShownFigure } from "~/services/progress/modules.server";
import { yearChange } from "~/services/progress/year-change";
import { TableScroll } from "~/components/table-scroll";

type Row = {
  measure: { key: MeasureKey; name: string; owner: string; plannedOutput: string };
  served: boolean;
  visible: boolean;
  figures: ShownFigure[];
  previous: ShownFigure[];
};

function showFigure(f: ShownFigure): string {
  if (f.value === null) return f.text ?? "";
  return f.unit === "円" ? formatYen(f.value) : `${f.value.toLocaleString("ja-JP")}${f.unit}`;
}

/** Each plan measure with its planned output, this 年度's figures and the change from the year before. */
export function ProgressTable({ rows, fiscalYear }: { rows: Row[]; fiscalYear: number }) {
  return (
      <TableScroll label="取組ごとの実績">
      <table className="table">
        <thead>
          <tr>
            <th scope="col" className="col-name">取組</th>
            <th scope="col">所管課</th>
            <th scope="col" className="col-wide">主なアウトプット（計画）</th>
            <th scope="col" className="col-wide">{reiwaFiscalYearLabel(fiscalYear)}の実績</th>
            <th scope="col" className="col-wide">前年度比</th>
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
                        {f.label}: {yearChange(f, r.previous)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

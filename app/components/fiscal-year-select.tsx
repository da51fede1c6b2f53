import { fiscalYearLabel } from "~/lib/fiscal-year";

/** The labelled 年度 picker used by every per-年度 page (令和 and FY both shown). */
export function FiscalYearSelect({ years, value, id = "fy", name = "fy" }: { years: number[]; value: number; id?: string; name?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>年度</label>
      <select id={id} name={name} defaultValue={value}>
        {years.map((y) => (
          <option key={y} value={y}>
            {fiscalYearLabel(y)}
          </option>
        ))}
      </select>
    </div>
  );
}

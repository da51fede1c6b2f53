import { Form } from "@remix-run/react";
import { fiscalYearLabel } from "~/lib/fiscal-year";

/** The labelled 年度 picker used by every per-年度 page (令和 and FY both shown). */
export function FiscalYearSelect({
  years,
  value,
  id = "fy",
  name = "fy",
  defaultValue,
}: {
  years: readonly number[];
  value?: number;
  id?: string;
  name?: string;
  /** For a picker inside a larger form (Conform's initial value). */
  defaultValue?: string | number;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>年度</label>
      <select id={id} name={name} defaultValue={defaultValue ?? value}>
        {years.map((y) => (
          <option key={y} value={y}>
            {fiscalYearLabel(y)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A GET form that switches the page to another 年度 — works without JavaScript. `keep`
 * carries other query values (a filter, a tab) across the switch.
 */
export function FiscalYearSwitcher({
  years,
  value,
  keep = {},
  className = "button-row",
}: {
  years: readonly number[];
  value: number;
  keep?: Record<string, string | undefined>;
  className?: string;
}) {
  return (
    <Form method="get" className={className}>
      {Object.entries(keep).map(([k, v]) => (v === undefined ? null : <input key={k} type="hidden" name={k} value={v} />))}
      <FiscalYearSelect years={years} value={value} />
      <button type="submit" className="button button--secondary">
        表示
      </button>
    </Form>
  );
}

import { currentFiscalYear } from "~/lib/fiscal-year";

/** The plan runs R8–R11 (FY2026–2029); earlier years are kept for comparison. */
export const PLAN_FIRST_YEAR = 2026;
export const PLAN_LAST_YEAR = 2029;

export function selectableFiscalYears(now = new Date()): number[] {
  const last = Math.max(currentFiscalYear(now), PLAN_FIRST_YEAR);
  const years: number[] = [];
  for (let y = last; y >= PLAN_FIRST_YEAR - 3; y--) years.push(y);
  return years;
}

/** `?fy=` when it is one of the selectable years, else the current 年度. */
export function fiscalYearParam(url: URL, now = new Date()): number {
  const fy = Number(url.searchParams.get("fy"));
  return selectableFiscalYears(now).includes(fy) ? fy : currentFiscalYear(now);
}

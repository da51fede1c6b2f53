import { currentFiscalYear } from "~/lib/fiscal-year";

/** The 年度 in `?fy=`, or the current one when absent or out of range. */
export function fiscalYearParam(request: Request): number {
  const raw = new URL(request.url).searchParams.get("fy");
  const n = raw && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  return n >= 2019 && n <= 2100 ? n : currentFiscalYear();
}

import { stringify } from "csv-stringify/sync";

/** UTF-8 byte order mark: Japanese Excel needs it to open UTF-8 CSV correctly. */
export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell that Excel could run as a formula (= + - @ tab CR at the start) gets a leading
 * apostrophe, so an exported name like "=HYPERLINK(...)" stays text (OWASP CSV injection).
 */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : String(value);
  if (typeof value === "number") return text; // negative numbers are data, not formulas
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV (CRLF, quotes doubled) of one table, with a BOM, as one string. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return UTF8_BOM + stringify([header.map(neutraliseCell), ...rows.map((r) => r.map(neutraliseCell))], { record_delimiter: "\r\n", quoted_match: /[",\r\n]/ });
}

export function csvHeaders(filename: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Cache-Control": "private, no-store",
  };
}

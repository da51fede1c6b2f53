import { stringify } from "csv-stringify/sync";

// CSV for Japanese Excel: UTF-8 with BOM, RFC 4180 quoting, CRLF, and any cell that
// Excel would read as a formula (= + - @ tab CR at the start) neutralised with a leading
// apostrophe, so a name like "=HYPERLINK(…)" stays text.

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toExcelCsv(header: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((r) => r.map((v) => (v === null ? "" : typeof v === "number" ? String(v) : neutraliseCell(v))));
  return stringify([header.map(neutraliseCell), ...cells], { bom: true, record_delimiter: "\r\n", quoted_match: /[",\r\n]/ });
}

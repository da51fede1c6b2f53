import { stringify } from "csv-stringify/sync";

// The one CSV writer of the portal, for Japanese Excel: UTF-8 with BOM, RFC 4180 quoting,
// CRLF, and every cell Excel could run as a formula neutralised (OWASP CSV injection).

/** UTF-8 byte order mark: Japanese Excel needs it to open UTF-8 CSV correctly. */
export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const OPTIONS = { record_delimiter: "\r\n", quoted_match: /[",\r\n]/ } as const;

/**
 * A cell that Excel could run as a formula (= + - @ tab CR at the start) gets a leading
 * apostrophe, so an exported name like "=HYPERLINK(...)" stays text. Numbers are data:
 * a negative number is not a formula.
 */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : String(value);
  if (typeof value === "number") return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function lines(rows: readonly (readonly unknown[])[]): string {
  return stringify(
    rows.map((r) => r.map(neutraliseCell)),
    OPTIONS,
  );
}

/** One table as one string (small exports: a roster). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return UTF8_BOM + lines([header, ...rows]);
}

/**
 * A large table as a stream pulled in batches as the client reads, so a database cursor
 * behind `rows` is never collected in memory. The iterator is closed if the client goes.
 */
export function csvStream(header: readonly string[], rows: Iterable<readonly unknown[]>, batchSize = 500): ReadableStream<Uint8Array> {
  const iterator = rows[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + lines([header])));
    },
    pull(controller) {
      const batch: (readonly unknown[])[] = [];
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        batch.push(next.value);
        if (batch.length === batchSize) break;
      }
      if (batch.length > 0) controller.enqueue(encoder.encode(lines(batch)));
      if (batch.length < batchSize) controller.close();
    },
    cancel() {
      iterator.return?.();
    },
  });
}

export function csvHeaders(filename: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Cache-Control": "private, no-store",
  };
}

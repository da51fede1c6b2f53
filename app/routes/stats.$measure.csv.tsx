import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { notFound, requireUser } from "~/auth/permissions.server";
import { requireModuleViewer } from "~/auth/require-stats.server";
import { csvHeaders, neutraliseCell, UTF8_BOM } from "~/lib/csv";
import { reiwaFiscalYearLabel } from "~/lib/fiscal-year";
import { getDb } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import { dimensionByKey } from "~/services/progress/dimensions";
import { fiscalYearParam } from "~/services/progress/fiscal-years";
import { measureByKey } from "~/services/progress/measures";
import { moduleFor } from "~/services/progress/modules.server";
import { suppressionThreshold } from "~/services/progress/settings.server";
import { iterateBreakdownRows, shouldSuppress } from "~/services/progress/breakdown.server";
import { breakdownView, parseTableQuery } from "~/services/progress/view.server";

const CSV_OPTIONS = { record_delimiter: "\r\n" } as const;

/** CSV of one breakdown, as shown on the page (suppressed cells stay suppressed). */
export async function loader(args: LoaderFunctionArgs) {
  requireUser(args);
  const measure = measureByKey(args.params.measure ?? "");
  const module = measure ? moduleFor(measure.key) : undefined;
  if (!measure || !module) throw notFound();
  const viewer = requireModuleViewer(args, module);
  const url = new URL(args.request.url);
  const fiscalYear = fiscalYearParam(url);
  const dimension = dimensionByKey(url.searchParams.get("dim"), module);
  const query = parseTableQuery(url);
  audit(getDb(), {
    actorId: viewer.id,
    action: "stats.export",
    target: `${measure.key}/${dimension.key}/${fiscalYear}`,
    outcome: "success",
    ip: args.context.ip,
  });
  const header = [dimension.label, ...module.metrics.map((m) => (m.unit === "yen" ? `${m.label}（円）` : m.label))];
  const filename = `${measure.name}_${dimension.label}別_${reiwaFiscalYearLabel(fiscalYear)}.csv`;

  const streamed = !shouldSuppress(module, dimension) && !query.q && query.sort === "label" && !query.desc;
  const source: Iterable<unknown[]> = streamed
    ? iterateBreakdownRows(module, fiscalYear, dimension)
    : (() => {
        const view = breakdownView(module, fiscalYear, dimension, suppressionThreshold(), query);
        return [...view.rows.map((r) => [r.label, ...r.cells.map((c) => (c.sort === null ? c.text : c.sort))]), ["合計", ...view.totals.map((c) => (c.sort === null ? c.text : c.sort))]];
      })();

  // Pulled in batches as the client reads: the database cursor is never collected in memory.
  const iterator = source[Symbol.iterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + stringify([header.map(neutraliseCell)], CSV_OPTIONS)));
    },
    pull(controller) {
      const batch: unknown[][] = [];
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        batch.push(next.value.map((v) => (typeof v === "number" ? v : neutraliseCell(v))));
        if (batch.length === 500) break;
      }
      if (batch.length > 0) controller.enqueue(encoder.encode(stringify(batch, CSV_OPTIONS)));
      if (batch.length < 500) controller.close();
    },
    cancel() {
      iterator.return?.();
    },
  });
  return new Response(body, { headers: csvHeaders(filename) });
}

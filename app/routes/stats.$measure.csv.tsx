import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/permissions.server";
import { requireModuleViewer } from "~/auth/require-stats.server";
import { csvHeaders, toCsv } from "~/lib/csv";
import { fiscalYearFromUrl, reiwaFiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { auditAlone } from "~/services/audit/audit.server";
import { dimensionByKey } from "~/services/progress/dimensions";
import { measureByKey } from "~/services/progress/measures";
import { moduleFor } from "~/services/progress/modules.server";
import { suppressionThreshold } from "~/services/progress/settings.server";
import { breakdownCsv, breakdownView, parseTableQuery } from "~/services/progress/view.server";

/** CSV of one breakdown, as shown on the page (suppressed cells stay suppressed). */
export async function loader(args: LoaderFunctionArgs) {
  requireUser(args);
  const measure = measureByKey(args.params.measure ?? "");
  const module = measure ? moduleFor(measure.key) : undefined;
  if (!measure || !module) throw notFound();
  const viewer = requireModuleViewer(args, module);
  const url = new URL(args.request.url);
  const fiscalYear = fiscalYearFromUrl(url, selectableFiscalYears());
  const dimension = dimensionByKey(url.searchParams.get("dim"), module);
  const query = parseTableQuery(url);
  await auditAlone({
    actorId: viewer.id,
    action: "stats.export",
    target: `${measure.key}/${dimension.key}/${fiscalYear}`,
    outcome: "success",
    ip: args.context.ip,
  });
  const filename = `${measure.name}_${dimension.label}別_${reiwaFiscalYearLabel(fiscalYear)}.csv`;
  // The very rows, order and 合計 the page shows (breakdownView), as CSV cells.
  const view = await breakdownView(module, fiscalYear, dimension, await suppressionThreshold(), query);
  return new Response(toCsv(...breakdownCsv(module, dimension, view)), { headers: csvHeaders(filename) });
}

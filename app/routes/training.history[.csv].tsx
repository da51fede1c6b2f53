import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/permissions.server";
import { csvHeaders, toCsv } from "~/lib/csv";
import { historyParams } from "~/services/training/history-params";
import { HISTORY_CSV_HEADER, getTrainingHistory, historyCsvRows } from "~/services/training/history.server";

/** The 受講歴 on the page with the same query, as CSV for Japanese Excel (same rows, same order). */
export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireUser(args);
  const params = historyParams(new URL(args.request.url), viewer.id);
  const history = await getTrainingHistory({ viewer, employeeId: params.employeeId, fiscalYear: params.fiscalYear });
  if (!history) throw notFound();
  const year = params.fiscalYear === null ? "all" : String(params.fiscalYear);
  return new Response(toCsv(HISTORY_CSV_HEADER, historyCsvRows(history.rows)), {
    headers: csvHeaders(`training-history-${history.person.staffNumber}-${year}.csv`),
  });
}

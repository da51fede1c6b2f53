import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/permissions.server";
import { EMPLOYEE_CSV_COLUMNS, LEAVE_CSV_COLUMNS, ORG_CSV_COLUMNS } from "~/services/org/import-columns";

/**
 * The header row of the import CSV as a file to fill in: 職員CSV by default, 所属CSV with
 * `?file=org`, 休職等期間CSV with `?file=leave`. UTF-8 with BOM so that Japanese Excel opens it without garbling.
 */
export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const which = new URL(args.request.url).searchParams.get("file");
  const org = which === "org";
  const leave = which === "leave";
  const columns = org ? ORG_CSV_COLUMNS : leave ? LEAVE_CSV_COLUMNS : EMPLOYEE_CSV_COLUMNS;
  const filename = org ? "shozoku-template.csv" : leave ? "kyushoku-template.csv" : "shokuin-template.csv";
  const body = "\uFEFF" + columns.map((c) => c.header).join(",") + "\r\n";
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

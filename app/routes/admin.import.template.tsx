import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/permissions.server";
import { EMPLOYEE_CSV_COLUMNS, ORG_CSV_COLUMNS } from "~/services/org/import-columns";

/**
 * The header row of the import CSV as a file to fill in: 職員CSV by default, 所属CSV with
 * `?file=org`. UTF-8 with BOM so that Japanese Excel opens it without garbling.
 */
export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const org = new URL(args.request.url).searchParams.get("file") === "org";
  const columns = org ? ORG_CSV_COLUMNS : EMPLOYEE_CSV_COLUMNS;
  const filename = org ? "shozoku-template.csv" : "shokuin-template.csv";
  const body = "\uFEFF" + columns.map((c) => c.header).join(",") + "\r\n";
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

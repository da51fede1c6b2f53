import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { rosterCsv } from "~/services/training/roster.server";
import { parseRouteId } from "~/services/training/schemas";

/** The roster of one session as CSV for Japanese Excel (UTF-8 with BOM); audit-logged. */
export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const id = parseRouteId(args.params.sessionId);
  const csv = id === null ? null : await rosterCsv(actorOf(args, viewer), id);
  if (!csv) throw notFound();
  return new Response(csv.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

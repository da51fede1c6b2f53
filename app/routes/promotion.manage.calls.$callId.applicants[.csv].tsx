import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, notFound, requireUser } from "~/auth/permissions.server";
import { csvHeaders } from "~/lib/csv";
import { applicantsCsv } from "~/services/promotion/applicant-list.server";

/**
 * A call's applicant list for the selection committee, as CSV for Japanese Excel. 人事課
 * only: anyone else gets the 404 of a missing file (the query decides and audit-logs the
 * attempt), so the export's existence is not confirmed to them.
 */
export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireUser(args);
  const csv = await applicantsCsv(actorOf(args, viewer), Number(args.params.callId));
  if (!csv) throw notFound();
  return new Response(csv.body, { headers: csvHeaders(csv.filename) });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/permissions.server";
import { trainingCalendar } from "~/services/training/calendar";
import { listMyCalendarSessions } from "~/services/training/employee-queries.server";

/**
 * My training sessions as an iCalendar file (Tokyo times, with VTIMEZONE); a 回 called off
 * is in it as CANCELLED. `?cancellations=1`: only those, as METHOD:CANCEL (Outlook removes them).
 */
export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const url = new URL(args.request.url);
  const cancellations = url.searchParams.get("cancellations") === "1";
  const body = trainingCalendar(await listMyCalendarSessions(viewer), { origin: url.origin, cancellations });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${cancellations ? "kawasaki-training-cancelled.ics" : "kawasaki-training.ics"}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireRole } from "~/auth/permissions.server";
import { getMyBooking } from "~/services/consultation/employee-bookings.server";
import { bookingCalendar, bookingCalendarFileName } from "~/services/consultation/calendar";

/** /consultation/bookings/:id.ics — one of the viewer's own active bookings, as a calendar file. */
export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const booking = await getMyBooking(viewer, args.params.id ?? "", new Date());
  if (!booking || booking.status !== "booked") throw notFound();
  return new Response(bookingCalendar(booking), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${bookingCalendarFileName(booking)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

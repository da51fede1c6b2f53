import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { BookingActions } from "~/components/consultation/booking-actions";
import { BookingFacts, BookingHistory } from "~/components/consultation/booking-facts";
import { withNotice } from "~/lib/notices";
import { cancelBooking, getMyBooking, getMyBookingPage, moveBooking } from "~/services/consultation/employee-bookings.server";
import { bookingFormReply } from "~/services/consultation/refusals";
import { bookingActionSchema } from "~/services/consultation/schemas";

export const meta: MetaFunction = () => [{ title: "相談の予約 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const page = await getMyBookingPage(viewer, args.params.id ?? "");
  if (!page) throw notFound();
  return page;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const id = args.params.id ?? "";
  if (!(await getMyBooking(viewer, id, new Date()))) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: bookingActionSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ formErrors: ["入力内容を確認してください。"] }), { status: 400 });
  }
  const actor = actorOf(args, viewer);
  if (submission.value.intent === "cancel") {
    const result = await cancelBooking(actor, id);
    if (!result.ok) {
      const { reply } = bookingFormReply(result.refusal, "", undefined);
      return data(submission.reply(reply), { status: 400 });
    }
    return redirect(withNotice("/consultation", "consultation-cancelled"));
  }
  const result = await moveBooking(actor, id, submission.value.slotId);
  if (!result.ok) {
    const { reply, status } = bookingFormReply(result.refusal, "日時を変更できませんでした。");
    return data(submission.reply(reply), { status });
  }
  return redirect(withNotice(`/consultation/bookings/${result.bookingId}`, "consultation-moved"));
}

export default function BookingDetail() {
  const { booking, freeSlots } = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  return (
    <>
      <p>
        <Link to="/consultation">← 外部の専門家相談窓口</Link>
      </p>
      <h1>相談の予約</h1>
      <BookingFacts booking={booking} />
      <BookingActions booking={booking} freeSlots={freeSlots} lastResult={lastResult} />
      <BookingHistory history={booking.history} />
    </>
  );
}

import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { BookForm } from "~/components/consultation/book-form";
import { PastBookings, UpcomingBookings } from "~/components/consultation/upcoming-bookings";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { bookSlot, getBookingPage } from "~/services/consultation/employee-bookings.server";
import { bookingFormReply } from "~/services/consultation/refusals";
import { bookSchema } from "~/services/consultation/schemas";

export const meta: MetaFunction = () => [{ title: "外部の専門家相談窓口 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const page = await getBookingPage(viewer);
  if (!page) throw notFound();
  return { ...page, fiscalYearLabel: fiscalYearLabel(page.usage.fiscalYear) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const submission = parseWithZod(await args.request.formData(), { schema: bookSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ formErrors: ["入力内容を確認してください。"] }), { status: 400 });
  }
  const result = await bookSlot(actorOf(args, viewer), submission.value);
  if (!result.ok) {
    const { reply, status } = bookingFormReply(result.refusal, "予約できませんでした。", "slotId");
    return data(submission.reply(reply), { status });
  }
  return redirect(withNotice("/consultation", "consultation-booked"));
}

export default function ConsultationPage() {
  const page = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const rules = page.rules;
  return (
    <>
      <h1>外部の専門家相談窓口</h1>
      <div className="panel consult-privacy">
        <p>
          <strong>相談したことは、上司・所属・人材育成課・人事課・システム管理者には一切表示されません。</strong>
        </p>
        <p>
          予約を見られるのは、あなた自身、担当のキャリアコンサルタント、窓口を運営する労務厚生課（予約の管理のため。閲覧はすべて記録されます）だけです。
          キャリアコンサルタントには法律上の守秘義務があります。
        </p>
        <p className="muted">
          仕事の不安、キャリア形成、生活のこと、管理職としてのマネジメントの悩みなど、職場では相談しづらいことを、外部の専門家（キャリアコンサルタント）にオンラインで相談できます。
        </p>
      </div>

      <UpcomingBookings bookings={page.bookings.filter((b) => b.status === "booked")} />

      <section aria-labelledby="book-title">
        <h2 id="book-title">相談を予約する</h2>
        {!rules ? (
          <p className="panel">現在、相談の予約は受け付けていません。開始時期は労務厚生課からのお知らせをご覧ください。</p>
        ) : (
          <BookForm
            rules={rules}
            fiscalYearLabel={page.fiscalYearLabel}
            leftInFiscalYear={page.usage.leftInFiscalYear}
            freeSlots={page.freeSlots}
            lastResult={lastResult}
          />
        )}
      </section>

      <PastBookings bookings={page.bookings.filter((b) => b.status !== "booked")} />
    </>
  );
}

import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { RulesForm, UsageStats } from "~/components/consultation/welfare-overview";
import { currentFiscalYear } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { getRulesForWelfare, listSlots, saveRules } from "~/services/consultation/welfare-desk.server";
import { parseTimeOfDay } from "~/services/consultation/rules";
import { rulesSchema } from "~/services/consultation/schemas";
import { refusalReply } from "~/services/contract/refusal";
import { consultationStats } from "~/services/consultation/stats.server";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const now = new Date();
  const rules = await getRulesForWelfare(viewer);
  const slots = rules ? await listSlots(viewer, now, rules.page.overviewDays) : null;
  const stats = await consultationStats(viewer, [currentFiscalYear(now)]);
  if (!rules || !slots || !stats) throw notFound();
  const upcoming = slots.filter((s) => new Date(s.startsAt).getTime() > now.getTime() && s.status === "open");
  return {
    rules: rules.rules,
    page: rules.page,
    upcomingOpen: upcoming.length,
    upcomingBooked: upcoming.filter((s) => s.occupied).length,
    stats: stats[0]!,
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const submission = parseWithZod(await args.request.formData(), { schema: rulesSchema });
  if (submission.status !== "success") return data(submission.reply({ formErrors: ["入力内容を確認してください。"] }), { status: 400 });
  const v = submission.value;
  const saved = await saveRules(
    actorOf(args, viewer),
    {
      bookingWindowDays: v.bookingWindowDays,
      deadlineDaysBefore: v.deadlineDaysBefore,
      deadlineMinuteOfDay: parseTimeOfDay(v.deadlineTime)!,
      maxPerFiscalYear: v.maxPerFiscalYear,
      maxFutureBookings: v.maxFutureBookings,
    },
    {
      overviewDays: v.overviewDays,
      slotListDaysBack: v.slotListDaysBack,
      slotListDaysAhead: v.slotListDaysAhead,
      sessionHistoryDays: v.sessionHistoryDays,
      defaultSlotStartMinute: parseTimeOfDay(v.defaultSlotStart)!,
      defaultSlotEndMinute: parseTimeOfDay(v.defaultSlotEnd)!,
    },
  );
  if (!saved.ok) return data(submission.reply(refusalReply(saved.refusal)), { status: 400 });
  return redirect(withNotice("/consultation/manage", "consultation-rules-saved"));
}

export default function ManageOverview() {
  const { rules, page, upcomingOpen, upcomingBooked, stats } = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  return (
    <>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">これからの{page.overviewDays}日</h2>
        <p>
          公開中の相談枠 {upcomingOpen}件（うち予約あり {upcomingBooked}件）。予約した職員の氏名は「予約一覧」で確認できます（閲覧は記録されます）。
        </p>
      </section>
      <RulesForm rules={rules} page={page} lastResult={lastResult} />
      <UsageStats stats={stats} />
    </>
  );
}

import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { SlotList } from "~/components/consultation/slot-list";
import { PublishSlotForms } from "~/components/consultation/slot-publish-forms";
import { todayIso } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { closeSlot, getRulesForWelfare, listConsultants, listSlots, publishPattern, publishSlot, reopenSlot } from "~/services/consultation/welfare-desk.server";
import { addMonthsIso, timeFieldText } from "~/services/consultation/rules";
import { formRefusal, refusalReply } from "~/services/contract/refusal";
import { patternSlotSchema, singleSlotSchema, slotStatusSchema } from "~/services/consultation/schemas";

const SELF = "/consultation/manage/slots";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const now = new Date();
  const consultants = await listConsultants(viewer, now);
  const settings = await getRulesForWelfare(viewer);
  const page = settings?.page;
  const slots = page ? await listSlots(viewer, now, page.slotListDaysAhead, page.slotListDaysBack) : null;
  if (!consultants || !slots || !page) throw notFound();
  const url = new URL(args.request.url);
  const tomorrow = todayIso(new Date(now.getTime() + 24 * 60 * 60 * 1000));
  return {
    consultants: consultants.filter((c) => c.active).map((c) => ({ id: c.id, name: c.name })),
    slots: slots.map((s) => ({ ...s, past: new Date(s.startsAt).getTime() <= now.getTime() })),
    published: Number(url.searchParams.get("published") ?? "") || 0,
    skipped: Number(url.searchParams.get("skipped") ?? "") || 0,
    defaults: { from: tomorrow, to: addMonthsIso(tomorrow, 3), startTime: timeFieldText(page.defaultSlotStartMinute), endTime: timeFieldText(page.defaultSlotEndMinute) },
    window: { daysBack: page.slotListDaysBack, daysAhead: page.slotListDaysAhead },
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const actor = actorOf(args, viewer);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "single") {
    const submission = parseWithZod(formData, { schema: singleSlotSchema });
    if (submission.status !== "success") return data({ form: "single" as const, result: submission.reply(), message: null }, { status: 400 });
    const r = await publishSlot(actor, submission.value);
    if (!r.ok) return data({ form: "single" as const, result: submission.reply(refusalReply(r.refusal)), message: null }, { status: 400 });
    return redirect(withNotice(SELF, "consultation-slot-published"));
  }
  if (intent === "pattern") {
    const submission = parseWithZod(formData, { schema: patternSlotSchema });
    if (submission.status !== "success") return data({ form: "pattern" as const, result: submission.reply(), message: null }, { status: 400 });
    const r = await publishPattern(actor, submission.value);
    if (!r.ok) return data({ form: "pattern" as const, result: submission.reply(refusalReply(r.refusal)), message: null }, { status: 400 });
    return redirect(withNotice(`${SELF}?published=${r.published}&skipped=${r.skipped}`, "consultation-slots-published"));
  }
  const submission = parseWithZod(formData, { schema: slotStatusSchema });
  if (submission.status !== "success") return data({ form: "status" as const, result: null, message: "操作が正しくありません。" }, { status: 400 });
  if (submission.value.intent === "close") {
    const r = await closeSlot(actor, submission.value.slotId);
    if (!r.ok) return data({ form: "status" as const, result: null, message: formRefusal(r.refusal).message }, { status: 400 });
    return redirect(withNotice(SELF, r.notified ? "consultation-slot-closed-notified" : "consultation-slot-closed"));
  }
  const r = await reopenSlot(actor, submission.value.slotId);
  if (!r.ok) return data({ form: "status" as const, result: null, message: formRefusal(r.refusal).message }, { status: 400 });
  return redirect(withNotice(SELF, "consultation-slot-reopened"));
}

type ActionResult =
  | { form: "single" | "pattern"; result: SubmissionResult<string[]>; message: null }
  | { form: "status"; result: null; message: string };

export default function ManageSlots() {
  const { consultants, slots, published, skipped, defaults, window } = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  return (
    <>
      {params.get("notice") === "consultation-slots-published" ? (
        <p className="panel" role="status">
          公開: {published}件{skipped > 0 ? ` ／ 省略: ${skipped}件（公開済み、または過去の日時）` : ""}
        </p>
      ) : null}
      {actionData?.form === "status" && actionData.message ? (
        <div className="form-errors" role="alert">
          <p>{actionData.message}</p>
        </div>
      ) : null}
      {consultants.length === 0 ? (
        <p className="panel">
          登録済みのコンサルタントがいません。先に<a href="/consultation/manage/consultants">コンサルタントを登録</a>してください。
        </p>
      ) : (
        <PublishSlotForms consultants={consultants} defaults={defaults} lastResult={actionData?.form === "status" ? undefined : actionData} />
      )}
      <SlotList slots={slots} window={window} />
    </>
  );
}

import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { FormErrors } from "~/components/form";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { cancelBooking, getMyBooking, listFreeSlots, moveBooking } from "~/services/consultation/bookings.server";
import { EVENT_REASON_LABELS, STATUS_LABELS, TOPIC_LABELS, refusalMessage } from "~/services/consultation/rules";
import { bookingActionSchema } from "~/services/consultation/schemas";
import { getRules } from "~/services/consultation/store.server";
import { BookingStatusTag, SlotPicker, slotText } from "~/services/consultation/ui";

export const meta: MetaFunction = () => [{ title: "相談の予約 | かわさき人財ポータル" }];

const ACTOR_LABELS = { employee: "本人", consultant: "コンサルタント", welfare: "労務厚生課" } as const;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const now = new Date();
  const booking = getMyBooking(viewer, args.params.id ?? "", now);
  if (!booking) throw notFound();
  const freeSlots = booking.canMove ? listFreeSlots(viewer, now, getRules()) : [];
  return { booking, freeSlots };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const id = args.params.id ?? "";
  if (!getMyBooking(viewer, id, new Date())) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: bookingActionSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ formErrors: ["入力内容を確認してください。"] }), { status: 400 });
  }
  if (submission.value.intent === "cancel") {
    const result = cancelBooking(viewer, id);
    if (!result.ok) return data(submission.reply({ formErrors: [refusalMessage(result.refusal)] }), { status: 400 });
    return redirect(withNotice("/consultation", "consultation-cancelled"));
  }
  const result = moveBooking(viewer, id, submission.value.slotId);
  if (!result.ok) {
    const message = refusalMessage(result.refusal);
    const onSlot = !["change_deadline_passed", "not_changeable", "booking_not_found", "not_open"].includes(result.refusal.code);
    return data(
      submission.reply(onSlot ? { formErrors: ["日時を変更できませんでした。"], fieldErrors: { slotId: [message] } } : { formErrors: [message] }),
      { status: result.refusal.code === "taken" ? 409 : 400 },
    );
  }
  return redirect(withNotice(`/consultation/bookings/${result.bookingId}`, "consultation-moved"));
}

export default function BookingDetail() {
  const { booking: b, freeSlots } = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const intent = lastResult?.initialValue?.intent;
  const [moveForm, moveFields] = useForm({
    id: "move",
    lastResult: intent === "move" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bookingActionSchema }),
    shouldValidate: "onSubmit",
  });
  const [cancelForm] = useForm({ id: "cancel", lastResult: intent === "cancel" ? lastResult : undefined });
  const slotField = moveFields.slotId;
  return (
    <>
      <p>
        <Link to="/consultation">← 外部の専門家相談窓口</Link>
      </p>
      <h1>相談の予約</h1>
      <dl className="profile">
        <div className="profile__row">
          <dt>日時</dt>
          <dd>{slotText(b.startsAt, b.endsAt)}</dd>
        </div>
        <div className="profile__row">
          <dt>状態</dt>
          <dd>
            <BookingStatusTag status={b.status} />
          </dd>
        </div>
        <div className="profile__row">
          <dt>コンサルタント</dt>
          <dd>{b.consultantName}</dd>
        </div>
        <div className="profile__row">
          <dt>相談内容</dt>
          <dd>{TOPIC_LABELS[b.topic]}</dd>
        </div>
        <div className="profile__row">
          <dt>コンサルタントへのメモ</dt>
          <dd className="consult-note">{b.note || <span className="muted">なし</span>}</dd>
        </div>
        <div className="profile__row">
          <dt>予約番号</dt>
          <dd>
            <code>{b.bookingCode}</code>
            {b.anonymous ? <span className="tag tag--muted consult-tag">匿名（コンサルタントには予約番号のみ表示）</span> : null}
          </dd>
        </div>
        {b.meetingUrl ? (
          <div className="profile__row">
            <dt>参加URL</dt>
            <dd>
              <a href={b.meetingUrl} rel="noreferrer" target="_blank">
                {b.meetingUrl}
              </a>
            </dd>
          </div>
        ) : null}
        {b.deadline ? (
          <div className="profile__row">
            <dt>変更・取消の期限</dt>
            <dd>{formatDateTimeJa(new Date(b.deadline))}まで</dd>
          </div>
        ) : null}
      </dl>
      {b.status === "booked" ? (
        <p>
          <a className="button button--secondary" href={`/consultation/bookings/${b.id}.ics`} download>
            予定表に追加（.ics）
          </a>{" "}
          <span className="muted">予定表には「非公開」の予定「オンライン面談」として登録されます。</span>
        </p>
      ) : null}

      {b.canMove ? (
        <section aria-labelledby="move-title">
          <h2 id="move-title">日時を変更する</h2>
          <Form method="post" {...getFormProps(moveForm)} aria-describedby={moveForm.errors ? moveForm.errorId : undefined}>
            <FormErrors id={moveForm.errorId} errors={moveForm.errors} />
            <input type="hidden" name="intent" value="move" />
            <SlotPicker
              slots={freeSlots}
              name={slotField.name}
              legend="新しい日時を選ぶ"
              hint="相談内容・メモ・匿名の設定はそのまま引き継がれます。予約番号は新しくなります。"
              defaultValue={typeof slotField.initialValue === "string" ? slotField.initialValue : undefined}
              errors={slotField.errors}
              errorId={slotField.errorId}
            />
            <button type="submit" className="button">
              この日時に変更する
            </button>
          </Form>
        </section>
      ) : null}

      {b.canCancel ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">予約を取り消す</h2>
          <Form method="post" {...getFormProps(cancelForm)}>
            <FormErrors id={cancelForm.errorId} errors={cancelForm.errors} />
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button button--danger">
              この予約を取り消す
            </button>
          </Form>
        </section>
      ) : b.status === "booked" ? (
        <p className="panel">変更・取消の期限を過ぎています。やむを得ない場合は労務厚生課にご連絡ください。</p>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">履歴</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">操作した人</th>
                <th scope="col">変更</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {b.history.map((h, i) => (
                <tr key={i}>
                  <td>{formatDateTimeJa(new Date(h.at))}</td>
                  <td>{ACTOR_LABELS[h.actorKind]}</td>
                  <td>
                    {h.fromStatus ? `${STATUS_LABELS[h.fromStatus]} → ` : ""}
                    {STATUS_LABELS[h.toStatus]}
                  </td>
                  <td>{h.reason ? (EVENT_REASON_LABELS[h.reason] ?? "") : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

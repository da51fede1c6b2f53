// The employee's forms on one booking, one per action TRANSITIONS allows now (move, cancel);
// the button texts are the transitions' labels.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary } from "~/components/form";
import { bookingActionSchema } from "~/services/consultation/schemas";
import { SlotPicker, type PickableSlot } from "./slot-picker";
import type { WireBooking } from "./upcoming-bookings";

export function BookingActions({
  booking: b,
  freeSlots,
  lastResult,
}: {
  booking: WireBooking;
  freeSlots: PickableSlot[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const intent = lastResult?.initialValue?.intent;
  const [moveForm, moveFields] = useForm({
    id: "move",
    lastResult: intent === "move" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bookingActionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [cancelForm] = useForm({ id: "cancel", lastResult: intent === "cancel" ? lastResult : undefined });
  const slotField = moveFields.slotId;
  const move = b.actions.find((a) => a.action === "move");
  const cancel = b.actions.find((a) => a.action === "cancel");
  return (
    <>
      {move ? (
        <section aria-labelledby="move-title">
          <h2 id="move-title">日時を変更する</h2>
          <Form method="post" {...getFormProps(moveForm)} aria-describedby={moveForm.errors ? moveForm.errorId : undefined}>
            <ErrorSummary form={moveForm} />
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
              {move.label}
            </button>
          </Form>
        </section>
      ) : null}
      {cancel ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">予約を取り消す</h2>
          <Form method="post" {...getFormProps(cancelForm)}>
            <ErrorSummary form={cancelForm} />
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button button--danger">
              {cancel.label}
            </button>
          </Form>
        </section>
      ) : b.status === "booked" ? (
        <p className="panel">変更・取消の期限を過ぎています。やむを得ない場合は労務厚生課にご連絡ください。</p>
      ) : null}
    </>
  );
}

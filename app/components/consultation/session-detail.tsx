// What the consultant sees of one of their sessions, the marks TRANSITIONS allows now
// (button texts are the transitions' labels), and their private memo.
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { ErrorSummary, FieldErrors } from "~/components/form";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import type { ConsultantSession } from "~/services/consultation/consultant-sessions.server";
import { MEMO_MAX_CHARS, TOPIC_LABELS } from "~/services/consultation/rules";
import { sessionActionSchema } from "~/services/consultation/schemas";
import { BookingStatusTag, slotText } from "./booking-status";

export type WireSession = SerializeFrom<ConsultantSession>;

/** The client's name, or the booking code when they booked anonymously. */
export function SessionClient({ s }: { s: Pick<WireSession, "clientName" | "bookingCode"> }) {
  return s.clientName ? (
    <>{s.clientName}</>
  ) : (
    <>
      予約番号 <code>{s.bookingCode}</code> <span className="tag tag--muted">匿名</span>
    </>
  );
}

export function SessionFacts({ session: s, meetingUrl }: { session: WireSession; meetingUrl: string | null }) {
  return (
    <dl className="profile">
      <div className="profile__row">
        <dt>日時</dt>
        <dd>{slotText(s.startsAt, s.endsAt)}</dd>
      </div>
      <div className="profile__row">
        <dt>相談者</dt>
        <dd>
          <SessionClient s={s} />
        </dd>
      </div>
      <div className="profile__row">
        <dt>相談内容</dt>
        <dd>{TOPIC_LABELS[s.topic]}</dd>
      </div>
      <div className="profile__row">
        <dt>相談者からのメモ</dt>
        <dd className="consult-note">{s.note || <span className="muted">なし</span>}</dd>
      </div>
      <div className="profile__row">
        <dt>参加URL</dt>
        <dd>
          {meetingUrl ? (
            <a href={meetingUrl} rel="noreferrer" target="_blank">
              {meetingUrl}
            </a>
          ) : (
            "未設定"
          )}
        </dd>
      </div>
      <div className="profile__row">
        <dt>状態</dt>
        <dd>
          <BookingStatusTag status={s.status} />
        </dd>
      </div>
    </dl>
  );
}

export function MarkForm({ session: s, lastResult }: { session: WireSession; lastResult: SubmissionResult<string[]> | undefined }) {
  const [markForm] = useForm({ id: "mark", lastResult });
  return (
    <section aria-labelledby="mark-title">
      <h2 id="mark-title">実施の記録</h2>
      {s.canMark.length === 0 ? (
        <p className="muted">実施・無断キャンセルは、相談の開始時刻を過ぎてから記録できます。</p>
      ) : (
        <Form method="post" {...getFormProps(markForm)} className="button-row">
          <ErrorSummary form={markForm} />
          {s.status !== "booked" ? <p className="consult-marked">記録済みです。誤っていた場合は訂正できます:</p> : null}
          <input type="hidden" name="intent" value="mark" />
          {s.canMark.map((t) => (
            <button key={t.to} type="submit" name="outcome" value={t.to} className={t.to === "held" ? "button" : "button button--secondary"}>
              {t.label}
            </button>
          ))}
        </Form>
      )}
    </section>
  );
}

export function MemoForm({ memo, lastResult }: { memo: { body: string; updatedAt: Date | string } | null; lastResult: SubmissionResult<string[]> | undefined }) {
  const [memoForm, memoFields] = useForm({
    id: "memo",
    lastResult,
    defaultValue: { body: memo?.body ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionActionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section aria-labelledby="memo-title">
      <h2 id="memo-title">非公開メモ</h2>
      <Form method="post" {...getFormProps(memoForm)}>
        <input type="hidden" name="intent" value="memo" />
        <div className="field consult-memo">
          <label htmlFor={memoFields.body.id}>あなただけが読めるメモ</label>
          <p id={`${memoFields.body.id}-hint`} className="field__hint">
            相談者本人・労務厚生課・システム管理者を含め、あなた以外は誰も読めません（{MEMO_MAX_CHARS}文字以内）。
            {memo ? `最終更新: ${formatDateTimeJa(new Date(memo.updatedAt))}` : null}
          </p>
          <textarea
            {...getTextareaProps(memoFields.body, {
              ariaDescribedBy: `${memoFields.body.id}-hint`,
            })}
            key={memoFields.body.key}
            rows={8}
          />
          <FieldErrors id={memoFields.body.errorId} errors={memoFields.body.errors} />
        </div>
        <button type="submit" className="button">
          メモを保存
        </button>
      </Form>
    </section>
  );
}

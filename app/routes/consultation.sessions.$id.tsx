import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { FieldErrors, FormErrors } from "~/components/form";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { MEMO_MAX_CHARS, TOPIC_LABELS } from "~/services/consultation/rules";
import { sessionActionSchema } from "~/services/consultation/schemas";
import { getMySession, markSession, saveMemo } from "~/services/consultation/sessions.server";
import { BookingStatusTag, slotText } from "~/services/consultation/ui";

export const meta: MetaFunction = () => [{ title: "相談の記録 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "consultant");
  const found = getMySession(viewer, args.params.id ?? "", new Date(), args.context.ip);
  if (!found) throw notFound();
  return found;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "consultant");
  const id = args.params.id ?? "";
  const submission = parseWithZod(await args.request.formData(), { schema: sessionActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const self = `/consultation/sessions/${id}`;
  if (submission.value.intent === "memo") {
    if (!saveMemo(viewer, id, submission.value.body)) throw notFound();
    return redirect(withNotice(self, "consultation-memo-saved"));
  }
  const result = markSession(viewer, id, submission.value.outcome);
  if (!result.ok) {
    if (result.message === "相談が見つかりません。") throw notFound();
    return data(submission.reply({ formErrors: [result.message] }), { status: 400 });
  }
  return redirect(withNotice(self, "consultation-marked"));
}

export default function SessionDetail() {
  const { session: s, meetingUrl, memo } = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const intent = lastResult?.initialValue?.intent;
  const [markForm] = useForm({ id: "mark", lastResult: intent === "mark" ? lastResult : undefined });
  const [memoForm, memoFields] = useForm({
    id: "memo",
    lastResult: intent === "memo" ? lastResult : undefined,
    defaultValue: { body: memo?.body ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionActionSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <p>
        <Link to="/consultation/sessions">← 担当する相談</Link>
      </p>
      <h1>相談の記録</h1>
      <dl className="profile">
        <div className="profile__row">
          <dt>日時</dt>
          <dd>{slotText(s.startsAt, s.endsAt)}</dd>
        </div>
        <div className="profile__row">
          <dt>相談者</dt>
          <dd>
            {s.clientName ?? (
              <>
                予約番号 <code>{s.bookingCode}</code> <span className="tag tag--muted">匿名</span>
              </>
            )}
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

      <section aria-labelledby="mark-title">
        <h2 id="mark-title">実施の記録</h2>
        {s.canMark.length === 0 ? (
          <p className="muted">実施・無断キャンセルは、相談の開始時刻を過ぎてから記録できます。</p>
        ) : (
          <Form method="post" {...getFormProps(markForm)} className="button-row">
            <FormErrors id={markForm.errorId} errors={markForm.errors} />
            {s.status !== "booked" ? <p className="consult-marked">記録済みです。誤っていた場合は訂正できます:</p> : null}
            <input type="hidden" name="intent" value="mark" />
            {s.canMark.includes("held") ? (
              <button type="submit" name="outcome" value="held" className="button">
                実施した
              </button>
            ) : null}
            {s.canMark.includes("no_show") ? (
              <button type="submit" name="outcome" value="no_show" className="button button--secondary">
                無断キャンセル
              </button>
            ) : null}
          </Form>
        )}
      </section>

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
                ariaDescribedBy: [`${memoFields.body.id}-hint`, memoFields.body.errors ? memoFields.body.errorId : null].filter(Boolean).join(" "),
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
    </>
  );
}

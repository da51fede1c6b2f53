import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { FieldErrors, FormErrors } from "~/components/form";
import { fiscalYearLabel, formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { bookSlot, getBookingPage } from "~/services/consultation/bookings.server";
import { NOTE_MAX_CHARS, TOPICS, TOPIC_LABELS, deadlineRuleText, refusalMessage } from "~/services/consultation/rules";
import { bookSchema } from "~/services/consultation/schemas";
import { BookingStatusTag, SlotPicker, slotText } from "~/services/consultation/ui";

export const meta: MetaFunction = () => [{ title: "外部の専門家相談窓口 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const page = getBookingPage(viewer);
  if (!page) throw notFound();
  return { ...page, fiscalYearLabel: fiscalYearLabel(page.usage.fiscalYear) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const submission = parseWithZod(await args.request.formData(), { schema: bookSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ formErrors: ["入力内容を確認してください。"] }), { status: 400 });
  }
  const result = bookSlot(viewer, submission.value);
  if (!result.ok) {
    const message = refusalMessage(result.refusal);
    return data(submission.reply({ formErrors: ["予約できませんでした。"], fieldErrors: { slotId: [message] } }), {
      status: result.refusal.code === "taken" ? 409 : 400,
    });
  }
  return redirect(withNotice("/consultation", "consultation-booked"));
}

export default function ConsultationPage() {
  const page = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const [form, fields] = useForm({
    id: "book",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bookSchema }),
    shouldValidate: "onSubmit",
  });
  const rules = page.rules;
  const upcoming = page.bookings.filter((b) => b.status === "booked");
  const others = page.bookings.filter((b) => b.status !== "booked");
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

      <section aria-labelledby="mine-title">
        <h2 id="mine-title">予約中の相談</h2>
        {upcoming.length === 0 ? <p className="muted">予約中の相談はありません。</p> : null}
        <ul className="consult-bookings">
          {upcoming.map((b) => (
            <li key={b.id} className="card consult-booking">
              <p className="consult-booking__when">{slotText(b.startsAt, b.endsAt)}</p>
              <dl className="consult-facts">
                <div>
                  <dt>コンサルタント</dt>
                  <dd>{b.consultantName}</dd>
                </div>
                <div>
                  <dt>相談内容</dt>
                  <dd>{TOPIC_LABELS[b.topic]}</dd>
                </div>
                <div>
                  <dt>予約番号</dt>
                  <dd>
                    <code>{b.bookingCode}</code>
                    {b.anonymous ? <span className="tag tag--muted consult-tag">匿名（コンサルタントには予約番号のみ表示）</span> : null}
                  </dd>
                </div>
                <div>
                  <dt>参加URL</dt>
                  <dd>{b.meetingUrl ? <a href={b.meetingUrl} rel="noreferrer" target="_blank">{b.meetingUrl}</a> : "労務厚生課からの連絡をお待ちください"}</dd>
                </div>
                {b.deadline ? (
                  <div>
                    <dt>変更・取消の期限</dt>
                    <dd>{formatDateTimeJa(new Date(b.deadline))}まで</dd>
                  </div>
                ) : null}
              </dl>
              <div className="button-row">
                <Link className="button button--secondary" to={`/consultation/bookings/${b.id}`}>
                  {b.canMove || b.canCancel ? "日時の変更・取消" : "詳細"}
                </Link>
                <a className="button button--secondary" href={`/consultation/bookings/${b.id}.ics`} download>
                  予定表に追加（.ics）
                </a>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="book-title">
        <h2 id="book-title">相談を予約する</h2>
        {!rules ? (
          <p className="panel">現在、相談の予約は受け付けていません。開始時期は労務厚生課からのお知らせをご覧ください。</p>
        ) : (
          <>
            <ul className="consult-rules">
              <li>予約できるのは、今日から{rules.bookingWindowDays}日先までの枠です。</li>
              <li>予約・日時の変更・取消の締切は{deadlineRuleText(rules)}です。</li>
              <li>
                1年度に{rules.maxPerFiscalYear}回まで（{page.fiscalYearLabel}は、あと{page.usage.leftInFiscalYear}回）。同時に予約できるのは{rules.maxFutureBookings}件までです。
              </li>
              <li>1回50分程度、オンライン会議で行います。参加URLは予約後にこのページに表示されます。</li>
            </ul>
            <Form method="post" {...getFormProps(form)} aria-describedby={form.errors ? form.errorId : undefined} className="consult-form">
              <FormErrors id={form.errorId} errors={form.errors} />
              <input type="hidden" name="intent" value="book" />
              <SlotPicker
                slots={page.freeSlots}
                name={fields.slotId.name}
                legend="日時を選ぶ"
                hint="空いている枠だけを表示しています。"
                defaultValue={typeof fields.slotId.initialValue === "string" ? fields.slotId.initialValue : undefined}
                errors={fields.slotId.errors}
                errorId={fields.slotId.errorId}
              />
              <div className="field">
                <label htmlFor={fields.topic.id}>
                  相談したい内容<span className="required">（必須）</span>
                </label>
                <select {...getSelectProps(fields.topic)} key={fields.topic.key}>
                  <option value="">選んでください</option>
                  {TOPICS.map((t) => (
                    <option key={t} value={t}>
                      {TOPIC_LABELS[t]}
                    </option>
                  ))}
                </select>
                <FieldErrors id={fields.topic.errorId} errors={fields.topic.errors} />
              </div>
              <div className="field">
                <label htmlFor={fields.note.id}>コンサルタントへのメモ（任意）</label>
                <p id={`${fields.note.id}-hint`} className="field__hint">
                  事前に伝えておきたいことがあれば書いてください。担当のコンサルタントだけが読みます（{NOTE_MAX_CHARS}文字以内）。
                </p>
                <textarea
                  {...getTextareaProps(fields.note, {
                    ariaDescribedBy: [`${fields.note.id}-hint`, fields.note.errors ? fields.note.errorId : null].filter(Boolean).join(" "),
                  })}
                  key={fields.note.key}
                  rows={4}
                />
                <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
              </div>
              <div className="field consult-anonymous">
                <label>
                  <input
                    type="checkbox"
                    name={fields.anonymous.name}
                    defaultChecked={fields.anonymous.initialValue === "on"}
                    aria-describedby="anonymous-hint"
                  />{" "}
                  匿名で予約する
                </label>
                <p id="anonymous-hint" className="field__hint">
                  コンサルタントには氏名の代わりに予約番号だけが表示されます。（労務厚生課は予約の管理のため氏名を確認できます。）
                </p>
              </div>
              <button type="submit" className="button">
                この内容で予約する
              </button>
            </Form>
          </>
        )}
      </section>

      {others.length > 0 ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">これまでの予約</h2>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">日時</th>
                  <th scope="col">コンサルタント</th>
                  <th scope="col">相談内容</th>
                  <th scope="col">状態</th>
                  <th scope="col">詳細</th>
                </tr>
              </thead>
              <tbody>
                {others.map((b) => (
                  <tr key={b.id}>
                    <td>{slotText(b.startsAt, b.endsAt)}</td>
                    <td>{b.consultantName}</td>
                    <td>{TOPIC_LABELS[b.topic]}</td>
                    <td>
                      <BookingStatusTag status={b.status} />
                    </td>
                    <td>
                      <Link to={`/consultation/bookings/${b.id}`}>
                        詳細<span className="visually-hidden">（{slotText(b.startsAt, b.endsAt)}）</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

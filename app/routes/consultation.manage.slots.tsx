import { getFormProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { FieldErrors, FormErrors, InputField } from "~/components/form";
import { todayIso } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { closeSlot, listConsultants, listSlots, publishPattern, publishSlot, reopenSlot } from "~/services/consultation/manage.server";
import { WEEKDAY_LABELS, addMonthsIso } from "~/services/consultation/rules";
import { patternSlotSchema, singleSlotSchema, slotStatusSchema } from "~/services/consultation/schemas";
import { slotText } from "~/services/consultation/ui";

const SELF = "/consultation/manage/slots";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const now = new Date();
  const consultants = listConsultants(viewer, now);
  const slots = listSlots(viewer, now, 120);
  if (!consultants || !slots) throw notFound();
  const url = new URL(args.request.url);
  const tomorrow = todayIso(new Date(now.getTime() + 24 * 60 * 60 * 1000));
  return {
    consultants: consultants.filter((c) => c.active).map((c) => ({ id: c.id, name: c.name })),
    slots: slots.map((s) => ({ ...s, past: new Date(s.startsAt).getTime() <= now.getTime() })),
    published: Number(url.searchParams.get("published") ?? "") || 0,
    skipped: Number(url.searchParams.get("skipped") ?? "") || 0,
    defaults: { from: tomorrow, to: addMonthsIso(tomorrow, 3) },
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const actor = { viewer, ip: args.context.ip };
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "single") {
    const submission = parseWithZod(formData, { schema: singleSlotSchema });
    if (submission.status !== "success") return data({ form: "single" as const, result: submission.reply(), message: null }, { status: 400 });
    const r = publishSlot(actor, submission.value);
    if (!r.ok) return data({ form: "single" as const, result: submission.reply({ fieldErrors: { [r.field]: [r.message] } }), message: null }, { status: 400 });
    return redirect(withNotice(SELF, "consultation-slot-published"));
  }
  if (intent === "pattern") {
    const submission = parseWithZod(formData, { schema: patternSlotSchema });
    if (submission.status !== "success") return data({ form: "pattern" as const, result: submission.reply(), message: null }, { status: 400 });
    const r = publishPattern(actor, submission.value);
    if (!r.ok) return data({ form: "pattern" as const, result: submission.reply({ fieldErrors: { [r.field]: [r.message] } }), message: null }, { status: 400 });
    return redirect(withNotice(`${SELF}?published=${r.published}&skipped=${r.skipped}`, "consultation-slots-published"));
  }
  const submission = parseWithZod(formData, { schema: slotStatusSchema });
  if (submission.status !== "success") return data({ form: "status" as const, result: null, message: "操作が正しくありません。" }, { status: 400 });
  if (submission.value.intent === "close") {
    const r = closeSlot(actor, submission.value.slotId);
    if (!r.ok) return data({ form: "status" as const, result: null, message: r.message }, { status: 400 });
    return redirect(withNotice(SELF, r.notified ? "consultation-slot-closed-notified" : "consultation-slot-closed"));
  }
  const r = reopenSlot(actor, submission.value.slotId);
  if (!r.ok) return data({ form: "status" as const, result: null, message: r.message }, { status: 400 });
  return redirect(withNotice(SELF, "consultation-slot-reopened"));
}

type Consultant = { id: number; name: string };
type ActionResult =
  | { form: "single" | "pattern"; result: SubmissionResult<string[]>; message: null }
  | { form: "status"; result: null; message: string };

function ConsultantSelect({ field, consultants }: { field: FieldMetadata<number>; consultants: Consultant[] }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>
        コンサルタント<span className="required">（必須）</span>
      </label>
      <select {...getSelectProps(field)} key={field.key}>
        <option value="">選んでください</option>
        {consultants.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export default function ManageSlots() {
  const { consultants, slots, published, skipped, defaults } = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const [single, sf] = useForm({
    id: "single",
    lastResult: actionData?.form === "single" ? actionData.result : undefined,
    defaultValue: { startTime: "18:00", endTime: "18:50" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: singleSlotSchema }),
    shouldValidate: "onSubmit",
  });
  const [pattern, pf] = useForm({
    id: "pattern",
    lastResult: actionData?.form === "pattern" ? actionData.result : undefined,
    defaultValue: { from: defaults.from, to: defaults.to, weekdays: ["2", "4"], startTime: "18:00", endTime: "18:50" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: patternSlotSchema }),
    shouldValidate: "onSubmit",
  });
  const checkedDays = new Set(Array.isArray(pf.weekdays.initialValue) ? pf.weekdays.initialValue.map(String) : pf.weekdays.initialValue ? [String(pf.weekdays.initialValue)] : []);
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
        <div className="consult-publish">
          <section aria-labelledby="pattern-title" className="panel">
            <h2 id="pattern-title">くり返しの枠をまとめて公開</h2>
            <p className="muted">例: 毎週火曜・木曜 18:00〜18:50 を3か月分。公開済みの日時は重複しません。</p>
            <Form method="post" {...getFormProps(pattern)} aria-describedby={pattern.errors ? pattern.errorId : undefined}>
              <FormErrors id={pattern.errorId} errors={pattern.errors} />
              <input type="hidden" name="intent" value="pattern" />
              <ConsultantSelect field={pf.consultantId} consultants={consultants} />
              <div className="consult-inline">
                <InputField label="開始日" field={pf.from} type="date" required />
                <InputField label="終了日" field={pf.to} type="date" required />
              </div>
              <fieldset className="field consult-weekdays" aria-describedby={pf.weekdays.errors ? pf.weekdays.errorId : undefined}>
                <legend>
                  曜日<span className="required">（必須）</span>
                </legend>
                {WEEKDAY_LABELS.map((label, day) => (
                  <label key={day} className="consult-weekday">
                    <input type="checkbox" name={pf.weekdays.name} value={day} defaultChecked={checkedDays.has(String(day))} /> {label}
                  </label>
                ))}
                <FieldErrors id={pf.weekdays.errorId} errors={pf.weekdays.errors} />
              </fieldset>
              <div className="consult-inline">
                <InputField label="開始時刻" field={pf.startTime} type="time" required />
                <InputField label="終了時刻" field={pf.endTime} type="time" required />
              </div>
              <InputField label="この枠だけの参加URL（任意）" field={pf.meetingUrl} type="url" hint="空欄ならコンサルタントの既定のURLを使います。" />
              <button type="submit" className="button">
                まとめて公開
              </button>
            </Form>
          </section>
          <section aria-labelledby="single-title" className="panel">
            <h2 id="single-title">1枠ずつ公開</h2>
            <Form method="post" {...getFormProps(single)} aria-describedby={single.errors ? single.errorId : undefined}>
              <FormErrors id={single.errorId} errors={single.errors} />
              <input type="hidden" name="intent" value="single" />
              <ConsultantSelect field={sf.consultantId} consultants={consultants} />
              <InputField label="日付" field={sf.date} type="date" required />
              <div className="consult-inline">
                <InputField label="開始時刻" field={sf.startTime} type="time" required />
                <InputField label="終了時刻" field={sf.endTime} type="time" required />
              </div>
              <InputField label="この枠だけの参加URL（任意）" field={sf.meetingUrl} type="url" />
              <button type="submit" className="button">
                公開
              </button>
            </Form>
          </section>
        </div>
      )}

      <section aria-labelledby="list-title">
        <h2 id="list-title">相談枠の一覧（2週間前〜120日先）</h2>
        <p className="muted">予約した職員の氏名はここには表示しません。取り消すと、予約していた職員本人にだけお知らせが届きます。</p>
        {slots.length === 0 ? (
          <p className="muted">相談枠はありません。</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">日時</th>
                  <th scope="col">コンサルタント</th>
                  <th scope="col">状態</th>
                  <th scope="col">参加URL</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {slots.map((s) => (
                  <tr key={s.id}>
                    <td>{slotText(s.startsAt, s.endsAt)}</td>
                    <td>{s.consultantName}</td>
                    <td>
                      {s.status === "closed" ? (
                        <span className="tag tag--muted">取消済</span>
                      ) : s.occupied ? (
                        <span className="tag tag--ok">予約あり</span>
                      ) : s.past ? (
                        <span className="muted">予約なし</span>
                      ) : (
                        "受付中"
                      )}
                    </td>
                    <td>{s.meetingUrl ? <span className="consult-url">{s.meetingUrl}</span> : <span className="muted">既定</span>}</td>
                    <td>
                      {s.past ? null : s.status === "open" ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="close" />
                          <input type="hidden" name="slotId" value={s.id} />
                          <button type="submit" className="button button--danger consult-small-button">
                            取り消す{s.occupied ? "（予約者に通知）" : ""}
                            <span className="visually-hidden">（{slotText(s.startsAt, s.endsAt)}）</span>
                          </button>
                        </Form>
                      ) : (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="reopen" />
                          <input type="hidden" name="slotId" value={s.id} />
                          <button type="submit" className="button button--secondary consult-small-button">
                            受付を再開<span className="visually-hidden">（{slotText(s.startsAt, s.endsAt)}）</span>
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

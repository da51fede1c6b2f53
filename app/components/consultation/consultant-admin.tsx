// 労務厚生課's consultants: the list with each one's link and 受付, and the two ways to register one.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { ErrorSummary, FormErrors, InputField, TextField } from "~/components/form";
import { consultantActionSchema } from "~/services/consultation/schemas";
import type { listConsultants } from "~/services/consultation/welfare-desk.server";
import { TableScroll } from "~/components/table-scroll";

type ConsultantRow = Omit<SerializeFrom<NonNullable<Awaited<ReturnType<typeof listConsultants>>>[number]>, "employeeId">;

export function ConsultantList({ consultants, updateErrors }: { consultants: ConsultantRow[]; updateErrors: string[] | undefined }) {
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title">登録済みのコンサルタント</h2>
      <FormErrors id="update-errors" errors={updateErrors} />
      {consultants.length === 0 ? (
        <p className="muted">まだ登録されていません。</p>
      ) : (
        <TableScroll label="登録済みのコンサルタント">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">氏名</th>
                <th scope="col">ログインID</th>
                <th scope="col">公開中の今後の枠</th>
                <th scope="col">既定の参加URL・受付</th>
              </tr>
            </thead>
            <tbody>
              {consultants.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name}
                    {c.source === "portal" ? <span className="muted">（外部）</span> : null}
                    {c.disabledAt ? <span className="tag tag--muted consult-tag">アカウント無効</span> : null}
                  </th>
                  <td>{c.staffNumber}</td>
                  <td className="num">{c.upcomingSlots}件</td>
                  <td>
                    <Form method="post" className="consult-update">
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="consultantId" value={c.id} />
                      <label className="visually-hidden" htmlFor={`url-${c.id}`}>
                        {c.name}さんの既定の参加URL
                      </label>
                      <input id={`url-${c.id}`} name="meetingUrl" type="url" defaultValue={c.meetingUrl ?? ""} placeholder="https://" />
                      <label>
                        <input type="checkbox" name="active" defaultChecked={c.active} /> 受付中
                      </label>
                      <button type="submit" className="button button--secondary consult-small-button">
                        保存<span className="visually-hidden">（{c.name}）</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export function RegisterConsultantForms({ intent, lastResult }: { intent: string | undefined; lastResult: SubmissionResult<string[]> | undefined }) {
  const [existing, ef] = useForm({
    id: "existing",
    lastResult: intent === "existing" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: consultantActionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [create, cf] = useForm({
    id: "create",
    lastResult: intent === "create" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: consultantActionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="consult-publish">
      <section aria-labelledby="existing-title" className="panel">
        <h2 id="existing-title">既存のアカウントを登録</h2>
        <p className="muted">ポータルのアカウントを持つ方をコンサルタントにします（コンサルタントの権限が付与されます）。</p>
        <Form method="post" {...getFormProps(existing)} aria-describedby={existing.errors ? existing.errorId : undefined}>
          <ErrorSummary form={existing} />
          <input type="hidden" name="intent" value="existing" />
          <TextField label="職員番号（ログインID）" field={ef.staffNumber} required />
          <InputField label="既定の参加URL（任意）" field={ef.meetingUrl} type="url" />
          <button type="submit" className="button">
            登録
          </button>
        </Form>
      </section>
      <section aria-labelledby="create-title" className="panel">
        <h2 id="create-title">外部のコンサルタントのアカウントを作成</h2>
        <p className="muted">人事システムの職員データには含まれない、ポータル専用のアカウントを作ります。仮パスワードを1度だけ表示します。</p>
        <Form method="post" {...getFormProps(create)} aria-describedby={create.errors ? create.errorId : undefined}>
          <ErrorSummary form={create} />
          <input type="hidden" name="intent" value="create" />
          <TextField label="ログインID" field={cf.loginId} hint="半角英数字・ハイフン・下線（例: cc-okamoto）" required />
          <TextField label="氏名" field={cf.name} required />
          <TextField label="カナ" field={cf.kana} required />
          <InputField label="既定の参加URL（任意）" field={cf.meetingUrl} type="url" />
          <button type="submit" className="button">
            アカウントを作成して登録
          </button>
        </Form>
      </section>
    </div>
  );
}

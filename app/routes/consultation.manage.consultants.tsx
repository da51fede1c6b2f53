import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { FormErrors, InputField, TextField } from "~/components/form";
import { withNotice } from "~/lib/notices";
import { createConsultantAccount, listConsultants, registerExistingConsultant, updateConsultant } from "~/services/consultation/manage.server";
import { consultantActionSchema } from "~/services/consultation/schemas";

const SELF = "/consultation/manage/consultants";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const consultants = listConsultants(viewer);
  if (!consultants) throw notFound();
  return { consultants: consultants.map(({ employeeId: _e, ...c }) => c) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const actor = { viewer, ip: args.context.ip };
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: consultantActionSchema });
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply({ formErrors: ["入力内容を確認してください。"] }), created: null }, { status: 400 });
  }
  const v = submission.value;
  if (v.intent === "existing") {
    const r = registerExistingConsultant(actor, v);
    if (!r.ok) return data({ intent, result: submission.reply({ fieldErrors: { [r.field]: [r.message] } }), created: null }, { status: 400 });
    return redirect(withNotice(SELF, "consultation-consultant-registered"));
  }
  if (v.intent === "create") {
    const r = await createConsultantAccount(actor, v);
    if (!r.ok) return data({ intent, result: submission.reply({ fieldErrors: { [r.field]: [r.message] } }), created: null }, { status: 400 });
    // The temporary password is shown once, in this response only; it is never stored in clear.
    return { intent, result: submission.reply({ resetForm: true }), created: { loginId: v.loginId, name: v.name, password: r.password } };
  }
  const r = updateConsultant(actor, v);
  if (!r.ok) return data({ intent, result: submission.reply({ formErrors: [r.message] }), created: null }, { status: 400 });
  return redirect(withNotice(SELF, "consultation-consultant-updated"));
}

type ActionResult = { intent: string; result: SubmissionResult<string[]>; created: { loginId: string; name: string; password: string } | null };

export default function ManageConsultants() {
  const { consultants } = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [existing, ef] = useForm({
    id: "existing",
    lastResult: actionData?.intent === "existing" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: consultantActionSchema }),
    shouldValidate: "onSubmit",
  });
  const [create, cf] = useForm({
    id: "create",
    lastResult: actionData?.intent === "create" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: consultantActionSchema }),
    shouldValidate: "onSubmit",
  });
  const updateErrors = actionData?.intent === "update" ? actionData.result.error?.[""] : undefined;
  return (
    <>
      {actionData?.created ? (
        <div className="panel" role="status">
          <p>
            {actionData.created.name}さんのアカウント（ログインID: <code>{actionData.created.loginId}</code>
            ）を作成し、コンサルタントとして登録しました。仮パスワードはこの画面を離れると再表示できません。本人に安全な方法で伝えてください。
          </p>
          <p>
            仮パスワード: <code className="secret">{actionData.created.password}</code>
          </p>
        </div>
      ) : null}

      <section aria-labelledby="list-title">
        <h2 id="list-title">登録済みのコンサルタント</h2>
        <FormErrors id="update-errors" errors={updateErrors ?? undefined} />
        {consultants.length === 0 ? (
          <p className="muted">まだ登録されていません。</p>
        ) : (
          <div className="table-wrap">
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
          </div>
        )}
      </section>

      <div className="consult-publish">
        <section aria-labelledby="existing-title" className="panel">
          <h2 id="existing-title">既存のアカウントを登録</h2>
          <p className="muted">ポータルのアカウントを持つ方をコンサルタントにします（コンサルタントの権限が付与されます）。</p>
          <Form method="post" {...getFormProps(existing)} aria-describedby={existing.errors ? existing.errorId : undefined}>
            <FormErrors id={existing.errorId} errors={existing.errors} />
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
            <FormErrors id={create.errorId} errors={create.errors} />
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
    </>
  );
}

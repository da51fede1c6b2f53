import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { GRANTABLE_ROLES, ROLE_LABELS } from "~/auth/roles";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { formRefusal } from "~/services/contract/refusal";
import { disableAccount, enableAccount, getAccount, resetPassword, setRoles } from "~/services/accounts/accounts.server";
import { accountActionSchema } from "~/services/accounts/schemas";

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const account = await getAccount(args.params.id ?? "");
  if (!account) throw notFound();
  return { account };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "admin");
  const id = args.params.id ?? "";
  if (!(await getAccount(id))) throw notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: accountActionSchema });
  if (submission.status !== "success") return { error: "入力内容を確認してください。", password: null };
  const actor = actorOf(args, viewer);
  const self = `/admin/accounts/${id}`;
  const v = submission.value;
  // The self-lockout and last-admin rules are checked inside the service, in the transaction.
  switch (v.intent) {
    case "roles": {
      const r = await setRoles(actor, id, v.roles);
      if (!r.ok) return { error: formRefusal(r.refusal).message, password: null };
      return redirect(withNotice(self, "roles-updated"));
    }
    case "disable": {
      const r = await disableAccount(actor, id);
      if (!r.ok) return { error: formRefusal(r.refusal).message, password: null };
      return redirect(withNotice(self, "account-disabled"));
    }
    case "enable": {
      const r = await enableAccount(actor, id);
      if (!r.ok) return { error: formRefusal(r.refusal).message, password: null };
      return redirect(withNotice(self, "account-enabled"));
    }
    case "reset-password":
      return { error: null, password: await resetPassword(actor, id) };
  }
}

export default function AccountDetail() {
  const { account: a } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/admin/accounts">← アカウント一覧</Link>
      </p>
      <h1>
        {a.name}（{a.staffNumber}）
      </h1>
      {result?.error ? (
        <div className="form-errors" role="alert">
          <p>{result.error}</p>
        </div>
      ) : null}
      {result?.password ? (
        <div className="panel" role="status">
          <p>
            仮パスワードを発行しました。この画面を離れると再表示できません。本人に安全な方法で伝えてください。
          </p>
          <p>
            仮パスワード: <code className="secret">{result.password}</code>
          </p>
        </div>
      ) : null}
      <dl className="profile">
        <div className="profile__row">
          <dt>所属</dt>
          <dd>{a.orgPath ?? (a.source === "portal" ? "外部（ポータルで作成したアカウント）" : "未登録")}</dd>
        </div>
        <div className="profile__row">
          <dt>職位</dt>
          <dd>{a.rank ?? "—"}</dd>
        </div>
        <div className="profile__row">
          <dt>状態</dt>
          <dd>{a.disabledAt ? `無効（${formatDateTimeJa(new Date(a.disabledAt))}から）` : "有効"}</dd>
        </div>
        <div className="profile__row">
          <dt>ログイン中のセッション</dt>
          <dd>{a.activeSessions}件</dd>
        </div>
      </dl>

      <h2>権限</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="roles" />
        <fieldset className="panel">
          <legend>付与する権限（職員・所属長は組織データから自動で決まります）</legend>
          {GRANTABLE_ROLES.map((role) => (
            <div key={role}>
              <label>
                <input type="checkbox" name="roles" value={role} defaultChecked={a.roles.includes(role)} /> {ROLE_LABELS[role]}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          権限を保存
        </button>
      </Form>

      <h2>アカウント</h2>
      <div className="button-row">
        {a.disabledAt ? (
          <Form method="post">
            <input type="hidden" name="intent" value="enable" />
            <button type="submit" className="button button--secondary">
              アカウントを有効にする
            </button>
          </Form>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="disable" />
            <button type="submit" className="button button--danger">
              アカウントを無効にする（ログイン中のセッションも終了）
            </button>
          </Form>
        )}
        <Form method="post">
          <input type="hidden" name="intent" value="reset-password" />
          <button type="submit" className="button button--secondary">
            仮パスワードを発行
          </button>
        </Form>
      </div>
    </>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { LOGIN_MESSAGES, attemptLogin } from "~/auth/login.server";
import { loginSchema } from "~/auth/login-schema";
import { getViewer } from "~/auth/permissions.server";
import { endSession, startSession } from "~/auth/session.server";
import { ErrorSummary, TextField } from "~/components/form";
import { safeRedirect } from "~/lib/safe-redirect";

export const meta: MetaFunction = () => [{ title: "ログイン | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  // Public page; a logged-in viewer has nothing to do here.
  const url = new URL(args.request.url);
  if (getViewer(args)) throw redirect(safeRedirect(url.searchParams.get("redirectTo"), "/", url.origin));
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });

  const result = await attemptLogin({ ...submission.value, ip: args.context.ip });
  if (!result.ok) return submission.reply({ formErrors: [LOGIN_MESSAGES[result.reason]], hideFields: ["password"] });

  const headers = new Headers();
  // A fresh session id at every login; an older session on this browser is ended.
  if (args.context.sessionId) await endSession(args.context.sessionId);
  headers.append("Set-Cookie", await startSession(result.userId));
  return redirect(safeRedirect(submission.value.redirectTo, "/", new URL(args.request.url).origin), { headers });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">ログイン</h1>
      <p>職員番号とパスワードを入力してください。</p>
      <Form method="post" {...getFormProps(form)} aria-describedby={form.errors ? form.errorId : undefined}>
        <ErrorSummary form={form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField label="職員番号" field={fields.staffNumber} autoComplete="username" required />
        <TextField label="パスワード" field={fields.password} type="password" autoComplete="current-password" required />
        <button type="submit" className="button">
          ログイン
        </button>
      </Form>
      <p className="muted">パスワードを忘れた場合は、所属のシステム担当を通じて管理者に再設定を依頼してください。</p>
    </section>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { LOGIN_MESSAGES, attemptLogin } from "~/auth/login.server";
import { loginSchema } from "~/auth/login-schema";
import { SSO_MESSAGES, isSsoFailure } from "~/auth/oidc.server";
import { getViewer } from "~/auth/permissions.server";
import { authSettings } from "~/auth/settings.server";
import { endSession, startSession } from "~/auth/session.server";
import { ErrorSummary, TextField } from "~/components/form";
import { safeRedirect } from "~/lib/safe-redirect";

export const meta: MetaFunction = () => [{ title: "ログイン | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  // Public page; a logged-in viewer has nothing to do here.
  const url = new URL(args.request.url);
  if (getViewer(args)) throw redirect(safeRedirect(url.searchParams.get("redirectTo"), "/", url.origin));
  const settings = authSettings();
  const sso = url.searchParams.get("sso");
  return {
    sso: settings.oidc !== null,
    passwordForEveryone: settings.passwordLogin === "all",
    // A fixed message for a refused single sign-on (?sso=key); an unknown key shows nothing.
    ssoError: isSsoFailure(sso) ? SSO_MESSAGES[sso] : null,
  };
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
  const { sso, passwordForEveryone, ssoError } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const redirectTo = params.get("redirectTo") ?? "/";
  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">ログイン</h1>
      {ssoError && !lastResult ? (
        <div className="form-errors" role="alert">
          <p>{ssoError}</p>
        </div>
      ) : null}
      {sso ? (
        <div className="login__sso">
          {/* A plain link, not <Link>: the browser itself goes to the provider and back. */}
          <a className="button button--link login__sso-button" href={`/auth/oidc/start?redirectTo=${encodeURIComponent(redirectTo)}`}>
            川崎市のアカウントでサインイン
          </a>
          <p className="muted">毎朝 Microsoft 365 にサインインしている、川崎市のアカウントを使います。</p>
          <h2 className="login__subtitle">パスワードでログイン</h2>
          <p>
            {passwordForEveryone
              ? "川崎市のアカウントを使わない場合は、職員番号とパスワードを入力してください。"
              : "外部のキャリアコンサルタントと、緊急用の管理者アカウントの方だけが使えます。"}
          </p>
        </div>
      ) : (
        <p>職員番号とパスワードを入力してください。</p>
      )}
      <Form method="post" {...getFormProps(form)} aria-describedby={form.errors ? form.errorId : undefined}>
        <ErrorSummary form={form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
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

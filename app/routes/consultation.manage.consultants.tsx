import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { ConsultantList, RegisterConsultantForms } from "~/components/consultation/consultant-admin";
import { withNotice } from "~/lib/notices";
import { createConsultantAccount, listConsultants, registerExistingConsultant, updateConsultant } from "~/services/consultation/welfare-desk.server";
import { consultantActionSchema } from "~/services/consultation/schemas";
import { refusalReply } from "~/services/contract/refusal";

const SELF = "/consultation/manage/consultants";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const consultants = await listConsultants(viewer);
  if (!consultants) throw notFound();
  return { consultants: consultants.map(({ employeeId: _e, ...c }) => c) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "welfare");
  const actor = actorOf(args, viewer);
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: consultantActionSchema });
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply({ formErrors: ["入力内容を確認してください。"] }), created: null }, { status: 400 });
  }
  const v = submission.value;
  if (v.intent === "existing") {
    const r = await registerExistingConsultant(actor, v);
    if (!r.ok) return data({ intent, result: submission.reply(refusalReply(r.refusal)), created: null }, { status: 400 });
    return redirect(withNotice(SELF, "consultation-consultant-registered"));
  }
  if (v.intent === "create") {
    const r = await createConsultantAccount(actor, v);
    if (!r.ok) return data({ intent, result: submission.reply(refusalReply(r.refusal)), created: null }, { status: 400 });
    // The temporary password is shown once, in this response only; it is never stored in clear.
    return { intent, result: submission.reply({ resetForm: true }), created: { loginId: v.loginId, name: v.name, password: r.password } };
  }
  const r = await updateConsultant(actor, v);
  if (!r.ok) return data({ intent, result: submission.reply({ formErrors: [r.refusal.message] }), created: null }, { status: 400 });
  return redirect(withNotice(SELF, "consultation-consultant-updated"));
}

type ActionResult = { intent: string; result: SubmissionResult<string[]>; created: { loginId: string; name: string; password: string } | null };

export default function ManageConsultants() {
  const { consultants } = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
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
      <ConsultantList consultants={consultants} updateErrors={updateErrors ?? undefined} />
      <RegisterConsultantForms intent={actionData?.intent} lastResult={actionData?.result} />
    </>
  );
}

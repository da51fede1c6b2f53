import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { MarkForm, MemoForm, SessionFacts } from "~/components/consultation/session-detail";
import { withNotice } from "~/lib/notices";
import { getMySession, markSession, saveMemo } from "~/services/consultation/consultant-sessions.server";
import { formRefusal } from "~/services/contract/refusal";
import { sessionActionSchema } from "~/services/consultation/schemas";

export const meta: MetaFunction = () => [{ title: "相談の記録 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "consultant");
  const found = await getMySession(actorOf(args, viewer), args.params.id ?? "", new Date());
  if (!found) throw notFound();
  return found;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "consultant");
  const id = args.params.id ?? "";
  const submission = parseWithZod(await args.request.formData(), { schema: sessionActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const self = `/consultation/sessions/${id}`;
  const actor = actorOf(args, viewer);
  const result = submission.value.intent === "memo" ? await saveMemo(actor, id, submission.value.body) : await markSession(actor, id, submission.value.outcome);
  // Not one of the viewer's sessions: 404 (formRefusal throws), by the refusal's reason.
  if (!result.ok) return data(submission.reply({ formErrors: [formRefusal(result.refusal).message] }), { status: 400 });
  return redirect(withNotice(self, submission.value.intent === "memo" ? "consultation-memo-saved" : "consultation-marked"));
}

export default function SessionDetail() {
  const { session, meetingUrl, memo } = useLoaderData<typeof loader>();
  // Single fetch hands back the data of data(…, { status }) as is.
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const intent = lastResult?.initialValue?.intent;
  return (
    <>
      <p>
        <Link to="/consultation/sessions">← 担当する相談</Link>
      </p>
      <h1>相談の記録</h1>
      <SessionFacts session={session} meetingUrl={meetingUrl} />
      <MarkForm session={session} lastResult={intent === "mark" ? lastResult : undefined} />
      <MemoForm memo={memo} lastResult={intent === "memo" ? lastResult : undefined} />
    </>
  );
}

import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { CallForm } from "~/components/promotion/call-form";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { updateCall } from "~/services/promotion/mutations.server";
import { getCallForHr, unitOptions } from "~/services/promotion/queries.server";
import { callFormDefaults, callSchema } from "~/services/promotion/schemas";

export const meta: MetaFunction = () => [{ title: "公募の編集 | かわさき人財ポータル" }];

async function load(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const detail = await getCallForHr({ callId: Number(args.params.callId), viewer });
  const units = await unitOptions(viewer);
  if (!detail || !units || detail.call.status !== "draft") throw notFound();
  return { viewer, detail, units };
}

export async function loader(args: LoaderFunctionArgs) {
  const { detail, units } = await load(args);
  return { id: detail.call.id, version: detail.call.version, title: detail.call.title, units, defaults: callFormDefaults(detail.call, detail.posts) };
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, detail } = await load(args);
  const submission = parseWithZod(await args.request.formData(), { schema: callSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await updateCall(actorOf(args, viewer), detail.call.id, submission.value.version ?? 0, submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/promotion/manage/calls/${r.id}`, "promotion-call-saved"));
}

export default function EditCall() {
  const { id, version, title, units, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/promotion/manage/calls/${id}`}>← {title}</Link>
      </p>
      <h1>公募の編集</h1>
      <CallForm defaultValue={defaults} units={units} lastResult={lastResult} submitLabel="保存する" version={version} />
    </>
  );
}

import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { CycleForm, cycleDefaults } from "~/components/mentor/cycle-form";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { updateCycle } from "~/services/mentor/mutations.server";
import { getCycleForEdit } from "~/services/mentor/queries.server";
import { cycleSchema } from "~/services/mentor/schemas";

export const meta: MetaFunction = () => [{ title: "サイクルの設定 | メンター制度の運用" }];

async function load(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const cycle = await getCycleForEdit({ cycleId: Number(args.params.cycleId), viewer });
  if (!cycle) throw notFound();
  return { viewer, cycle };
}

export async function loader(args: LoaderFunctionArgs) {
  return (await load(args)).cycle;
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, cycle } = await load(args);
  const submission = parseWithZod(await args.request.formData(), { schema: cycleSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await updateCycle(actorOf(args, viewer), cycle.id, submission.value.version ?? 0, submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/mentor/manage/cycles/${cycle.id}`, "mentor-cycle-saved"));
}

export default function EditCycle() {
  const cycle = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/mentor/manage/cycles/${cycle.id}`}>← {cycle.title}</Link>
      </p>
      <h1>サイクルの設定</h1>
      <CycleForm defaultValue={cycleDefaults(cycle)} lastResult={lastResult} submitLabel="保存する" version={cycle.version} />
    </>
  );
}

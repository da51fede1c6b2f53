import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireRole } from "~/auth/permissions.server";
import { CycleForm, cycleDefaults } from "~/components/mentor/cycle-form";
import { currentFiscalYear, reiwaFiscalYearLabel } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { createCycle } from "~/services/mentor/mutations.server";
import { DEFAULT_MENTEE_ELIGIBILITY, DEFAULT_MENTOR_ELIGIBILITY, DEFAULT_REQUEST_RESPONSE_DAYS, DEFAULT_WEIGHTS } from "~/services/mentor/rules";
import { cycleSchema } from "~/services/mentor/schemas";

export const meta: MetaFunction = () => [{ title: "サイクルの作成 | メンター制度の運用" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "hr_personnel");
  const fy = currentFiscalYear();
  return cycleDefaults({
    fiscalYear: fy,
    term: "full",
    title: `${reiwaFiscalYearLabel(fy)} 職員メンター制度`,
    opensOn: `${fy}-04-01`,
    closesOn: `${fy}-04-30`,
    menteeEligibility: DEFAULT_MENTEE_ELIGIBILITY,
    mentorEligibility: DEFAULT_MENTOR_ELIGIBILITY,
    weights: DEFAULT_WEIGHTS,
    requestResponseDays: DEFAULT_REQUEST_RESPONSE_DAYS,
  });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const submission = parseWithZod(await args.request.formData(), { schema: cycleSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await createCycle(actorOf(args, viewer), submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/mentor/manage/cycles/${r.id}`, "mentor-cycle-saved"));
}

export default function NewCycle() {
  const defaults = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/mentor/manage">← メンター制度の運用</Link>
      </p>
      <h1>サイクルの作成</h1>
      <CycleForm defaultValue={defaults} lastResult={lastResult} submitLabel="下書きとして作成する" />
    </>
  );
}

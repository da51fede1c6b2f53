import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { CallForm } from "~/components/promotion/call-form";
import { fiscalYearFromUrl, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { createCall } from "~/services/promotion/mutations.server";
import { unitOptions } from "~/services/promotion/queries.server";
import { DEFAULT_ELIGIBILITY, DEFAULT_LIMITS, DEFAULT_STAGES } from "~/services/promotion/rules";
import { callFormDefaults, callSchema } from "~/services/promotion/schemas";

export const meta: MetaFunction = () => [{ title: "公募の作成 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const units = await unitOptions(viewer);
  if (!units) throw notFound();
  const fy = fiscalYearFromUrl(new URL(args.request.url), selectableFiscalYears({ ahead: 2 }));
  const defaults = callFormDefaults(
    {
      fiscalYear: fy,
      title: "",
      level: "kakaricho",
      description: "",
      referenceDate: `${fy + 1}-04-01`,
      opensOn: "",
      closesOn: "",
      eligibility: DEFAULT_ELIGIBILITY,
      opinionRequired: true,
      opinionDueOn: null,
      stages: DEFAULT_STAGES,
      stageExemptions: [],
      limits: DEFAULT_LIMITS,
    },
    [],
  );
  return { units, defaults };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const submission = parseWithZod(await args.request.formData(), { schema: callSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await createCall(actorOf(args, viewer), submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/promotion/manage/calls/${r.id}`, "promotion-call-saved"));
}

export default function NewCall() {
  const { units, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/promotion/manage">← 昇任型公募の運用</Link>
      </p>
      <h1>公募の作成</h1>
      <p className="muted">下書きとして保存され、「公開する」まで職員には表示されません。</p>
      <CallForm defaultValue={defaults} units={units} lastResult={lastResult} submitLabel="下書きとして保存する" />
    </>
  );
}

import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireUser } from "~/auth/permissions.server";
import { OpinionForm } from "~/components/promotion/decision-forms";
import { Statements, levelLabel } from "~/components/promotion/parts";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { writeOpinion } from "~/services/promotion/mutations.server";
import { viewApplicationAsStaff } from "~/services/promotion/queries.server";
import { opinionSchema } from "~/services/promotion/schemas";

export const meta: MetaFunction = () => [{ title: "所属長意見の記入 | かわさき人財ポータル" }];

// The applicant's own supervisor, where the call asks for an opinion and while the
// application stands submitted; anyone else gets the 404 of a missing record.

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireUser(args);
  const detail = await viewApplicationAsStaff({ id: args.params.id ?? "", actor: actorOf(args, viewer), as: "supervisor" });
  if (!detail) throw notFound();
  return detail;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireUser(args);
  const submission = parseWithZod(await args.request.formData(), { schema: opinionSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await writeOpinion(actorOf(args, viewer), { applicationId: args.params.id ?? "", ...submission.value });
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice("/approvals", "promotion-opinion-saved"));
}

export default function PromotionOpinion() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/approvals">← 承認</Link>
      </p>
      <h1>所属長意見の記入</h1>
      <p>
        {d.applicant.name}さん（{d.applicant.staffNumber}・{d.applicant.rank}）が、{levelLabel(d.call.level)}の公募「{d.call.title}」に応募しました。
      </p>
      <p className="muted">
        意見は人事課だけが読み、応募者本人には表示されません。記入しなくても応募は有効です。期限: {(d.call.opinionDueOn ?? d.call.closesOn).replace(/-/g, "/")}
      </p>
      <h2>自己申告（応募書類）</h2>
      <Statements values={d.application} />
      <h2>意見</h2>
      {d.opinionOpen ? (
        <OpinionForm defaultValue={{ recommendation: d.opinion?.recommendation, comment: d.opinion?.comment }} lastResult={lastResult} />
      ) : (
        <p>期限を過ぎたため、意見は記入できません。</p>
      )}
    </>
  );
}

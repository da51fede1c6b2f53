import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { FormErrors } from "~/components/form";
import { CycleTag, MentorHistory, slash } from "~/components/mentor/parts";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { withNotice, type NoticeKey } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { runMatching, transitionCycle } from "~/services/mentor/mutations.server";
import { getCycleForHr } from "~/services/mentor/queries.server";
import { CYCLE_TERM_LABELS, describeMenteeEligibility, describeMentorEligibility } from "~/services/mentor/rules";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cycle.title ?? "サイクル"} | メンター制度の運用` }];

// One cycle for 人事課: its rules, who registered, and the buttons its state allows
// (募集開始 → 締切 → マッチング → 公開 → 終了). The proposal is reviewed on …/pairs.

const schema = z.object({
  intent: z.enum(["open", "start_matching", "run_matching", "publish", "end"], { error: "画面を再読み込みしてやり直してください。" }),
  version: z.coerce.number().int(),
});

const NOTICE: Record<z.infer<typeof schema>["intent"], NoticeKey> = {
  open: "mentor-cycle-open",
  start_matching: "mentor-cycle-matching",
  run_matching: "mentor-matching-done",
  publish: "mentor-cycle-published",
  end: "mentor-cycle-ended",
};

async function load(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const detail = await getCycleForHr({ cycleId: Number(args.params.cycleId), viewer });
  if (!detail) throw notFound();
  return { viewer, detail };
}

export async function loader(args: LoaderFunctionArgs) {
  return (await load(args)).detail;
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, detail } = await load(args);
  const submission = parseWithZod(await args.request.formData(), { schema });
  if (submission.status !== "success") return submission.reply();
  const { intent, version } = submission.value;
  const actor = actorOf(args, viewer);
  const r = intent === "run_matching" ? await runMatching(actor, detail.cycle.id, version) : await transitionCycle(actor, detail.cycle.id, intent, version);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  const to = intent === "run_matching" ? `/mentor/manage/cycles/${detail.cycle.id}/pairs` : `/mentor/manage/cycles/${detail.cycle.id}`;
  return redirect(withNotice(to, NOTICE[intent]));
}

export default function HrCycle() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const c = d.cycle;
  const buttons = d.actions.filter((a) => a.action !== "edit" && a.action !== "edit_pairs" && a.action !== "rematch" && a.action !== "create");
  const mentorsAvailable = d.mentors.filter((m) => m.available && m.eligible);
  return (
    <>
      <p>
        <Link to="/mentor/manage">← メンター制度の運用</Link>
      </p>
      <h1>
        {c.title} <CycleTag status={c.status} />
      </h1>
      <ul>
        <li>
          {fiscalYearLabel(c.fiscalYear)}・{CYCLE_TERM_LABELS[c.term]}・登録の受付 {slash(c.opensOn)}〜{slash(c.closesOn)}
        </li>
        <li>メンティの対象: {describeMenteeEligibility(c.menteeEligibility)}</li>
        <li>メンターの対象: {describeMentorEligibility(c.mentorEligibility)}</li>
        <li>
          点数: 共通の話題 {c.weights.topic}点／職種が同じ {c.weights.sameJobCategory}点／希望 {c.weights.preference.join("・")}点／希望の属性 {c.weights.preferredAttribute}点
        </li>
        <li>直接の依頼への回答: {c.requestResponseDays}日以内</li>
      </ul>
      {d.actions.some((a) => a.action === "edit") ? (
        <p>
          <Link to={`/mentor/manage/cycles/${c.id}/edit`}>設定を変更する</Link>
        </p>
      ) : null}
      <p>
        登録: メンター {d.mentors.length}人（引き受け可 {mentorsAvailable.length}人・受入れ枠 {mentorsAvailable.reduce((n, m) => n + m.capacity, 0)}人）、メンティ {d.mentees.length}人
      </p>
      <p>
        ペア: {d.pairs.filter((p) => p.status === "proposed").length}組の提案、{d.pairs.filter((p) => p.status === "active").length}組が実施中
        {c.totalScore !== null ? `（最後のマッチングの合計点 ${c.totalScore}点）` : ""}。 <Link to={`/mentor/manage/cycles/${c.id}/pairs`}>ペアと提案を見る</Link>
      </p>
      {d.pairs.some((p) => p.needsRematch) ? <p className="notice notice--warn">再マッチングを待っているメンティがいます。ペアの画面で新しいメンターを選んでください。</p> : null}
      <FormErrors id="cycle-errors" errors={result?.error?.[""] ?? undefined} />
      <div className="button-row">
        {buttons.map((a) => (
          <Form method="post" key={a.action}>
            <input type="hidden" name="version" value={c.version} />
            <button type="submit" name="intent" value={a.action} className={a.action === "end" ? "button button--danger" : "button"}>
              {a.label}
            </button>
          </Form>
        ))}
      </div>
      <section aria-labelledby="history-title">
        <h2 id="history-title">履歴（新しい順）</h2>
        <MentorHistory history={d.history} />
      </section>
    </>
  );
}

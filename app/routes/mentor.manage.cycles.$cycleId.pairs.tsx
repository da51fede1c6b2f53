import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { FormErrors } from "~/components/form";
import { CycleTag } from "~/components/mentor/parts";
import { PairList, RematchList, UnmatchedList } from "~/components/mentor/proposal";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { editProposal, rematch } from "~/services/mentor/mutations.server";
import { getCycleForHr } from "~/services/mentor/queries.server";
import { pairEditSchema } from "~/services/mentor/schemas";

export const meta: MetaFunction = () => [{ title: "ペアと提案 | メンター制度の運用" }];

// The proposal review: pairs with their scores and reasons, unmatched mentees with why,
// hand edits while matching (hard rules and seats re-checked in the transaction), and
// rematches once published.

const schema = z.union([pairEditSchema, z.object({ intent: z.literal("rematch"), pairId: z.coerce.number().int(), mentorId: z.string().min(1, "メンターを選んでください。") })]);

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
  const v = submission.value;
  const actor = actorOf(args, viewer);
  const r = v.intent === "rematch" ? await rematch(actor, v.pairId, v.mentorId) : await editProposal(actor, detail.cycle.id, v);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/mentor/manage/cycles/${detail.cycle.id}/pairs`, v.intent === "rematch" ? "mentor-rematched" : "mentor-proposal-edited"));
}

export default function HrPairs() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const c = d.cycle;
  const editable = c.status === "matching";
  const errors = [...(result?.error?.[""] ?? []), ...Object.entries(result?.error ?? {}).flatMap(([k, v]) => (k === "" ? [] : (v ?? [])))];
  const mentors = d.mentors
    .filter((m) => m.available && m.eligible)
    .map((m) => ({ employeeId: m.employeeId, name: m.name, unit: m.unit, seatsLeft: Math.max(0, m.capacity - m.seatsTaken) }));
  const shown = d.pairs.filter((p) => p.status === "proposed" || p.status === "active" || p.needsRematch);
  return (
    <>
      <p>
        <Link to={`/mentor/manage/cycles/${c.id}`}>← {c.title}</Link>
      </p>
      <h1>
        ペアと提案 <CycleTag status={c.status} />
      </h1>
      {c.proposalRanAt ? <p>最後のマッチング: 合計 {c.totalScore}点。全体の合計点が最も高くなる組合せを、受入れ人数と組めない組合せの決まりの中で求めています。</p> : null}
      <FormErrors id="edit-errors" errors={errors.length ? errors : undefined} />
      <section aria-labelledby="pairs-title">
        <h2 id="pairs-title">ペア（{shown.length}組）</h2>
        <PairList pairs={shown} editable={editable} mentors={mentors} />
      </section>
      <section aria-labelledby="unmatched-title">
        <h2 id="unmatched-title">ペアのないメンティ（{d.unmatched.length}人）</h2>
        <UnmatchedList mentees={d.unmatched} editable={editable} mentors={mentors} />
      </section>
      {c.status === "published" ? (
        <section aria-labelledby="rematch-title">
          <h2 id="rematch-title">再マッチング</h2>
          <RematchList pairs={d.pairs} mentors={mentors} />
        </section>
      ) : null}
    </>
  );
}

import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { EligibilityNote } from "~/components/mentor/parts";
import { MenteeForm } from "~/components/mentor/registration-forms";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { registerMentee } from "~/services/mentor/mutations.server";
import { getCycleForEmployee } from "~/services/mentor/queries.server";
import { menteeRegistrationSchema } from "~/services/mentor/schemas";

export const meta: MetaFunction = () => [{ title: "メンティとして登録 | かわさき人財ポータル" }];

async function load(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const detail = await getCycleForEmployee({ cycleId: Number(args.params.cycleId), viewer });
  if (!detail) throw notFound();
  return { viewer, detail };
}

export async function loader(args: LoaderFunctionArgs) {
  return (await load(args)).detail;
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, detail } = await load(args);
  const submission = parseWithZod(await args.request.formData(), { schema: menteeRegistrationSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await registerMentee(actorOf(args, viewer), detail.cycle.id, submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/mentor/cycles/${detail.cycle.id}`, "mentor-registered-mentee"));
}

export default function MenteeRegistration() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const r = d.asMentee;
  const prefs = r?.preferredMentorIds ?? [];
  return (
    <>
      <p>
        <Link to={`/mentor/cycles/${d.cycle.id}`}>← {d.cycle.title}</Link>
      </p>
      <h1>メンティとして登録</h1>
      <EligibilityNote side="メンティ" eligibility={d.menteeEligibility} />
      {!d.registrationOpen ? <p>いまは登録の受付期間ではありません。</p> : null}
      {d.registrationOpen && d.menteeEligibility.eligible ? (
        <MenteeForm
          mentors={d.mentors}
          version={r?.version ?? null}
          lastResult={lastResult}
          defaultValue={
            r
              ? {
                  worries: r.worries,
                  topics: r.topics,
                  prefersSameJobCategory: r.prefersSameJobCategory ? "on" : "",
                  prefersOtherBureau: r.prefersOtherBureau ? "on" : "",
                  preferred1: prefs[0] ?? "",
                  preferred2: prefs[1] ?? "",
                  preferred3: prefs[2] ?? "",
                  freeText: r.freeText,
                }
              : {}
          }
        />
      ) : null}
    </>
  );
}

import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { EligibilityNote } from "~/components/mentor/parts";
import { MentorForm } from "~/components/mentor/registration-forms";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { registerMentor } from "~/services/mentor/mutations.server";
import { getCycleForEmployee } from "~/services/mentor/queries.server";
import { mentorRegistrationSchema } from "~/services/mentor/schemas";
import { getProfile } from "~/services/org/org.server";

export const meta: MetaFunction = () => [{ title: "メンターとして登録 | かわさき人財ポータル" }];

async function load(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const detail = await getCycleForEmployee({ cycleId: Number(args.params.cycleId), viewer });
  if (!detail) throw notFound();
  return { viewer, detail };
}

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, detail } = await load(args);
  return { ...detail, jobCategory: (await getProfile(viewer.id))?.jobCategory ?? null };
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, detail } = await load(args);
  const submission = parseWithZod(await args.request.formData(), { schema: mentorRegistrationSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await registerMentor(actorOf(args, viewer), detail.cycle.id, submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/mentor/cycles/${detail.cycle.id}`, "mentor-registered-mentor"));
}

export default function MentorRegistration() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const r = d.asMentor;
  return (
    <>
      <p>
        <Link to={`/mentor/cycles/${d.cycle.id}`}>← {d.cycle.title}</Link>
      </p>
      <h1>メンターとして登録</h1>
      <EligibilityNote side="メンター" eligibility={d.mentorEligibility} />
      {!d.registrationOpen ? <p>いまは登録の受付期間ではありません。</p> : null}
      {d.registrationOpen && d.mentorEligibility.eligible ? (
        <MentorForm
          jobCategory={d.jobCategory}
          version={r?.version ?? null}
          lastResult={lastResult}
          defaultValue={
            r
              ? { experience: r.experience, topics: r.topics, capacity: String(r.capacity), available: r.available ? "on" : "", freeText: r.freeText }
              : { capacity: "1", available: "on" }
          }
        />
      ) : null}
    </>
  );
}

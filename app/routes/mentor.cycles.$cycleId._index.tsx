import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { CycleTag, EligibilityNote, Topics, slash } from "~/components/mentor/parts";
import { RequestForm } from "~/components/mentor/registration-forms";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { askMentor } from "~/services/mentor/mutations.server";
import { getCycleForEmployee } from "~/services/mentor/queries.server";
import { describeMenteeEligibility, describeMentorEligibility } from "~/services/mentor/rules";
import { requestSchema } from "~/services/mentor/schemas";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cycle.title ?? "メンター制度"} | かわさき人財ポータル` }];

// One cycle as an employee sees it: who may register on each side, my registrations, the
// mentors to choose from, and a direct request to one of them.

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
  const submission = parseWithZod(await args.request.formData(), { schema: requestSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await askMentor(actorOf(args, viewer), detail.cycle.id, submission.value);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice("/mentor", "mentor-requested"));
}

export default function MentorCycle() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const c = d.cycle;
  return (
    <>
      <p>
        <Link to="/mentor">← メンター制度</Link>
      </p>
      <h1>
        {c.title} <CycleTag status={c.status} />
      </h1>
      <p>
        {fiscalYearLabel(c.fiscalYear)}・登録の受付 {slash(c.opensOn)}〜{slash(c.closesOn)}
      </p>
      <ul>
        <li>メンティの対象: {describeMenteeEligibility(c.menteeEligibility)}</li>
        <li>メンターの対象: {describeMentorEligibility(c.mentorEligibility)}</li>
        <li>同じ課の職員、上司・部下の系列（局長まで）にあたる職員とはペアになりません。</li>
      </ul>
      <section aria-labelledby="mentee-title">
        <h2 id="mentee-title">メンティとして</h2>
        <EligibilityNote side="メンティ" eligibility={d.menteeEligibility} />
        {d.asMentee ? <p>登録済です（話題: <Topics keys={d.asMentee.topics} />）。</p> : null}
        {d.registrationOpen && d.menteeEligibility.eligible ? (
          <p>
            <Link to={`/mentor/cycles/${c.id}/mentee`} className="button">
              {d.asMentee ? "メンティの登録内容を変更する" : "メンティとして登録する"}
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="mentor-title">
        <h2 id="mentor-title">メンターとして</h2>
        <EligibilityNote side="メンター" eligibility={d.mentorEligibility} />
        {d.asMentor ? <p>登録済です（受入れ {d.asMentor.capacity}人・{d.asMentor.available ? "引き受け可" : "今回は引き受けない"}）。</p> : null}
        {d.registrationOpen && d.mentorEligibility.eligible ? (
          <p>
            <Link to={`/mentor/cycles/${c.id}/mentor`} className="button">
              {d.asMentor ? "メンターの登録内容を変更する" : "メンターとして登録する"}
            </Link>
          </p>
        ) : null}
      </section>
      {!d.registrationOpen ? <p className="muted">いまは登録の受付期間ではありません。</p> : null}
      <section aria-labelledby="mentors-title">
        <h2 id="mentors-title">登録しているメンター</h2>
        {d.mentors.length === 0 ? (
          <p className="muted">まだメンターの登録はありません。</p>
        ) : (
          <TableScroll label="登録しているメンターの一覧">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">メンター</th>
                  <th scope="col">職種</th>
                  <th scope="col">相談に乗れる話題</th>
                  <th scope="col">経験のある分野</th>
                  <th scope="col" className="num">
                    残り
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.mentors.map((m) => (
                  <tr key={m.employeeId}>
                    <td>
                      {m.name}
                      <br />
                      <span className="muted">{m.unit}</span>
                    </td>
                    <td>{m.jobCategory}</td>
                    <td>
                      <Topics keys={m.topics} />
                    </td>
                    <td className="pre-wrap">{m.experience}</td>
                    <td className="num">{m.seatsLeft}人</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {d.requestsOpen && d.asMentee?.status === "registered" && !d.holdsPair ? (
        <section aria-labelledby="request-title">
          <h2 id="request-title">メンターに直接依頼する</h2>
          {d.pendingRequest ? (
            <p>回答を待っている依頼があります（<Link to="/mentor">メンター制度のトップ</Link>で確認できます）。</p>
          ) : (
            <RequestForm mentors={d.mentors} lastResult={lastResult} days={c.requestResponseDays} />
          )}
        </section>
      ) : null}
    </>
  );
}

import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireRole } from "~/auth/permissions.server";
import { FormErrors } from "~/components/form";
import { CycleTag, PairTag, RequestTag, slash } from "~/components/mentor/parts";
import { formatDateTimeJa, fiscalYearLabel } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { decideRequest } from "~/services/mentor/mutations.server";
import { getMyMentoring } from "~/services/mentor/queries.server";
import { requestDecisionSchema } from "~/services/mentor/schemas";

export const meta: MetaFunction = () => [{ title: "メンター制度 | かわさき人財ポータル" }];

// My mentor programme: cycles to register in, my pairs, requests I sent and requests to me.

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  return await getMyMentoring(viewer);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const submission = parseWithZod(await args.request.formData(), { schema: requestDecisionSchema });
  if (submission.status !== "success") return submission.reply();
  const { intent, requestId } = submission.value;
  const r = await decideRequest(actorOf(args, viewer), requestId, intent);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  if (r.pairId) return redirect(withNotice(`/mentor/pairs/${r.pairId}`, "mentor-request-accepted"));
  return redirect(withNotice("/mentor", intent === "decline" ? "mentor-request-declined" : "mentor-request-withdrawn"));
}

export default function MentorHome() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>職員メンター制度</h1>
      <p>先輩職員（メンター）が、キャリアや仕事の悩みを持つ職員（メンティ）を、所属の外から支える制度です。人事課が運用しています。</p>
      <FormErrors id="request-errors" errors={result?.error?.[""] ?? undefined} />
      <section aria-labelledby="pairs-title">
        <h2 id="pairs-title">わたしのペア</h2>
        {d.pairs.length === 0 ? (
          <p className="muted">ペアはまだありません。</p>
        ) : (
          <ul className="plain-list">
            {d.pairs.map((p) => (
              <li key={p.id}>
                <PairTag status={p.status} /> {p.side === "mentee" ? "メンター" : "メンティ"}: <Link to={`/mentor/pairs/${p.id}`}>{p.otherName}さん</Link>
                <span className="muted">（{p.otherUnit ?? "所属不明"}）</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {d.receivedRequests.length > 0 ? (
        <section aria-labelledby="received-title">
          <h2 id="received-title">わたしへのメンターの依頼</h2>
          <ul className="plain-list">
            {d.receivedRequests.map((r) => (
              <li key={r.id} className="panel">
                <RequestTag status={r.status} /> {r.menteeName}さん（{r.menteeUnit ?? "所属不明"}）
                {r.message ? <p className="pre-wrap">{r.message}</p> : null}
                {r.status === "pending" ? (
                  <Form method="post" className="button-row">
                    <span className="muted">回答の期限: {formatDateTimeJa(new Date(r.expiresAt))}</span>
                    <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" name="intent" value="accept" className="button">
                      承諾する
                    </button>
                    <button type="submit" name="intent" value="decline" className="button button--secondary">
                      辞退する
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.sentRequests.length > 0 ? (
        <section aria-labelledby="sent-title">
          <h2 id="sent-title">わたしが送った依頼</h2>
          <ul className="plain-list">
            {d.sentRequests.map((r) => (
              <li key={r.id}>
                <RequestTag status={r.status} /> {r.mentorName}さん
                {r.status === "pending" ? (
                  <Form method="post" className="inline-form">
                    <span className="muted">回答の期限: {formatDateTimeJa(new Date(r.expiresAt))}</span> <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" name="intent" value="withdraw" className="button button--secondary button--small">
                      依頼を取り下げる
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="cycles-title">
        <h2 id="cycles-title">募集・実施中のサイクル</h2>
        {d.cycles.length === 0 ? (
          <p className="muted">いま募集しているサイクルはありません。</p>
        ) : (
          <ul className="promotion-calls">
            {d.cycles.map((c) => (
              <li key={c.id} className="panel">
                <h3>
                  <Link to={`/mentor/cycles/${c.id}`}>{c.title}</Link> <CycleTag status={c.status} />
                </h3>
                <p>
                  {fiscalYearLabel(c.fiscalYear)}・登録の受付 {slash(c.opensOn)}〜{slash(c.closesOn)}
                  {c.registrationOpen ? "（受付中）" : ""}
                </p>
                <p>
                  メンター: {c.asMentor === "registered" ? "登録済" : "未登録"}／メンティ: {c.asMentee === "registered" ? "登録済" : "未登録"}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

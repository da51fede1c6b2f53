import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { FiscalYearSwitcher } from "~/components/fiscal-year-select";
import { FormErrors } from "~/components/form";
import { CallTag, levelLabel, slash } from "~/components/promotion/parts";
import { fiscalYearFromUrl, fiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { refusalReply } from "~/services/contract/refusal";
import { copyCall } from "~/services/promotion/mutations.server";
import { callYears, lastYearsCalls, listCallsForHr } from "~/services/promotion/queries.server";
import { copyCallSchema } from "~/services/promotion/schemas";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "昇任型公募の運用 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const years = selectableFiscalYears({ ahead: 1, extra: await callYears() });
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), years);
  const calls = await listCallsForHr({ viewer, fiscalYear });
  if (!calls) throw notFound();
  return { fiscalYear, years, calls, lastYear: await lastYearsCalls(fiscalYear) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const submission = parseWithZod(await args.request.formData(), { schema: copyCallSchema });
  if (submission.status !== "success") return submission.reply();
  const r = await copyCall(actorOf(args, viewer), submission.value.fromId);
  if (!r.ok) return submission.reply(refusalReply(r.refusal));
  return redirect(withNotice(`/promotion/manage/calls/${r.id}/edit`, "promotion-call-saved"));
}

export default function PromotionManage() {
  const { fiscalYear, years, calls, lastYear } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>昇任型公募の運用 — {fiscalYearLabel(fiscalYear)}</h1>
      <FiscalYearSwitcher years={years} value={fiscalYear} />
      <p>
        <Link to={`/promotion/manage/new?fy=${fiscalYear}`} className="button">
          新しい公募を作成する
        </Link>
      </p>
      {lastYear.length > 0 ? (
        <Form method="post" className="panel inline-form">
          <FormErrors id="copy-errors" errors={result?.error?.[""] ?? undefined} />
          <label htmlFor="copy-from">前年度の公募をもとに作成</label>{" "}
          <select id="copy-from" name="fromId">
            {lastYear.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button button--secondary">
            複製して下書きを作る
          </button>
        </Form>
      ) : null}
      <h2>この年度の公募</h2>
      {calls.length === 0 ? (
        <p>この年度の公募はまだありません。</p>
      ) : (
        <TableScroll label="公募の一覧">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">公募</th>
                <th scope="col">段階</th>
                <th scope="col">受付期間</th>
                <th scope="col">状態</th>
                <th scope="col" className="num">
                  募集
                </th>
                <th scope="col" className="num">
                  応募者
                </th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/promotion/manage/calls/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{levelLabel(c.level)}</td>
                  <td>
                    {slash(c.opensOn)}〜{slash(c.closesOn)}
                  </td>
                  <td>
                    <CallTag status={c.status} />
                  </td>
                  <td className="num">{c.places}名</td>
                  <td className="num">{c.applicants}名</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { PeopleTable } from "~/components/people-table";
import { searchPeopleForHistory } from "~/services/training/history.server";

export const meta: MetaFunction = () => [{ title: "職員の受講歴 | かわさき人財ポータル" }];

// 人材育成課 finds a person and opens their 受講歴 (every 年度).
export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const q = (new URL(args.request.url).searchParams.get("q") ?? "").slice(0, 50);
  const people = await searchPeopleForHistory({ viewer, q });
  if (!people) throw notFound();
  return { q, people };
}

export default function PeopleHistorySearch() {
  const { q, people } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>職員の受講歴</h1>
      <p>職員番号・氏名・カナの一部で検索し、その職員のすべての年度の受講歴を開きます。</p>
      <Form method="get" className="button-row" role="search">
        <div className="field">
          <label htmlFor="q">職員番号・氏名・カナ</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={50} />
        </div>
        <button type="submit" className="button">
          検索
        </button>
      </Form>
      {q.trim() === "" ? null : people.length === 0 ? (
        <p>「{q}」に一致する職員はいません。</p>
      ) : (
        <>
          <p>{people.length >= 50 ? "一致した職員のうち先頭の50名です。条件を絞ってください。" : `${people.length}名が一致しました。`}</p>
          <PeopleTable people={people} historyLink />
        </>
      )}
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { CycleTag, slash } from "~/components/mentor/parts";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { listCyclesForHr } from "~/services/mentor/queries.server";
import { CYCLE_TERM_LABELS } from "~/services/mentor/rules";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "メンター制度の運用 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const cycles = await listCyclesForHr({ viewer });
  if (!cycles) throw notFound();
  return { cycles };
}

export default function MentorManage() {
  const { cycles } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>メンター制度の運用</h1>
      <p>年度（または半期）ごとのサイクルで、登録の受付、マッチング、ペアの公開と終了を行います。ペアのメモ・面談の内容・個人のアンケート回答は人事課にも表示されません。</p>
      <p>
        <Link to="/mentor/manage/new" className="button">
          新しいサイクルを作成する
        </Link>
      </p>
      {cycles.length === 0 ? (
        <p>サイクルはまだありません。</p>
      ) : (
        <TableScroll label="メンター制度のサイクルの一覧">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">サイクル</th>
                <th scope="col">年度・期間</th>
                <th scope="col">登録の受付</th>
                <th scope="col">状態</th>
                <th scope="col" className="num">
                  メンター
                </th>
                <th scope="col" className="num">
                  メンティ
                </th>
                <th scope="col" className="num">
                  再マッチング待ち
                </th>
              </tr>
            </thead>
            <tbody>
              {cycles.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/mentor/manage/cycles/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>
                    {fiscalYearLabel(c.fiscalYear)}・{CYCLE_TERM_LABELS[c.term]}
                  </td>
                  <td>
                    {slash(c.opensOn)}〜{slash(c.closesOn)}
                  </td>
                  <td>
                    <CycleTag status={c.status} />
                  </td>
                  <td className="num">{c.mentors}人</td>
                  <td className="num">{c.mentees}人</td>
                  <td className="num">{c.needsRematch > 0 ? <strong>{c.needsRematch}組</strong> : "0組"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

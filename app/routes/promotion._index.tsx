import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";
import { EligibilityNote, ApplicationTag, levelLabel, slash } from "~/components/promotion/parts";
import { formatWareki } from "~/lib/fiscal-year";
import { listCallsForEmployee } from "~/services/promotion/queries.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "昇任型公募 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  return listCallsForEmployee(viewer);
}

export default function PromotionCalls() {
  const { open, applied } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>昇任型公募</h1>
      <p>上位の職に自ら手を挙げて応募できる制度です。応募資格は各公募の基準日の時点で判定します。応募の内容は人事課（所属長意見を求める公募では、あなたの所属長）だけが読みます。</p>
      <section aria-labelledby="open-title">
        <h2 id="open-title">受付中の公募</h2>
        {open.length === 0 ? <p>いま受け付けている公募はありません。</p> : null}
        <ul className="promotion-calls">
          {open.map((c) => (
            <li key={c.id} className="panel">
              <h3>
                <Link to={`/promotion/calls/${c.id}`}>{c.title}</Link>
              </h3>
              <p className="muted">
                {levelLabel(c.level)}・募集{c.places}名・基準日 {formatWareki(c.referenceDate)}・受付 {slash(c.opensOn)}〜{slash(c.closesOn)}
              </p>
              {c.myStatus ? (
                <p>
                  あなたの応募: <ApplicationTag status={c.myStatus} />
                </p>
              ) : null}
              <EligibilityNote eligibility={c.eligibility} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">あなたの応募</h2>
        {applied.length === 0 ? (
          <p>まだ応募はありません。</p>
        ) : (
          <TableScroll label="応募した公募">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">公募</th>
                  <th scope="col">状態</th>
                  <th scope="col">選考の段階</th>
                </tr>
              </thead>
              <tbody>
                {applied.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/promotion/calls/${a.id}`}>{a.title}</Link>
                    </td>
                    <td>
                      <ApplicationTag status={a.applicationStatus} />
                    </td>
                    <td>{a.applicationStatus === "submitted" ? a.stageName : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}

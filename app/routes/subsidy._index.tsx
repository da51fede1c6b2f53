import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";
import { MyApplicationsTable, MyFigures } from "~/components/subsidy/my-subsidy";
import { SchemeRules } from "~/components/subsidy/scheme-rules";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { myOverview } from "~/services/subsidy/queries.server";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  return await myOverview(viewer);
}

export default function SubsidyHome() {
  const { fiscalYear, scheme, ineligibleReason, certifications, applications, receipts, yearlyLeft } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>資格取得費用助成</h1>
      <p>
        業務に役立つ資格を取得したときの受験料・登録料などの一部を助成します。合格後に、領収書と合格証の写しを添えて申請してください。所属長の確認と人材育成課の審査を経て交付が決定します。
      </p>

      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{fiscalYearLabel(fiscalYear)}のあなたの助成</h2>
        <MyFigures receipts={receipts} scheme={scheme} yearlyLeft={yearlyLeft} />
        {ineligibleReason ? (
          <p className="notice notice--warn" role="note">
            {ineligibleReason}
          </p>
        ) : (
          <p>
            <Link to="/subsidy/new" className="button button--link">
              新しく申請する
            </Link>
          </p>
        )}
        <MyApplicationsTable applications={applications} />
      </section>

      {scheme ? <SchemeRules fiscalYear={fiscalYear} scheme={scheme} certifications={certifications} /> : null}
    </>
  );
}

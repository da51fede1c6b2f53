import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";
import { fiscalYearLabel, formatDateJa, formatDateTimeJa } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import { COST_TYPE_LABELS } from "~/services/subsidy/labels";
import { applicantContext, listMyApplications, myReceipts } from "~/services/subsidy/queries.server";
import { yearlyRemaining } from "~/services/subsidy/rules";
import { StatusTag } from "~/services/subsidy/ui";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const ctx = applicantContext(viewer);
  return {
    fiscalYear: ctx.fiscalYear,
    scheme: ctx.scheme,
    ineligibleReason: ctx.ineligibleReason,
    certifications: ctx.certifications,
    applications: listMyApplications(viewer, ctx.fiscalYear),
    receipts: myReceipts(viewer, ctx.fiscalYear),
  };
}

export default function SubsidyHome() {
  const { fiscalYear, scheme, ineligibleReason, certifications, applications, receipts } = useLoaderData<typeof loader>();
  const fields = [...new Set(certifications.map((c) => c.field))];
  return (
    <>
      <h1>資格取得費用助成</h1>
      <p>
        業務に役立つ資格を取得したときの受験料・登録料などの一部を助成します。合格後に、領収書と合格証の写しを添えて申請してください。所属長の確認と人材育成課の審査を経て交付が決定します。
      </p>

      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{fiscalYearLabel(fiscalYear)}のあなたの助成</h2>
        <div className="subsidy-figures">
          <div className="card">
            <p className="subsidy-figures__label">支払済</p>
            <p className="subsidy-figures__value">{formatYen(receipts.paid)}</p>
          </div>
          <div className="card">
            <p className="subsidy-figures__label">交付決定（支払待ち）</p>
            <p className="subsidy-figures__value">{formatYen(receipts.approved)}</p>
          </div>
          {scheme ? (
            <div className="card">
              <p className="subsidy-figures__label">今年度の上限額の残り</p>
              <p className="subsidy-figures__value">{formatYen(yearlyRemaining(scheme.perPersonYearlyCap, receipts.paid + receipts.approved))}</p>
              <p className="muted subsidy-figures__note">年度上限 {formatYen(scheme.perPersonYearlyCap)}</p>
            </div>
          ) : null}
        </div>
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
        {applications.length === 0 ? (
          <p>今年度の申請はまだありません。</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">今年度のあなたの申請</caption>
              <thead>
                <tr>
                  <th scope="col">資格</th>
                  <th scope="col">合格日</th>
                  <th scope="col">状態</th>
                  <th scope="col" className="num">
                    助成額
                  </th>
                  <th scope="col">更新</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/subsidy/${a.id}`}>{a.certificationName}</Link>
                    </td>
                    <td>{formatDateJa(a.passDate)}</td>
                    <td>
                      <StatusTag status={a.status} />
                    </td>
                    <td className="num">{formatYen(a.amount)}</td>
                    <td>{formatDateTimeJa(new Date(a.updatedAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {scheme ? (
        <section aria-labelledby="rules-title">
          <h2 id="rules-title">{fiscalYearLabel(fiscalYear)}の制度</h2>
          <ul>
            <li>対象: {scheme.eligibleEmploymentTypes.join("・")}の職員</li>
            <li>1人あたりの年度上限額: {formatYen(scheme.perPersonYearlyCap)}</li>
            <li>申請期限: 合格日から{scheme.claimDeadlineDays}日以内</li>
            {scheme.roundingUnit > 1 ? <li>助成額は{formatYen(scheme.roundingUnit)}未満を切り捨てます</li> : null}
            <li>
              {scheme.allowOther
                ? `一覧にない資格も、業務上の有用性を記入して申請できます（助成率 ${scheme.otherRatePercent}%、1件あたり上限 ${formatYen(scheme.otherCapPerApplication)}）。`
                : "今年度は一覧にある資格のみが対象です。"}
            </li>
          </ul>
          <h3>対象資格</h3>
          {fields.map((field) => (
            <div key={field} className="table-wrap">
              <table className="table subsidy-cert-table">
                <caption>{field}</caption>
                <thead>
                  <tr>
                    <th scope="col">資格</th>
                    <th scope="col">対象となる費用</th>
                    <th scope="col" className="num">
                      助成率
                    </th>
                    <th scope="col" className="num">
                      1件あたり上限
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {certifications
                    .filter((c) => c.field === field)
                    .map((c) => (
                      <tr key={c.id}>
                        <td>{c.name}</td>
                        <td>{c.eligibleCostTypes.map((t) => COST_TYPE_LABELS[t]).join("・")}</td>
                        <td className="num">{c.ratePercent}%</td>
                        <td className="num">{formatYen(c.capPerApplication)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}

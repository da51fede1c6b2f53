import { fiscalYearLabel } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import { COST_TYPE_LABELS, type CostType } from "~/services/subsidy/labels";
import { TableScroll } from "~/components/table-scroll";

type Scheme = {
  eligibleEmploymentTypes: string[];
  perPersonYearlyCap: number;
  claimDeadlineDays: number;
  roundingUnit: number;
  allowOther: boolean;
  otherRatePercent: number;
  otherCapPerApplication: number;
};
type Certification = { id: number; name: string; field: string; eligibleCostTypes: CostType[]; ratePercent: number; capPerApplication: number };

/** The 年度's scheme as the employee reads it, and the eligible certifications by field. */
export function SchemeRules({ fiscalYear, scheme, certifications }: { fiscalYear: number; scheme: Scheme; certifications: Certification[] }) {
  const fields = [...new Set(certifications.map((c) => c.field))];
  return (
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
        <TableScroll key={field} label={field}>
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
        </TableScroll>
      ))}
    </section>
  );
}

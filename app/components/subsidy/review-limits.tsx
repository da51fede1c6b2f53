import { fiscalYearLabel } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";

type Budget = { budget: number; used: number; committed: number; left: number };
type Person = { committed: number; left: number; cap: number };

/** 人材育成課's view of the limits an approval is checked against: the 年度 budget and the applicant's cap. */
export function ReviewLimits({
  fiscalYear,
  amount,
  budget,
  person,
  recomputed,
}: {
  fiscalYear: number;
  amount: number;
  budget: Budget | null;
  person: Person | null;
  recomputed: number | null;
}) {
  return (
    <section aria-labelledby="limits-title">
      <h2 id="limits-title">予算と上限額（{fiscalYearLabel(fiscalYear)}）</h2>
      <ul>
        {budget ? (
          <li>
            予算の残額: <strong>{formatYen(budget.left)}</strong>（予算 {formatYen(budget.budget)}・支払済 {formatYen(budget.used)}・交付決定済 {formatYen(budget.committed)}）
          </li>
        ) : (
          <li>この年度の制度設定がありません。</li>
        )}
        {person ? (
          <li>
            申請者の年度上限額の残り: <strong>{formatYen(person.left)}</strong>（上限 {formatYen(person.cap)}・この申請以外の交付決定 {formatYen(person.committed)}）
          </li>
        ) : null}
        {recomputed !== null ? (
          <li className="subsidy-warning">
            現在の設定で計算し直すと {formatYen(recomputed)} になります（申請時の計算: {formatYen(amount)}）。必要なら差し戻して再申請を依頼してください。
          </li>
        ) : null}
      </ul>
    </section>
  );
}

import { Link } from "@remix-run/react";
import { formatYen } from "~/lib/yen";
import type { BudgetFigures } from "~/services/subsidy/queries.server";

/** The 年度 budget as `budgetFigures` gives it: the same figures an approval is checked against. */
export function BudgetPanel({ fiscalYear, budget }: { fiscalYear: number; budget: BudgetFigures | null }) {
  return budget ? (
    <>
      <dl className="subsidy-budget">
        <div>
          <dt>予算額</dt>
          <dd>{formatYen(budget.budget)}</dd>
        </div>
        <div>
          <dt>執行済（支払済）</dt>
          <dd>{formatYen(budget.used)}</dd>
        </div>
        <div>
          <dt>交付決定済（未払）</dt>
          <dd>{formatYen(budget.committed)}</dd>
        </div>
        <div className={budget.left < 0 ? "subsidy-budget__left subsidy-budget__left--over" : "subsidy-budget__left"}>
          <dt>残額</dt>
          <dd>{formatYen(budget.left)}</dd>
        </div>
      </dl>
      <div className="subsidy-budget__bar" aria-hidden="true">
        <span className="subsidy-budget__used" style={{ width: `${budget.budget ? Math.min(100, (budget.used / budget.budget) * 100) : 0}%` }} />
        <span className="subsidy-budget__committed" style={{ width: `${budget.budget ? Math.min(100, (budget.committed / budget.budget) * 100) : 0}%` }} />
      </div>
      <p className="muted">審査中（申請中・所属長確認済）の申請の助成額は合計 {formatYen(budget.inReview)} です。交付決定のたびに予算と本人の年度上限額を確認します。</p>
    </>
  ) : (
    <p>
      この年度の制度設定がありません。<Link to={`/subsidy/manage/settings?fy=${fiscalYear}`}>年度設定</Link>で予算と上限額を登録してください。
    </p>
  );
}

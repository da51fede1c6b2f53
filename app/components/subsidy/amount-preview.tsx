import { formatYen } from "~/lib/yen";
import type { AmountBreakdown, AmountRules } from "~/services/subsidy/rules";

const LIMIT_TEXT: Record<AmountBreakdown["limitedBy"][number], string> = {
  applicationCap: "1件あたりの上限額を適用",
  yearlyCap: "年度の上限額の残りを適用",
  rounding: "端数を切り捨て",
};

/** The computed subsidy with each step, so the applicant sees why it is what it is. */
export function AmountPreview({ breakdown, rules, live = false }: { breakdown: AmountBreakdown | null; rules: AmountRules | null; live?: boolean }) {
  return (
    <section className="panel amount-preview" aria-labelledby="amount-preview-title" aria-live="polite">
      <h2 id="amount-preview-title" className="amount-preview__title">
        助成額の見込み
      </h2>
      {breakdown && rules ? (
        <>
          <dl className="amount-preview__steps">
            <div>
              <dt>対象となる費用の合計</dt>
              <dd>{formatYen(breakdown.eligibleTotal)}</dd>
            </div>
            {breakdown.ineligibleTotal > 0 ? (
              <div>
                <dt>対象外の費用</dt>
                <dd>{formatYen(breakdown.ineligibleTotal)}（助成の対象になりません）</dd>
              </div>
            ) : null}
            <div>
              <dt>助成率 {rules.ratePercent}% を掛けた額</dt>
              <dd>{formatYen(breakdown.byRate)}</dd>
            </div>
            <div>
              <dt>1件あたりの上限額</dt>
              <dd>{formatYen(rules.capPerApplication)}</dd>
            </div>
            <div>
              <dt>今年度の上限額の残り</dt>
              <dd>
                {formatYen(breakdown.yearlyRemaining)}（年度上限 {formatYen(rules.perPersonYearlyCap)}）
              </dd>
            </div>
            {rules.roundingUnit > 1 ? (
              <div>
                <dt>端数処理</dt>
                <dd>{formatYen(rules.roundingUnit)}未満を切り捨て</dd>
              </div>
            ) : null}
          </dl>
          <p className="amount-preview__result">
            助成額（見込み）: <strong>{formatYen(breakdown.amount)}</strong>
            {breakdown.limitedBy.length ? <span className="muted">（{breakdown.limitedBy.map((l) => LIMIT_TEXT[l]).join("、")}）</span> : null}
          </p>
          <p className="muted amount-preview__note">
            {live ? "入力に合わせて計算しています。" : "サーバーで計算した額です。"}
            申請時にもう一度計算し、交付決定の時点で予算と年度上限額を確認します。
          </p>
        </>
      ) : (
        <p className="muted">資格と費用を入力して「助成額を計算」を押すと、助成額の見込みが表示されます。</p>
      )}
    </section>
  );
}

import { Form } from "@remix-run/react";
import { formatDateTimeJa } from "~/lib/fiscal-year";

// 人材育成課's view of a 抽選 回 on its roster: the priority groups, the 抽選を実行 button
// before the draw, and the recorded draw (seed, when, by whom) after it.

export type LotteryInfo = {
  priorities: string[];
  approvalBefore: boolean;
  drawn: { seed: string; drawnAt: Date | string; byPortal: boolean; applicants: number; seated: number } | null;
};

export function LotteryPanel({ lottery, applied, capacity, closesAt }: { lottery: LotteryInfo; applied: number; capacity: number; closesAt: Date | string }) {
  return (
    <section className="panel lottery-panel" aria-labelledby="lottery-title">
      <h2 id="lottery-title">抽選</h2>
      <p>
        この回は抽選で受講者を決めます。優先グループの順に、同じグループの中は無作為の順で席を割り当て、席に入らなかった人はその順でキャンセル待ちになります。
        {lottery.approvalBefore ? "所属長の承認を抽選の前に受けた応募だけが抽選の対象です。" : null}
      </p>
      <ol>
        {lottery.priorities.map((p) => (
          <li key={p}>{p}</li>
        ))}
        <li>優先なし</li>
      </ol>
      {lottery.drawn ? (
        <p>
          <strong>抽選済み</strong>（{formatDateTimeJa(new Date(lottery.drawn.drawnAt))}・{lottery.drawn.byPortal ? "申込締切による自動実行" : "人材育成課が実行"}）: 応募
          {lottery.drawn.applicants}名のうち{lottery.drawn.seated}名が受講決定。抽選の乱数シード: <code>{lottery.drawn.seed}</code>
          （同じ応募と優先順位から同じ順番を再現できます）
        </p>
      ) : (
        <Form method="post" className="button-row">
          <input type="hidden" name="intent" value="draw" />
          <p>
            応募 <strong>{applied}</strong>名・定員{capacity}名。申込締切（{formatDateTimeJa(new Date(closesAt))}）に自動で抽選します。締切前に実行すると、以降の申込は先着順になります。
          </p>
          <button type="submit" className="button">
            抽選を実行
          </button>
        </Form>
      )}
    </section>
  );
}

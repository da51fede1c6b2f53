import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { listSubordinates } from "~/services/org/org.server";
import { listPendingApprovals } from "~/services/training/queries.server";
import { formatSessionTime } from "~/services/training/time";
import { KindTag } from "~/services/training/ui";
import { formatYen } from "~/lib/yen";
import { listWaitingForSupervisor } from "~/services/subsidy/queries.server";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "supervisor");
  return { subordinates: listSubordinates(viewer.id), training: listPendingApprovals(viewer.id), subsidy: listWaitingForSupervisor(viewer) };
}

export default function Approvals() {
  const { subordinates, training, subsidy } = useLoaderData<typeof loader>();
  // Each service adds its pending list here; the empty message shows only when all are empty.
  const nothingPending = training.length === 0 && subsidy.length === 0;
  return (
    <>
      <h1>承認</h1>
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">承認待ち</h2>
        {nothingPending ? <p>承認を待っている申請はありません。</p> : null}
        {training.length > 0 ? (
          <section aria-labelledby="pending-training-title">
            <h3 id="pending-training-title">研修の申込（{training.length}件）</h3>
            <p className="muted">承認するまで席は確保されています。差し戻すと席は空き、キャンセル待ちの方が繰り上がります。</p>
            <ul className="approval-list">
              {training.map((t) => (
                <li key={t.enrollmentId} className="panel approval">
                  <p className="approval__who">
                    <strong>{t.employeeName}</strong>（{t.staffNumber}・{t.rank ?? "職位未登録"}）
                  </p>
                  <p>
                    <KindTag kind={t.kind} /> {t.courseTitle} 第{t.seq}回
                    <br />
                    {formatSessionTime(new Date(t.startsAt), new Date(t.endsAt))}
                    <span className="muted training-note">申込: {formatDateTimeJa(new Date(t.requestedAt))}</span>
                  </p>
                  <div className="button-row">
                    <Form method="post" action={`/approvals/training/${t.enrollmentId}`}>
                      <input type="hidden" name="intent" value="approve" />
                      <button type="submit" className="button">
                        {t.employeeName}さんの申込を承認する
                      </button>
                    </Form>
                    <Link to={`/approvals/training/${t.enrollmentId}`}>詳細と履歴</Link>
                  </div>
                  <details className="approval__return">
                    <summary>差し戻す</summary>
                    <Form method="post" action={`/approvals/training/${t.enrollmentId}`}>
                      <input type="hidden" name="intent" value="return" />
                      <div className="field">
                        <label htmlFor={`comment-${t.enrollmentId}`}>
                          差戻しの理由<span className="required">（必須）</span>
                        </label>
                        <textarea id={`comment-${t.enrollmentId}`} name="comment" rows={3} maxLength={500} required />
                      </div>
                      <button type="submit" className="button button--secondary">
                        {t.employeeName}さんの申込を差し戻す
                      </button>
                    </Form>
                  </details>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {subsidy.length > 0 ? (
          <section aria-labelledby="pending-subsidy-title">
            <h3 id="pending-subsidy-title">資格取得費用助成の申請（{subsidy.length}件）</h3>
            <p className="muted">領収書と合格証の写しを確かめ、資格が業務に役立つかを確認してください。</p>
            <ul className="approval-list">
              {subsidy.map((a) => (
                <li key={a.id} className="panel approval">
                  <p className="approval__who">
                    <strong>{a.applicantName}</strong>（{a.staffNumber}）
                  </p>
                  <p>
                    {a.certificationName}・助成額 {formatYen(a.amount)}
                    {a.submittedAt ? <span className="muted training-note">申請: {formatDateTimeJa(new Date(a.submittedAt))}</span> : null}
                  </p>
                  <Link to={`/subsidy/review/${a.id}`} className="button button--link">
                    {a.applicantName}さんの申請を確認する
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>
      <section aria-labelledby="subs-title">
        <h2 id="subs-title">承認の対象となる職員（{subordinates.length}名）</h2>
        <p className="muted">組織データで、あなたを上司とする職員です。</p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">職員番号</th>
              <th scope="col">氏名</th>
              <th scope="col">職位</th>
              <th scope="col">所属</th>
            </tr>
          </thead>
          <tbody>
            {subordinates.map((s) => (
              <tr key={s.id}>
                <td>{s.staffNumber}</td>
                <td>{s.name}</td>
                <td>{s.rank}</td>
                <td>{s.orgUnitName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

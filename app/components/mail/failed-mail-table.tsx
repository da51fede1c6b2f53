import { Form } from "@remix-run/react";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { TableScroll } from "~/components/table-scroll";

type Row = { id: number; createdAt: string | Date; updatedAt: string | Date; attempts: number; error: string; recipient: string | null; subject: string | null };

/** The admin's list of failed mail, each with its error and a 再送 button (plain form). */
export function FailedMailTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p>送信に失敗したメールはありません。</p>;
  return (
    <TableScroll label="送信に失敗したメール">
      <table className="table mail-failed">
        <thead>
          <tr>
            <th scope="col">作成</th>
            <th scope="col">宛先</th>
            <th scope="col">件名</th>
            <th scope="col" className="nowrap">試行</th>
            <th scope="col">エラー</th>
            <th scope="col">
              <span className="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">{formatDateTimeJa(new Date(r.createdAt))}</td>
              <td>{r.recipient ?? <span className="muted">（相談窓口のため表示しません）</span>}</td>
              <td>{r.subject ?? <span className="muted">—</span>}</td>
              <td className="num nowrap">{r.attempts}回</td>
              <td>
                <span className="mail-error">{r.error}</span>
                <br />
                <span className="muted">最終: {formatDateTimeJa(new Date(r.updatedAt))}</span>
              </td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="resend" />
                  <input type="hidden" name="id" value={r.id} />
                  <button type="submit" className="button button--secondary nowrap" aria-label={`メール${r.id}を再送`}>
                    再送
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

// 労務厚生課's list of slots: status (never who booked), link, close / reopen.
import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import type { WelfareSlot } from "~/services/consultation/welfare-desk.server";
import { slotText } from "./booking-status";
import { TableScroll } from "~/components/table-scroll";

export function SlotList({ slots, window }: { slots: SerializeFrom<WelfareSlot & { past: boolean }>[]; window: { daysBack: number; daysAhead: number } }) {
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title">
        相談枠の一覧（{window.daysBack}日前〜{window.daysAhead}日先）
      </h2>
      <p className="muted">予約した職員の氏名はここには表示しません。取り消すと、予約していた職員本人にだけお知らせが届きます。</p>
      {slots.length === 0 ? (
        <p className="muted">相談枠はありません。</p>
      ) : (
        <TableScroll label="相談枠">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">コンサルタント</th>
                <th scope="col">状態</th>
                <th scope="col">参加URL</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {slots.map((s) => (
                <tr key={s.id}>
                  <td>{slotText(s.startsAt, s.endsAt)}</td>
                  <td className="nowrap">{s.consultantName}</td>
                  <td>
                    {s.status === "closed" ? (
                      <span className="tag tag--muted">取消済</span>
                    ) : s.occupied ? (
                      <span className="tag tag--ok">予約あり</span>
                    ) : s.past ? (
                      <span className="muted">予約なし</span>
                    ) : (
                      "受付中"
                    )}
                  </td>
                  <td>{s.meetingUrl ? <span className="consult-url">{s.meetingUrl}</span> : <span className="muted">既定</span>}</td>
                  <td>
                    {s.past ? null : s.status === "open" ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="close" />
                        <input type="hidden" name="slotId" value={s.id} />
                        <button type="submit" className="button button--danger consult-small-button">
                          {s.cancelBookingLabel ?? "取り消す"}
                          <span className="visually-hidden">（{slotText(s.startsAt, s.endsAt)}）</span>
                        </button>
                      </Form>
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="reopen" />
                        <input type="hidden" name="slotId" value={s.id} />
                        <button type="submit" className="button button--secondary consult-small-button">
                          受付を再開<span className="visually-hidden">（{slotText(s.startsAt, s.endsAt)}）</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

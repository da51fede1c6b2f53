// The employee's bookings still to come, each with its meeting link, code and deadline.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import type { MyBooking } from "~/services/consultation/employee-bookings.server";
import { TOPIC_LABELS } from "~/services/consultation/rules";
import { BookingStatusTag, slotText } from "./booking-status";
import { TableScroll } from "~/components/table-scroll";

export type WireBooking = SerializeFrom<MyBooking>;

/** The booking code, and whether the consultant sees only it. */
export function BookingCode({ booking }: { booking: Pick<WireBooking, "bookingCode" | "anonymous"> }) {
  return (
    <>
      <code>{booking.bookingCode}</code>
      {booking.anonymous ? <span className="tag tag--muted consult-tag">匿名（コンサルタントには予約番号のみ表示）</span> : null}
    </>
  );
}

export function UpcomingBookings({ bookings }: { bookings: WireBooking[] }) {
  return (
    <section aria-labelledby="mine-title">
      <h2 id="mine-title">予約中の相談</h2>
      {bookings.length === 0 ? <p className="muted">予約中の相談はありません。</p> : null}
      <ul className="consult-bookings">
        {bookings.map((b) => (
          <li key={b.id} className="card consult-booking">
            <p className="consult-booking__when">{slotText(b.startsAt, b.endsAt)}</p>
            <dl className="consult-facts">
              <div>
                <dt>コンサルタント</dt>
                <dd>{b.consultantName}</dd>
              </div>
              <div>
                <dt>相談内容</dt>
                <dd>{TOPIC_LABELS[b.topic]}</dd>
              </div>
              <div>
                <dt>予約番号</dt>
                <dd>
                  <BookingCode booking={b} />
                </dd>
              </div>
              <div>
                <dt>参加URL</dt>
                <dd>{b.meetingUrl ? <a href={b.meetingUrl} rel="noreferrer" target="_blank">{b.meetingUrl}</a> : "労務厚生課からの連絡をお待ちください"}</dd>
              </div>
              {b.deadline ? (
                <div>
                  <dt>変更・取消の期限</dt>
                  <dd>{formatDateTimeJa(new Date(b.deadline))}まで</dd>
                </div>
              ) : null}
            </dl>
            <div className="button-row">
              <Link className="button button--secondary" to={`/consultation/bookings/${b.id}`}>
                {b.actions.length > 0 ? "日時の変更・取消" : "詳細"}
              </Link>
              <a className="button button--secondary" href={`/consultation/bookings/${b.id}.ics`} download>
                予定表に追加（.ics）
              </a>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PastBookings({ bookings }: { bookings: WireBooking[] }) {
  if (bookings.length === 0) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">これまでの予約</h2>
      <TableScroll label="これまでの予約">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">コンサルタント</th>
              <th scope="col">相談内容</th>
              <th scope="col">状態</th>
              <th scope="col">詳細</th>
            </tr>
          </thead>
          <tbody>
            {bookings.map((b) => (
              <tr key={b.id}>
                <td>{slotText(b.startsAt, b.endsAt)}</td>
                <td className="nowrap">{b.consultantName}</td>
                <td>{TOPIC_LABELS[b.topic]}</td>
                <td>
                  <BookingStatusTag status={b.status} />
                </td>
                <td>
                  <Link to={`/consultation/bookings/${b.id}`}>
                    詳細<span className="visually-hidden">（{slotText(b.startsAt, b.endsAt)}）</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

// What the employee sees of one of their bookings, and its history.
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { EVENT_REASON_LABELS, STATUS_LABELS, TOPIC_LABELS } from "~/services/consultation/rules";
import { BookingStatusTag, slotText } from "./booking-status";
import { BookingCode, type WireBooking } from "./upcoming-bookings";
import { TableScroll } from "~/components/table-scroll";

const ACTOR_LABELS = { employee: "本人", consultant: "コンサルタント", welfare: "労務厚生課" } as const;

export function BookingFacts({ booking: b }: { booking: WireBooking }) {
  return (
    <>
      <dl className="profile">
        <div className="profile__row">
          <dt>日時</dt>
          <dd>{slotText(b.startsAt, b.endsAt)}</dd>
        </div>
        <div className="profile__row">
          <dt>状態</dt>
          <dd>
            <BookingStatusTag status={b.status} />
          </dd>
        </div>
        <div className="profile__row">
          <dt>コンサルタント</dt>
          <dd>{b.consultantName}</dd>
        </div>
        <div className="profile__row">
          <dt>相談内容</dt>
          <dd>{TOPIC_LABELS[b.topic]}</dd>
        </div>
        <div className="profile__row">
          <dt>コンサルタントへのメモ</dt>
          <dd className="consult-note">{b.note || <span className="muted">なし</span>}</dd>
        </div>
        <div className="profile__row">
          <dt>予約番号</dt>
          <dd>
            <BookingCode booking={b} />
          </dd>
        </div>
        {b.meetingUrl ? (
          <div className="profile__row">
            <dt>参加URL</dt>
            <dd>
              <a href={b.meetingUrl} rel="noreferrer" target="_blank">
                {b.meetingUrl}
              </a>
            </dd>
          </div>
        ) : null}
        {b.deadline ? (
          <div className="profile__row">
            <dt>変更・取消の期限</dt>
            <dd>{formatDateTimeJa(new Date(b.deadline))}まで</dd>
          </div>
        ) : null}
      </dl>
      {b.status === "booked" ? (
        <p>
          <a className="button button--secondary" href={`/consultation/bookings/${b.id}.ics`} download>
            予定表に追加（.ics）
          </a>{" "}
          <span className="muted">予定表には「非公開」の予定「オンライン面談」として登録されます。</span>
        </p>
      ) : null}
    </>
  );
}

export function BookingHistory({ history }: { history: WireBooking["history"] }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">履歴</h2>
      <TableScroll label="履歴">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">操作した人</th>
              <th scope="col">変更</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={i}>
                <td>{formatDateTimeJa(new Date(h.at))}</td>
                <td>{ACTOR_LABELS[h.actorKind]}</td>
                <td>
                  {h.fromStatus ? `${STATUS_LABELS[h.fromStatus]} → ` : ""}
                  {STATUS_LABELS[h.toStatus]}
                </td>
                <td>{h.reason ? (EVENT_REASON_LABELS[h.reason] ?? "") : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

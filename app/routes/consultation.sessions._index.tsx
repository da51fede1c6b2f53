import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorOf, requireRole } from "~/auth/permissions.server";
import { BookingStatusTag, slotText } from "~/components/consultation/booking-status";
import { SessionClient, type WireSession } from "~/components/consultation/session-detail";
import { TOPIC_LABELS } from "~/services/consultation/rules";
import { listMySessions } from "~/services/consultation/consultant-sessions.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "担当する相談 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "consultant");
  return { data: await listMySessions(actorOf(args, viewer), new Date()) };
}

function SessionTable({ caption, sessions, past, historyDays }: { caption: string; sessions: WireSession[]; past: boolean; historyDays: number }) {
  if (sessions.length === 0) return <p className="muted">{past ? `過去${historyDays}日の相談はありません。` : "予約の入った相談はまだありません。"}</p>;
  return (
    <TableScroll label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">相談者</th>
            <th scope="col">相談内容</th>
            <th scope="col">メモ（相談者から）</th>
            <th scope="col">状態</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>{slotText(s.startsAt, s.endsAt)}</td>
              <td>
                <SessionClient s={s} />
              </td>
              <td>{TOPIC_LABELS[s.topic]}</td>
              <td className="consult-note">{s.note ? s.note : <span className="muted">なし</span>}</td>
              <td>
                <BookingStatusTag status={s.status} />
              </td>
              <td>
                <Link to={`/consultation/sessions/${s.id}`}>
                  {s.canMark.length > 0 && s.status === "booked" ? "実施を記録・メモ" : "詳細・メモ"}
                  <span className="visually-hidden">（{slotText(s.startsAt, s.endsAt)}）</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function ConsultantSessions() {
  const { data } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>担当する相談</h1>
      {!data ? (
        <p className="panel">あなたはまだコンサルタントとして登録されていません。労務厚生課にお問い合わせください。</p>
      ) : (
        <>
          <p className="muted">
            ここに表示されるのは、あなたが担当する相談だけです。匿名で予約した方は予約番号で表示されます。相談で知り得た内容には守秘義務があります。
          </p>
          <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">これからの相談</h2>
            <SessionTable caption="これからの相談" sessions={data.upcoming} past={false} historyDays={data.historyDays} />
          </section>
          <section aria-labelledby="past-title">
            <h2 id="past-title">終わった相談（過去{data.historyDays}日）</h2>
            <SessionTable caption="終わった相談" sessions={data.past} past historyDays={data.historyDays} />
          </section>
          <section aria-labelledby="free-title">
            <h2 id="free-title">予約の入っていない枠（90日先まで）</h2>
            {data.freeSlots.length === 0 ? (
              <p className="muted">ありません。</p>
            ) : (
              <ul className="consult-free">
                {data.freeSlots.map((s) => (
                  <li key={s.id}>{slotText(s.startsAt, s.endsAt)}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}

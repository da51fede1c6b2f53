import { formatDateTimeJa } from "~/lib/fiscal-year";

type Item = { id: number; title: string; body: string; link: string | null; createdAt: Date | string; readAt: Date | string | null };

export function NotificationList({ items }: { items: Item[] }) {
  if (items.length === 0) return <p className="muted">お知らせはありません。</p>;
  return (
    <ul className="notifications">
      {items.map((n) => (
        <li key={n.id} className={n.readAt ? "notification" : "notification notification--unread"}>
          <p className="notification__meta">
            {n.readAt ? null : <span className="tag">未読</span>}
            <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTimeJa(new Date(n.createdAt))}</time>
          </p>
          <p className="notification__title">{n.link ? <a href={n.link}>{n.title}</a> : n.title}</p>
          {n.body ? <p>{n.body}</p> : null}
        </li>
      ))}
    </ul>
  );
}

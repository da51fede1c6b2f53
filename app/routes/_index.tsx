import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/permissions.server";
import { ROLE_LABELS } from "~/auth/roles";
import { navFor } from "~/services/registry.server";
import { NotificationList } from "~/components/notification-list";
import { listNotifications } from "~/services/notifications/notifications.server";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireUser(args);
  return {
    name: viewer.name,
    roles: viewer.roles.map((r) => ROLE_LABELS[r]),
    links: navFor(viewer.roles).filter((l) => l.to !== "/"),
    notifications: await listNotifications(viewer.id, 5),
  };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>ホーム</h1>
      <p>
        {data.name}さん、ようこそ。あなたの利用区分: {data.roles.join("・")}
      </p>
      <section aria-labelledby="menu-title">
        <h2 id="menu-title">メニュー</h2>
        <ul className="card-grid">
          {data.links.map((l) => (
            <li key={l.to} className="card">
              <Link to={l.to}>{l.label}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="notif-title">
        <h2 id="notif-title">最新のお知らせ</h2>
        <NotificationList items={data.notifications} />
        <p>
          <Link to="/notifications">お知らせをすべて見る</Link>
        </p>
      </section>
    </>
  );
}

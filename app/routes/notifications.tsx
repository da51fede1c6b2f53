import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/permissions.server";
import { NotificationList } from "~/components/notification-list";
import { withNotice } from "~/lib/notices";
import { listNotifications, markRead } from "~/services/notifications/notifications.server";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireUser(args);
  return { items: await listNotifications(viewer.id, 200) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireUser(args);
  await markRead(viewer.id);
  return redirect(withNotice("/notifications", "notifications-read"));
}

export default function Notifications() {
  const { items } = useLoaderData<typeof loader>();
  const unread = items.filter((i) => !i.readAt).length;
  return (
    <>
      <h1>お知らせ</h1>
      <p>未読 {unread}件 / 全 {items.length}件</p>
      {unread > 0 ? (
        <Form method="post">
          <button type="submit" className="button button--secondary">
            すべて既読にする
          </button>
        </Form>
      ) : null}
      <NotificationList items={items} />
    </>
  );
}

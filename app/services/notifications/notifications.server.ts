import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, immediate, schema, type Tx } from "~/db.server";
import { preparedOnce } from "~/lib/prepared.server";
import { enqueueMail } from "~/services/mail/outbox.server";
import type { MailRequest } from "~/services/registry.server";

export type NewNotification = {
  title: string;
  body?: string;
  link?: string | null;
  /**
   * The mail of this notice: a kind from a service's `mail-templates.ts`, the values it
   * renders and the key naming the change (one mail per key, ever). Without it the notice
   * stays in-app only.
   */
  mail?: MailRequest;
};

/**
 * Services call this to tell a person something; it shows in their in-app list and, when
 * the notice carries `mail` and the person has an address, goes to the mail outbox too.
 * Pass the transaction of the change: a notice or mail is never sent for a change that
 * rolled back, and never lost for one that committed.
 */
export async function notify(tx: Tx, recipientId: string, n: NewNotification, now: Date = new Date()): Promise<void> {
  await tx.insert(schema.notifications).values({ recipientId, title: n.title, body: n.body ?? "", link: n.link ?? null });
  if (n.mail) await enqueueMail(tx, recipientId, n.mail, now);
}

const unreadStatement = preparedOnce("notifications_unread", (db) =>
  db
    .select({ n: count() })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.recipientId, sql.placeholder("id")), isNull(schema.notifications.readAt))),
);

/** Every page's badge: one prepared statement per connection. */
export async function unreadCount(viewerId: string): Promise<number> {
  return (await unreadStatement(getDb()).first({ id: viewerId }))?.n ?? 0;
}

const latestStatement = preparedOnce("notifications_latest", (db) =>
  db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.recipientId, sql.placeholder("id")))
    .orderBy(desc(schema.notifications.createdAt), desc(schema.notifications.id))
    .limit(sql.placeholder("limit")),
);

export async function listNotifications(viewerId: string, limit = 50) {
  return latestStatement(getDb()).all({ id: viewerId, limit });
}

/** Marks one (or, without id, all) of the viewer's own notifications read. */
export async function markRead(viewerId: string, id?: number): Promise<void> {
  const mine = eq(schema.notifications.recipientId, viewerId);
  await immediate(async (tx) => {
    await tx
      .update(schema.notifications)
      .set({ readAt: new Date() })
      .where(id === undefined ? and(mine, isNull(schema.notifications.readAt)) : and(mine, eq(schema.notifications.id, id)));
  });
}

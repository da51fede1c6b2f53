import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "~/db.server";
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
export function notify(tx: Tx, recipientId: string, n: NewNotification, now: Date = new Date()): void {
  tx.insert(schema.notifications)
    .values({ recipientId, title: n.title, body: n.body ?? "", link: n.link ?? null })
    .run();
  if (n.mail) enqueueMail(tx, recipientId, n.mail, now);
}

const unreadStatement = preparedOnce((db) =>
  db
    .select({ n: count() })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.recipientId, sql.placeholder("id")), isNull(schema.notifications.readAt)))
    .prepare(),
);

/** Every page's badge: one prepared statement per process. */
export function unreadCount(viewerId: string): number {
  return unreadStatement(getDb()).get({ id: viewerId })?.n ?? 0;
}

const latestStatement = preparedOnce((db) =>
  db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.recipientId, sql.placeholder("id")))
    .orderBy(desc(schema.notifications.createdAt), desc(schema.notifications.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

export function listNotifications(viewerId: string, limit = 50) {
  return latestStatement(getDb()).all({ id: viewerId, limit });
}

/** Marks one (or, without id, all) of the viewer's own notifications read. */
export function markRead(viewerId: string, id?: number): void {
  const mine = eq(schema.notifications.recipientId, viewerId);
  getDb()
    .update(schema.notifications)
    .set({ readAt: new Date() })
    .where(id === undefined ? and(mine, isNull(schema.notifications.readAt)) : and(mine, eq(schema.notifications.id, id)))
    .run();
}

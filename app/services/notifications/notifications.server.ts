import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getDb, schema, type Db } from "~/db.server";

export type NewNotification = { title: string; body?: string; link?: string | null };

/**
 * Services call this to tell a person something; it shows in their in-app list. Pass the
 * transaction of the change, so a notice is never sent for a change that rolled back.
 */
export function notify(db: Db, recipientId: string, n: NewNotification): void {
  db.insert(schema.notifications)
    .values({ recipientId, title: n.title, body: n.body ?? "", link: n.link ?? null })
    .run();
}

export function unreadCount(viewerId: string): number {
  const row = getDb()
    .select({ n: count() })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.recipientId, viewerId), isNull(schema.notifications.readAt)))
    .get();
  return row?.n ?? 0;
}

export function listNotifications(viewerId: string, limit = 50) {
  return getDb()
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.recipientId, viewerId))
    .orderBy(desc(schema.notifications.createdAt), desc(schema.notifications.id))
    .limit(limit)
    .all();
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

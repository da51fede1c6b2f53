// The consultant's side. Access rule of every read here: sessions in slots of the viewer's
// own consultant record, nothing else. The private memo is read only here, and only with
// the consultant's own id.
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { getDb, immediate } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import { allowedTransitions, type BookingStatus, type Topic } from "./rules";
import { OCCUPYING, bookings, consultantMemos, consultantOf, employees, meetingUrlOf, recordEvent, slots, consultants } from "./store.server";

const DAY_MS = 24 * 60 * 60 * 1000;

export type ConsultantSession = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
  topic: Topic;
  note: string;
  anonymous: boolean;
  /** The employee's name, or null when they booked anonymously. */
  clientName: string | null;
  bookingCode: string;
  canMark: BookingStatus[];
};

function sessionRows(consultantId: number, where?: ReturnType<typeof and>) {
  return getDb()
    .select({
      id: bookings.id,
      status: bookings.status,
      topic: bookings.topic,
      note: bookings.note,
      anonymous: bookings.anonymous,
      bookingCode: bookings.bookingCode,
      clientName: employees.name,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      slotUrl: slots.meetingUrl,
    })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(employees, eq(employees.id, bookings.employeeId))
    .where(and(eq(slots.consultantId, consultantId), inArray(bookings.status, OCCUPYING), where))
    .orderBy(asc(slots.startsAt))
    .all();
}

function toSession(r: ReturnType<typeof sessionRows>[number], now: Date): ConsultantSession {
  return {
    id: r.id,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    status: r.status,
    topic: r.topic,
    note: r.note,
    anonymous: r.anonymous,
    // The name never leaves the server for an anonymous booking.
    clientName: r.anonymous ? null : r.clientName,
    bookingCode: r.bookingCode,
    canMark: allowedTransitions(r.status, "consultant", { now, startsAt: r.startsAt, rules: null }),
  };
}

function auditView(viewer: Viewer, ip: string, ids: string[]): void {
  if (ids.length === 0) return;
  audit(getDb(), { actorId: viewer.id, action: "consultation.sessions.view", target: "consultation_bookings", outcome: "success", ip, detail: { bookingIds: ids } });
}

/** The viewer's own sessions: upcoming (and today's) first, then the last 180 days. */
export function listMySessions(viewer: Viewer, now: Date, ip: string) {
  const me = consultantOf(viewer);
  if (!me) return null;
  const startOfWindow = new Date(now.getTime() - 180 * DAY_MS);
  const rows = sessionRows(me.id, and(gte(slots.startsAt, startOfWindow)));
  const sessions = rows.map((r) => toSession(r, now));
  const upcoming = sessions.filter((s) => s.endsAt.getTime() > now.getTime());
  const past = sessions.filter((s) => s.endsAt.getTime() <= now.getTime()).reverse();
  const openSlots = getDb()
    .select({ id: slots.id, startsAt: slots.startsAt, endsAt: slots.endsAt })
    .from(slots)
    .where(and(eq(slots.consultantId, me.id), eq(slots.status, "open"), gte(slots.startsAt, now), lt(slots.startsAt, new Date(now.getTime() + 90 * DAY_MS))))
    .orderBy(asc(slots.startsAt))
    .all();
  const booked = new Set(rows.map((r) => r.startsAt.getTime()));
  auditView(viewer, ip, sessions.map((s) => s.id));
  return {
    consultant: { id: me.id, active: me.active, meetingUrl: me.meetingUrl },
    upcoming,
    past,
    freeSlots: openSlots.filter((s) => !booked.has(s.startsAt.getTime())),
  };
}

/** One of the viewer's own sessions, with their private memo; null for anything else (→ 404). */
export function getMySession(viewer: Viewer, bookingId: string, now: Date, ip: string) {
  const me = consultantOf(viewer);
  if (!me) return null;
  const row = sessionRows(me.id, and(eq(bookings.id, bookingId)))[0];
  if (!row) return null;
  const memo = getDb()
    .select({ body: consultantMemos.body, updatedAt: consultantMemos.updatedAt })
    .from(consultantMemos)
    .where(and(eq(consultantMemos.bookingId, bookingId), eq(consultantMemos.consultantId, me.id)))
    .get();
  const consultantUrl = getDb().select({ url: consultants.meetingUrl }).from(consultants).where(eq(consultants.id, me.id)).get()?.url ?? null;
  auditView(viewer, ip, [row.id]);
  return {
    session: toSession(row, now),
    meetingUrl: meetingUrlOf(row.slotUrl, consultantUrl),
    memo: memo ?? null,
  };
}

export type MarkResult = { ok: true } | { ok: false; message: string };

/** 実施 / 無断キャンセル, after the session has started. */
export function markSession(viewer: Viewer, bookingId: string, outcome: "held" | "no_show", now: Date = new Date()): MarkResult {
  const me = consultantOf(viewer);
  if (!me) return { ok: false, message: "相談が見つかりません。" };
  return immediate((tx): MarkResult => {
    const row = tx
      .select({ status: bookings.status, startsAt: slots.startsAt })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(and(eq(bookings.id, bookingId), eq(slots.consultantId, me.id), inArray(bookings.status, OCCUPYING)))
      .get();
    if (!row) return { ok: false, message: "相談が見つかりません。" };
    if (row.status === outcome) return { ok: true };
    if (!allowedTransitions(row.status, "consultant", { now, startsAt: row.startsAt, rules: null }).includes(outcome)) {
      return { ok: false, message: "実施・無断キャンセルは、相談の開始時刻を過ぎてから記録できます。" };
    }
    tx.update(bookings).set({ status: outcome, updatedAt: now }).where(and(eq(bookings.id, bookingId), eq(bookings.status, row.status))).run();
    recordEvent({
      bookingId,
      at: now,
      actorKind: "consultant",
      actorId: viewer.id,
      fromStatus: row.status,
      toStatus: outcome,
      reason: outcome === "held" ? "marked_held" : "marked_no_show",
    });
    return { ok: true };
  });
}

/** Saves the consultant's private memo of one of their own sessions. */
export function saveMemo(viewer: Viewer, bookingId: string, body: string, now: Date = new Date()): boolean {
  const me = consultantOf(viewer);
  if (!me) return false;
  return immediate((tx) => {
    const mine = tx
      .select({ id: bookings.id })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(and(eq(bookings.id, bookingId), eq(slots.consultantId, me.id), inArray(bookings.status, OCCUPYING)))
      .get();
    if (!mine) return false;
    tx.insert(consultantMemos)
      .values({ bookingId, consultantId: me.id, body, updatedAt: now })
      .onConflictDoUpdate({ target: consultantMemos.bookingId, set: { body, updatedAt: now, consultantId: me.id } })
      .run();
    return true;
  });
}

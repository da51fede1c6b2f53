// The consultant's side: their sessions, marking 実施 / 無断キャンセル, their private memo.
// Access rule (access.server.ts): sessions in slots of the viewer's own consultant record,
// nothing else. The private memo is read only here, and only with the consultant's own id.
import { and, asc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { affected, first, getDb, immediate, type Db } from "~/db.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { CONSULTANT_FIELDS, auditBookingView, clientNameFor, consultantOf, ownSessions } from "./access.server";
import { bookingActions, type Topic } from "./rules";
import { bookings, consultantMemos, consultants, employees, getPageSettings, meetingUrlOf, recordEvent, slots } from "./store.server";
import type { BookingCapacity, BookingStatus, BookingTransition } from "./transitions";

const DAY_MS = 24 * 60 * 60 * 1000;
const CONSULTANT: readonly BookingCapacity[] = ["consultant"];
const NOT_FOUND = "相談が見つかりません。";

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
  /** The marks the consultant may record now, from TRANSITIONS: the page's buttons. */
  canMark: Pick<BookingTransition, "to" | "action" | "label">[];
};

function sessionRows(db: Db, consultantId: number, where?: SQL) {
  return db
    .select(CONSULTANT_FIELDS)
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(employees, eq(employees.id, bookings.employeeId))
    .where(and(ownSessions(consultantId), where))
    .orderBy(asc(slots.startsAt), asc(bookings.id));
}

function toSession(r: Awaited<ReturnType<typeof sessionRows>>[number], now: Date): ConsultantSession {
  return {
    id: r.id,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    status: r.status,
    topic: r.topic,
    note: r.note,
    anonymous: r.anonymous,
    clientName: clientNameFor(r),
    bookingCode: r.bookingCode,
    canMark: bookingActions(r.status, CONSULTANT, { now, startsAt: r.startsAt, rules: null }).map(({ to, action, label }) => ({ to, action, label })),
  };
}

/** The viewer's own sessions: upcoming (and today's) first, then the last `sessionHistoryDays` (a page setting). */
export async function listMySessions(actor: Actor, now: Date) {
  const db = getDb();
  const me = await consultantOf(db, actor.viewer);
  if (!me) return null;
  const { sessionHistoryDays } = await getPageSettings(db);
  const startOfWindow = new Date(now.getTime() - sessionHistoryDays * DAY_MS);
  const rows = await sessionRows(db, me.id, gte(slots.startsAt, startOfWindow));
  const sessions = rows.map((r) => toSession(r, now));
  const upcoming = sessions.filter((s) => s.endsAt.getTime() > now.getTime());
  const past = sessions.filter((s) => s.endsAt.getTime() <= now.getTime()).reverse();
  const openSlots = await db
    .select({ id: slots.id, startsAt: slots.startsAt, endsAt: slots.endsAt })
    .from(slots)
    .where(and(eq(slots.consultantId, me.id), eq(slots.status, "open"), gte(slots.startsAt, now), lt(slots.startsAt, new Date(now.getTime() + 90 * DAY_MS))))
    .orderBy(asc(slots.startsAt), asc(slots.id));
  const booked = new Set(rows.map((r) => r.startsAt.getTime()));
  if (sessions.length > 0) await auditBookingView(actor, "consultation.sessions.view", { bookingIds: sessions.map((s) => s.id) });
  return {
    consultant: { id: me.id, active: me.active, meetingUrl: me.meetingUrl },
    upcoming,
    past,
    freeSlots: openSlots.filter((s) => !booked.has(s.startsAt.getTime())),
    historyDays: sessionHistoryDays,
  };
}

/** One of the viewer's own sessions, with their private memo; null for anything else (→ 404). */
export async function getMySession(actor: Actor, bookingId: string, now: Date) {
  const db = getDb();
  const me = await consultantOf(db, actor.viewer);
  if (!me) return null;
  const row = (await sessionRows(db, me.id, eq(bookings.id, bookingId)))[0];
  if (!row) return null;
  const memo = await first(
    db
      .select({ body: consultantMemos.body, updatedAt: consultantMemos.updatedAt })
      .from(consultantMemos)
      .where(and(eq(consultantMemos.bookingId, bookingId), eq(consultantMemos.consultantId, me.id))),
  );
  const consultantUrl = (await first(db.select({ url: consultants.meetingUrl }).from(consultants).where(eq(consultants.id, me.id))))?.url ?? null;
  await auditBookingView(actor, "consultation.sessions.view", { bookingIds: [row.id] });
  return {
    session: toSession(row, now),
    meetingUrl: meetingUrlOf(row.slotUrl, consultantUrl),
    memo: memo ?? null,
  };
}

/** The viewer's consultant record, or not_found: someone who is no consultant has no sessions. */
async function requireConsultant(viewer: Viewer) {
  return (await consultantOf(getDb(), viewer)) ?? refuse("not_found", NOT_FOUND);
}

/** 実施 / 無断キャンセル, after the session has started. */
export function markSession({ viewer }: Actor, bookingId: string, outcome: "held" | "no_show", now: Date = new Date()): Promise<Outcome> {
  return attempt(async () => {
    const me = await requireConsultant(viewer);
    return immediate(async (tx) => {
      const row =
        (await first(
          tx
            .select({ status: bookings.status, startsAt: slots.startsAt })
            .from(bookings)
            .innerJoin(slots, eq(slots.id, bookings.slotId))
            .where(and(eq(bookings.id, bookingId), ownSessions(me.id))),
        )) ?? refuse("not_found", NOT_FOUND);
      if (row.status === outcome) return { ok: true } as const;
      if (!bookingActions(row.status, CONSULTANT, { now, startsAt: row.startsAt, rules: null }).some((t) => t.to === outcome)) {
        refuse("closed", "実施・無断キャンセルは、相談の開始時刻を過ぎてから記録できます。");
      }
      // Conditional on the status read: a concurrent change of the same booking (the other
      // mark, from another tab) makes this one change nothing, and it is refused.
      const changed = affected(await tx.update(bookings).set({ status: outcome, updatedAt: now }).where(and(eq(bookings.id, bookingId), eq(bookings.status, row.status))));
      if (changed !== 1) refuse("conflict", "この相談の記録は、同時に別の操作で変更されました。画面を開き直してください。");
      await recordEvent(tx, {
        bookingId,
        at: now,
        actorKind: "consultant",
        actorId: viewer.id,
        fromStatus: row.status,
        toStatus: outcome,
        reason: outcome === "held" ? "marked_held" : "marked_no_show",
      });
      return { ok: true } as const;
    });
  });
}

/** Saves the consultant's private memo of one of their own sessions. */
export function saveMemo({ viewer }: Actor, bookingId: string, body: string, now: Date = new Date()): Promise<Outcome> {
  return attempt(async () => {
    const me = await requireConsultant(viewer);
    return immediate(async (tx) => {
      const mine = await first(
        tx
          .select({ id: bookings.id })
          .from(bookings)
          .innerJoin(slots, eq(slots.id, bookings.slotId))
          .where(and(eq(bookings.id, bookingId), ownSessions(me.id))),
      );
      if (!mine) refuse("not_found", NOT_FOUND);
      await tx
        .insert(consultantMemos)
        .values({ bookingId, consultantId: me.id, body, updatedAt: now })
        .onConflictDoUpdate({ target: consultantMemos.bookingId, set: { body, updatedAt: now, consultantId: me.id } });
      return { ok: true } as const;
    });
  });
}

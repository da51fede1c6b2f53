// The booking employee's mail (decision 301, 011): the one reader that puts a booking into
// a mail, and only into its own booker's. It selects the slot's time and the meeting link —
// never the topic, the note, the booking code or the consultant — and every row it returns
// is addressed to `bookings.employee_id` itself.
import { and, asc, eq, gte, lt } from "drizzle-orm";
import { first, type Db, type Tx } from "~/db.server";
import { jstDate, parseIsoDate } from "~/lib/fiscal-year";
import type { ScheduledMail } from "~/services/contract/registration";
import { enqueueMail } from "~/services/mail/outbox.server";
import { bookings, consultants, meetingUrlOf, slots } from "./store.server";

const mailFields = {
  bookingId: bookings.id,
  employeeId: bookings.employeeId,
  startsAt: slots.startsAt,
  endsAt: slots.endsAt,
  slotUrl: slots.meetingUrl,
  consultantUrl: consultants.meetingUrl,
};

type MailRow = { bookingId: string; employeeId: string; startsAt: Date; endsAt: Date; slotUrl: string | null; consultantUrl: string | null };

function valuesOf(r: MailRow) {
  return { bookingId: r.bookingId, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), meetingUrl: meetingUrlOf(r.slotUrl, r.consultantUrl) };
}

function loadForMail(db: Db | Tx, bookingId: string): Promise<MailRow | undefined> {
  return first(
    db
      .select(mailFields)
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(consultants, eq(consultants.id, slots.consultantId))
      .where(eq(bookings.id, bookingId)),
  );
}

/** Queues the booker's mail of one change to their booking, inside the change's transaction. */
export async function mailBooker(
  tx: Tx,
  bookingId: string,
  event: "booked" | "cancelled" | "closed" | { movedFrom: { bookingId: string; startsAt: Date } },
  now: Date,
): Promise<void> {
  const r = await loadForMail(tx, bookingId);
  if (!r) return;
  const v = valuesOf(r);
  if (event === "booked") await enqueueMail(tx, r.employeeId, { kind: "consultation.booked", values: v, key: `consultation:${bookingId}:booked` }, now);
  else if (event === "cancelled" || event === "closed") {
    const { meetingUrl: _dropped, ...rest } = v;
    await enqueueMail(tx, r.employeeId, { kind: `consultation.${event}`, values: rest, key: `consultation:${bookingId}:cancelled` }, now);
  } else {
    await enqueueMail(
      tx,
      r.employeeId,
      { kind: "consultation.moved", values: { ...v, previousStartsAt: event.movedFrom.startsAt.toISOString() }, key: `consultation:${event.movedFrom.bookingId}:moved` },
      now,
    );
  }
}

/** Booked sessions starting on `day` (Tokyo): the booker's reminder, the day before. */
export async function consultationReminders(db: Db, day: string): Promise<ScheduledMail[]> {
  const { year, month, day: d } = parseIsoDate(day);
  const from = jstDate(year, month, d);
  const to = new Date(from.getTime() + 24 * 60 * 60_000);
  const rows = await db
    .select(mailFields)
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(consultants, eq(consultants.id, slots.consultantId))
    .where(and(eq(bookings.status, "booked"), gte(slots.startsAt, from), lt(slots.startsAt, to)))
    .orderBy(asc(slots.startsAt), asc(bookings.id));
  return rows.map((r) => ({ recipientId: r.employeeId, kind: "consultation.reminder", values: valuesOf(r), key: `consultation:${r.bookingId}:reminder:${day}` }));
}

// The employee's training sessions as an iCalendar file, written by the shared app/lib/ics
// (Tokyo wall-clock with TZID and a VTIMEZONE; decision 101). One UID per enrollment, from
// the site identifier, never from the Host of the request: a re-import updates.
import { buildCalendar, type CalendarEvent } from "~/lib/ics";
import { eventUid } from "~/lib/site-id";
import type { EnrollmentStatus } from "./transitions";

export type CalendarSession = {
  enrollmentId: number;
  /** confirmed, or called_off (人材育成課 called the session off after it was in the calendar). */
  status: Extract<EnrollmentStatus, "confirmed" | "called_off">;
  title: string;
  description: string;
  courseId: number;
  seq: number;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  online: boolean;
  cancelReason: string | null;
};

function event(s: CalendarSession, origin: string): CalendarEvent {
  const calledOff = s.status === "called_off";
  return {
    uid: eventUid("training-enrollment", s.enrollmentId),
    start: new Date(s.startsAt),
    end: new Date(s.endsAt),
    summary: `${calledOff ? "【中止】" : ""}${s.title}（第${s.seq}回）`,
    location: [s.online ? "オンライン" : null, s.venue].filter(Boolean).join("・") || null,
    description: calledOff ? `この回は中止になりました。理由: ${s.cancelReason ?? ""}` : s.description || null,
    url: `${origin}/training/courses/${s.courseId}`,
    // The same UID with a higher SEQUENCE and STATUS:CANCELLED: the calendar drops the event.
    ...(calledOff ? { status: "CANCELLED" as const, sequence: 1 } : { sequence: 0 }),
  };
}

/**
 * The feed (METHOD:PUBLISH): confirmed sessions and, marked CANCELLED, those called off.
 * With `cancellations`, only the called-off ones under METHOD:CANCEL — the file Outlook
 * needs to remove events it imported before.
 */
export function trainingCalendar(
  sessions: CalendarSession[],
  { origin, now = new Date(), cancellations = false }: { origin: string; now?: Date; cancellations?: boolean },
): string {
  const shown = cancellations ? sessions.filter((s) => s.status === "called_off") : sessions;
  return buildCalendar({
    prodId: "-//Kawasaki City//Jinzai Portal Training//JA",
    name: "かわさき人財ポータル 研修予定",
    now,
    method: cancellations ? "CANCEL" : "PUBLISH",
    events: shown.map((s) => event(s, origin)),
  });
}

// The .ics of one booking, for the employee's own calendar. Built with the shared
// app/lib/ics writer (TZID=Asia/Tokyo with a VTIMEZONE, so Outlook shows the right time).
// Calendars in the city are often shared with colleagues and supervisors, so the event is
// marked CLASS:PRIVATE and its title says only "オンライン面談", not what it is about.
import { buildCalendar } from "~/lib/ics";
import { eventUid } from "~/lib/site-id";
import { jstIsoDate } from "./rules";

export type BookingForCalendar = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  bookingCode: string;
  meetingUrl: string | null;
};

export function bookingCalendar(b: BookingForCalendar, now: Date = new Date()): string {
  const text = buildCalendar({
    prodId: "-//Kawasaki City//Jinzai Portal Consultation//JA",
    name: "オンライン面談",
    now,
    events: [
      {
        uid: eventUid("consultation", b.id),
        start: b.startsAt,
        end: b.endsAt,
        summary: "オンライン面談",
        location: b.meetingUrl,
        url: b.meetingUrl,
        description: [
          `予約番号: ${b.bookingCode}`,
          b.meetingUrl ? `参加URL: ${b.meetingUrl}` : null,
          "変更・取消はかわさき人財ポータルから行えます。",
        ]
          .filter(Boolean)
          .join("\n"),
      },
    ],
  });
  // The shared writer has no classification option; mark the one event private.
  return text.replace("BEGIN:VEVENT\r\n", "BEGIN:VEVENT\r\nCLASS:PRIVATE\r\n");
}

export function bookingCalendarFileName(b: Pick<BookingForCalendar, "startsAt">): string {
  return `meeting-${jstIsoDate(b.startsAt)}.ics`;
}

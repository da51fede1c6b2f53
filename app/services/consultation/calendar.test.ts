import { describe, expect, it } from "vitest";
import { jstDate } from "~/lib/fiscal-year";
import { bookingCalendar, bookingCalendarFileName } from "./calendar";

describe("bookingCalendar", () => {
  const booking = {
    id: "0b8a6c9e-1111-4222-8333-944445555666",
    startsAt: jstDate(2026, 12, 1, 18, 0),
    endsAt: jstDate(2026, 12, 1, 18, 50),
    bookingCode: "K7QM-3PXA",
    meetingUrl: "https://meet.example.jp/room/okamoto",
  };
  const text = bookingCalendar(booking, new Date(Date.UTC(2026, 10, 25, 3, 0)));
  // Long lines are folded at 75 octets; read them unfolded.
  const unfolded = text.replace(/\r\n /g, "");

  it("writes Tokyo wall-clock times with TZID and a VTIMEZONE (Outlook needs both)", () => {
    expect(process.env.TZ).toBe("UTC");
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n");
    expect(text).toContain("DTSTART;TZID=Asia/Tokyo:20261201T180000\r\n");
    expect(text).toContain("DTEND;TZID=Asia/Tokyo:20261201T185000\r\n");
  });

  it("is private and says nothing about what the meeting is about", () => {
    expect(text).toContain("BEGIN:VEVENT\r\nCLASS:PRIVATE\r\n");
    expect(text).toContain("SUMMARY:オンライン面談\r\n");
    expect(unfolded).not.toMatch(/相談|キャリア|コンサル/);
    expect(unfolded).toContain("予約番号: K7QM-3PXA");
    expect(text).toContain("URL:https://meet.example.jp/room/okamoto\r\n");
  });

  it("has a stable UID per booking, so importing again updates the same event", () => {
    expect(unfolded).toContain(`UID:consultation-${booking.id}@jinzai.city.kawasaki.example\r\n`);
    expect(bookingCalendarFileName(booking)).toBe("meeting-2026-12-01.ics");
  });
});

import { describe, expect, it } from "vitest";
import { jstDate } from "./fiscal-year";
import { buildCalendar, escapeText, foldLine, tokyoLocal } from "./ics";

const encoder = new TextEncoder();

describe("ics", () => {
  const now = new Date(Date.UTC(2026, 10, 25, 3, 0, 0));
  const event = {
    uid: "training-enrollment-42@jinzai.city.kawasaki.example",
    start: jstDate(2026, 12, 10, 9, 30),
    end: jstDate(2026, 12, 10, 17, 0),
    summary: "新任係長研修（選択）生成AI活用 第2回",
    location: "川崎市役所本庁舎 2階 研修室A; 会議室",
    description: "持ち物: ノートPC, 筆記用具\n事前課題あり",
  };
  const text = buildCalendar({ prodId: "-//Kawasaki City//Jinzai Portal//JA", name: "研修予定", events: [event], now });

  it("writes the session in Tokyo time with TZID and a VTIMEZONE, whatever the process TZ", () => {
    expect(process.env.TZ).toBe("UTC");
    expect(text).toContain("DTSTART;TZID=Asia/Tokyo:20261210T093000\r\n");
    expect(text).toContain("DTEND;TZID=Asia/Tokyo:20261210T170000\r\n");
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Asia\/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:\+0900\r\nTZOFFSETTO:\+0900\r\n/);
    expect(text).toContain("DTSTAMP:20261125T030000Z\r\n");
  });

  it("a session just after midnight in Tokyo stays on its Tokyo date", () => {
    expect(tokyoLocal(jstDate(2027, 4, 1, 0, 15))).toBe("20270401T001500");
    expect(tokyoLocal(new Date(Date.UTC(2027, 2, 31, 15, 15)))).toBe("20270401T001500");
  });

  it("is a well-formed calendar: CRLF lines, balanced blocks, required properties", () => {
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const block of ["VCALENDAR", "VTIMEZONE", "STANDARD", "VEVENT"]) {
      expect(text.split(`BEGIN:${block}\r\n`).length).toBe(text.split(`END:${block}\r\n`).length);
    }
    expect(text).toContain(`UID:${event.uid}\r\n`);
  });

  it("escapes text values", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    expect(text).toContain("LOCATION:川崎市役所本庁舎 2階 研修室A\\; 会議室");
  });

  it("folds lines at 75 octets without splitting a multi-byte character", () => {
    const long = "DESCRIPTION:" + "研修".repeat(60);
    const folded = foldLine(long);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(encoder.encode(l).length).toBeLessThanOrEqual(75);
    for (const l of lines.slice(1)) expect(l.startsWith(" ")).toBe(true);
    // Unfolding gives back the original line.
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    for (const l of text.split("\r\n")) expect(encoder.encode(l).length).toBeLessThanOrEqual(75);
  });

  it("an empty calendar is still valid", () => {
    const empty = buildCalendar({ prodId: "-//x//y//JA", name: "空", events: [], now });
    expect(empty).toContain("BEGIN:VTIMEZONE");
    expect(empty).not.toContain("BEGIN:VEVENT");
  });
});

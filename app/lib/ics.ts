/**
 * A minimal RFC 5545 writer for "my sessions" calendar files. Times are written as Tokyo
 * wall-clock with TZID=Asia/Tokyo and a VTIMEZONE block, so Outlook (which needs the zone
 * defined in the file) and Google/Apple calendars show the time as the city meant it.
 * Why not the `ics` package: see docs/decisions/101-training-ics-by-hand.md.
 */

export type CalendarEvent = {
  /** Globally unique and stable across downloads, so re-importing updates, not duplicates. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string | null;
  description?: string | null;
  url?: string | null;
  /**
   * CANCELLED: the event was called off. Written with the same UID and a higher SEQUENCE
   * than before, so a calendar that holds the event removes (or strikes through) it.
   */
  status?: "CONFIRMED" | "CANCELLED";
  /** Revision of the event (RFC 5545 3.8.7.4); 0 when omitted. */
  sequence?: number;
};

/**
 * PUBLISH: a feed of events (the default). CANCEL: every event in the file is withdrawn —
 * what Outlook needs to remove events already imported (RFC 5546 3.2.5).
 */
export type Calendar = { prodId: string; name: string; events: CalendarEvent[]; now?: Date; method?: "PUBLISH" | "CANCEL" };

const TZID = "Asia/Tokyo";
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

// Japan has had no daylight saving time since 1951: one STANDARD component is the whole zone.
const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${TZID}`,
  "BEGIN:STANDARD",
  "DTSTART:19700101T000000",
  "TZOFFSETFROM:+0900",
  "TZOFFSETTO:+0900",
  "TZNAME:JST",
  "END:STANDARD",
  "END:VTIMEZONE",
];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function stamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** "20261210T093000" in Tokyo wall-clock time. */
export function tokyoLocal(d: Date): string {
  return stamp(new Date(d.getTime() + JST_OFFSET_MS));
}

/** "20261210T003000Z" in UTC. */
export function utcStamp(d: Date): string {
  return `${stamp(d)}Z`;
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character:
 * Japanese text is 3 octets per character, so counting characters would overflow.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74; // continuation lines start with one space
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function buildCalendar({ prodId, name, events, now = new Date(), method = "PUBLISH" }: Calendar): string {
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${prodId}`,
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-TIMEZONE:${TZID}`,
    ...VTIMEZONE,
  ];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART;TZID=${TZID}:${tokyoLocal(e.start)}`,
      `DTEND;TZID=${TZID}:${tokyoLocal(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.sequence !== undefined) lines.push(`SEQUENCE:${e.sequence}`);
    if (e.status || method === "CANCEL") lines.push(`STATUS:${method === "CANCEL" ? "CANCELLED" : e.status}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

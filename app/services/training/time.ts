import { fiscalYearRange, formatDateJa, isValidIsoDate, jstDate, jstParts } from "~/lib/fiscal-year";

// Form values for session times are Tokyo wall-clock text ("2026-12-10", "09:30",
// "2026-11-01T09:00"); the database holds instants. These convert both ways whatever
// TZ the server runs under.

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidTime(value: string): boolean {
  return TIME_RE.test(value);
}

/** "2026-12-10" + "09:30" in Tokyo → the instant; null when either is malformed. */
export function parseJstDateTime(date: string, time: string): Date | null {
  const t = TIME_RE.exec(time);
  if (!t || !isValidIsoDate(date)) return null;
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return jstDate(y, m, d, Number(t[1]), Number(t[2]));
}

/** "2026-11-01T09:00" (an <input type="datetime-local"> value, read as Tokyo time). */
export function parseJstLocal(value: string): Date | null {
  const m = LOCAL_RE.exec(value);
  if (!m) return null;
  return parseJstDateTime(m[1]!, `${m[2]}:${m[3]}`);
}

export function toJstDateInput(d: Date): string {
  const p = jstParts(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function toJstTimeInput(d: Date): string {
  const p = jstParts(d);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

export function toJstLocalInput(d: Date): string {
  return `${toJstDateInput(d)}T${toJstTimeInput(d)}`;
}

/** "2026年12月10日(木) 9:30〜17:00" (or with both dates when it spans days). */
export function formatSessionTime(startsAt: Date, endsAt: Date): string {
  const s = jstParts(startsAt);
  const e = jstParts(endsAt);
  const sameDay = s.year === e.year && s.month === e.month && s.day === e.day;
  const end = `${e.hour}:${pad(e.minute)}`;
  return `${formatDateJa(startsAt)} ${s.hour}:${pad(s.minute)}〜${sameDay ? end : `${formatDateJa(endsAt)} ${end}`}`;
}

/** Is the instant inside the 年度 [April 1, next April 1) in Tokyo? */
export function inFiscalYear(d: Date, fiscalYear: number): boolean {
  const { start, end } = fiscalYearRange(fiscalYear);
  return d.getTime() >= start.getTime() && d.getTime() < end.getTime();
}

/** The same Tokyo wall-clock time `years` later (Feb 29 becomes Feb 28). */
export function shiftYears(d: Date, years: number): Date {
  const p = jstParts(d);
  const y = p.year + years;
  const lastDay = new Date(Date.UTC(y, p.month, 0)).getUTCDate();
  return jstDate(y, p.month, Math.min(p.day, lastDay), p.hour, p.minute);
}

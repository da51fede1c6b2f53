/**
 * 年度 and date helpers. Japan has no daylight saving time, so Asia/Tokyo is a fixed
 * UTC+9 offset; doing the arithmetic ourselves keeps results the same whatever TZ the
 * process runs under (servers and CI run under UTC).
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export type JstParts = {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday
};

export function jstParts(date: Date): JstParts {
  const shifted = new Date(date.getTime() + JST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/** The instant of a wall-clock time in Tokyo. */
export function jstDate(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - JST_OFFSET_MS);
}

/** 年度 (fiscal year, April–March) of an instant, as the Western year it starts in. */
export function fiscalYearOf(date: Date): number {
  const { year, month } = jstParts(date);
  return month >= 4 ? year : year - 1;
}

/** 年度 of a calendar date written "YYYY-MM-DD" (a date in Tokyo). */
export function fiscalYearOfIsoDate(iso: string): number {
  const { year, month } = parseIsoDate(iso);
  return month >= 4 ? year : year - 1;
}

/** First and last instant of a 年度: [April 1 00:00 JST, next April 1 00:00 JST). */
export function fiscalYearRange(fiscalYear: number): { start: Date; end: Date } {
  return { start: jstDate(fiscalYear, 4, 1), end: jstDate(fiscalYear + 1, 4, 1) };
}

export function currentFiscalYear(now: Date = new Date()): number {
  return fiscalYearOf(now);
}

type Era = { name: string; start: { year: number; month: number; day: number } };

// Newest first. Hire dates of serving staff reach back into 昭和.
const ERAS: Era[] = [
  { name: "令和", start: { year: 2019, month: 5, day: 1 } },
  { name: "平成", start: { year: 1989, month: 1, day: 8 } },
  { name: "昭和", start: { year: 1926, month: 12, day: 25 } },
];

function eraOf(year: number, month: number, day: number): { era: string; eraYear: number } {
  const key = year * 10000 + month * 100 + day;
  for (const era of ERAS) {
    const startKey = era.start.year * 10000 + era.start.month * 100 + era.start.day;
    if (key >= startKey) return { era: era.name, eraYear: year - era.start.year + 1 };
  }
  return { era: "", eraYear: year };
}

function eraYearText(eraYear: number): string {
  return eraYear === 1 ? "元" : String(eraYear);
}

/**
 * "令和8年度" for 2026. A 年度 is named after the era of its April: FY2019 began in 平成
 * but is by convention called 令和元年度, so 年度 from 2019 use 令和.
 */
export function reiwaFiscalYearLabel(fiscalYear: number): string {
  if (fiscalYear >= 2019) return `令和${eraYearText(fiscalYear - 2018)}年度`;
  const { era, eraYear } = eraOf(fiscalYear, 4, 1);
  return `${era}${eraYearText(eraYear)}年度`;
}

/** "令和8年度（FY2026）": both forms, as every list and statistic shows them. */
const ERA_INITIALS: Record<string, string> = { 令和: "R", 平成: "H", 昭和: "S" };

/** "R8" for FY2026, "R1" for FY2019, "H30" for FY2018: the short 年度 of chart axes and tables. */
export function shortFiscalYearLabel(fiscalYear: number): string {
  if (fiscalYear >= 2019) return `R${fiscalYear - 2018}`;
  const { era, eraYear } = eraOf(fiscalYear, 4, 1);
  return `${ERA_INITIALS[era] ?? ""}${eraYear}`;
}

export function fiscalYearLabel(fiscalYear: number): string {
  return `${reiwaFiscalYearLabel(fiscalYear)}（FY${fiscalYear}）`;
}

export function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** True when "YYYY-MM-DD" names a real calendar date. */
export function isValidIsoDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Today's date in Tokyo as "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  const p = jstParts(now);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function toParts(value: Date | string): JstParts {
  if (typeof value === "string") {
    const { year, month, day } = parseIsoDate(value);
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    return { year, month, day, hour: 0, minute: 0, weekday };
  }
  return jstParts(value);
}

/** "令和8年4月1日" (和暦). */
export function formatWareki(value: Date | string): string {
  const p = toParts(value);
  const { era, eraYear } = eraOf(p.year, p.month, p.day);
  return `${era}${eraYearText(eraYear)}年${p.month}月${p.day}日`;
}

/** "2026年4月1日(水)". */
export function formatDateJa(value: Date | string): string {
  const p = toParts(value);
  return `${p.year}年${p.month}月${p.day}日(${WEEKDAYS[p.weekday]})`;
}

/** "2026年4月1日(水) 9:05". */
export function formatDateTimeJa(value: Date): string {
  const p = jstParts(value);
  return `${formatDateJa(value)} ${p.hour}:${pad(p.minute)}`;
}

/** "令和8年4月1日（2026年4月1日）" where both help. */
export function formatDateBoth(value: Date | string): string {
  const p = toParts(value);
  return `${formatWareki(value)}（${p.year}年${p.month}月${p.day}日）`;
}

// ——— The 年度 a page shows ——————————————————————————————————————————————

/** The plan (第1期取組計画) runs 令和8〜11年度: FY2026–2029. */
export const PLAN_FIRST_YEAR = 2026;
export const PLAN_LAST_YEAR = 2029;

/**
 * The 年度 a per-year page offers, newest first: from `from` (default: three years before
 * the plan, kept for comparison) to `ahead` years after the current one, plus any `extra`
 * years the service has data for.
 */
export function selectableFiscalYears({
  now = new Date(),
  from = PLAN_FIRST_YEAR - 3,
  ahead = 0,
  extra = [],
}: { now?: Date; from?: number; ahead?: number; extra?: readonly number[] } = {}): number[] {
  const last = Math.max(currentFiscalYear(now) + ahead, PLAN_FIRST_YEAR);
  const years = new Set<number>(extra);
  for (let y = last; y >= from; y--) years.add(y);
  return [...years].sort((a, b) => b - a);
}

/**
 * The one reader of `?fy=`: the year asked for when it is one of `years`, else the
 * current 年度 (or `fallback`). Every per-年度 page reads its year with this.
 */
export function fiscalYearFromUrl(url: URL, years: readonly number[], fallback: number = currentFiscalYear()): number {
  const raw = url.searchParams.get("fy") ?? "";
  const fy = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  return years.includes(fy) ? fy : fallback;
}

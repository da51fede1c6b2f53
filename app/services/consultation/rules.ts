/**
 * 外部の専門家相談窓口 — the pure booking rules: deadlines, booking window, per-person limits,
 * the clock guard of the state machine (its table is transitions.ts), the refusals and slot
 * patterns. Who may see a booking is access.server.ts. No database here; every instant is
 * compared in Asia/Tokyo wall-clock terms through app/lib/fiscal-year, whatever TZ the
 * process runs in.
 */
import { fiscalYearLabel, jstDate, jstParts } from "~/lib/fiscal-year";
import { actionsFor } from "~/services/contract/transitions";
import { LOWEST_MANAGER_RANK, isManagerRank } from "~/services/org/master-data";
import { TRANSITIONS, type BookingCapacity, type BookingStatus, type BookingTransition } from "./transitions";

export type { BookingStatus } from "./transitions";

export const TOPICS = ["work_anxiety", "career", "life", "management", "other"] as const;
export type Topic = (typeof TOPICS)[number];
export const TOPIC_LABELS: Record<Topic, string> = {
  work_anxiety: "仕事の不安",
  career: "キャリア形成",
  life: "生活",
  management: "管理職のマネジメント",
  other: "その他",
};

export const STATUS_LABELS: Record<BookingStatus, string> = {
  booked: "予約中",
  cancelled: "取消",
  moved: "日時変更済",
  held: "実施",
  no_show: "無断キャンセル",
};

/** Why a booking changed; stored as a key, shown with these words. */
export const EVENT_REASON_LABELS: Record<string, string> = {
  booked: "予約",
  moved_to: "別の日時へ変更",
  moved_from: "別の日時から変更",
  cancelled_by_employee: "本人による取消",
  slot_closed: "労務厚生課が相談枠を取り消したため",
  marked_held: "コンサルタントが実施を記録",
  marked_no_show: "コンサルタントが無断キャンセルを記録",
};

export const RANK_GROUPS = ["manager", "other"] as const;
export type RankGroup = (typeof RANK_GROUPS)[number];
export const RANK_GROUP_LABELS: Record<RankGroup, string> = { manager: `管理職（${LOWEST_MANAGER_RANK}以上）`, other: "それ以外" };
/** 管理職 (課長以上) as the org master's rank order defines it (~/services/org/master-data). */
export function rankGroupOf(rank: string | null | undefined): RankGroup {
  return isManagerRank(rank) ? "manager" : "other";
}

/** The rules 労務厚生課 sets (table consultation_rules). */
export type ConsultationRules = {
  bookingWindowDays: number;
  deadlineDaysBefore: number;
  deadlineMinuteOfDay: number;
  maxPerFiscalYear: number;
  maxFutureBookings: number;
};

/**
 * What the pages of the service show and offer, set with the rules: how far the overview
 * and the slot list look, how far back a consultant's past sessions go, and the times the
 * slot forms start with. Every page text about them is built from these.
 */
export type ConsultationPageSettings = {
  overviewDays: number;
  slotListDaysBack: number;
  slotListDaysAhead: number;
  sessionHistoryDays: number;
  defaultSlotStartMinute: number;
  defaultSlotEndMinute: number;
};

/** Until 労務厚生課 changes them (the columns' defaults in db/schema/consultation.ts). */
export const DEFAULT_PAGE_SETTINGS: ConsultationPageSettings = {
  overviewDays: 60,
  slotListDaysBack: 14,
  slotListDaysAhead: 120,
  sessionHistoryDays: 180,
  defaultSlotStartMinute: 18 * 60,
  defaultSlotEndMinute: 18 * 60 + 50,
};

export const PAGE_SETTING_BOUNDS = {
  overviewDays: { min: 7, max: 365 },
  slotListDaysBack: { min: 0, max: 90 },
  slotListDaysAhead: { min: 7, max: 365 },
  sessionHistoryDays: { min: 30, max: 730 },
} as const;

/** "18:00" (zero-padded, as a time field shows it). */
export function timeFieldText(minute: number): string {
  return minuteOfDayText(minute).padStart(5, "0");
}

/** Bounds of each rule, used by the rules form and its schema. */
export const RULE_BOUNDS = {
  bookingWindowDays: { min: 1, max: 365 },
  deadlineDaysBefore: { min: 0, max: 14 },
  maxPerFiscalYear: { min: 1, max: 52 },
  maxFutureBookings: { min: 1, max: 10 },
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "17:00" for 1020. */
export function minuteOfDayText(minute: number): string {
  return `${Math.floor(minute / 60)}:${pad(minute % 60)}`;
}

/** 1020 for "17:00"; null when not a valid HH:MM. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** The day number (days since 1970-01-01) of the Tokyo calendar date of an instant. */
export function jstDayNumber(at: Date): number {
  const p = jstParts(at);
  return Date.UTC(p.year, p.month - 1, p.day) / DAY_MS;
}

/**
 * The last moment to book, move or cancel a slot: `deadlineDaysBefore` days before the
 * slot's date (in Tokyo) at `deadlineMinuteOfDay`, and never later than the start itself.
 * The deadline instant itself is already too late: at 17:00:00 the 17:00 deadline has passed.
 */
export function changeDeadline(startsAt: Date, rules: Pick<ConsultationRules, "deadlineDaysBefore" | "deadlineMinuteOfDay">): Date {
  const p = jstParts(startsAt);
  const d = jstDate(p.year, p.month, p.day - rules.deadlineDaysBefore, 0, rules.deadlineMinuteOfDay);
  return d.getTime() < startsAt.getTime() ? d : startsAt;
}

export function beforeDeadline(now: Date, startsAt: Date, rules: ConsultationRules): boolean {
  return now.getTime() < changeDeadline(startsAt, rules).getTime();
}

/** The slot's Tokyo date is at most `bookingWindowDays` days after today's. */
export function withinBookingWindow(now: Date, startsAt: Date, rules: Pick<ConsultationRules, "bookingWindowDays">): boolean {
  return jstDayNumber(startsAt) - jstDayNumber(now) <= rules.bookingWindowDays;
}

export type SlotForBooking = { status: "open" | "closed"; startsAt: Date; occupied: boolean };

export type BookingRefusal =
  | { code: "not_open" }
  | { code: "slot_not_found" }
  | { code: "own_slot" }
  | { code: "slot_closed" }
  | { code: "slot_past" }
  | { code: "deadline_passed"; deadline: Date }
  | { code: "beyond_window"; days: number }
  | { code: "taken" }
  | { code: "year_limit"; max: number; fiscalYear: number }
  | { code: "future_limit"; max: number }
  | { code: "same_slot" }
  | { code: "booking_not_found" }
  | { code: "not_changeable"; status: BookingStatus }
  | { code: "change_deadline_passed"; deadline: Date };

/**
 * Whether this slot may be booked now: open, in the future, before the deadline, inside
 * the booking window, not occupied. The per-person limits are `checkLimits`.
 */
export function slotRefusal(now: Date, slot: SlotForBooking, rules: ConsultationRules): BookingRefusal | null {
  if (slot.status !== "open") return { code: "slot_closed" };
  if (slot.startsAt.getTime() <= now.getTime()) return { code: "slot_past" };
  if (!beforeDeadline(now, slot.startsAt, rules)) return { code: "deadline_passed", deadline: changeDeadline(slot.startsAt, rules) };
  if (!withinBookingWindow(now, slot.startsAt, rules)) return { code: "beyond_window", days: rules.bookingWindowDays };
  if (slot.occupied) return { code: "taken" };
  return null;
}

/**
 * Per-person limits. `bookedInFiscalYear` counts the person's bookings (予約中・実施・無断キャンセル)
 * in the slot's 年度; `upcoming` their bookings still to come. Both exclude a booking
 * being moved, so moving never trips a limit the original booking already satisfied.
 */
export function checkLimits(
  counts: { bookedInFiscalYear: number; upcoming: number; fiscalYear: number },
  rules: ConsultationRules,
): BookingRefusal | null {
  if (counts.bookedInFiscalYear >= rules.maxPerFiscalYear) {
    return { code: "year_limit", max: rules.maxPerFiscalYear, fiscalYear: counts.fiscalYear };
  }
  if (counts.upcoming >= rules.maxFutureBookings) return { code: "future_limit", max: rules.maxFutureBookings };
  return null;
}

function dateTimeText(d: Date): string {
  const p = jstParts(d);
  return `${p.month}月${p.day}日 ${p.hour}:${pad(p.minute)}`;
}

/** The message the employee reads, next to the slot field. */
export function refusalMessage(r: BookingRefusal): string {
  switch (r.code) {
    case "not_open":
      return "現在、相談の予約は受け付けていません。";
    case "slot_not_found":
      return "選んだ相談枠が見つかりません。一覧から選び直してください。";
    case "own_slot":
      return "ご自身が担当する相談枠は予約できません。";
    case "slot_closed":
      return "この相談枠は受付を終了しました。別の枠を選んでください。";
    case "slot_past":
      return "この相談枠の日時はすでに過ぎています。別の枠を選んでください。";
    case "deadline_passed":
      return `この相談枠の予約受付は ${dateTimeText(r.deadline)} で締め切りました。別の枠を選んでください。`;
    case "beyond_window":
      return `この相談枠はまだ予約できません。予約できるのは今日から${r.days}日先までの枠です。`;
    case "taken":
      return "この相談枠はすでに予約されています。別の枠を選んでください。";
    case "year_limit":
      return `${fiscalYearLabel(r.fiscalYear)}の予約は上限の${r.max}回に達しているため、この年度の枠は予約できません。`;
    case "future_limit":
      return `同時に予約できるのは${r.max}件までです。予約中の相談が終わるか、取り消してから予約してください。`;
    case "same_slot":
      return "現在の予約と同じ枠です。別の枠を選んでください。";
    case "booking_not_found":
      return "予約が見つかりません。";
    case "not_changeable":
      return `この予約は「${STATUS_LABELS[r.status]}」のため、変更・取消できません。`;
    case "change_deadline_passed":
      return `変更・取消の期限（${dateTimeText(r.deadline)}）を過ぎています。やむを得ない場合は労務厚生課にご連絡ください。`;
  }
}

export type TransitionClock = { now: Date; startsAt: Date; rules: ConsultationRules | null };

/** The clock guard of TRANSITIONS (`when`), for `actionsFor`. */
export function transitionTimeGuard(ctx: TransitionClock): (t: BookingTransition) => boolean {
  return (t) => {
    if (t.when === "after_start") return ctx.now.getTime() >= ctx.startsAt.getTime();
    if (t.when === "before_deadline") return ctx.rules !== null && beforeDeadline(ctx.now, ctx.startsAt, ctx.rules);
    return true;
  };
}

/** What a viewer holding `capacities` may do to a booking in `status` right now: the page's buttons and the mutation's check. */
export function bookingActions(status: BookingStatus, capacities: readonly BookingCapacity[], ctx: TransitionClock): BookingTransition[] {
  return actionsFor(TRANSITIONS, status, capacities, transitionTimeGuard(ctx));
}

/** The statuses `by` may move a booking to from `status` right now. */
export function allowedTransitions(status: BookingStatus, by: BookingCapacity, ctx: TransitionClock): BookingStatus[] {
  return bookingActions(status, [by], ctx).map((t) => t.to);
}

// ——— Slot patterns ———————————————————————————————————————————————

export const WEEKDAY_LABELS = ["日", "月", "火", "水", "木", "金", "土"] as const;
/** Most slots one pattern may publish (e.g. half a year of daily slots). */
export const MAX_PATTERN_SLOTS = 200;
export const MAX_PATTERN_DAYS = 366;

export type SlotPattern = {
  /** First and last Tokyo date, "YYYY-MM-DD", both included. */
  from: string;
  to: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: number[];
  startMinute: number;
  endMinute: number;
};

export type PatternResult =
  | { ok: true; slots: { startsAt: Date; endsAt: Date }[] }
  | { ok: false; field: "to" | "weekdays" | "endTime"; message: string };

function isoParts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split("-").map(Number);
  return [y!, m!, d!];
}

/** "every Tue and Thu 18:00–18:50 from … to …" → the slots, as instants. */
export function expandPattern(p: SlotPattern): PatternResult {
  const [fy, fm, fd] = isoParts(p.from);
  const [ty, tm, td] = isoParts(p.to);
  const first = Date.UTC(fy, fm - 1, fd) / DAY_MS;
  const last = Date.UTC(ty, tm - 1, td) / DAY_MS;
  if (last < first) return { ok: false, field: "to", message: "終了日は開始日以降の日付にしてください。" };
  if (last - first >= MAX_PATTERN_DAYS) return { ok: false, field: "to", message: `期間は${MAX_PATTERN_DAYS}日以内にしてください。` };
  if (p.weekdays.length === 0) return { ok: false, field: "weekdays", message: "曜日を1つ以上選んでください。" };
  if (p.endMinute <= p.startMinute) return { ok: false, field: "endTime", message: "終了時刻は開始時刻より後にしてください。" };
  const days = new Set(p.weekdays);
  const slots: { startsAt: Date; endsAt: Date }[] = [];
  for (let day = first; day <= last; day++) {
    const date = new Date(day * DAY_MS);
    if (!days.has(date.getUTCDay())) continue;
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    slots.push({ startsAt: jstDate(y, m, d, 0, p.startMinute), endsAt: jstDate(y, m, d, 0, p.endMinute) });
  }
  if (slots.length > MAX_PATTERN_SLOTS) {
    return { ok: false, field: "to", message: `一度に公開できるのは${MAX_PATTERN_SLOTS}枠までです。期間を短くしてください。` };
  }
  return { ok: true, slots };
}

/** "YYYY-MM-DD" of the Tokyo date `months` months after `iso`, minus one day (e.g. a 3-month run). */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = isoParts(iso);
  // Clamp to the target month's length: Nov 30 + 3 months is Feb 28, not Mar 2.
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)) - DAY_MS);
  return `${end.getUTCFullYear()}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}`;
}

/** The Tokyo date of an instant, "YYYY-MM-DD" (for grouping slots by day). */
export function jstIsoDate(at: Date): string {
  const p = jstParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "18:00〜18:50". */
export function timeRangeText(startsAt: Date, endsAt: Date): string {
  const s = jstParts(startsAt);
  const e = jstParts(endsAt);
  return `${s.hour}:${pad(s.minute)}〜${e.hour}:${pad(e.minute)}`;
}

/** "前日 17:00" / "当日 9:00" / "3日前 17:00": how the deadline rule reads. */
export function deadlineRuleText(rules: Pick<ConsultationRules, "deadlineDaysBefore" | "deadlineMinuteOfDay">): string {
  const day = rules.deadlineDaysBefore === 0 ? "当日" : rules.deadlineDaysBefore === 1 ? "前日" : `${rules.deadlineDaysBefore}日前`;
  return `相談日の${day} ${minuteOfDayText(rules.deadlineMinuteOfDay)}`;
}

/** Only https links to an online meeting are stored and shown. */
export function isMeetingUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === "https:" && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Characters as a person counts them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  return [...text].length;
}

export const NOTE_MAX_CHARS = 1000;
export const MEMO_MAX_CHARS = 4000;

// Zod schemas shared by the consultation forms (Conform, for field errors) and the actions.
// Objects are strict: a form carrying extra fields (status, employeeId, bookingCode …) is
// refused whole, never half-applied.
import { z } from "zod";
import { isValidIsoDate } from "~/lib/fiscal-year";
import {
  MEMO_MAX_CHARS,
  NOTE_MAX_CHARS,
  PAGE_SETTING_BOUNDS,
  RULE_BOUNDS,
  TOPICS,
  charCount,
  isMeetingUrl,
  parseTimeOfDay,
} from "./rules";

const slotId = z
  .number({ error: "相談枠を選んでください。" })
  .int({ error: "選んだ相談枠が見つかりません。一覧から選び直してください。" })
  .positive({ error: "選んだ相談枠が見つかりません。一覧から選び直してください。" })
  .max(2_147_483_647, { error: "選んだ相談枠が見つかりません。一覧から選び直してください。" });

const note = z
  .string()
  .default("")
  .refine((v) => charCount(v) <= NOTE_MAX_CHARS, {
    error: (issue) => `コンサルタントへのメモは${NOTE_MAX_CHARS}文字以内で入力してください（現在${charCount(String(issue.input))}文字）。`,
  })
  .transform((v) => v.trim());

/** Employee: book a slot. */
export const bookSchema = z.strictObject({
  intent: z.literal("book"),
  slotId,
  topic: z.enum(TOPICS, { error: "相談したい内容を選んでください。" }),
  note,
  anonymous: z.boolean().default(false),
});

/** Employee, on one booking: move it to another slot, or cancel it. */
export const bookingActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("move"), slotId }),
  z.strictObject({ intent: z.literal("cancel") }),
]);

/** Consultant, on one session. */
export const sessionActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("mark"), outcome: z.enum(["held", "no_show"], { error: "記録する内容を選んでください。" }) }),
  z.strictObject({
    intent: z.literal("memo"),
    body: z
      .string()
      .default("")
      .refine((v) => charCount(v) <= MEMO_MAX_CHARS, { error: `メモは${MEMO_MAX_CHARS}文字以内で入力してください。` }),
  }),
]);

const meetingUrl = z
  .string()
  .trim()
  .max(500, { error: "URLは500文字以内で入力してください。" })
  .refine(isMeetingUrl, { error: "オンライン会議のURLを https:// から入力してください。" });

const isoDate = (label: string) =>
  z
    .string({ error: `${label}を入力してください。` })
    .refine(isValidIsoDate, { error: `${label}を正しい日付（例: 2026-12-01）で入力してください。` });

const timeOfDay = (label: string) =>
  z
    .string({ error: `${label}を入力してください。` })
    .refine((v) => parseTimeOfDay(v) !== null, { error: `${label}を 18:00 のように入力してください。` });

const consultantId = z
  .number({ error: "コンサルタントを選んでください。" })
  .int({ error: "選んだコンサルタントが見つかりません。" })
  .positive({ error: "選んだコンサルタントが見つかりません。" })
  .max(2_147_483_647, { error: "選んだコンサルタントが見つかりません。" });

/** 労務厚生課: publish one slot. */
export const singleSlotSchema = z.strictObject({
  intent: z.literal("single"),
  consultantId,
  date: isoDate("日付"),
  startTime: timeOfDay("開始時刻"),
  endTime: timeOfDay("終了時刻"),
  meetingUrl: meetingUrl.optional(),
});

/** 労務厚生課: publish a repeating pattern (e.g. every Tue and Thu 18:00–18:50 for three months). */
export const patternSlotSchema = z.strictObject({
  intent: z.literal("pattern"),
  consultantId,
  from: isoDate("開始日"),
  to: isoDate("終了日"),
  weekdays: z
    .array(z.number().int().min(0, { error: "曜日が正しくありません。" }).max(6, { error: "曜日が正しくありません。" }), {
      error: "曜日を1つ以上選んでください。",
    })
    .min(1, { error: "曜日を1つ以上選んでください。" })
    .max(7),
  startTime: timeOfDay("開始時刻"),
  endTime: timeOfDay("終了時刻"),
  meetingUrl: meetingUrl.optional(),
});

/** 労務厚生課: close or reopen one slot. */
export const slotStatusSchema = z.strictObject({
  intent: z.enum(["close", "reopen"]),
  slotId: z.number({ error: "相談枠が指定されていません。" }).int().positive().max(2_147_483_647),
});

const intIn = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}を${min}〜${max}の整数で入力してください。` })
    .int({ error: `${label}を${min}〜${max}の整数で入力してください。` })
    .min(min, { error: `${label}を${min}〜${max}の整数で入力してください。` })
    .max(max, { error: `${label}を${min}〜${max}の整数で入力してください。` });

/** 労務厚生課: the service's rules. */
export const rulesSchema = z.strictObject({
  intent: z.literal("rules"),
  bookingWindowDays: intIn("予約できる期間", RULE_BOUNDS.bookingWindowDays.min, RULE_BOUNDS.bookingWindowDays.max),
  deadlineDaysBefore: intIn("締切の日", RULE_BOUNDS.deadlineDaysBefore.min, RULE_BOUNDS.deadlineDaysBefore.max),
  deadlineTime: timeOfDay("締切の時刻"),
  maxPerFiscalYear: intIn("1年度の上限回数", RULE_BOUNDS.maxPerFiscalYear.min, RULE_BOUNDS.maxPerFiscalYear.max),
  maxFutureBookings: intIn("同時に予約できる件数", RULE_BOUNDS.maxFutureBookings.min, RULE_BOUNDS.maxFutureBookings.max),
  overviewDays: intIn("概要に表示する期間", PAGE_SETTING_BOUNDS.overviewDays.min, PAGE_SETTING_BOUNDS.overviewDays.max),
  slotListDaysBack: intIn("相談枠の一覧（何日前から）", PAGE_SETTING_BOUNDS.slotListDaysBack.min, PAGE_SETTING_BOUNDS.slotListDaysBack.max),
  slotListDaysAhead: intIn("相談枠の一覧（何日先まで）", PAGE_SETTING_BOUNDS.slotListDaysAhead.min, PAGE_SETTING_BOUNDS.slotListDaysAhead.max),
  sessionHistoryDays: intIn("終わった相談を表示する期間", PAGE_SETTING_BOUNDS.sessionHistoryDays.min, PAGE_SETTING_BOUNDS.sessionHistoryDays.max),
  defaultSlotStart: timeOfDay("相談枠の開始時刻の初期値"),
  defaultSlotEnd: timeOfDay("相談枠の終了時刻の初期値"),
}).refine((v) => (parseTimeOfDay(v.defaultSlotEnd) ?? 0) > (parseTimeOfDay(v.defaultSlotStart) ?? 0), {
  path: ["defaultSlotEnd"],
  error: "終了時刻の初期値は開始時刻より後にしてください。",
});

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label}を入力してください。` })
    .trim()
    .min(1, { error: `${label}を入力してください。` })
    .max(max, { error: `${label}は${max}文字以内で入力してください。` });

/** 労務厚生課: register consultants, or change one's link / active flag. */
export const consultantActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({
    intent: z.literal("existing"),
    staffNumber: requiredText("職員番号（ログインID）", 20),
    meetingUrl: meetingUrl.optional(),
  }),
  z.strictObject({
    intent: z.literal("create"),
    loginId: requiredText("ログインID", 20).regex(/^[A-Za-z0-9_-]+$/, { error: "ログインIDは半角英数字・ハイフン・下線で入力してください。" }),
    name: requiredText("氏名", 50),
    kana: requiredText("カナ", 50),
    meetingUrl: meetingUrl.optional(),
  }),
  z.strictObject({
    intent: z.literal("update"),
    consultantId,
    meetingUrl: meetingUrl.optional(),
    active: z.boolean().default(false),
  }),
]);



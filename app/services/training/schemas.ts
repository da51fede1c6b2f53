import { z } from "zod";
import { fiscalYearRange, formatDateJa, isValidIsoDate } from "~/lib/fiscal-year";
import { COURSE_KINDS } from "./rules";
import { inFiscalYear, isValidTime, parseJstDateTime, parseJstLocal } from "./time";

// Zod schemas shared by the forms (Conform, for field errors) and the actions. Objects
// are strict: a form that carries extra fields (status, employeeId …) is refused whole.

const positiveId = z.number({ error: "対象が正しく指定されていません。" }).int().positive();

/** Employee: sign up to one session, cancel one's own enrollment, or move it to another 回. */
export const enrollmentActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("signup"), courseSessionId: positiveId }),
  z.strictObject({ intent: z.literal("cancel"), enrollmentId: positiveId }),
  z.strictObject({ intent: z.literal("change"), enrollmentId: positiveId, toSessionId: positiveId }),
]);

const comment = z
  .string({ error: "差戻しの理由を入力してください。" })
  .trim()
  .min(1, { error: "差戻しの理由を入力してください。" })
  .max(500, { error: "500文字以内で入力してください。" });

/** Supervisor: approve, or return with a comment. */
export const approvalActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("approve") }),
  z.strictObject({ intent: z.literal("return"), comment }),
]);

/** 人材育成課 on a roster: bulk mark, remove one person, open/close the session. */
export const rosterActionSchema = z.discriminatedUnion("intent", [
  z
    .strictObject({
      intent: z.literal("mark"),
      mark: z.enum(["attended", "absent", "completed"], { error: "記録する内容を選んでください。" }),
      enrollmentIds: z.array(positiveId, { error: "対象者を選んでください。" }).max(1000).default([]),
      // "Everyone with a confirmed seat", so a 60-person session is not 60 clicks.
      all: z.literal("confirmed").optional(),
    })
    .refine((v) => v.all !== undefined || v.enrollmentIds.length > 0, { path: ["enrollmentIds"], message: "対象者を1人以上選んでください。" }),
  z.strictObject({
    intent: z.literal("remove"),
    enrollmentId: positiveId,
    comment: z
      .string({ error: "取消の理由を入力してください。" })
      .trim()
      .min(1, { error: "取消の理由を入力してください。" })
      .max(500, { error: "500文字以内で入力してください。" }),
  }),
  z.strictObject({ intent: z.literal("status"), status: z.enum(["open", "closed"]) }),
  z.strictObject({ intent: z.literal("draw") }),
  z.strictObject({
    intent: z.literal("callOff"),
    reason: z
      .string({ error: "中止の理由を入力してください。" })
      .trim()
      .min(1, { error: "中止の理由を入力してください。" })
      .max(500, { error: "500文字以内で入力してください。" }),
  }),
]);

export const fiscalYearSchema = z
  .number({ error: "年度を選んでください。" })
  .int({ error: "年度を選んでください。" })
  .min(2019, { error: "年度が正しくありません。" })
  .max(2100, { error: "年度が正しくありません。" });

export const courseFormSchema = z
  .strictObject({
    fiscalYear: fiscalYearSchema,
    title: z
      .string({ error: "研修名を入力してください。" })
      .trim()
      .min(1, { error: "研修名を入力してください。" })
      .max(100, { error: "研修名は100文字以内で入力してください。" }),
    description: z.string().trim().max(2000, { error: "説明は2000文字以内で入力してください。" }).default(""),
    kind: z.enum(COURSE_KINDS, { error: "種別を選んでください。" }),
    needsApproval: z.boolean().default(false),
    tierCodes: z.array(z.string().max(50)).max(50).default([]),
    lotteryApproval: z.enum(["before", "after"], { error: "抽選の回の承認の時期を選んでください。" }).default("after"),
    lotteryPriorities: z.array(z.enum(["elective_unmet", "first_time"], { error: "優先する人の条件が正しくありません。" })).max(2).default([]),
  })
  .refine((v) => v.kind === "optIn" || v.tierCodes.length > 0, {
    path: ["tierCodes"],
    message: "必修・選択の研修には対象の階層を1つ以上選んでください。",
    // Also report it beside other field errors, so one submit shows every problem.
    when: (payload) => {
      const v = payload.value as { kind?: unknown; tierCodes?: unknown };
      return typeof v.kind === "string" && Array.isArray(v.tierCodes);
    },
  });
export type CourseForm = z.infer<typeof courseFormSchema>;

const requiredText = (message: string) => z.string({ error: message }).trim().min(1, { error: message });

/** One 回. Wall-clock text in Tokyo; converted to instants by `sessionTimesOf`. */
export const sessionFormSchema = z
  .strictObject({
    fiscalYear: fiscalYearSchema,
    date: requiredText("日付を入力してください。").refine(isValidIsoDate, { error: "日付を正しく入力してください。" }),
    startTime: requiredText("開始時刻を入力してください。").refine(isValidTime, { error: "時刻は 09:30 の形で入力してください。" }),
    endTime: requiredText("終了時刻を入力してください。").refine(isValidTime, { error: "時刻は 17:00 の形で入力してください。" }),
    venue: z.string().trim().max(200, { error: "会場は200文字以内で入力してください。" }).default(""),
    online: z.boolean().default(false),
    capacity: z
      .number({ error: "定員を数字で入力してください。" })
      .int({ error: "定員は整数で入力してください。" })
      .min(1, { error: "定員は1以上にしてください。" })
      .max(1000, { error: "定員は1000以下にしてください。" }),
    signupOpensAt: requiredText("申込開始を入力してください。").refine((s) => parseJstLocal(s) !== null, { error: "日時を正しく入力してください。" }),
    signupClosesAt: requiredText("申込締切を入力してください。").refine((s) => parseJstLocal(s) !== null, { error: "日時を正しく入力してください。" }),
    cancelDeadline: requiredText("キャンセル期限を入力してください。").refine((s) => parseJstLocal(s) !== null, { error: "日時を正しく入力してください。" }),
    status: z.enum(["open", "closed"], { error: "受付状態を選んでください。" }).default("open"),
    allocation: z.enum(["first_come", "lottery"], { error: "席の決め方を選んでください。" }).default("first_come"),
  })
  .superRefine((v, ctx) => {
    const startsAt = parseJstDateTime(v.date, v.startTime);
    const endsAt = parseJstDateTime(v.date, v.endTime);
    const opens = parseJstLocal(v.signupOpensAt);
    const closes = parseJstLocal(v.signupClosesAt);
    const cancel = parseJstLocal(v.cancelDeadline);
    if (!v.venue && !v.online) ctx.addIssue({ code: "custom", path: ["venue"], message: "会場を入力するか、オンラインを選んでください。" });
    if (!startsAt || !endsAt || !opens || !closes || !cancel) return;
    if (!inFiscalYear(startsAt, v.fiscalYear)) {
      const { start, end } = fiscalYearRange(v.fiscalYear);
      const last = new Date(end.getTime() - 1);
      ctx.addIssue({ code: "custom", path: ["date"], message: `この研修の年度（${formatDateJa(start)}〜${formatDateJa(last)}）の日付にしてください。` });
    }
    if (endsAt <= startsAt) ctx.addIssue({ code: "custom", path: ["endTime"], message: "終了時刻は開始時刻より後にしてください。" });
    if (closes <= opens) ctx.addIssue({ code: "custom", path: ["signupClosesAt"], message: "申込締切は申込開始より後にしてください。" });
    if (closes > startsAt) ctx.addIssue({ code: "custom", path: ["signupClosesAt"], message: "申込締切は研修の開始より前にしてください。" });
    if (cancel > startsAt) ctx.addIssue({ code: "custom", path: ["cancelDeadline"], message: "キャンセル期限は研修の開始より前にしてください。" });
  });
export type SessionForm = z.infer<typeof sessionFormSchema>;

/** The instants of a validated session form. */
export function sessionTimesOf(v: SessionForm) {
  return {
    startsAt: parseJstDateTime(v.date, v.startTime)!,
    endsAt: parseJstDateTime(v.date, v.endTime)!,
    signupOpensAt: parseJstLocal(v.signupOpensAt)!,
    signupClosesAt: parseJstLocal(v.signupClosesAt)!,
    cancelDeadline: parseJstLocal(v.cancelDeadline)!,
  };
}

/** Elective rules of one 年度: per tier, the minimum number of electives (blank = no rule). */
export const electiveRulesFormSchema = z.strictObject({
  fiscalYear: fiscalYearSchema,
  rules: z
    .array(
      z.strictObject({
        tierCode: z.string().min(1).max(50),
        minElectives: z
          .number({ error: "0〜20の整数で入力してください。" })
          .int({ error: "0〜20の整数で入力してください。" })
          .min(0, { error: "0〜20の整数で入力してください。" })
          .max(20, { error: "0〜20の整数で入力してください。" })
          .optional(),
      }),
    )
    .max(100)
    .default([]),
});

export const manageCatalogueActionSchema = z.strictObject({
  intent: z.literal("copy"),
  fiscalYear: fiscalYearSchema,
});

/** A numeric id from a URL segment, or null (the route answers 404). */
export function parseRouteId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) return null;
  return Number(value);
}

const tierBasis = z.enum(["hireYear", "newRank"], { error: "基準を選んでください。" });

/** 人材育成課: one tier's rule for a 年度, as the tiers page sends it (fields `<name>-<code>`). */
export const tierRuleRowSchema = z.strictObject({
  code: z.string().min(1).max(50),
  basis: tierBasis,
  serviceYear: z.coerce
    .number({ error: "採用から何年度目かを数字で入力してください。" })
    .int({ error: "採用から何年度目かを整数で入力してください。" })
    .optional()
    .catch(undefined),
  rank: z.string().max(20).optional(),
  active: z.boolean(),
});

/** 人材育成課: add a tier for the 年度. */
export const addTierSchema = z.strictObject({
  intent: z.literal("add"),
  fiscalYear: fiscalYearSchema,
  label: z.string({ error: "階層の名前を入力してください。" }).trim().min(1, { error: "階層の名前を入力してください。" }).max(30, { error: "30文字以内で入力してください。" }),
  basis: tierBasis,
  serviceYear: z.number({ error: "採用から何年度目かを数字で入力してください。" }).int({ error: "整数で入力してください。" }).optional(),
  rank: z.string().max(20).optional(),
});

/** Reads the tiers page's rows (`basis-<code>`, `serviceYear-<code>`, `rank-<code>`, `active-<code>`). */
export function tierRulesFromForm(form: FormData, codes: readonly string[]) {
  return codes.map((code) => {
    const text = (name: string) => {
      const v = form.get(`${name}-${code}`);
      return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
    };
    return tierRuleRowSchema.safeParse({
      code,
      basis: text("basis"),
      serviceYear: text("serviceYear"),
      rank: text("rank"),
      active: form.get(`active-${code}`) === "on",
    });
  });
}

/**
 * zod schemas shared by the mentor forms (Conform in the browser) and the actions.
 * Messages are Japanese and belong next to their field.
 */
import { z } from "zod";
import { isValidIsoDate } from "~/lib/fiscal-year";
import { RANKS } from "~/services/org/master-data";
import { MAX_CAPACITY, MAX_PREFERRED_MENTORS, TOPIC_KEYS } from "./rules";

const RELOAD = "画面を再読み込みしてやり直してください。";
const version = z.coerce.number({ error: RELOAD }).int().min(1);

/** A whole number a person typed (full-width digits allowed) between min and max. */
function count(label: string, min: number, max: number) {
  return z.string({ error: `${label}を入力してください。` }).transform((raw, ctx) => {
    const t = raw.normalize("NFKC").trim();
    if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) {
      ctx.addIssue({ code: "custom", message: `${label}は${min}から${max}までの整数で入力してください。` });
      return z.NEVER;
    }
    return Number(t);
  });
}

function date(label: string) {
  return z
    .string({ error: `${label}を入力してください。` })
    .refine((v) => isValidIsoDate(v), { message: `${label}は日付（例: 2027-03-31）で入力してください。` });
}

const text = (label: string, max: number) =>
  z
    .string()
    .max(max, `${label}は${max}字以内で入力してください。`)
    .optional()
    .transform((v) => (v ?? "").trim());

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

const topics = (message: string) => z.array(z.enum(TOPIC_KEYS), { error: message }).min(1, message);

// ——— 人事課: the cycle ————————————————————————————————————————————————————

export const cycleSchema = z
  .object({
    version: version.optional(),
    fiscalYear: count("年度", 2019, 2100),
    term: z.enum(["full", "first_half", "second_half"], { error: "期間を選んでください。" }),
    title: z.string({ error: "サイクルの名称を入力してください。" }).trim().min(1, "サイクルの名称を入力してください。").max(100, "サイクルの名称は100字以内で入力してください。"),
    opensOn: date("登録の受付開始日"),
    closesOn: date("登録の受付締切日"),
    menteeRule: z.enum(["years", "anyone"], { error: "メンティの対象を選んでください。" }),
    maxYearsSinceHire: count("採用からの年数", 1, 40).optional(),
    minRank: z.enum(RANKS, { error: "メンターの職位を選んでください。" }),
    minYearsOfService: count("メンターの勤続年数", 0, 45),
    requiredCourseTitle: text("修了が必要な研修", 100),
    topicWeight: count("話題1つあたりの点", 0, 100),
    sameJobCategoryWeight: count("職種が同じときの点", 0, 100),
    preference1: count("第1希望の点", 0, 100),
    preference2: count("第2希望の点", 0, 100),
    preference3: count("第3希望の点", 0, 100),
    preferredAttributeWeight: count("希望する属性1つあたりの点", 0, 100),
    requestResponseDays: count("直接の依頼への回答日数", 1, 60),
  })
  .superRefine((v, ctx) => {
    if (v.opensOn > v.closesOn) ctx.addIssue({ code: "custom", path: ["closesOn"], message: "受付締切日は受付開始日以降の日にしてください。" });
    if (v.menteeRule === "years" && v.maxYearsSinceHire === undefined) {
      ctx.addIssue({ code: "custom", path: ["maxYearsSinceHire"], message: "採用から何年未満の職員を対象にするか入力してください。" });
    }
  });
export type CycleFormInput = z.output<typeof cycleSchema>;

// ——— registrations ————————————————————————————————————————————————————————

export const mentorRegistrationSchema = z.object({
  version: version.optional(),
  experience: z.string({ error: "経験のある分野を入力してください。" }).trim().min(1, "経験のある分野を入力してください。").max(400, "経験のある分野は400字以内で入力してください。"),
  topics: topics("相談に乗れる話題を1つ以上選んでください。"),
  capacity: count("受け入れるメンティの人数", 1, MAX_CAPACITY),
  available: checkbox,
  freeText: text("自由記述", 800),
});
export type MentorRegistrationInput = z.output<typeof mentorRegistrationSchema>;

export const menteeRegistrationSchema = z
  .object({
    version: version.optional(),
    worries: z.string({ error: "相談したいことを入力してください。" }).trim().min(1, "相談したいことを入力してください。").max(800, "相談したいことは800字以内で入力してください。"),
    topics: topics("相談したい話題を1つ以上選んでください。"),
    prefersSameJobCategory: checkbox,
    prefersOtherBureau: checkbox,
    preferred1: text("第1希望", 40),
    preferred2: text("第2希望", 40),
    preferred3: text("第3希望", 40),
    freeText: text("自由記述", 800),
  })
  .transform((v) => ({ ...v, preferredMentorIds: [v.preferred1, v.preferred2, v.preferred3].filter(Boolean) }))
  .superRefine((v, ctx) => {
    const ids = v.preferredMentorIds;
    if (ids.length > MAX_PREFERRED_MENTORS) ctx.addIssue({ code: "custom", path: ["preferred1"], message: `希望するメンターは${MAX_PREFERRED_MENTORS}人までです。` });
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: [`preferred${i + 1}`], message: "同じメンターを2回選ぶことはできません。" });
    });
  });
export type MenteeRegistrationInput = z.output<typeof menteeRegistrationSchema>;

export const requestSchema = z.object({
  mentorId: z.string({ error: "依頼するメンターを選んでください。" }).min(1, "依頼するメンターを選んでください。"),
  message: text("メッセージ", 400),
});

export const requestDecisionSchema = z.object({
  intent: z.enum(["accept", "decline", "withdraw"], { error: RELOAD }),
  requestId: z.coerce.number({ error: RELOAD }).int(),
});

// ——— the pair ————————————————————————————————————————————————————————————

export const meetingSchema = z.object({
  intent: z.literal("meeting"),
  heldOn: date("面談の日"),
  minutes: count("面談の時間（分）", 5, 600),
  mode: z.enum(["online", "in_person"], { error: "オンラインか対面かを選んでください。" }),
});

export const noteSchema = z.object({
  intent: z.literal("note"),
  body: z.string({ error: "メモを入力してください。" }).trim().min(1, "メモを入力してください。").max(2000, "メモは2000字以内で入力してください。"),
});

export const fitSchema = z.object({
  intent: z.literal("fit"),
  fit: z.enum(["good", "poor"], { error: "「うまくいきそう」か「合わない」を選んでください。" }),
});

export const endSchema = z.object({
  intent: z.literal("end"),
  version,
  reason: z.string({ error: "終える理由を入力してください。" }).trim().min(1, "終える理由を入力してください。").max(400, "理由は400字以内で入力してください。"),
});

export const surveySchema = z.object({
  intent: z.literal("survey"),
  score: count("満足度", 1, 5),
  comment: text("感想", 800),
});

export const pairPageSchema = z.discriminatedUnion("intent", [meetingSchema, noteSchema, fitSchema, endSchema, surveySchema], { error: RELOAD });

// ——— 人事課: hand edits ————————————————————————————————————————————————————————

export const pairEditSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("remove"), pairId: z.coerce.number().int() }),
    z.object({ intent: z.literal("change"), pairId: z.coerce.number().int(), mentorId: z.string({ error: "メンターを選んでください。" }).min(1, "メンターを選んでください。") }),
    z.object({
      intent: z.literal("add"),
      menteeId: z.string({ error: "メンティを選んでください。" }).min(1, "メンティを選んでください。"),
      mentorId: z.string({ error: "メンターを選んでください。" }).min(1, "メンターを選んでください。"),
    }),
  ],
  { error: RELOAD },
);

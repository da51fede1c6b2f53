/**
 * zod schemas shared by the forms (Conform, in the browser) and the actions (on the
 * server). Every object is strict: a field the form does not have (status, amount,
 * applicantId …) makes the submission invalid instead of being applied or ignored.
 */
import { z } from "zod";
import { EMPLOYMENT_TYPES } from "~/services/org/master-data";
import { isValidIsoDate } from "~/lib/fiscal-year";
import { parseYen } from "~/lib/yen";
import { COST_TYPES, COST_TYPE_LABELS, FILE_KINDS, FILE_KIND_LABELS, STATUSES, type CostType, type FileKind } from "./labels";
import { claimDeadline } from "./rules";

const EXTRA_FIELDS = "この画面から送信できない項目が含まれています。画面を再読み込みしてやり直してください。";

/** A strict object whose unknown keys get one Japanese form-level message. */
function strict<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? EXTRA_FIELDS : undefined) });
}

/** A yen amount typed by a person (see parseYen), as an integer. */
export function yenInput(label: string, opts: { max?: number } = {}) {
  return z.string({ error: `${label}を入力してください。` }).transform((text, ctx) => {
    const parsed = parseYen(text, opts);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.value;
  });
}

/** A stored amount as a yen input shows it ("12,000"), which `yenInput` reads back. */
export function yenInputText(amount: number): string {
  return amount.toLocaleString("ja-JP");
}

/** A whole number typed by a person, full-width digits allowed. */
export function wholeNumberInput(label: string, min: number, max: number) {
  return z.string({ error: `${label}を入力してください。` }).transform((text, ctx) => {
    const t = text.normalize("NFKC").trim();
    if (!/^\d{1,9}$/.test(t) || Number(t) < min || Number(t) > max) {
      ctx.addIssue({ code: "custom", message: `${label}は${min}から${max}までの整数で入力してください。` });
      return z.NEVER;
    }
    return Number(t);
  });
}

const versionField = z.coerce.number({ error: "画面を再読み込みしてやり直してください。" }).int().min(1);

export const COST_FIELDS = {
  exam: "examCost",
  registration: "registrationCost",
  course: "courseCost",
} as const satisfies Record<CostType, string>;

/** 5 MB: a phone photo or a scanned page fits; anything larger is refused at the field. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The limit as page text and messages say it ("5MB"), from the one constant. */
export const MAX_FILE_SIZE_LABEL = `${MAX_FILE_BYTES / (1024 * 1024)}MB`;
export const ALLOWED_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"] as const;

export const APPLICATION_INTENTS = ["calculate", "save", "submit"] as const;
export type ApplicationIntent = (typeof APPLICATION_INTENTS)[number];

export type ApplicationFormContext = {
  /** Today in Tokyo, "YYYY-MM-DD". */
  today: string;
  /** Certifications one may choose now (active). */
  certifications: { id: number; eligibleCostTypes: readonly CostType[] }[];
  allowOther: boolean;
  /** null when the 年度 has no scheme settings. */
  claimDeadlineDays: number | null;
  /** Kinds of file already attached to the application being edited. */
  existingFiles: readonly FileKind[];
};

function fileField(kind: FileKind) {
  const label = FILE_KIND_LABELS[kind];
  return z
    .instanceof(File, { error: `${label}のファイルを選択してください。` })
    .optional()
    .superRefine((file, ctx) => {
      if (!file) return;
      const ext = file.name.toLowerCase().split(".").pop() ?? "";
      if (!(ALLOWED_EXTENSIONS as readonly string[]).includes(ext)) {
        ctx.addIssue({ code: "custom", message: `${label}はPDF・JPEG・PNGのファイルを選択してください。` });
      } else if (file.size > MAX_FILE_BYTES) {
        ctx.addIssue({ code: "custom", message: `${label}のファイルは${MAX_FILE_SIZE_LABEL}以下にしてください。` });
      }
    });
}

const optionalYen = (type: CostType) => yenInput(COST_TYPE_LABELS[type]).optional();

/** A calendar date, not after `today`; checked on its own so its message shows with the others. */
function pastDateInput(label: string, today: string, futureMessage: string) {
  return z.string({ error: `${label}を入力してください。` }).superRefine((v, ctx) => {
    if (!isValidIsoDate(v)) ctx.addIssue({ code: "custom", message: `${label}を正しい日付で入力してください。` });
    else if (v > today) ctx.addIssue({ code: "custom", message: futureMessage });
  });
}

/** The application form (new, draft and returned), with the checks that need context. */
export function applicationFormSchema(ctx: ApplicationFormContext) {
  return strict({
    intent: z.enum(APPLICATION_INTENTS, { error: "操作を選んでください。" }),
    token: z.string().max(100).optional(),
    version: versionField.optional(),
    certification: z
      .string({ error: "資格を選んでください。" })
      .max(20)
      .superRefine((v, issue) => {
        if (v === "other") {
          if (!ctx.allowOther) issue.addIssue({ code: "custom", message: "今年度は一覧にない資格の申請を受け付けていません。" });
        } else if (!ctx.certifications.some((c) => String(c.id) === v)) {
          issue.addIssue({ code: "custom", message: "一覧から資格を選んでください。" });
        }
      }),
    otherName: z.string().trim().max(100, { error: "資格名は100文字以内で入力してください。" }).optional(),
    otherReason: z.string().trim().max(1000, { error: "業務上の有用性は1000文字以内で入力してください。" }).optional(),
    examDate: pastDateInput("受験日", ctx.today, "受験日に未来の日付は入力できません。"),
    passDate: pastDateInput("合格日", ctx.today, "合格日に未来の日付は入力できません。合格後に申請してください。"),
    examCost: optionalYen("exam"),
    registrationCost: optionalYen("registration"),
    courseCost: optionalYen("course"),
    receipt: fileField("receipt"),
    proof: fileField("proof"),
  }).superRefine((v, issue) => {
    // Checks across fields; they run once every field is valid on its own.
    const add = (path: string, message: string) => issue.addIssue({ code: "custom", path: [path], message });
    if (v.certification === "other") {
      if (!v.otherName) add("otherName", "資格名を入力してください。");
      if (!v.otherReason) add("otherReason", "業務上どのように役立つかを入力してください。");
    }
    if (v.passDate < v.examDate) add("passDate", "合格日は受験日以降の日付を入力してください。");
    else if (v.intent === "submit" && ctx.claimDeadlineDays !== null) {
      const deadline = claimDeadline(v.passDate, ctx.claimDeadlineDays);
      if (ctx.today > deadline) {
        add("passDate", `申請期限（合格日から${ctx.claimDeadlineDays}日以内、${deadline.replace(/-/g, "/")}まで）を過ぎています。`);
      }
    }
    const total = (v.examCost ?? 0) + (v.registrationCost ?? 0) + (v.courseCost ?? 0);
    if (v.examCost === undefined && v.registrationCost === undefined && v.courseCost === undefined) {
      add("examCost", "費用を1つ以上入力してください。");
    } else if (total === 0) {
      add("examCost", "費用の合計が0円です。支払った金額を入力してください。");
    }
    if (v.intent === "submit") {
      for (const kind of FILE_KINDS) {
        if (!v[kind] && !ctx.existingFiles.includes(kind)) add(kind, `${FILE_KIND_LABELS[kind]}を添付してください。`);
      }
    }
  });
}

export type ApplicationFormValue = z.output<ReturnType<typeof applicationFormSchema>>;

/** The cost lines a valid form describes, in the fixed order of COST_TYPES. */
export function costLinesOf(v: Pick<ApplicationFormValue, "examCost" | "registrationCost" | "courseCost">) {
  return COST_TYPES.flatMap((costType) => {
    const amount = v[COST_FIELDS[costType]];
    return amount === undefined ? [] : [{ costType, amount }];
  });
}

/** Form values of a stored application, as the inputs show them. */
export function applicationFormDefaults(app: {
  certificationId: number | null;
  otherName: string | null;
  otherReason: string | null;
  examDate: string;
  passDate: string;
  costLines: { costType: CostType; amount: number }[];
}): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {
    certification: app.certificationId === null ? "other" : String(app.certificationId),
    otherName: app.otherName ?? undefined,
    otherReason: app.otherReason ?? undefined,
    examDate: app.examDate,
    passDate: app.passDate,
  };
  for (const l of app.costLines) out[COST_FIELDS[l.costType]] = yenInputText(l.amount);
  return out;
}

/** Status changes on the detail pages (withdraw, confirm, return, decide, pay). */
export const transitionSchema = strict({
  intent: z.literal("transition"),
  to: z.enum(STATUSES, { error: "操作を選んでください。" }),
  version: versionField,
  comment: z.string().trim().max(1000, { error: "理由は1000文字以内で入力してください。" }).optional(),
});

export const removeFileSchema = strict({
  intent: z.literal("remove-file"),
  fileId: z.string().max(100),
  version: versionField,
});

export const ROUNDING_UNITS = [1, 10, 100, 1000, 10000] as const;

/** 人材育成課's settings for one 年度. */
export const schemeSettingsSchema = strict({
  intent: z.literal("scheme"),
  fiscalYear: z.coerce.number().int().min(2000).max(2100),
  allowOther: z.boolean().optional().default(false),
  otherRatePercent: wholeNumberInput("一覧にない資格の助成率", 1, 100),
  otherCapPerApplication: yenInput("一覧にない資格の1件あたり上限額"),
  perPersonYearlyCap: yenInput("1人あたりの年度上限額"),
  claimDeadlineDays: wholeNumberInput("申請期限（合格日からの日数）", 1, 3650),
  roundingUnit: z.coerce
    .number({ error: "端数処理の単位を選んでください。" })
    .refine((n) => (ROUNDING_UNITS as readonly number[]).includes(n), { error: "端数処理の単位を選んでください。" }),
  eligibleEmploymentTypes: z
    .array(z.enum(EMPLOYMENT_TYPES, { error: "選択できない任用形態が含まれています。" }), { error: "対象とする任用形態を1つ以上選んでください。" })
    .min(1, { error: "対象とする任用形態を1つ以上選んでください。" }),
  budget: yenInput("予算額", { max: 10_000_000_000 }),
});

/** One eligible certification (new when `id` is absent). */
export const certificationSchema = strict({
  intent: z.literal("certification"),
  id: z.coerce.number().int().positive().optional(),
  name: z.string({ error: "資格名を入力してください。" }).trim().min(1, { error: "資格名を入力してください。" }).max(100, { error: "資格名は100文字以内で入力してください。" }),
  field: z.string({ error: "分野を入力してください。" }).trim().min(1, { error: "分野を入力してください。" }).max(50, { error: "分野は50文字以内で入力してください。" }),
  eligibleCostTypes: z
    .array(z.enum(COST_TYPES, { error: "選択できない費用の種類が含まれています。" }), { error: "対象とする費用を1つ以上選んでください。" })
    .min(1, { error: "対象とする費用を1つ以上選んでください。" }),
  ratePercent: wholeNumberInput("助成率", 1, 100),
  capPerApplication: yenInput("1件あたり上限額"),
  active: z.boolean().optional().default(false),
});

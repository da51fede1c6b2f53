import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { applicationFormSchema, certificationSchema, schemeSettingsSchema, transitionSchema, type ApplicationFormContext } from "./schemas";

const CTX: ApplicationFormContext = {
  today: "2026-11-25",
  certifications: [{ id: 1, eligibleCostTypes: ["exam", "registration"] }],
  allowOther: true,
  claimDeadlineDays: 180,
  existingFiles: [],
};

function form(entries: Record<string, string | File>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

const VALID = { intent: "save", certification: "1", examDate: "2026-10-18", passDate: "2026-11-13", examCost: "7,500" };

function parse(entries: Record<string, string | File>, ctx: ApplicationFormContext = CTX) {
  return parseWithZod(form(entries), { schema: applicationFormSchema(ctx) });
}

function errorsOf(entries: Record<string, string | File>, ctx?: ApplicationFormContext) {
  const s = parse(entries, ctx);
  expect(s.status).toBe("error");
  return s.status === "error" ? (s.error ?? {}) : {};
}

describe("applicationFormSchema", () => {
  it("accepts a valid draft and normalises yen", () => {
    const s = parse({ ...VALID, examCost: "１２，０００", registrationCost: "￥3,000", courseCost: "" });
    expect(s.status).toBe("success");
    if (s.status === "success") {
      expect(s.value.examCost).toBe(12_000);
      expect(s.value.registrationCost).toBe(3_000);
      expect(s.value.courseCost).toBeUndefined();
    }
  });

  it.each([
    ["12.5", "小数"],
    ["-1", "負の数"],
    ["1e5", "数字で"],
    ["99999999999", "以下"],
  ])("refuses the amount %s at its field", (bad, fragment) => {
    const errors = errorsOf({ ...VALID, registrationCost: bad });
    expect(errors.registrationCost?.[0]).toContain(fragment);
  });

  it("asks for at least one cost", () => {
    expect(errorsOf({ ...VALID, examCost: "" }).examCost?.[0]).toContain("費用を1つ以上");
    expect(errorsOf({ ...VALID, examCost: "0" }).examCost?.[0]).toContain("0円");
  });

  it("refuses a pass date in the future, before the exam, or not a date", () => {
    expect(errorsOf({ ...VALID, passDate: "2026-11-26" }).passDate?.[0]).toContain("未来");
    expect(errorsOf({ ...VALID, passDate: "2026-10-01" }).passDate?.[0]).toContain("受験日以降");
    expect(errorsOf({ ...VALID, passDate: "2026-02-30" }).passDate?.[0]).toContain("正しい日付");
    expect(errorsOf({ ...VALID, examDate: "2027-01-01" }).examDate?.[0]).toContain("未来");
  });

  it("on submit, refuses a claim after the deadline and asks for both files", () => {
    const errors = errorsOf({ ...VALID, intent: "submit", examDate: "2026-01-10", passDate: "2026-02-01" });
    expect(errors.passDate?.[0]).toContain("申請期限");
    expect(errors.receipt?.[0]).toContain("領収書を添付");
    expect(errors.proof?.[0]).toContain("合格証の写しを添付");
    const withFiles = parse({ ...VALID, intent: "submit" }, { ...CTX, existingFiles: ["receipt", "proof"] });
    expect(withFiles.status).toBe("success");
  });

  it("needs a name and a reason for a certification not on the list, and only when allowed", () => {
    const errors = errorsOf({ ...VALID, certification: "other" });
    expect(errors.otherName?.[0]).toContain("資格名");
    expect(errors.otherReason?.[0]).toContain("業務上");
    expect(errorsOf({ ...VALID, certification: "other", otherName: "x", otherReason: "y" }, { ...CTX, allowOther: false }).certification?.[0]).toContain(
      "受け付けていません",
    );
    expect(errorsOf({ ...VALID, certification: "99" }).certification?.[0]).toContain("一覧から");
  });

  it("refuses extra fields such as status, amount or applicantId instead of ignoring them", () => {
    for (const extra of ["status", "amount", "applicantId", "fiscalYear"]) {
      const errors = errorsOf({ ...VALID, [extra]: "approved" });
      expect(errors[""]?.[0]).toContain("送信できない項目");
    }
  });

  it("refuses a file that is not named PDF/JPEG/PNG, or too large, at its field", () => {
    expect(errorsOf({ ...VALID, receipt: new File(["x"], "r.txt") }).receipt?.[0]).toContain("PDF・JPEG・PNG");
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], "r.pdf");
    expect(errorsOf({ ...VALID, proof: big }).proof?.[0]).toContain("5MB");
  });
});

describe("transitionSchema", () => {
  it("accepts a transition and refuses extra fields", () => {
    expect(parseWithZod(form({ intent: "transition", to: "approved", version: "3" }), { schema: transitionSchema }).status).toBe("success");
    expect(parseWithZod(form({ intent: "transition", to: "approved", version: "3", amount: "1" }), { schema: transitionSchema }).status).toBe("error");
    expect(parseWithZod(form({ intent: "transition", to: "nonsense", version: "3" }), { schema: transitionSchema }).status).toBe("error");
  });
});

describe("settings schemas", () => {
  it("reads the scheme settings of a 年度", () => {
    const s = parseWithZod(
      form({
        intent: "scheme",
        fiscalYear: "2026",
        allowOther: "on",
        otherRatePercent: "５０",
        otherCapPerApplication: "30,000",
        perPersonYearlyCap: "100,000円",
        claimDeadlineDays: "180",
        roundingUnit: "1000",
        eligibleEmploymentTypes: "正規",
        budget: "3,000,000",
      }),
      { schema: schemeSettingsSchema },
    );
    expect(s.status).toBe("success");
    if (s.status === "success") expect(s.value).toMatchObject({ allowOther: true, otherRatePercent: 50, eligibleEmploymentTypes: ["正規"], budget: 3_000_000 });
  });

  it("refuses a rate outside 1–100 and an unknown cost type", () => {
    const s = parseWithZod(
      form({ intent: "certification", name: "x", field: "y", eligibleCostTypes: "travel", ratePercent: "150", capPerApplication: "1" }),
      { schema: certificationSchema },
    );
    expect(s.status).toBe("error");
    if (s.status === "error") {
      expect(s.error?.ratePercent?.[0]).toContain("1から100");
      expect(Object.keys(s.error ?? {}).some((k) => k.startsWith("eligibleCostTypes"))).toBe(true);
    }
  });
});

describe("messages at several fields at once", () => {
  it("shows a future pass date and a bad amount together, not one after the other", () => {
    const errors = errorsOf({ ...VALID, passDate: "2026-12-01", registrationCost: "12.5", certification: "99" });
    expect(errors.passDate?.[0]).toContain("未来");
    expect(errors.registrationCost?.[0]).toContain("小数");
    expect(errors.certification?.[0]).toContain("一覧から");
  });
});

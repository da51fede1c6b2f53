import { describe, expect, it } from "vitest";
import { PROMOTION_LEVELS } from "../../../db/schema/promotion";
import {
  DEFAULT_ELIGIBILITY,
  LEVELS,
  ageOn,
  charCount,
  checkEligibility,
  exemptionLabel,
  exemptionsFor,
  formatMonths,
  isOpinionOpen,
  isWindowOpen,
  monthsServed,
  type Candidate,
  type PromotionEligibility,
} from "./rules";

// 基準日 令和9年3月31日 throughout; periods count the first day (初日算入).
const REF = "2027-03-31";
const rules: PromotionEligibility = { ...DEFAULT_ELIGIBILITY, ranks: ["係長"], minYearsInRank: 3, ageMin: 30, ageMax: 45, minYearsSinceTransfer: 2 };
const base: Candidate = {
  rank: "係長",
  rankSince: "2024-04-01",
  hiredOn: "2010-04-01",
  birthYear: 1985,
  employmentType: "正規",
  workStatus: "在職",
  assignedOn: "2025-04-01",
};
const fails = (c: Partial<Candidate>, r: PromotionEligibility = rules) => checkEligibility(r, REF, { ...base, ...c }).failures;

describe("vocabularies", () => {
  it("the levels are the schema's", () => expect([...LEVELS]).toEqual([...PROMOTION_LEVELS]));
});

describe("periods", () => {
  it("count the first day", () => {
    expect(monthsServed("2024-04-01", "2027-03-31")).toBe(36);
    expect(monthsServed("2024-04-02", "2027-03-31")).toBe(35);
    expect(monthsServed("2027-04-01", "2027-03-31")).toBe(0);
  });
  it("are worded as people say them", () => {
    expect(formatMonths(28)).toBe("2年4か月");
    expect(formatMonths(36)).toBe("3年");
    expect(formatMonths(5)).toBe("5か月");
  });
});

describe("eligibility on 基準日", () => {
  it("a person who meets every rule is eligible", () => {
    expect(checkEligibility(rules, REF, base)).toEqual({ eligible: true, failures: [], notes: [] });
  });

  it("years in rank: the day the third year is complete passes, the day after fails", () => {
    expect(fails({ rankSince: "2024-04-01" })).toEqual([]);
    expect(fails({ rankSince: "2024-04-02" })).toEqual([
      { rule: "yearsInRank", message: "基準日（令和9年3月31日）時点で係長在職3年以上が必要です（現在2年11か月）。" },
    ]);
    expect(fails({ rankSince: "2024-11-20" })[0]!.message).toBe("基準日（令和9年3月31日）時点で係長在職3年以上が必要です（現在2年4か月）。");
  });

  it("deducts leave periods as the call says", () => {
    // 30 days of 休職 inside the rank: deducted in full, 3 years becomes 2年11か月.
    const leave = [{ kind: "休職", from: "2025-06-01", to: "2025-06-30" }];
    expect(fails({ rankSince: "2024-04-01", leave })).toEqual([
      { rule: "yearsInRank", message: "基準日（令和9年3月31日）時点で係長在職3年以上が必要です（休職期間（1か月）を除き、現在2年11か月）。" },
    ]);
    expect(fails({ rankSince: "2024-04-01", leave }, { ...rules, deductedLeave: {} })).toEqual([]);
    // Half of 30 days is 15: 2024-04-01 … 2027-03-16 is still 2年11か月.
    expect(fails({ rankSince: "2024-04-01", leave }, { ...rules, deductedLeave: { 休職: "half" } })[0]!.message).toContain("休職期間（1か月）の2分の1を除き、現在2年11か月");
    // A kind the call does not name counts as service.
    expect(fails({ rankSince: "2024-04-01", leave: [{ kind: "派遣", from: "2025-06-01", to: "2025-06-30" }] })).toEqual([]);
    // Leave before the rank began is not deducted.
    expect(fails({ rankSince: "2024-04-01", leave: [{ kind: "休職", from: "2023-01-01", to: "2024-03-31" }] })).toEqual([]);
    // Leave is deducted from a longer rank without failing it, and the person is told.
    const longer = checkEligibility(rules, REF, { ...base, rankSince: "2023-04-01", leave });
    expect(longer.failures).toEqual([]);
    expect(longer.notes).toEqual(["基準日（令和9年3月31日）時点での係長在職期間は、休職期間（1か月）を除き、3年11か月です。"]);
  });

  it("leave deduction at the boundary: one day more of leave fails the third year", () => {
    // 育児休業 deducted by half: 2023-10-01 … 2027-03-31 is 3年6か月; 8 months of leave.
    const r = { ...rules, deductedLeave: { 育児休業: "half" as const } };
    const eight = [{ kind: "育児休業", from: "2024-04-01", to: "2024-11-30" }];
    // Half of 244 days is 122: the end moves back to 2026-11-29, 3年1か月 – still eligible.
    expect(checkEligibility(r, REF, { ...base, rankSince: "2023-10-01", leave: eight }).notes[0]).toContain("育児休業期間（8か月）の2分の1を除き、3年1か月");
    // Full deduction: 2023-10-01 … 2027-03-31 less 244 days ends 2026-07-29: 2年9か月.
    expect(fails({ rankSince: "2023-10-01", leave: eight }, { ...rules, deductedLeave: { 育児休業: "full" } })[0]!.message).toBe(
      "基準日（令和9年3月31日）時点で係長在職3年以上が必要です（育児休業期間（8か月）を除き、現在2年9か月）。",
    );
    // Exactly 3 years after the deduction passes; one day more of leave fails.
    const since = "2023-04-01"; // 4 years on 基準日: 365 days of leave leaves exactly 3 years.
    const year = [{ kind: "休職", from: "2024-04-01", to: "2025-03-31" }];
    expect(fails({ rankSince: since, leave: year })).toEqual([]);
    expect(fails({ rankSince: since, leave: [{ kind: "休職", from: "2024-04-01", to: "2025-04-01" }] })[0]!.message).toContain("休職期間（1年1日）を除き、現在2年11か月");
    // A leave still running (no end) counts to 基準日.
    expect(checkEligibility(rules, REF, { ...base, rankSince: since, leave: [{ kind: "休職", from: "2026-04-01", to: null }] }).notes[0]).toContain("休職期間（1年）を除き、3年です");
  });

  it("rank: only the listed ranks", () => {
    expect(fails({ rank: "主任" })).toEqual([{ rule: "rank", message: "この公募は係長の方が対象です（現在の職位: 主任）。" }]);
    expect(fails({ rank: null })[0]!.message).toContain("現在の職位: 未登録");
  });

  it("age band by birth year: both bounds inclusive", () => {
    expect(ageOn(REF, 1997)).toBe(30);
    expect(fails({ birthYear: 1997 })).toEqual([]); // 30
    expect(fails({ birthYear: 1998 })).toEqual([{ rule: "age", message: "基準日（令和9年3月31日）時点で30歳以上45歳以下の方が対象です（2027年中に29歳）。" }]);
    expect(fails({ birthYear: 1982 })).toEqual([]); // 45
    expect(fails({ birthYear: 1981 })[0]!.message).toContain("2027年中に46歳");
    expect(fails({ birthYear: null })[0]!.message).toContain("生年が登録されていない");
    expect(fails({ birthYear: null }, { ...rules, ageMin: null, ageMax: null })).toEqual([]);
  });

  it("each excluded 勤務状況", () => {
    for (const s of ["休職", "停職", "育児休業", "派遣"]) {
      expect(fails({ workStatus: s })).toEqual([{ rule: "workStatus", message: `${s}中の方は応募できません（現在の勤務状況: ${s}）。` }]);
    }
    expect(fails({ workStatus: "在職" })).toEqual([]);
    expect(fails({ workStatus: null })).toEqual([]);
    expect(fails({ workStatus: "派遣" }, { ...rules, excludedWorkStatuses: ["休職"] })).toEqual([]);
  });

  it("each excluded 任用形態", () => {
    expect(fails({ employmentType: "任期付" })).toEqual([{ rule: "employmentType", message: "任期付職員は、この公募の対象ではありません。" }]);
    expect(fails({ employmentType: "会計年度任用" })).toEqual([{ rule: "employmentType", message: "会計年度任用職員は、この公募の対象ではありません。" }]);
  });

  it("条件付採用期間: hired less than 6 months before 基準日 is excluded", () => {
    const r = { ...rules, ranks: ["一般職員"], minYearsInRank: 0, minYearsSinceTransfer: null };
    // 2026-10-01 … 2027-03-31 is exactly 6 months: the period is over.
    expect(fails({ rank: "一般職員", hiredOn: "2026-10-01" }, r)).toEqual([]);
    expect(fails({ rank: "一般職員", hiredOn: "2026-10-02" }, r)).toEqual([
      { rule: "probation", message: "基準日（令和9年3月31日）時点で採用から6か月を経過していない方（条件付採用期間中）は応募できません（採用から5か月）。" },
    ]);
    // A call may lengthen it to a year.
    expect(fails({ rank: "一般職員", hiredOn: "2026-10-01" }, { ...r, probationMonths: 12 })[0]!.rule).toBe("probation");
  });

  it("time since the last transfer: day before and after", () => {
    expect(fails({ assignedOn: "2025-04-01" })).toEqual([]);
    expect(fails({ assignedOn: "2025-04-02" })).toEqual([
      { rule: "transfer", message: "基準日（令和9年3月31日）時点で現所属への配属から2年以上が必要です（現在1年11か月）。" },
    ]);
    // Not recorded: the optional fact does not exclude.
    expect(fails({ assignedOn: null })).toEqual([]);
  });

  it("says every rule missed, not only the first", () => {
    expect(fails({ employmentType: "任期付", workStatus: "休職", rankSince: "2026-04-01", birthYear: 2000 }).map((f) => f.rule)).toEqual([
      "employmentType",
      "workStatus",
      "yearsInRank",
      "age",
    ]);
  });
});

describe("windows", () => {
  const call = { opensOn: "2026-11-01", closesOn: "2026-12-15", opinionRequired: true, opinionDueOn: "2026-12-22" };
  it("the window includes its first and last day", () => {
    expect(isWindowOpen(call, "2026-10-31")).toBe(false);
    expect(isWindowOpen(call, "2026-11-01")).toBe(true);
    expect(isWindowOpen(call, "2026-12-15")).toBe(true);
    expect(isWindowOpen(call, "2026-12-16")).toBe(false);
  });
  it("the opinion may be written until its due date, and only when asked", () => {
    expect(isOpinionOpen(call, "2026-12-22")).toBe(true);
    expect(isOpinionOpen(call, "2026-12-23")).toBe(false);
    expect(isOpinionOpen({ ...call, opinionRequired: false }, "2026-12-01")).toBe(false);
    expect(isOpinionOpen({ ...call, opinionDueOn: null }, "2026-12-16")).toBe(false);
  });
});

describe("charCount", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(charCount("𠮷野家")).toBe(3);
    expect("𠮷野家".length).toBe(4);
  });
  it("counts a decomposed kana as one and CRLF as one", () => {
    expect(charCount("か\u3099")).toBe(1);
    expect(charCount("一\r\n二")).toBe(3);
    expect(charCount("")).toBe(0);
  });
});

describe("stage exemptions", () => {
  const call = { fiscalYear: 2027, level: "kakaricho", stages: ["書類選考", "面接", "最終選考"], stageExemptions: [{ stage: "書類選考", years: 1 }] };
  const pass = (fiscalYear: number, stageName = "書類選考", level = "kakaricho", callId = fiscalYear) => ({ callId, fiscalYear, level, stageName });
  it("a 書類選考 passed in the previous 年度's call of the same level exempts from it", () => {
    expect(exemptionsFor(call, [pass(2026)])).toEqual([{ stage: 0, stageName: "書類選考", fiscalYear: 2026, callId: 2026 }]);
    expect(exemptionLabel({ stageName: "書類選考", fiscalYear: 2026 })).toBe("書類選考免除（令和8年度の公募で合格）");
  });
  it("only within the years the call allows, of the same level and stage, never the call's own 年度", () => {
    expect(exemptionsFor(call, [pass(2025)])).toEqual([]);
    expect(exemptionsFor({ ...call, stageExemptions: [{ stage: "書類選考", years: 2 }] }, [pass(2025)])[0]!.fiscalYear).toBe(2025);
    expect(exemptionsFor(call, [pass(2026, "書類選考", "kacho")])).toEqual([]);
    expect(exemptionsFor(call, [pass(2026, "面接")])).toEqual([]);
    expect(exemptionsFor(call, [pass(2027)])).toEqual([]);
    expect(exemptionsFor({ ...call, stageExemptions: [] }, [pass(2026)])).toEqual([]);
  });
  it("the newest pass is named, and the last stage is never exempt", () => {
    const two = { ...call, stageExemptions: [{ stage: "書類選考", years: 3 }] };
    expect(exemptionsFor(two, [pass(2024), pass(2026), pass(2025)])[0]!.fiscalYear).toBe(2026);
    expect(exemptionsFor({ ...call, stageExemptions: [{ stage: "最終選考", years: 1 }] }, [pass(2026, "最終選考")])).toEqual([]);
  });
});

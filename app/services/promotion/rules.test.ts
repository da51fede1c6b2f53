import { describe, expect, it } from "vitest";
import { PROMOTION_LEVELS } from "../../../db/schema/promotion";
import {
  DEFAULT_ELIGIBILITY,
  LEVELS,
  ageOn,
  charCount,
  checkEligibility,
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
    expect(checkEligibility(rules, REF, base)).toEqual({ eligible: true, failures: [] });
  });

  it("years in rank: the day the third year is complete passes, the day after fails", () => {
    expect(fails({ rankSince: "2024-04-01" })).toEqual([]);
    expect(fails({ rankSince: "2024-04-02" })).toEqual([
      { rule: "yearsInRank", message: "基準日（令和9年3月31日）時点で係長在職3年以上が必要です（現在2年11か月）。" },
    ]);
    expect(fails({ rankSince: "2024-11-20" })[0]!.message).toBe("基準日（令和9年3月31日）時点で係長在職3年以上が必要です（現在2年4か月）。");
  });

  it("deducts leave periods as the call says", () => {
    // 30 days of 育児休業 inside the rank: with full deduction 3 years becomes 2年11か月.
    const leave = [{ from: "2025-06-01", to: "2025-06-30" }];
    expect(fails({ rankSince: "2024-04-01", leave })[0]!.rule).toBe("yearsInRank");
    expect(fails({ rankSince: "2024-04-01", leave })[0]!.message).toContain("現在2年11か月、休職等の期間を除く");
    expect(fails({ rankSince: "2024-04-01", leave }, { ...rules, leaveDeduction: "none" })).toEqual([]);
    // Half of 30 days is 15: 2024-04-01 … 2027-03-16 is still 2年11か月.
    expect(fails({ rankSince: "2024-04-01", leave }, { ...rules, leaveDeduction: "half" })[0]!.message).toContain("休職等の期間の半分を除く");
    // Leave before the rank began is not deducted.
    expect(fails({ rankSince: "2024-04-01", leave: [{ from: "2023-01-01", to: "2024-03-31" }] })).toEqual([]);
    // Leave is deducted from a longer rank without failing it.
    expect(fails({ rankSince: "2023-04-01", leave })).toEqual([]);
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

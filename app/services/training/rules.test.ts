import { describe, expect, it } from "vitest";
import { jstDate } from "~/lib/fiscal-year";
import {
  DEFAULT_TIERS,
  cancelRefusal,
  canMark,
  canPromoteInto,
  electiveProgress,
  isEligible,
  signUpRefusal,
  tierForEnrollment,
  tiersOf,
  type EmployeeFacts,
} from "./rules";
import type { EnrollmentStatus } from "./transitions";

const codes = (e: EmployeeFacts, fy: number) => tiersOf(e, fy, DEFAULT_TIERS).map((t) => t.code);

describe("tiers", () => {
  const fresh: EmployeeFacts = { rank: "一般職員", hiredOn: "2026-04-01", rankSince: "2026-04-01" };

  it("新規採用 is the 年度 of hire, then 2年目 and 3年目, then no hire-year tier", () => {
    expect(codes(fresh, 2026)).toEqual(["new_hire"]);
    expect(codes(fresh, 2027)).toEqual(["year2"]);
    expect(codes(fresh, 2028)).toEqual(["year3"]);
    expect(codes(fresh, 2029)).toEqual([]);
    expect(codes(fresh, 2025)).toEqual([]);
  });

  it("uses the 年度 of the hire date, across the 3/31 → 4/1 boundary", () => {
    expect(codes({ ...fresh, hiredOn: "2027-03-31", rankSince: null }, 2026)).toEqual(["new_hire"]);
    expect(codes({ ...fresh, hiredOn: "2027-03-31", rankSince: null }, 2027)).toEqual(["year2"]);
    expect(codes({ ...fresh, hiredOn: "2027-04-01", rankSince: null }, 2026)).toEqual([]);
    expect(codes({ ...fresh, hiredOn: "2026-10-01", rankSince: null }, 2026)).toEqual(["new_hire"]);
  });

  it("新任 tiers need the rank and a rank date in the 年度", () => {
    // The demo 主任 (100001) and 係長 (100002) were promoted on 2026-04-01.
    expect(codes({ rank: "主任", hiredOn: "2019-04-01", rankSince: "2026-04-01" }, 2026)).toEqual(["new_shunin"]);
    expect(codes({ rank: "係長", hiredOn: "2008-04-01", rankSince: "2026-04-01" }, 2026)).toEqual(["new_kakaricho"]);
    expect(codes({ rank: "係長", hiredOn: "2008-04-01", rankSince: "2026-04-01" }, 2027)).toEqual([]);
    expect(codes({ rank: "係長", hiredOn: "2008-04-01", rankSince: "2026-03-31" }, 2026)).toEqual([]);
    expect(codes({ rank: "係長", hiredOn: "2008-04-01", rankSince: "2027-03-31" }, 2026)).toEqual(["new_kakaricho"]);
    expect(codes({ rank: "課長補佐", hiredOn: "2000-04-01", rankSince: "2026-07-01" }, 2026)).toEqual(["new_kachohosa"]);
    expect(codes({ rank: "課長", hiredOn: "1998-04-01", rankSince: "2026-04-01" }, 2026)).toEqual(["new_kacho"]);
    expect(codes({ rank: "部長", hiredOn: "1995-04-01", rankSince: "2026-04-01" }, 2026)).toEqual([]);
  });

  it("can be in two tiers at once, in display order", () => {
    expect(codes({ rank: "主任", hiredOn: "2024-04-01", rankSince: "2026-04-01" }, 2026)).toEqual(["year3", "new_shunin"]);
  });

  it("missing or malformed dates put nobody in a tier", () => {
    expect(codes({ rank: null, hiredOn: null, rankSince: null }, 2026)).toEqual([]);
    expect(codes({ rank: "主任", hiredOn: "2026/04/01", rankSince: "2026-02-30" }, 2026)).toEqual([]);
  });

  it("tier definitions are data: a new definition takes effect without code", () => {
    const custom = [...DEFAULT_TIERS, { code: "year10", label: "10年目", basis: "hireYear" as const, serviceYear: 10, rank: null, sortOrder: 35 }];
    expect(tiersOf({ rank: "主任", hiredOn: "2017-04-01", rankSince: "2020-04-01" }, 2026, custom).map((t) => t.code)).toEqual(["year10"]);
  });

  it("eligibility: a course without tiers is open to all; otherwise a shared tier is needed", () => {
    expect(isEligible([], [])).toBe(true);
    expect(isEligible(["new_kakaricho"], ["new_shunin"])).toBe(false);
    expect(isEligible(["new_kakaricho", "new_shunin"], ["new_shunin"])).toBe(true);
    expect(tierForEnrollment(["new_kakaricho", "new_shunin"], ["year3", "new_shunin"])).toBe("new_shunin");
    expect(tierForEnrollment([], ["year2"])).toBe("year2");
    expect(tierForEnrollment([], [])).toBeNull();
  });
});

describe("elective rule progress", () => {
  const of = (...s: (EnrollmentStatus | null)[]) => s.map((status) => ({ status }));

  it("nothing taken: the whole rule remains", () => {
    const p = electiveProgress(2, of(null, null, null, null, null, null, null));
    expect(p).toMatchObject({ required: 2, available: 7, completed: 0, inProgress: 0, remainingToSignUp: 2, met: false });
    expect(p.message).toContain("あと2科目の申込が必要です");
  });

  it("pending and confirmed count towards signing up, not towards meeting the rule", () => {
    const p = electiveProgress(2, of("pending", "confirmed", null));
    expect(p).toMatchObject({ completed: 0, inProgress: 2, remainingToSignUp: 0, met: false });
    expect(p.message).toContain("申込済みの科目を修了すると要件を満たします");
  });

  it("waitlisted does not count as signed up", () => {
    const p = electiveProgress(2, of("completed", "waitlisted", null));
    expect(p).toMatchObject({ completed: 1, waitlisted: 1, remainingToSignUp: 1, met: false });
    expect(p.message).toContain("キャンセル待ち 1科目");
  });

  it("met when enough are completed; extra is fine", () => {
    expect(electiveProgress(2, of("completed", "completed", "completed")).met).toBe(true);
    expect(electiveProgress(2, of("completed", "completed")).remainingToSignUp).toBe(0);
  });

  it("cancelled, rejected and absent count for nothing", () => {
    const p = electiveProgress(1, of("cancelled", "rejected", "absent"));
    expect(p).toMatchObject({ completed: 0, inProgress: 0, remainingToSignUp: 1 });
  });

  it("attended (not yet 修了) is in progress", () => {
    expect(electiveProgress(1, of("attended"))).toMatchObject({ inProgress: 1, met: false, remainingToSignUp: 0 });
  });

  it("warns when the catalogue offers fewer electives than the rule asks", () => {
    expect(electiveProgress(3, of(null, null)).message).toContain("2科目しかありません");
  });

  it("a rule of 0 is met at once", () => {
    expect(electiveProgress(0, of()).met).toBe(true);
  });
});

describe("time guards", () => {
  const session = {
    status: "open" as const,
    signupOpensAt: jstDate(2026, 11, 1, 9, 0),
    signupClosesAt: jstDate(2026, 11, 30, 17, 0),
    cancelDeadline: jstDate(2026, 12, 3, 17, 0),
    startsAt: jstDate(2026, 12, 10, 9, 30),
  };
  const at = (m: number, d: number, h: number, min = 0) => jstDate(2026, m, d, h, min);

  it("sign-up window: open from the opening minute to just before the closing minute", () => {
    expect(signUpRefusal(session, at(11, 1, 8, 59), true, [])).toMatch(/からです/);
    expect(signUpRefusal(session, at(11, 1, 9, 0), true, [])).toBeNull();
    expect(signUpRefusal(session, new Date(session.signupClosesAt.getTime() - 1), true, [])).toBeNull();
    expect(signUpRefusal(session, at(11, 30, 17, 0), true, [])).toMatch(/締め切りました/);
  });

  it("refuses a closed session, a started one, and an employee outside the target tiers", () => {
    expect(signUpRefusal({ ...session, status: "closed" }, at(11, 25, 12), true, [])).toMatch(/受付を終了/);
    expect(signUpRefusal(session, at(12, 10, 9, 30), true, [])).toMatch(/開始しています/);
    expect(signUpRefusal(session, at(11, 25, 12), false, ["新任係長"])).toBe("この研修の対象（新任係長）ではないため申し込めません。");
  });

  it("cancellation deadline applies to seats; the waitlist may leave until the start", () => {
    expect(cancelRefusal("confirmed", session, at(12, 3, 16, 59))).toBeNull();
    expect(cancelRefusal("confirmed", session, at(12, 3, 17, 0))).toMatch(/キャンセル期限/);
    expect(cancelRefusal("pending", session, at(12, 4, 9))).toMatch(/キャンセル期限/);
    expect(cancelRefusal("waitlisted", session, at(12, 9, 9))).toBeNull();
    expect(cancelRefusal("waitlisted", session, at(12, 10, 9, 30))).toMatch(/開始/);
    expect(cancelRefusal("completed", session, at(11, 25, 9))).toMatch(/できる状態ではありません/);
  });

  it("promotion only before the start; marking only from the start", () => {
    expect(canPromoteInto(session, at(12, 10, 9, 29))).toBe(true);
    expect(canPromoteInto(session, at(12, 10, 9, 30))).toBe(false);
    expect(canMark(session, at(12, 10, 9, 29))).toBe(false);
    expect(canMark(session, at(12, 10, 9, 30))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { averageScore, effectiveRequestStatus, isRegistrationOpen, menteeEligibility, mentorEligibility, requestExpiry, wholeYears } from "./rules";

describe("whole years from the hire date", () => {
  it("counts a year on its anniversary, not the day before", () => {
    expect(wholeYears("2023-04-01", "2026-03-31")).toBe(2);
    expect(wholeYears("2023-04-01", "2026-04-01")).toBe(3);
    expect(wholeYears("2024-02-29", "2025-02-28")).toBe(0);
    expect(wholeYears("2024-02-29", "2025-03-01")).toBe(1);
  });
});

describe("mentee eligibility", () => {
  it("within N years of hire on the cycle's first day; anyone when the cycle says so", () => {
    const rule = { maxYearsSinceHire: 3 };
    expect(menteeEligibility(rule, "2026-04-01", { rank: "一般職員", hiredOn: "2023-04-02" }).eligible).toBe(true);
    const three = menteeEligibility(rule, "2026-04-01", { rank: "一般職員", hiredOn: "2023-04-01" });
    expect(three).toMatchObject({ eligible: false, failures: [{ rule: "hire" }] });
    expect(three.failures[0]!.message).toContain("採用から3年未満");
    expect(menteeEligibility({ maxYearsSinceHire: null }, "2026-04-01", { rank: "課長", hiredOn: "1990-04-01" }).eligible).toBe(true);
    expect(menteeEligibility(rule, "2026-04-01", { rank: "一般職員", hiredOn: null })).toMatchObject({ eligible: false, failures: [{ rule: "unknown" }] });
  });
});

describe("mentor eligibility", () => {
  const rule = { minRank: "係長", minYearsOfService: 10, requiredCourseTitle: "メンター養成研修" };
  it("lists every rule missed: rank, years of service, the named course completed", () => {
    const r = mentorEligibility(rule, "2026-04-01", { rank: "主任", hiredOn: "2020-04-01", completedCourseTitles: [] });
    expect(r.failures.map((f) => f.rule)).toEqual(["rank", "service", "course"]);
  });
  it("holds at the boundary: 係長 with exactly 10 years and the course", () => {
    expect(mentorEligibility(rule, "2026-04-01", { rank: "係長", hiredOn: "2016-04-01", completedCourseTitles: ["メンター養成研修"] }).eligible).toBe(true);
    expect(mentorEligibility(rule, "2026-04-01", { rank: "係長", hiredOn: "2016-04-02", completedCourseTitles: ["メンター養成研修"] }).eligible).toBe(false);
    expect(mentorEligibility({ ...rule, requiredCourseTitle: null }, "2026-04-01", { rank: "局長", hiredOn: "1990-04-01" }).eligible).toBe(true);
  });
});

describe("windows and lapses", () => {
  it("registration is open from the first to the last day inclusive", () => {
    const c = { opensOn: "2026-04-01", closesOn: "2026-04-30" };
    expect(["2026-03-31", "2026-04-01", "2026-04-30", "2026-05-01"].map((d) => isRegistrationOpen(c, d))).toEqual([false, true, true, false]);
  });
  it("a pending request lapses exactly when its days have passed, at read time", () => {
    const asked = new Date("2026-05-01T03:00:00Z");
    const expires = requestExpiry(asked, 7);
    expect(expires.toISOString()).toBe("2026-05-08T03:00:00.000Z");
    expect(effectiveRequestStatus("pending", expires, new Date(expires.getTime() - 1))).toBe("pending");
    expect(effectiveRequestStatus("pending", expires, expires)).toBe("lapsed");
    expect(effectiveRequestStatus("accepted", expires, new Date(expires.getTime() + 1))).toBe("accepted");
  });
});

describe("survey scores", () => {
  it("average to one decimal, none without answers", () => {
    expect(averageScore([])).toBeNull();
    expect(averageScore([4, 5, 5])).toBe(4.7);
  });
});

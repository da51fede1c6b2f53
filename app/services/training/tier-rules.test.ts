import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { RANKS } from "~/services/org/master-data";
import { DEFAULT_TIERS, tierRuleProblems, tiersOf, type TierRule } from "./rules";
import { makeEmployee, seedTiers } from "./test-helpers";
import { addTier, getTierRules, saveTierRules } from "./tier-rules.server";
import { listTiers } from "./tiers.server";

beforeAll(seedTiers);

const rule = (code: string, over: Partial<TierRule> = {}): TierRule => {
  const t = DEFAULT_TIERS.find((x) => x.code === code)!;
  return { code, label: t.label, basis: t.basis, serviceYear: t.serviceYear, rank: t.rank, active: true, ...over };
};

describe("tierRuleProblems (pure)", () => {
  it("the city's tiers are fine", async () => {
    expect(tierRuleProblems(DEFAULT_TIERS.map((t) => rule(t.code)), RANKS)).toEqual([]);
  });
  it("a hire-year tier needs 1–40, a rank tier one of the master's ranks", async () => {
    expect(tierRuleProblems([rule("year2", { serviceYear: 0 })], RANKS)).toMatchObject([{ code: "year2", field: "serviceYear" }]);
    expect(tierRuleProblems([rule("year2", { serviceYear: 41 })], RANKS)).toMatchObject([{ field: "serviceYear" }]);
    expect(tierRuleProblems([rule("new_shunin", { rank: "主査" })], RANKS)).toMatchObject([{ code: "new_shunin", field: "rank" }]);
  });
  it("two tiers in use may not place the same people; one out of use may", async () => {
    const dup = tierRuleProblems([rule("year2"), rule("year3", { serviceYear: 2 })], RANKS);
    expect(dup).toEqual([{ code: "year3", field: "serviceYear", message: "「2年目」と同じ条件です。条件を変えるか、どちらかを対象外にしてください。" }]);
    expect(tierRuleProblems([rule("year2"), rule("year3", { serviceYear: 2, active: false })], RANKS)).toEqual([]);
  });
});

describe("a 年度's tiers, edited by 人材育成課", () => {
  it("placing rules change for that 年度 only, and only 人材育成課 may change them", async () => {
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    const person = { rank: "一般職員", hiredOn: "2027-04-01", rankSince: "2027-04-01" };
    expect(tiersOf(person, 2028, await listTiers(getDb(), { fiscalYear: 2028 })).map((t) => t.code)).toEqual(["year2"]);
    // 2028: 2年目 becomes "the 3rd 年度", 3年目 is not used.
    const r = await saveTierRules(hr, 2028, [rule("year2", { serviceYear: 3 }), rule("year3", { active: false })]);
    expect(r.ok).toBe(true);
    expect(tiersOf(person, 2028, await listTiers(getDb(), { fiscalYear: 2028 })).map((t) => t.code)).toEqual([]);
    expect(tiersOf({ ...person, hiredOn: "2026-04-01" }, 2028, await listTiers(getDb(), { fiscalYear: 2028 })).map((t) => t.code)).toEqual(["year2"]);
    // Another 年度 keeps the tier's own definition.
    expect(tiersOf({ ...person, hiredOn: "2028-04-01" }, 2029, await listTiers(getDb(), { fiscalYear: 2029 })).map((t) => t.code)).toEqual(["year2"]);
    expect((await getTierRules(hr.viewer, 2028))!.find((t) => t.code === "year3")).toMatchObject({ active: false });
    const employee = await makeEmployee();
    expect(await saveTierRules(employee, 2028, [rule("year2")])).toMatchObject({ ok: false, refusal: { reason: "forbidden" } });
    expect(await getTierRules(employee.viewer, 2028)).toBeNull();
  });

  it("a refused save writes nothing and names the field", async () => {
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    const r = await saveTierRules(hr, 2030, [rule("year2", { serviceYear: 1 })]);
    expect(r).toMatchObject({ ok: false, refusal: { reason: "invalid", field: "year2.serviceYear" } });
    expect((await listTiers(getDb(), { fiscalYear: 2030 })).find((t) => t.code === "year2")!.serviceYear).toBe(2);
  });

  it("a new tier (10年目) is a row, in use in the 年度 it was added for", async () => {
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    const added = await addTier(hr, 2031, { label: "10年目", basis: "hireYear", serviceYear: 10, rank: null });
    expect(added.ok).toBe(true);
    const tenth = { rank: "主任", hiredOn: "2022-04-01", rankSince: "2025-04-01" };
    expect(tiersOf(tenth, 2031, await listTiers(getDb(), { fiscalYear: 2031 })).map((t) => t.label)).toEqual(["10年目"]);
    expect(tiersOf({ ...tenth, hiredOn: "2023-04-01" }, 2032, await listTiers(getDb(), { fiscalYear: 2032 })).map((t) => t.label)).toEqual([]);
    expect(await addTier(hr, 2031, { label: "10年目", basis: "hireYear", serviceYear: 11, rank: null })).toMatchObject({ ok: false, refusal: { field: "label" } });
  });
});

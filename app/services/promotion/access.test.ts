import { describe, expect, it } from "vitest";
import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import { maySeeOpinion, mayRunCalls, sightsOf, type ApplicationFacts } from "./access";
import { PROMOTION_APPLICATION_STATUSES } from "../../../db/schema/promotion";

const viewer = (id: string, ...roles: Role[]): Viewer => ({ id, staffNumber: id, name: id, kana: id, rank: null, orgUnitId: null, orgPath: null, roles: ["employee", ...roles] });
const facts: ApplicationFacts = { applicantId: "a", applicantSupervisorId: "boss", status: "submitted", opinionRequired: true };

describe("who sees an application", () => {
  it("the applicant, 人事課 and the own supervisor where asked", () => {
    expect(sightsOf(viewer("a"), facts)).toEqual(["applicant"]);
    expect(sightsOf(viewer("hr", "hr_personnel"), facts)).toEqual(["hr_personnel"]);
    expect(sightsOf(viewer("boss", "supervisor"), facts)).toEqual(["supervisor"]);
  });
  it("nobody else: another employee, another supervisor, 人材育成課, admin, 労務厚生課", () => {
    for (const v of [viewer("b"), viewer("other", "supervisor"), viewer("dev", "hr_dev"), viewer("adm", "admin"), viewer("w", "welfare")]) {
      for (const status of PROMOTION_APPLICATION_STATUSES) expect(sightsOf(v, { ...facts, status })).toEqual([]);
    }
  });
  it("the supervisor learns nothing where the call does not ask, or once it is no longer submitted", () => {
    expect(sightsOf(viewer("boss", "supervisor"), { ...facts, opinionRequired: false })).toEqual([]);
    for (const status of PROMOTION_APPLICATION_STATUSES.filter((s) => s !== "submitted")) {
      expect(sightsOf(viewer("boss", "supervisor"), { ...facts, status })).toEqual([]);
    }
  });
  it("人事課 never sees a draft, and never judges its own application", () => {
    expect(sightsOf(viewer("hr", "hr_personnel"), { ...facts, status: "draft" })).toEqual([]);
    expect(sightsOf(viewer("a", "hr_personnel"), facts)).toEqual(["applicant"]);
  });
  it("the opinion is never the applicant's to see", () => {
    expect(maySeeOpinion(["applicant"])).toBe(false);
    expect(maySeeOpinion(["hr_personnel"])).toBe(true);
    expect(maySeeOpinion(["supervisor"])).toBe(true);
  });
  it("only 人事課 runs calls", () => {
    expect(mayRunCalls(viewer("hr", "hr_personnel"))).toBe(true);
    expect(mayRunCalls(viewer("dev", "hr_dev", "admin"))).toBe(false);
  });
});

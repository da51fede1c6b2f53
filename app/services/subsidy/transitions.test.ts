import { describe, expect, it } from "vitest";
import * as dbSchema from "../../../db/schema/subsidy";
import { COST_TYPES, FILE_KINDS, STATUSES, STATUS_LABELS } from "./labels";
import { EDITABLE_STATUSES, TRANSITIONS, findTransition, transitionsFor } from "./transitions";

describe("the subsidy transitions table", () => {
  it("uses the same vocabularies as the database", () => {
    expect([...STATUSES]).toEqual([...dbSchema.SUBSIDY_STATUSES]);
    expect([...COST_TYPES]).toEqual([...dbSchema.SUBSIDY_COST_TYPES]);
    expect([...FILE_KINDS]).toEqual([...dbSchema.SUBSIDY_FILE_KINDS]);
  });

  it("has no duplicate rows and only known states", () => {
    const keys = TRANSITIONS.map((t) => `${t.from}>${t.to}>${t.by}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of TRANSITIONS) {
      expect(STATUS_LABELS[t.from]).toBeDefined();
      expect(STATUS_LABELS[t.to]).toBeDefined();
    }
  });

  it("follows 下書き → 申請中 → 所属長確認済 → 交付決定 → 支払済, each step by its own actor", () => {
    expect(findTransition("draft", "submitted", "applicant")).toBeDefined();
    expect(findTransition("submitted", "supervisor_confirmed", "supervisor")).toBeDefined();
    expect(findTransition("supervisor_confirmed", "approved", "hr_dev")).toBeDefined();
    expect(findTransition("approved", "paid", "hr_dev")).toBeDefined();
  });

  it("never lets the applicant decide, nor the supervisor approve or pay", () => {
    for (const t of TRANSITIONS) {
      if (t.by === "applicant") expect(["submitted", "withdrawn"]).toContain(t.to);
      if (t.by === "supervisor") expect(["supervisor_confirmed", "returned"]).toContain(t.to);
    }
    expect(findTransition("submitted", "approved", "supervisor")).toBeUndefined();
    expect(findTransition("submitted", "approved", "hr_dev")).toBeUndefined();
  });

  it("allows withdrawal only before a decision", () => {
    const withdrawFrom = TRANSITIONS.filter((t) => t.to === "withdrawn").map((t) => t.from);
    expect(withdrawFrom.sort()).toEqual(["draft", "returned", "submitted", "supervisor_confirmed"].sort());
  });

  it("asks for a reason for every return and rejection", () => {
    for (const t of TRANSITIONS) expect(t.needsComment).toBe(t.to === "returned" || t.to === "rejected");
  });

  it("ends in 支払済, 不承認 and 取下げ, and a returned application can be resubmitted", () => {
    for (const end of ["paid", "rejected", "withdrawn"] as const) expect(transitionsFor(end, ["applicant", "supervisor", "hr_dev"])).toEqual([]);
    expect(findTransition("returned", "submitted", "applicant")).toBeDefined();
    expect(EDITABLE_STATUSES).toEqual(["draft", "returned"]);
  });

  it("every state can be reached from 下書き", () => {
    const seen = new Set<string>(["draft"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of TRANSITIONS) {
        if (seen.has(t.from) && !seen.has(t.to)) {
          seen.add(t.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });
});

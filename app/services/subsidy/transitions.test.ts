import { describe, expect, it } from "vitest";
import * as dbSchema from "../../../db/schema/subsidy";
import { COST_TYPES, FILE_KINDS, STATUSES, STATUS_LABELS } from "./labels";
import {
  COMMITTED_STATUSES,
  EDITABLE_STATUSES,
  IN_REVIEW_STATUSES,
  PAID_STATUSES,
  REJECTED_STATUSES,
  SENT_STATUSES,
  SUBSIDY_CAPACITIES,
  SUPERVISOR_HOLDS,
  TRANSITIONS,
  actionsFor,
  findTransition,
} from "./transitions";

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
      if (t.by.includes("applicant")) expect(["submitted", "withdrawn"]).toContain(t.to);
      if (t.by.includes("supervisor")) expect(["supervisor_confirmed", "returned"]).toContain(t.to);
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
    for (const end of ["paid", "rejected", "withdrawn"] as const) expect(actionsFor(end, ["applicant", "supervisor", "hr_dev"])).toEqual([]);
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

  it("names each move once: one action of one capacity leads from a state to one state", () => {
    for (const t of TRANSITIONS) {
      expect(t.by.length).toBeGreaterThan(0);
      for (const c of t.by) {
        expect(SUBSIDY_CAPACITIES).toContain(c);
        const same = TRANSITIONS.filter((u) => u.from === t.from && u.action === t.action && u.by.includes(c));
        expect(same.map((u) => u.to)).toEqual([t.to]);
      }
    }
  });
});

describe("the named status sets", () => {
  it("only name known states, without repeats", () => {
    for (const set of [EDITABLE_STATUSES, SUPERVISOR_HOLDS, IN_REVIEW_STATUSES, COMMITTED_STATUSES, PAID_STATUSES, REJECTED_STATUSES, SENT_STATUSES]) {
      expect(new Set(set).size).toBe(set.length);
      for (const s of set) expect(STATUSES).toContain(s);
    }
  });

  it("fit the money: paid is part of committed, and nothing is both in review and committed", () => {
    for (const s of PAID_STATUSES) expect(COMMITTED_STATUSES).toContain(s);
    for (const s of IN_REVIEW_STATUSES) expect(COMMITTED_STATUSES).not.toContain(s);
    expect([...IN_REVIEW_STATUSES].sort()).toEqual(["submitted", "supervisor_confirmed"].sort());
    expect([...COMMITTED_STATUSES].sort()).toEqual(["approved", "paid"].sort());
  });

  it("follow the table: decided amounts are reached only by approval, in-review states are where the reviewers act", () => {
    const reachedByApproval = new Set(TRANSITIONS.filter((t) => t.action === "approve").map((t) => t.to));
    const afterApproval = new Set(TRANSITIONS.filter((t) => reachedByApproval.has(t.from)).map((t) => t.to));
    expect([...new Set([...reachedByApproval, ...afterApproval])].sort()).toEqual([...COMMITTED_STATUSES].sort());
    for (const s of IN_REVIEW_STATUSES) expect(TRANSITIONS.some((t) => t.from === s && !t.by.includes("applicant"))).toBe(true);
    for (const s of SUPERVISOR_HOLDS) expect(actionsFor(s, ["supervisor"]).length).toBeGreaterThan(0);
    for (const s of EDITABLE_STATUSES) expect(actionsFor(s, ["applicant"]).some((t) => t.to === "submitted")).toBe(true);
  });

  it("count every sent application: all states but 下書き", () => {
    expect([...SENT_STATUSES].sort()).toEqual(STATUSES.filter((s) => s !== "draft").sort());
  });
});

import { describe, expect, it } from "vitest";
import { PROMOTION_APPLICATION_STATUSES, PROMOTION_CALL_STATUSES } from "../../../db/schema/promotion";
import { findTransition } from "~/services/contract/transitions";
import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_TRANSITIONS,
  CALL_STATUS_LABELS,
  CALL_TRANSITIONS,
  applicationActions,
  firstStage,
  stageAfter,
} from "./transitions";

const open = { windowOpen: true, stage: 0, stageCount: 3, selecting: false };

describe("the call", () => {
  it("goes draft → published → closed → selecting → done, and nothing else", () => {
    const path = ["draft", "published", "closed", "selecting", "done"] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(findTransition(CALL_TRANSITIONS, path[i]!, path[i + 1]!, "hr_personnel")).toBeDefined();
    const moves = CALL_TRANSITIONS.filter((t) => t.from !== t.to).map((t) => `${t.from}→${t.to}`);
    expect(moves).toEqual(["null→draft", "draft→published", "published→closed", "closed→selecting", "selecting→done"]);
  });
  it("has a label for every status of the schema", () => {
    expect(Object.keys(CALL_STATUS_LABELS)).toEqual([...PROMOTION_CALL_STATUSES]);
  });
});

describe("the application", () => {
  it("has a label for every status of the schema", () => {
    expect(Object.keys(APPLICATION_STATUS_LABELS)).toEqual([...PROMOTION_APPLICATION_STATUSES]);
  });

  it("draft → submitted → withdrawn → submitted again, only while the window is open", () => {
    expect(applicationActions("draft", ["applicant"], open).map((t) => t.action)).toEqual(["save", "submit"]);
    expect(applicationActions("submitted", ["applicant"], open).map((t) => t.action)).toEqual(["withdraw"]);
    expect(applicationActions("withdrawn", ["applicant"], open).map((t) => t.action)).toEqual(["save", "resubmit"]);
    for (const s of ["draft", "submitted", "withdrawn"] as const) {
      expect(applicationActions(s, ["applicant"], { ...open, windowOpen: false })).toEqual([]);
    }
  });

  it("the applicant never judges, 人事課 never applies, only the rules exempt", () => {
    for (const t of APPLICATION_TRANSITIONS) {
      const applicantSide = ["save", "submit", "withdraw", "resubmit"].includes(t.action);
      expect(t.by).toEqual(applicantSide ? ["applicant"] : t.action === "exempt" ? ["system"] : ["hr_personnel"]);
    }
    expect(applicationActions("submitted", ["hr_personnel", "applicant"], { windowOpen: true, stage: 0, stageCount: 3, selecting: true }).map((t) => t.action)).not.toContain("exempt");
  });

  it("an exempt stage is passed over: judging starts after it, and 合格 before it goes past it", () => {
    expect(firstStage(3, [0])).toBe(1);
    expect(firstStage(3, [])).toBe(0);
    expect(stageAfter(0, 3, [1])).toBe(2);
    expect(stageAfter(1, 3, [0])).toBe(2);
    expect(stageAfter(2, 3, [0])).toBeNull();
    const hr = (stage: number, exempt: number[], stageCount = 3) => applicationActions("submitted", ["hr_personnel"], { windowOpen: false, stage, stageCount, selecting: true, exempt }).map((t) => t.action);
    // Two stages, the first exempt: the only stage judged is the last, so 合格 is 最終合格.
    expect(hr(1, [0], 2)).toEqual(["pass", "fail", "decline"]);
    expect(hr(0, [1], 3)).toEqual(["advance", "fail", "decline"]);
  });

  it("stages in order: 合格 moves to the next stage, at the last one to 最終合格; only in selection", () => {
    const hr = (stage: number, selecting = true) => applicationActions("submitted", ["hr_personnel"], { windowOpen: false, stage, stageCount: 3, selecting }).map((t) => t.action);
    expect(hr(0)).toEqual(["advance", "fail", "decline"]);
    expect(hr(1)).toEqual(["advance", "fail", "decline"]);
    expect(hr(2)).toEqual(["pass", "fail", "decline"]);
    expect(hr(0, false)).toEqual([]);
    expect(applicationActions("passed", ["hr_personnel"], { windowOpen: false, stage: 2, stageCount: 3, selecting: true }).map((t) => t.action)).toEqual(["decline", "place"]);
    for (const end of ["failed", "declined", "placed"] as const) {
      expect(applicationActions(end, ["hr_personnel", "applicant"], { windowOpen: true, stage: 2, stageCount: 3, selecting: true })).toEqual([]);
    }
  });
});

import { describe, expect, it } from "vitest";
import { actionsFor } from "~/services/contract/transitions";
import { CYCLE_TRANSITIONS, PAIR_TRANSITIONS, REQUEST_TRANSITIONS, cycleActions, pairActions, requestActions } from "./transitions";

describe("the cycle's state machine", () => {
  it("runs 下書き → 募集中 → マッチング中 → 公開済 → 終了 and nothing else moves it", () => {
    const path = ["draft", "open", "matching", "published", "ended"];
    for (let i = 0; i < path.length - 1; i++) {
      const onward = CYCLE_TRANSITIONS.filter((t) => t.from === path[i] && t.to !== t.from).map((t) => t.to);
      expect(onward).toEqual([path[i + 1]]);
    }
    expect(cycleActions("ended")).toEqual([]);
    expect(cycleActions("matching").map((t) => t.action)).toEqual(["run_matching", "edit_pairs", "publish"]);
    // The rules are data that may change until matching begins.
    expect(CYCLE_TRANSITIONS.filter((t) => t.action === "edit").map((t) => t.from)).toEqual(["draft", "open"]);
  });
});

describe("the pair's state machine", () => {
  it("either of the two ends an active pair early with a reason; only 人事課 and the system close or discard", () => {
    expect(pairActions("active", ["mentee"]).map((t) => t.action)).toEqual(["end_early"]);
    expect(pairActions("active", ["mentor"]).every((t) => t.needsComment)).toBe(true);
    expect(pairActions("proposed", ["mentee", "mentor"])).toEqual([]);
    expect(actionsFor(PAIR_TRANSITIONS, "active", ["hr_personnel"]).map((t) => t.action)).toEqual(["rematch", "close"]);
    expect(pairActions("ended", ["mentee", "mentor", "hr_personnel", "system"])).toEqual([]);
  });
});

describe("the direct request", () => {
  it("the mentor accepts or declines, the mentee withdraws, and only the clock lapses it", () => {
    expect(requestActions("pending", ["mentor"]).map((t) => t.action)).toEqual(["accept", "decline"]);
    expect(requestActions("pending", ["mentee"]).map((t) => t.action)).toEqual(["withdraw"]);
    expect(REQUEST_TRANSITIONS.filter((t) => t.action === "lapse").map((t) => t.by)).toEqual([["system"]]);
    expect(requestActions("accepted", ["mentor", "mentee"])).toEqual([]);
  });
});

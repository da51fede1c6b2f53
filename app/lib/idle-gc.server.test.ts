import { describe, expect, it } from "vitest";
import { IDLE_GC, shouldCollect, startIdleCollector } from "./idle-gc.server";

const MB = 1024 * 1024;
const grown = { oldSpaceSize: 160 * MB, oldSpaceUsed: 40 * MB };

describe("collecting when the server has gone quiet", () => {
  it("collects once a burst is over and the old generation holds much more than it uses", () => {
    expect(shouldCollect({ requestsSinceLastLook: 0, requestsSinceCollect: 8_000, heap: grown })).toBe(true);
  });

  it("never while requests are still coming in", () => {
    expect(shouldCollect({ requestsSinceLastLook: IDLE_GC.quietRequests + 1, requestsSinceCollect: 8_000, heap: grown })).toBe(false);
  });

  it("not on a quiet server that has served little since the last collection", () => {
    expect(shouldCollect({ requestsSinceLastLook: 0, requestsSinceCollect: IDLE_GC.busyRequests - 1, heap: grown })).toBe(false);
  });

  it("not when there is little to give back", () => {
    expect(shouldCollect({ requestsSinceLastLook: 0, requestsSinceCollect: 8_000, heap: { oldSpaceSize: 60 * MB, oldSpaceUsed: 40 * MB } })).toBe(false);
  });

  it("the running collector collects once a burst of requests is over", async () => {
    const limits = { ...IDLE_GC, intervalMs: 20, busyRequests: 10, slackBytes: 1 };
    const collector = startIdleCollector(limits);
    try {
      // A burst: requests counted, garbage promoted to the old generation.
      let keep: unknown[] = [];
      for (let i = 0; i < 20; i++) {
        collector.onRequest();
        keep.push(Array.from({ length: 50_000 }, (_, j) => ({ j })));
      }
      keep = [];
      expect(keep).toHaveLength(0);
      await expect.poll(() => collector.collections(), { timeout: 5_000 }).toBeGreaterThan(0);
    } finally {
      collector.stop();
    }
  });
});

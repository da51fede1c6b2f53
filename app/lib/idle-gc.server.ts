// Giving memory back after a burst (issue 14: RSS 5 s after a 30 s load within +50 MB of
// idle). Under load V8 grows the old generation to several times what is live — garbage of
// the requests in flight is promoted between major collections — and keeps those pages
// reserved after the load has gone (measured: 163 MB reserved, 42 MB used, RSS +130 MB,
// unchanged 15 s later; V8's memory reducer did not shrink it). One full collection
// compacts it back (RSS +40 MB). Bounding the heap's growth under load instead
// (--heap-growing-percent) also held RSS, but cost 10–20 % of the home page's throughput
// under load; a collection when the server has gone quiet costs nothing while it is busy.
// Decision 015 has the figures.
import v8 from "node:v8";
import vm from "node:vm";

export type HeapState = { oldSpaceSize: number; oldSpaceUsed: number };

export type IdleGcLimits = { intervalMs: number; quietRequests: number; busyRequests: number; slackBytes: number };

export const IDLE_GC: IdleGcLimits = {
  /** How often the collector looks (ms). */
  intervalMs: 1_000,
  /** A look with at most this many requests since the last one counts as quiet. */
  quietRequests: 2,
  /** Requests served since the last collection before one is worth it (a burst happened). */
  busyRequests: 500,
  /** Reserved but unused old-generation bytes worth giving back. */
  slackBytes: 32 * 1024 * 1024,
};

/**
 * Whether to collect now: the server has gone quiet after a busy period and the old
 * generation holds much more than it uses. Never while requests are coming in.
 */
export function shouldCollect(s: { requestsSinceLastLook: number; requestsSinceCollect: number; heap: HeapState }, limits: IdleGcLimits = IDLE_GC): boolean {
  if (s.requestsSinceLastLook > limits.quietRequests) return false;
  if (s.requestsSinceCollect < limits.busyRequests) return false;
  return s.heap.oldSpaceSize - s.heap.oldSpaceUsed >= limits.slackBytes;
}

function oldSpace(): HeapState {
  const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === "old_space");
  return { oldSpaceSize: old?.space_size ?? 0, oldSpaceUsed: old?.space_used_size ?? 0 };
}

/** V8's full collection: `gc` when node was started with --expose-gc, else exposed here. */
function fullCollection(): () => void {
  const given = (globalThis as { gc?: () => void }).gc;
  if (given) return given;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

export type IdleCollector = { onRequest(): void; stop(): void; collections(): number };

/** Counts requests (`onRequest` from the server's first middleware) and collects when quiet. */
export function startIdleCollector(limits: IdleGcLimits = IDLE_GC): IdleCollector {
  const gc = fullCollection();
  let sinceLook = 0;
  let sinceCollect = 0;
  let collections = 0;
  let rounds = 0;
  const timer = setInterval(() => {
    if (shouldCollect({ requestsSinceLastLook: sinceLook, requestsSinceCollect: sinceCollect, heap: oldSpace() }, limits)) {
      gc();
      collections++;
      // One collection compacts only some of the fragmented pages: while it stays quiet and
      // there is still much to give back, the next looks collect again (at most 3 in all).
      rounds++;
      if (rounds >= 3) {
        sinceCollect = 0;
        rounds = 0;
      }
    } else if (sinceLook > limits.quietRequests) {
      rounds = 0;
    }
    sinceLook = 0;
  }, limits.intervalMs);
  timer.unref();
  return {
    onRequest() {
      sinceLook++;
      sinceCollect++;
    },
    stop() {
      clearInterval(timer);
    },
    collections: () => collections,
  };
}

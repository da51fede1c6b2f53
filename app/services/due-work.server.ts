import { optimizeDatabase } from "../../db/client";
import { SERVICES } from "./registry.server";
import type { ServiceRegistration } from "./contract/registration";

// The services' work that falls due with time alone (see `dueWork` in the registration),
// run by a timer in the server process. Each service's work is idempotent and also done by
// the pages that show its result, so a missed tick only delays it until someone looks.

export type DueWorkRunner = { tick(): Promise<number>; stop(): void };

/** One pass over every service's due work; a failing service does not stop the others. */
export async function runDueWork(now: Date = new Date(), log: (line: string) => void = console.error): Promise<number> {
  let done = 0;
  for (const s of SERVICES as readonly ServiceRegistration[]) {
    if (!s.dueWork) continue;
    try {
      done += await s.dueWork(now);
    } catch (e) {
      log(`${s.key}: 期限の来た処理でエラー: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return done;
}

/** Runs `runDueWork` every `intervalMs` (default a minute; DUE_WORK_INTERVAL_MS) until stopped. */
export function startDueWork(intervalMs = Number(process.env.DUE_WORK_INTERVAL_MS ?? 60_000)): DueWorkRunner {
  // One pass at a time: a pass slower than the interval is not started twice.
  let running: Promise<number> | null = null;
  const tick = () => {
    running ??= runDueWork().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void tick(), Math.max(1_000, intervalMs));
  timer.unref();
  // The planner's table statistics follow the data (an org import, a new 年度's sign-ups):
  // SQLite's PRAGMA optimize, hourly, re-analyses only the tables that changed enough.
  const optimizer = setInterval(() => {
    optimizeDatabase().catch((e: unknown) => console.error("PRAGMA optimize:", e instanceof Error ? e.message : e));
  }, 3_600_000);
  optimizer.unref();
  return {
    tick,
    stop: () => {
      clearInterval(timer);
      clearInterval(optimizer);
    },
  };
}

// Concurrency from several processes, each with its own connection pool (issue 18, Proof):
// the invariants must hold when the writers are separate app servers, not just separate
// async calls in one process. `startWorkers` starts N worker processes on one database
// (once per test file: loading the app code takes seconds); `run` sends a scenario to all
// of them at the same moment and returns what each call answered.
//
// A scenario is a named async function in ./scenarios.ts: (args, worker, call) => result.
// The tests beside this file assert on the results and on the database afterwards: the
// core's (core.concurrency.test.ts) and the services' (services.concurrency.test.ts).
import { spawn, type ChildProcessByStdio } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { dialect, sqliteFile } from "../client";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

/** The test file's own database (db/test-setup.ts), for the workers to open. */
export function testDatabase(): { databaseUrl?: string; databasePath?: string } {
  return dialect() === "pg" ? { databaseUrl: process.env.DATABASE_URL } : { databasePath: sqliteFile() };
}

/** How long starting the workers may take: each loads tsx and the app code, seconds on a loaded 2-core machine. */
export const WORKER_STARTUP_MS = 120_000;

/**
 * `items` dealt to `processes` workers in turn (item i to worker i % processes), as the
 * per-worker lists a scenario reads its call's item from (`items[worker][call]`).
 */
export function deal<T>(items: readonly T[], processes: number): T[][] {
  const hands: T[][] = Array.from({ length: processes }, () => []);
  items.forEach((item, i) => hands[i % processes]!.push(item));
  return hands;
}

export type ProcessRun<R> = { worker: number; results: R[] };

type Worker = { child: ChildProcessByStdio<Writable, Readable, null>; next: () => Promise<string> };

export type Workers = {
  /** Every worker makes `callsPerProcess` calls of `scenario` at once; all workers start together. */
  run<R>(scenario: string, args: unknown, callsPerProcess: number): Promise<ProcessRun<R>[]>;
  close(): Promise<void>;
};

export async function startWorkers(options: {
  /** postgres://… — or a SQLite file (databasePath) */
  databaseUrl?: string;
  databasePath?: string;
  processes: number;
  /** Pool size of each process (default 5). */
  poolMax?: number;
}): Promise<Workers> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_POOL_MAX: String(options.poolMax ?? 5) };
  delete env.DATABASE_URL;
  delete env.DATABASE_PATH;
  // vitest's worker variables must not leak into plain node children.
  for (const k of Object.keys(env)) if (k.startsWith("VITEST")) delete env[k];
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.databasePath) env.DATABASE_PATH = options.databasePath;

  const workers: Worker[] = Array.from({ length: options.processes }, (_, worker) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "worker.ts")], {
      cwd: root,
      env: { ...env, HARNESS_WORKER: String(worker) },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = readline.createInterface({ input: child.stdout });
    const queue: string[] = [];
    const waiting: ((line: string) => void)[] = [];
    lines.on("line", (line) => {
      if (!line.startsWith("HARNESS ")) return; // anything the app code prints
      const w = waiting.shift();
      if (w) w(line.slice(8));
      else queue.push(line.slice(8));
    });
    const exited = new Promise<string>((_, reject) => child.once("exit", (code) => reject(new Error(`worker ${worker} exited (${String(code)})`))));
    const next = () => Promise.race([queue.length ? Promise.resolve(queue.shift()!) : new Promise<string>((r) => waiting.push(r)), exited]);
    return { child, next };
  });
  // Every worker has loaded its code and opened its pool.
  await Promise.all(workers.map((w) => w.next()));

  return {
    async run<R>(scenario: string, args: unknown, callsPerProcess: number) {
      const answers = workers.map((w) => w.next());
      const command = JSON.stringify({ scenario, args, calls: callsPerProcess }) + "\n";
      for (const w of workers) w.child.stdin.write(command);
      const lines = await Promise.all(answers);
      return lines.map((line, worker) => {
        const answer = JSON.parse(line) as { results?: R[]; error?: string };
        if (answer.error) throw new Error(`worker ${worker}: ${answer.error}`);
        return { worker, results: answer.results! };
      });
    },
    async close() {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.child.once("exit", () => resolve());
              w.child.stdin.end();
            }),
        ),
      );
    },
  };
}

// One worker process of the harness (see harness.ts). Protocol on stdio, one line each:
// it prints `HARNESS ready` once its pool is open; each command line
// {"scenario", "args", "calls"} runs `calls` calls at once and prints
// `HARNESS {"results": […]}` (a call that throws answers {"error": message}).
import readline from "node:readline";
import { sql } from "drizzle-orm";
import { closeDb, getDb, rows } from "../client";
import { SCENARIOS } from "./scenarios";

const worker = Number(process.env.HARNESS_WORKER ?? 0);
const say = (line: string) => process.stdout.write(`HARNESS ${line}\n`);

await rows(getDb(), sql`SELECT 1 AS one`);
say("ready");

for await (const line of readline.createInterface({ input: process.stdin })) {
  const { scenario, args, calls } = JSON.parse(line) as { scenario: string; args: unknown; calls: number };
  const fn = SCENARIOS[scenario];
  if (!fn) {
    say(JSON.stringify({ error: `unknown scenario ${scenario}` }));
    continue;
  }
  const settled = await Promise.allSettled(Array.from({ length: calls }, (_, i) => fn(args, worker, i)));
  const results = settled.map((s) => (s.status === "fulfilled" ? s.value : { error: s.reason instanceof Error ? s.reason.message : String(s.reason) }));
  say(JSON.stringify({ results }));
}
await closeDb();
process.exit(0);

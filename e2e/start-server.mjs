// Started by Playwright's webServer: a fresh data directory, migrated and seeded, then the
// production server exactly as `npm start` runs it.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dataDir = process.env.DATA_DIR;
// It is wiped below: never let that be the developer's own demo data.
if (!dataDir || path.resolve(dataDir) === path.resolve("data")) throw new Error("DATA_DIR must be a separate e2e directory");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
execFileSync("npx", ["tsx", "seeds/demo.ts"], { stdio: "inherit", env: process.env });
const server = spawn("node", ["server.mjs"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

// Started by Playwright's webServer in the PostgreSQL run (e2e/playwright.pg.config.ts): a
// throwaway PostgreSQL cluster (db/pg-cluster.ts), then e2e/start-server.mjs with its
// DATABASE_URL — which migrates (migrations-pg/), seeds the demo city and starts the built
// server, as in the SQLite run. The cluster's URL goes to E2E_PG_URL_FILE for the test
// workers (other processes: they read it once the portal answers). Playwright stops the web
// server with SIGTERM (gracefulShutdown): the portal stops first, then the cluster.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startCluster } from "../db/pg-cluster";
import { E2E_PG_URL_FILE } from "./env";

fs.rmSync(E2E_PG_URL_FILE, { force: true });
const cluster = await startCluster();
let done = false;
function stopCluster() {
  if (done) return;
  done = true;
  fs.rmSync(E2E_PG_URL_FILE, { force: true });
  cluster.stop();
}
// The cluster runs in its own session (pg_ctl detaches it): stop it on every way out.
process.on("exit", stopCluster);

fs.mkdirSync(path.dirname(E2E_PG_URL_FILE), { recursive: true });
fs.writeFileSync(E2E_PG_URL_FILE, cluster.url);
const server = spawn("node", ["e2e/start-server.mjs"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: cluster.url } });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.kill(signal);
    // A portal that does not stop in time still leaves no cluster behind.
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
server.on("exit", (code, signal) => {
  stopCluster();
  process.exit(code ?? (signal ? 0 : 1));
});

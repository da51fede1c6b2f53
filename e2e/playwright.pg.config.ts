import path from "node:path";
import { defineConfig } from "@playwright/test";
import { baseConfig, mailSink, portalEnv, root } from "./config-shared";
import { E2E_PG_DATA_DIR, E2E_PORT } from "./env";

// The flows that touch every invariant, on PostgreSQL (issue 18): the same built server
// against a throwaway cluster, the specs' own SQL through the fixtures' `sql` helper.
// `npm run test:e2e:pg`, after `npm run build`. The runner's environment is its workers':
// the fixtures read E2E_ENGINE to query the cluster instead of the SQLite file.
process.env.E2E_ENGINE = "pg";

export default defineConfig({
  ...baseConfig,
  outputDir: path.join(root, "test-results", "pg"),
  testMatch: [
    "auth.e2e.ts", // login, sessions, the login throttle
    "training.e2e.ts", // seats, waitlist, promotion on cancellation, approval
    "training-concurrency.e2e.ts", // 200 sign-ups on 20 seats, parallel cancellations
    "consultation-concurrency.e2e.ts", // one booking per slot
    "subsidy.e2e.ts", // the whole flow; the approval locks the 年度 scheme row to check cap and budget
    "promotion.e2e.ts", // one application per call
    "mentor.e2e.ts", // mentor capacity and the matching
  ],
  webServer: [
    // The portal's mail (notifications of these flows) goes out through the outbox, claimed
    // with FOR UPDATE SKIP LOCKED on PostgreSQL.
    mailSink,
    {
      command: "node --import tsx e2e/start-server-pg.ts",
      cwd: root,
      url: `http://127.0.0.1:${E2E_PORT}/login`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      // The cluster is not in the web server's process group: the start script stops it
      // after the portal, so it must get a signal rather than SIGKILL.
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: portalEnv(E2E_PG_DATA_DIR),
    },
  ],
});

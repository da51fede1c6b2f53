import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_DATA_DIR, E2E_PORT } from "./env";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.e2e.ts",
  outputDir: path.join(root, "test-results"),
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  // Web-first assertions wait for what the user would see; 5 s (the default) was too short
  // for a form post with argon2 or an upload on a shared 2-core machine (load average ~20
  // was seen), where each of three runs failed a different, correctly ordered step.
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "main", testIgnore: /admin-import\.e2e\.ts/ },
    // A full-snapshot import disables whoever is missing from the file: run it last, alone.
    { name: "import", testMatch: /admin-import\.e2e\.ts/, dependencies: ["main"] },
  ],
  webServer: {
    // A fresh database for every run: migrate, seed the demo city, start the built server.
    command: "node e2e/start-server.mjs",
    cwd: root,
    url: `http://127.0.0.1:${E2E_PORT}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: { PORT: String(E2E_PORT), DATA_DIR: E2E_DATA_DIR, HOST: "127.0.0.1" },
  },
});

// What the SQLite run (e2e/playwright.config.ts) and the PostgreSQL run
// (e2e/playwright.pg.config.ts) share: the browser, the timeouts, and the loopback servers
// beside the portal.
import path from "node:path";
import type { PlaywrightTestConfig } from "@playwright/test";
import { E2E_MAIL_HTTP_PORT, E2E_OIDC_HOST, E2E_OIDC_PORT, E2E_PORT, E2E_SMTP_PORT, MAIL_SINK_URL, OIDC_CLIENT_ID, OIDC_ISSUER } from "./env";

export const root = path.resolve(import.meta.dirname, "..");

type WebServer = NonNullable<Extract<PlaywrightTestConfig["webServer"], unknown[]>>[number];

/** Everything but what to run and the servers to run it against. */
export const baseConfig = {
  testDir: ".",
  outputDir: path.join(root, "test-results"),
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  // Waits end as soon as the user would see the result; the ceiling only matters when the
  // machine is loaded (2 cores, argon2 logins, bursts of 500 sign-ups in a parallel spec).
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
} satisfies PlaywrightTestConfig;

/** Single sign-on against the e2e provider, for a portal on `port`. */
export function oidcEnv(port: number) {
  return {
    OIDC_ISSUER,
    OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: "e2e-client-secret",
    OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/auth/oidc/callback`,
    OIDC_EMPLOYEE_CLAIM: "employeeid",
    OIDC_POST_LOGOUT_REDIRECT_URI: `http://127.0.0.1:${port}/login?notice=logged-out`,
  };
}

/** A real OpenID Connect provider on loopback (oauth2-mock-server), for single sign-on. */
export const oidcProvider: WebServer = {
  command: "node e2e/oidc-provider.mjs",
  cwd: root,
  url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
  reuseExistingServer: false,
  timeout: 30_000,
  stdout: "pipe",
  env: { OIDC_HOST: E2E_OIDC_HOST, OIDC_PORT: String(E2E_OIDC_PORT) },
};

/** A real SMTP server on loopback for the portal's mail (tests read what arrived over HTTP). */
export const mailSink: WebServer = {
  command: "node e2e/mail-sink.mjs",
  cwd: root,
  url: MAIL_SINK_URL,
  reuseExistingServer: false,
  timeout: 30_000,
  stdout: "pipe",
  env: { E2E_SMTP_PORT: String(E2E_SMTP_PORT), E2E_MAIL_HTTP_PORT: String(E2E_MAIL_HTTP_PORT) },
};

/**
 * The portal on E2E_PORT as the suite expects it, its data in `dataDir`.
 * TRUST_PROXY: as behind the production reverse proxy, X-Forwarded-For from loopback names
 * the client. Specs that do not send it are 127.0.0.1; the login-burst specs send their own
 * address so they cannot use up 127.0.0.1's per-address failure budget.
 * Mail goes to the sink above; the sender's timer looks every half second, and tests wait for
 * a message to arrive, never for a time. The timer's own reminders and digests (for the
 * seeded city's sessions of tomorrow) are off: unit tests cover them.
 */
export function portalEnv(dataDir: string): Record<string, string> {
  return {
    PORT: String(E2E_PORT),
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    TRUST_PROXY: "loopback",
    SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
    PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
    MAIL_INTERVAL_MS: "500",
    MAIL_SCHEDULE: "off",
  };
}

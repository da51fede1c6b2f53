import { defineConfig } from "@playwright/test";
import { baseConfig, mailSink, oidcEnv, oidcProvider, portalEnv, root } from "./config-shared";
import { E2E_DATA_DIR, E2E_PORT, E2E_STRICT_DATA_DIR, E2E_STRICT_PORT } from "./env";

// The whole suite on the SQLite file. The flows that touch every invariant run again on
// PostgreSQL with e2e/playwright.pg.config.ts.
export default defineConfig({
  ...baseConfig,
  testMatch: "**/*.e2e.ts",
  projects: [
    { name: "main", testIgnore: /admin-import\.e2e\.ts/ },
    // A full-snapshot import disables whoever is missing from the file: run it last, alone.
    { name: "import", testMatch: /admin-import\.e2e\.ts/, dependencies: ["main"] },
  ],
  webServer: [
    oidcProvider,
    mailSink,
    {
      // A fresh database for every run: migrate, seed the demo city, start the built server.
      command: "node e2e/start-server.mjs",
      cwd: root,
      url: `http://127.0.0.1:${E2E_PORT}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      // OIDC_*: single sign-on against the provider above. Password login stays on for
      // everyone (PASSWORD_LOGIN unset), so every other spec logs in as before.
      env: { ...portalEnv(E2E_DATA_DIR), ...oidcEnv(E2E_PORT) },
    },
    {
      // The same build with password login only for consultants and the break-glass admin
      // (e2e/password-exempt.e2e.ts), on its own demo database.
      command: "node e2e/start-server.mjs",
      cwd: root,
      url: `http://127.0.0.1:${E2E_STRICT_PORT}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        PORT: String(E2E_STRICT_PORT),
        DATA_DIR: E2E_STRICT_DATA_DIR,
        HOST: "127.0.0.1",
        ...oidcEnv(E2E_STRICT_PORT),
        PASSWORD_LOGIN: "exempt-only",
        PASSWORD_LOGIN_BREAK_GLASS: "100009",
        MAIL_SENDER: "off",
      },
    },
  ],
});

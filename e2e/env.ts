import path from "node:path";

// Overridable so two e2e runs (e.g. two engineers on one machine) do not collide.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3311);
export const E2E_ARTIFACTS_DIR = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(import.meta.dirname, ".artifacts"));
export const E2E_DATA_DIR = path.join(E2E_ARTIFACTS_DIR, "data");
export const E2E_DB_PATH = path.join(E2E_DATA_DIR, "portal.db");
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
// The e2e sign-in provider (e2e/oidc-provider.mjs), on loopback next to the portal.
// Another loopback address than the portal's, so the provider is another site and its
// redirect back is a cross-site navigation, as with Entra ID (Linux answers on all of 127/8).
export const E2E_OIDC_HOST = process.env.E2E_OIDC_HOST ?? "127.0.0.2";
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? E2E_PORT + 1000);
export const OIDC_ISSUER = `http://${E2E_OIDC_HOST}:${E2E_OIDC_PORT}`;
export const OIDC_CLIENT_ID = "kawasaki-jinzai-portal-e2e";
// A second portal with PASSWORD_LOGIN=exempt-only (its own database), for e2e/password-exempt.e2e.ts.
export const E2E_STRICT_PORT = Number(process.env.E2E_STRICT_PORT ?? E2E_PORT + 2000);
export const E2E_STRICT_DATA_DIR = path.join(E2E_DATA_DIR, "..", "data-exempt-only");
export const STRICT_BASE_URL = `http://127.0.0.1:${E2E_STRICT_PORT}`;
/** The e2e mail sink (e2e/mail-sink.mjs): SMTP for the portal, HTTP for the tests to read what arrived. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? E2E_PORT + 20_000);
export const E2E_MAIL_HTTP_PORT = Number(process.env.E2E_MAIL_HTTP_PORT ?? E2E_PORT + 21_000);
export const MAIL_SINK_URL = `http://127.0.0.1:${E2E_MAIL_HTTP_PORT}/messages`;

// The PostgreSQL run (e2e/playwright.pg.config.ts sets E2E_ENGINE=pg for the runner and so
// for its workers): the portal's DATA_DIR (uploads; the data are in the cluster), and the file
// where e2e/start-server-pg.ts writes the throwaway cluster's URL once the cluster is up.
export const E2E_ENGINE: "sqlite" | "pg" = process.env.E2E_ENGINE === "pg" ? "pg" : "sqlite";
export const E2E_PG_DATA_DIR = path.join(E2E_ARTIFACTS_DIR, "data-pg");
export const E2E_PG_URL_FILE = path.join(E2E_ARTIFACTS_DIR, "pg-database-url");

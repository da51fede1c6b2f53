import path from "node:path";

// Overridable so two e2e runs (e.g. two engineers on one machine) do not collide.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3311);
export const E2E_DATA_DIR = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(import.meta.dirname, ".artifacts"), "data");
export const E2E_DB_PATH = path.join(E2E_DATA_DIR, "portal.db");
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The e2e mail sink (e2e/mail-sink.mjs): SMTP for the portal, HTTP for the tests to read what arrived. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? E2E_PORT + 20_000);
export const E2E_MAIL_HTTP_PORT = Number(process.env.E2E_MAIL_HTTP_PORT ?? E2E_PORT + 21_000);
export const MAIL_SINK_URL = `http://127.0.0.1:${E2E_MAIL_HTTP_PORT}/messages`;

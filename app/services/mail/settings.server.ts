import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../../../db/client";

/**
 * The mail settings, from the environment (README 「メール」). Without SMTP_URL nothing is
 * sent over the network: each mail is written as an .eml file under the data directory.
 */
export type MailSettings = {
  smtpUrl: string | null;
  from: string;
  /** STARTTLS must succeed (smtp:// to a relay that offers it); smtps:// is TLS from the start. */
  requireTls: boolean;
  /** Refuse a relay whose certificate does not verify (default). */
  tlsRejectUnauthorized: boolean;
  /** PEM of a private CA the relay's certificate is signed by. */
  tlsCa: string | null;
  connectionTimeoutMs: number;
  socketTimeoutMs: number;
  /** Where .eml files go without SMTP_URL. */
  mailDir: string;
  publicUrl: string;
  /** The in-server sender's timer; MAIL_SENDER=off when `npm run mail:worker` runs apart. */
  senderInServer: boolean;
  intervalMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** A supervisor's daily digest lists approvals waiting at least this many days. */
  digestAfterDays: number;
  /** The timer writes reminders and digests (MAIL_SCHEDULE=off: only what changes queue is sent). */
  scheduleEnabled: boolean;
  /** Reminders and digests are written from this hour (Tokyo) of the day. */
  scheduleFromHour: number;
};

function int(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return n;
}

function flag(env: Readonly<Record<string, string | undefined>>, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "on", "yes"].includes(raw)) return true;
  if (["0", "false", "off", "no"].includes(raw)) return false;
  throw new Error(`${name} must be on or off (got "${env[name]}")`);
}

export function mailSettings(env: Readonly<Record<string, string | undefined>> = process.env): MailSettings {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error("SMTP_URL must start with smtp:// or smtps://");
  const caFile = env.SMTP_TLS_CA_FILE?.trim();
  const port = env.PORT ?? "3000";
  return {
    smtpUrl,
    from: env.MAIL_FROM?.trim() || "かわさき人財ポータル <no-reply@jinzai.city.kawasaki.example>",
    requireTls: flag(env, "SMTP_REQUIRE_TLS", false),
    tlsRejectUnauthorized: flag(env, "SMTP_TLS_REJECT_UNAUTHORIZED", true),
    tlsCa: caFile ? fs.readFileSync(caFile, "utf8") : null,
    connectionTimeoutMs: int(env, "SMTP_CONNECTION_TIMEOUT_MS", 10_000, 1),
    socketTimeoutMs: int(env, "SMTP_SOCKET_TIMEOUT_MS", 30_000, 1),
    mailDir: path.resolve(env.MAIL_DIR ?? path.join(dataDir(), "mail")),
    publicUrl: (env.PUBLIC_URL?.trim() || `http://127.0.0.1:${port}`).replace(/\/+$/, ""),
    senderInServer: flag(env, "MAIL_SENDER", true),
    intervalMs: int(env, "MAIL_INTERVAL_MS", 30_000, 10),
    maxAttempts: int(env, "MAIL_MAX_ATTEMPTS", 8, 1),
    retryBaseMs: int(env, "MAIL_RETRY_BASE_MS", 60_000, 1),
    digestAfterDays: int(env, "MAIL_DIGEST_AFTER_DAYS", 3, 1),
    scheduleEnabled: flag(env, "MAIL_SCHEDULE", true),
    scheduleFromHour: int(env, "MAIL_SCHEDULE_FROM_HOUR", 8, 0),
  };
}

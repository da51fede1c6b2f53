// Pure facts about outbox rows, shared by the sender, the admin page and the tests.

export const MAIL_STATUS_LABELS = {
  pending: "待機",
  sent: "送信済",
  failed: "失敗",
  discarded: "破棄",
} as const;
export type MailStatus = keyof typeof MAIL_STATUS_LABELS;

/** How long a claim holds a row; longer than any SMTP timeout, so a live sender finishes first. */
export const CLAIM_LEASE_MS = 5 * 60_000;
const MAX_DELAY_MS = 6 * 60 * 60_000;

/**
 * The wait before attempt `attempts + 1`, after `attempts` failed ones: base, 2×, 4× … up to
 * six hours. With the defaults (1 min, 8 attempts) a mail is tried for about four hours.
 */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

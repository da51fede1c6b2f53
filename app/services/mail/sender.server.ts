import { and, eq, isNull } from "drizzle-orm";
import { schema, type Db } from "~/db.server";
import { MAIL_TEMPLATES } from "~/services/registry.server";
import { OPTIONAL_CATEGORIES, type MailCategory } from "./templates";
import { claimDue, markDiscarded, markFailedAttempt, markSent, newClaimToken, preferencesOf, type OutboxRow } from "./outbox.server";
import { writeScheduledMail } from "./schedule.server";
import type { MailSettings } from "./settings.server";
import type { MailTransport } from "./transport.server";

// The sender: claims due rows, renders each from its template and values, hands it to the
// transport and settles the row. Runs as a timer inside the server (startMailSender) or
// alone (`npm run mail:worker`); any number of senders may share one database.

export type DeliveryReport = { sent: number; retried: number; failed: number; discarded: number };

type SenderDeps = { db: Db; transport: MailTransport; settings: MailSettings; now?: () => Date };

/** The subject and body of one row, or why it cannot be rendered. */
export function renderRow(row: Pick<OutboxRow, "template" | "values">, settings: Pick<MailSettings, "publicUrl">) {
  const template = MAIL_TEMPLATES.get(row.template);
  if (!template) return { error: `テンプレート ${row.template} がありません` } as const;
  const url = (p: string) => `${settings.publicUrl}${p.startsWith("/") ? p : `/${p}`}`;
  return { mail: template.render(row.values as never, { url }), category: template.category, confidential: template.confidential === true } as const;
}

function switchedOff(db: Db, recipientId: string, category: MailCategory): boolean {
  if (!(OPTIONAL_CATEGORIES as readonly string[]).includes(category)) return false;
  const p = preferencesOf(db, recipientId);
  return category === "reminder" ? !p.reminders : !p.digests;
}

function stillReachable(db: Db, row: OutboxRow): boolean {
  const { employees } = schema;
  return Boolean(db.select({ id: employees.id }).from(employees).where(and(eq(employees.id, row.recipientId), isNull(employees.disabledAt))).get());
}

/** One pass: claim what is due (up to `limit`) and deliver it, one message at a time. */
export async function deliverDue({ db, transport, settings, now = () => new Date() }: SenderDeps, limit = 20): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, discarded: 0 };
  const token = newClaimToken();
  const rows = claimDue(db, token, now(), limit);
  for (const row of rows) {
    const rendered = renderRow(row, settings);
    if ("error" in rendered) {
      // A template missing is a deployment mistake: no retry will fix it before a release.
      markFailedAttempt(db, row, token, rendered.error!, now(), { maxAttempts: 1, retryBaseMs: settings.retryBaseMs });
      report.failed++;
      continue;
    }
    if (switchedOff(db, row.recipientId, rendered.category) || !stillReachable(db, row)) {
      markDiscarded(db, row, token, "受信者が停止した種類、または無効になったアカウントのため送信しませんでした", now());
      report.discarded++;
      continue;
    }
    try {
      const { messageId } = await transport.send({
        to: row.toAddress,
        subject: rendered.mail.subject,
        text: rendered.mail.text,
        // The relay and mail clients may keep a retried message apart from a new one.
        headers: { "X-Portal-Mail-Id": String(row.id) },
      });
      markSent(db, row, token, messageId, now());
      report.sent++;
    } catch (e) {
      const outcome = markFailedAttempt(db, row, token, e instanceof Error ? e.message : String(e), now(), settings);
      report[outcome === "failed" ? "failed" : "retried"]++;
    }
  }
  return report;
}

const SCHEDULE_EVERY_MS = 10 * 60_000;

export type MailSender = { stop(): Promise<void>; tick(): Promise<void> };

/**
 * The timer: every `intervalMs`, write the day's reminders and digests (their keys make a
 * second pass write nothing) and deliver what is due. One pass at a time; stop() clears the
 * timer, waits for a pass under way and closes the transport.
 */
export function startMailSender(deps: SenderDeps & { log?: (line: string) => void }): MailSender {
  const { settings, log = () => {} } = deps;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  let scheduledAt = -Infinity;

  const pass = async () => {
    try {
      // Reminders and digests are looked for every few minutes, not every interval: their
      // keys name the day, so the next look writes nothing new until something changes.
      const now = (deps.now ?? (() => new Date()))();
      if (settings.scheduleEnabled && now.getTime() - scheduledAt >= SCHEDULE_EVERY_MS) {
        writeScheduledMail(deps.db, now, settings);
        scheduledAt = now.getTime();
      }
      let report: DeliveryReport;
      // Drain a backlog without waiting a whole interval between batches.
      do {
        report = await deliverDue(deps);
        if (report.sent + report.retried + report.failed + report.discarded > 0) {
          log(`メール: 送信 ${report.sent}件、再試行待ち ${report.retried}件、失敗 ${report.failed}件、破棄 ${report.discarded}件`);
        }
      } while (!stopped && report.sent + report.discarded === 20);
    } catch (e) {
      log(`メール: 送信処理でエラー: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const tick = () => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void tick().then(schedule);
    }, settings.intervalMs);
  };
  void tick().then(schedule);
  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      deps.transport.close();
    },
  };
}

import { and, eq, isNull } from "drizzle-orm";
import { first, getDb, immediate, schema } from "~/db.server";
import { MAIL_TEMPLATES } from "~/services/registry.server";
import { OPTIONAL_CATEGORIES, type MailCategory } from "./templates";
import { claimDue, markDiscarded, markFailedAttempt, markSent, newClaimToken, preferencesOf, type OutboxRow } from "./outbox.server";
import { writeScheduledMail } from "./schedule.server";
import type { MailSettings } from "./settings.server";
import type { MailTransport } from "./transport.server";

// The sender: claims due rows, renders each from its template and values, hands it to the
// transport and settles the row. Runs as a timer inside the server (startMailSender) or
// alone (`npm run mail:worker`); any number of senders may share one database. The claim
// and each settle are short transactions of their own; nothing is held open while the
// transport talks to the relay.

export type DeliveryReport = { sent: number; retried: number; failed: number; discarded: number };

type SenderDeps = { transport: MailTransport; settings: MailSettings; now?: () => Date };

/** The subject and body of one row, or why it cannot be rendered. */
export function renderRow(row: Pick<OutboxRow, "template" | "values">, settings: Pick<MailSettings, "publicUrl">) {
  const template = MAIL_TEMPLATES.get(row.template);
  if (!template) return { error: `テンプレート ${row.template} がありません` } as const;
  const url = (p: string) => `${settings.publicUrl}${p.startsWith("/") ? p : `/${p}`}`;
  return { mail: template.render(row.values as never, { url }), category: template.category, confidential: template.confidential === true } as const;
}

async function switchedOff(recipientId: string, category: MailCategory): Promise<boolean> {
  if (!(OPTIONAL_CATEGORIES as readonly string[]).includes(category)) return false;
  const p = await preferencesOf(getDb(), recipientId);
  return category === "reminder" ? !p.reminders : !p.digests;
}

async function stillReachable(row: OutboxRow): Promise<boolean> {
  const { employees } = schema;
  return Boolean(await first(getDb().select({ id: employees.id }).from(employees).where(and(eq(employees.id, row.recipientId), isNull(employees.disabledAt)))));
}

/** One pass: claim what is due (up to `limit`) and deliver it, one message at a time. */
export async function deliverDue({ transport, settings, now = () => new Date() }: SenderDeps, limit = 20): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, discarded: 0 };
  const token = newClaimToken();
  const rows = await immediate((tx) => claimDue(tx, token, now(), limit));
  for (const row of rows) {
    const rendered = renderRow(row, settings);
    if ("error" in rendered) {
      // A template missing is a deployment mistake: no retry will fix it before a release.
      await immediate((tx) => markFailedAttempt(tx, row, token, rendered.error!, now(), { maxAttempts: 1, retryBaseMs: settings.retryBaseMs }));
      report.failed++;
      continue;
    }
    if ((await switchedOff(row.recipientId, rendered.category)) || !(await stillReachable(row))) {
      await immediate((tx) => markDiscarded(tx, row, token, "受信者が停止した種類、または無効になったアカウントのため送信しませんでした", now()));
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
      await immediate((tx) => markSent(tx, row, token, messageId, now()));
      report.sent++;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const outcome = await immediate((tx) => markFailedAttempt(tx, row, token, message, now(), settings));
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
        await writeScheduledMail(getDb(), now, settings);
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

import { immediate, type Db } from "~/db.server";
import { jstParts, todayIso } from "~/lib/fiscal-year";
import type { ServiceRegistration } from "~/services/contract/registration";
import { MAIL_TEMPLATES, SERVICES, type MailRequest } from "~/services/registry.server";
import { enqueueMail, preferencesOf } from "./outbox.server";
import type { MailSettings } from "./settings.server";

// The mail the sender's timer writes itself: tomorrow's reminders (each service's
// `reminders`) and the supervisors' daily digest (each service's `overdueApprovals`). Every
// row has a key naming the day, so running this every interval writes each mail once.

const DAY_MS = 24 * 60 * 60_000;

export type ScheduleReport = { reminders: number; digests: number };

export async function writeScheduledMail(
  db: Db,
  now: Date,
  settings: Pick<MailSettings, "digestAfterDays" | "scheduleFromHour">,
  services: readonly ServiceRegistration[] = SERVICES,
): Promise<ScheduleReport> {
  const report: ScheduleReport = { reminders: 0, digests: 0 };
  if (jstParts(now).hour < settings.scheduleFromHour) return report;
  const today = todayIso(now);
  const tomorrow = todayIso(new Date(now.getTime() + DAY_MS));

  const reminders = (await Promise.all(services.map(async (s) => (await s.reminders?.(db, tomorrow)) ?? []))).flat();
  const waiting = new Map<string, string[]>();
  const olderThan = new Date(now.getTime() - settings.digestAfterDays * DAY_MS);
  for (const s of services) {
    for (const o of (await s.overdueApprovals?.(db, olderThan)) ?? []) {
      waiting.set(o.supervisorId, [...(waiting.get(o.supervisorId) ?? []), `${o.label} ${o.count}件`]);
    }
  }

  await immediate(async (tx) => {
    for (const r of reminders) {
      if (!MAIL_TEMPLATES.has(r.kind)) throw new Error(`reminder of unknown mail kind ${r.kind}`);
      if (!(await preferencesOf(tx, r.recipientId)).reminders) continue;
      if (await enqueueMail(tx, r.recipientId, r as unknown as MailRequest, now)) report.reminders++;
    }
    for (const [supervisorId, lines] of waiting) {
      if (!(await preferencesOf(tx, supervisorId)).digests) continue;
      const mail: MailRequest = { kind: "portal.approval_digest", values: { on: today, days: settings.digestAfterDays, lines }, key: `digest:${supervisorId}:${today}` };
      if (await enqueueMail(tx, supervisorId, mail, now)) report.digests++;
    }
  });
  return report;
}

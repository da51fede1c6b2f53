import { eq, inArray } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { first, getDb, immediate, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { MAIL_STATUS_LABELS, type MailStatus } from "./outbox";
import { countByStatus, listFailed, preferencesOf, requeueFailed, savePreferences, type MailPreferences } from "./outbox.server";
import { renderRow } from "./sender.server";
import { mailSettings } from "./settings.server";

// The admin's view of the outbox: how many mails are in each state, and the failed ones
// with their error and a 再送. A mail of a confidential service (consultation) shows neither
// whom it was for nor its subject: who booked must not be readable by the admin (decision 301).

function isAdmin(viewer: Viewer): boolean {
  return viewer.roles.includes("admin");
}

export type FailedMail = {
  id: number;
  createdAt: Date;
  updatedAt: Date;
  attempts: number;
  error: string;
  recipient: string | null;
  subject: string | null;
};

export async function getMailOverview(viewer: Viewer): Promise<{ counts: { status: MailStatus; label: string; count: number }[]; failed: FailedMail[] } | null> {
  if (!isAdmin(viewer)) return null;
  const db = getDb();
  const counts = await countByStatus(db);
  const rows = await listFailed(db);
  const people = new Map(
    rows.length
      ? (
          await db
            .select({ id: schema.employees.id, name: schema.employees.name, staffNumber: schema.employees.staffNumber })
            .from(schema.employees)
            .where(inArray(schema.employees.id, [...new Set(rows.map((r) => r.recipientId))]))
        ).map((p) => [p.id, p])
      : [],
  );
  const settings = mailSettings();
  return {
    counts: (Object.keys(MAIL_STATUS_LABELS) as MailStatus[]).map((status) => ({ status, label: MAIL_STATUS_LABELS[status], count: counts[status] ?? 0 })),
    failed: rows.map((r) => {
      const rendered = renderRow(r, settings);
      const confidential = "confidential" in rendered && rendered.confidential;
      const p = people.get(r.recipientId);
      return {
        id: r.id,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        attempts: r.attempts,
        error: r.lastError ?? "",
        recipient: confidential ? null : `${p?.name ?? ""}（${p?.staffNumber ?? ""}） ${r.toAddress}`,
        subject: confidential ? null : "mail" in rendered ? rendered.mail!.subject : r.template,
      };
    }),
  };
}

/** 再送: the failed mail goes back in the queue, due now; one audit line (the row's id only). */
export async function resendMail(actor: Actor, id: number, now: Date = new Date()): Promise<Outcome> {
  return attempt(() =>
    immediate(async (tx) => {
      if (!isAdmin(actor.viewer)) refuse("forbidden", "再送できるのはシステム管理者だけです。");
      const row = await first(tx.select({ status: schema.mailOutbox.status }).from(schema.mailOutbox).where(eq(schema.mailOutbox.id, id)));
      if (!row) refuse("not_found", "メールが見つかりません。");
      if (!(await requeueFailed(tx, id, now))) refuse("conflict", "このメールはすでに再送待ちか、送信済みです。");
      await audit(tx, { actorId: actor.viewer.id, action: "mail.resend", target: `mail_outbox:${id}`, outcome: "success", ip: actor.ip });
      return { ok: true } as const;
    }),
  );
}

// ——— マイページ ——————————————————————————————————————————————————————————

/** The viewer's own switches, and whether mail reaches them at all (an address in the org data). */
export async function getMyMailSettings(viewer: Viewer) {
  const db = getDb();
  const me = await first(db.select({ email: schema.employees.email }).from(schema.employees).where(eq(schema.employees.id, viewer.id)));
  return { hasAddress: Boolean(me?.email?.trim()), ...(await preferencesOf(db, viewer.id)) };
}

export async function saveMyMailSettings(actor: Actor, p: MailPreferences, now: Date = new Date()): Promise<void> {
  await immediate((tx) => savePreferences(tx, actor.viewer.id, p, now));
}

import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type { MailSettings } from "./settings.server";

/** One message as the sender hands it over. */
export type OutgoingMail = { to: string; subject: string; text: string; headers?: Record<string, string> };

export type MailTransport = {
  /** Resolves when the relay accepted the message (or the file is on disk); rejects otherwise. */
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
  close(): void;
  /** "SMTP smtp://relay:25" or "ファイル data/mail" — for the log line at start. */
  describe: string;
};

/**
 * nodemailer over SMTP to the relay in SMTP_URL, or — without it — nodemailer's stream
 * transport writing each message as an .eml file (the same bytes a relay would receive).
 */
export function createMailTransport(settings: MailSettings): MailTransport {
  const base = { from: settings.from, text: "" };
  if (settings.smtpUrl) {
    const smtp = nodemailer.createTransport({
      url: settings.smtpUrl,
      requireTLS: settings.requireTls,
      tls: { rejectUnauthorized: settings.tlsRejectUnauthorized, ...(settings.tlsCa ? { ca: settings.tlsCa } : {}) },
      connectionTimeout: settings.connectionTimeoutMs,
      greetingTimeout: settings.connectionTimeoutMs,
      socketTimeout: settings.socketTimeoutMs,
    });
    return {
      describe: `SMTP ${redact(settings.smtpUrl)}`,
      async send(mail) {
        const info = await smtp.sendMail({ ...base, ...mail });
        if (info.rejected.length > 0) throw new Error(`宛先が拒否されました: ${info.rejected.join(", ")}`);
        return { messageId: info.messageId ?? null };
      },
      close: () => smtp.close(),
    };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    describe: `ファイル ${settings.mailDir}`,
    async send(mail) {
      const info = await stream.sendMail({ ...base, ...mail });
      fs.mkdirSync(settings.mailDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "")}-${(info.messageId ?? "mail").replace(/[^A-Za-z0-9.-]/g, "")}.eml`;
      const file = path.join(settings.mailDir, name);
      // Written whole, then renamed: a reader never sees half a message.
      fs.writeFileSync(`${file}.tmp`, info.message as Buffer);
      fs.renameSync(`${file}.tmp`, file);
      return { messageId: info.messageId ?? null };
    },
    close: () => stream.close(),
  };
}

/** The URL without its password, for logs. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { getDb, immediate, schema } from "~/db.server";
import { makeEmployee } from "~/services/training/test-helpers";
import { enqueueMail } from "./outbox.server";
import { startMailSender } from "./sender.server";
import { mailSettings } from "./settings.server";
import { createMailTransport } from "./transport.server";

// Without SMTP_URL the sender writes .eml files (the demo's offline default); the timer
// delivers what is queued and stops cleanly.

describe("the timer with the .eml transport", () => {
  it("delivers a queued mail as an .eml file a mail program can read, and stops, closing its transport", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kjp-eml-"));
    const settings = mailSettings({ MAIL_DIR: dir, MAIL_INTERVAL_MS: "20", MAIL_SCHEDULE: "off", PUBLIC_URL: "http://portal.example" });
    const p = await makeEmployee();
    getDb().update(schema.employees).set({ email: "eml@city.kawasaki.example" }).where(eq(schema.employees.id, p.id)).run();
    immediate((tx) =>
      enqueueMail(tx, p.id, { kind: "subsidy.paid", values: { applicationId: "s1", certification: "日商簿記検定2級", amount: 9800 }, key: `eml:${p.id}` }),
    );
    let closed = false;
    const transport = createMailTransport(settings);
    const sender = startMailSender({ db: getDb(), transport: { ...transport, close: () => (closed = true) }, settings });
    await expect.poll(() => fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).length).toBe(1);
    await sender.stop();
    expect(closed).toBe(true);

    const file = fs.readdirSync(dir).find((f) => f.endsWith(".eml"))!;
    const mail = await simpleParser(fs.readFileSync(path.join(dir, file)));
    expect(mail.subject).toBe("【資格取得費用助成】助成金を支払いました");
    expect(mail.text).toContain("支払額: 9,800円");
    expect(mail.text).toContain("http://portal.example/subsidy/s1");
    expect(getDb().select().from(schema.mailOutbox).where(eq(schema.mailOutbox.dedupeKey, `eml:${p.id}`)).get()?.status).toBe("sent");
  });
});

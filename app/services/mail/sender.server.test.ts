import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDatabasePath, openDatabase } from "../../../db/client";
import { getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { cancelOwn, signUp } from "~/services/training/enrollment-mutations.server";
import { makeCourse, makeEmployee, makeSession, seedTiers } from "~/services/training/test-helpers";
import { claimDue, enqueueMail, listFailed, newClaimToken, requeueFailed } from "./outbox.server";
import { retryDelayMs } from "./outbox";
import { deliverDue } from "./sender.server";
import { mailSettings, type MailSettings } from "./settings.server";
import { startTestSmtp, type TestSmtp } from "./test-smtp";
import { createMailTransport, type MailTransport } from "./transport.server";

const NOW = jstDate(2026, 11, 25, 12, 0);
const { mailOutbox: outbox } = schema;

function settingsFor(smtpUrl: string | null, extra: Record<string, string> = {}): MailSettings {
  return mailSettings({ SMTP_URL: smtpUrl ?? "", PUBLIC_URL: "https://jinzai.example.jp/", MAIL_RETRY_BASE_MS: "60000", MAIL_MAX_ATTEMPTS: "3", ...extra });
}

function withEmail(p: { id: string }, email: string | null = `${p.id.slice(0, 8)}@city.kawasaki.example`) {
  getDb().update(schema.employees).set({ email }).where(eq(schema.employees.id, p.id)).run();
  return email;
}

/** Rows other tests left pending would be delivered too: each delivery test starts with an empty queue. */
function emptyQueue() {
  getDb().update(outbox).set({ status: "discarded" }).where(eq(outbox.status, "pending")).run();
}

function rowsFor(recipientId: string) {
  return getDb().select().from(outbox).where(eq(outbox.recipientId, recipientId)).all();
}

const sample = (key: string) =>
  ({
    kind: "training.confirmed",
    values: { courseId: 1, courseTitle: "新任主任研修", seq: 1, startsAt: "2026-12-10T00:30:00.000Z", endsAt: "2026-12-10T08:00:00.000Z" },
    key,
  }) as const;

let smtp: TestSmtp;
beforeAll(async () => {
  await seedTiers();
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());

describe("the outbox row is written with the change, once", () => {
  it("a second enqueue with the same key (a retried transaction, a double submit) writes nothing", async () => {
    const p = await makeEmployee();
    withEmail(p);
    const first = immediate((tx) => enqueueMail(tx, p.id, sample(`t:${p.id}`), NOW));
    const second = immediate((tx) => enqueueMail(tx, p.id, sample(`t:${p.id}`), NOW));
    expect([first, second]).toEqual([true, false]);
    expect(rowsFor(p.id)).toHaveLength(1);
    expect(rowsFor(p.id)[0]).toMatchObject({ status: "pending", attempts: 0, template: "training.confirmed" });
  });

  it("rolls back with the change: a transaction that throws leaves no mail", async () => {
    const p = await makeEmployee();
    withEmail(p);
    expect(() =>
      immediate((tx) => {
        enqueueMail(tx, p.id, sample(`rb:${p.id}`), NOW);
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(rowsFor(p.id)).toHaveLength(0);
  });

  it("a person without an e-mail in the org data gets the in-app notice only", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 1 });
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    withEmail(a);
    withEmail(b, null);
    const mine = await signUp({ actor: a, courseSessionId: session.id, now: NOW });
    await signUp({ actor: b, courseSessionId: session.id, now: NOW });
    if (!mine.ok) throw new Error("sign-up failed");
    await cancelOwn({ actor: a, enrollmentId: mine.enrollmentId, now: NOW });
    expect(rowsFor(b.id)).toHaveLength(0);
    expect(getDb().select().from(schema.notifications).where(eq(schema.notifications.recipientId, b.id)).all().map((n) => n.title)).toEqual([
      "研修のキャンセル待ちから繰り上がりました",
    ]);
  });

  it("a double cancellation promotes once and queues one mail for the promoted person", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 1 });
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    withEmail(a);
    withEmail(b);
    const mine = await signUp({ actor: a, courseSessionId: session.id, now: NOW });
    await signUp({ actor: b, courseSessionId: session.id, now: NOW });
    if (!mine.ok) throw new Error("sign-up failed");
    await cancelOwn({ actor: a, enrollmentId: mine.enrollmentId, now: NOW });
    await cancelOwn({ actor: a, enrollmentId: mine.enrollmentId, now: NOW });
    expect(rowsFor(b.id).map((r) => r.template)).toEqual(["training.waitlisted", "training.promoted"]);
  });
});

describe("retry with backoff, then 失敗", () => {
  it("waits 1, 2, 4 … times the base between attempts, up to six hours", async () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(30, 60_000)).toBe(6 * 3600_000);
  });

  it("a failing relay: the row is tried again after the backoff, and after the last attempt it is 失敗 with the error", async () => {
    emptyQueue();
    const p = await makeEmployee();
    withEmail(p);
    immediate((tx) => enqueueMail(tx, p.id, sample(`retry:${p.id}`), NOW));
    const failing: MailTransport = { describe: "test", close: () => {}, send: () => Promise.reject(new Error("451 一時的な障害")) };
    const settings = settingsFor(null);
    let clock = NOW.getTime();
    const deps = { db: getDb(), transport: failing, settings, now: () => new Date(clock) };

    expect(await deliverDue(deps)).toMatchObject({ retried: 1 });
    expect(rowsFor(p.id)[0]).toMatchObject({ status: "pending", attempts: 1, lastError: "451 一時的な障害", nextAttemptAt: new Date(clock + 60_000) });
    // Not due yet: nothing is tried.
    clock += 59_000;
    expect(await deliverDue(deps)).toMatchObject({ retried: 0, sent: 0 });
    clock += 1_000;
    expect(await deliverDue(deps)).toMatchObject({ retried: 1 });
    expect(rowsFor(p.id)[0]).toMatchObject({ attempts: 2, nextAttemptAt: new Date(clock + 120_000) });
    clock += 120_000;
    expect(await deliverDue(deps)).toMatchObject({ failed: 1 });
    const row = rowsFor(p.id)[0]!;
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(listFailed(getDb()).map((r) => r.id)).toContain(row.id);

    // 再送 puts it back, due now, and a working relay delivers it.
    expect(immediate((tx) => requeueFailed(tx, row.id, new Date(clock)))).toBe(true);
    const working = createMailTransport(settingsFor(smtp.url));
    const before = smtp.received.length;
    expect(await deliverDue({ ...deps, transport: working })).toMatchObject({ sent: 1 });
    expect(smtp.received.length - before).toBe(1);
    expect(rowsFor(p.id)[0]).toMatchObject({ status: "sent", attempts: 1 });
  });
});

describe("two senders never send one row twice", () => {
  it("the conditional claim gives each row to one sender", async () => {
    emptyQueue();
    const p = await makeEmployee();
    withEmail(p);
    immediate((tx) => {
      for (let i = 0; i < 5; i++) enqueueMail(tx, p.id, sample(`claim:${p.id}:${i}`), NOW);
    });
    const other = openDatabase(defaultDatabasePath());
    const a = claimDue(getDb(), newClaimToken(), NOW, 3);
    const b = claimDue(other, newClaimToken(), NOW, 10);
    const c = claimDue(other, newClaimToken(), NOW, 10);
    other.$client.close();
    const mine = (rows: { recipientId: string; id: number }[]) => rows.filter((r) => r.recipientId === p.id).map((r) => r.id);
    expect(mine(a)).toHaveLength(3);
    expect(mine(b)).toHaveLength(2);
    expect(mine(c)).toHaveLength(0);
    expect(new Set([...mine(a), ...mine(b)]).size).toBe(5);
  });

  it("two senders on two connections running at once deliver each of 30 mails exactly once", async () => {
    emptyQueue();
    const p = await makeEmployee();
    const to = withEmail(p)!;
    immediate((tx) => {
      for (let i = 0; i < 30; i++) enqueueMail(tx, p.id, sample(`race:${p.id}:${i}`), NOW);
    });
    const settings = settingsFor(smtp.url);
    const other = openDatabase(defaultDatabasePath());
    const run = (db: typeof other) => deliverDue({ db, transport: createMailTransport(settings), settings, now: () => NOW }, 4);
    const loop = async (db: typeof other) => {
      let sent = 0;
      for (;;) {
        const r = await run(db);
        if (r.sent === 0) return sent;
        sent += r.sent;
      }
    };
    const [x, y] = await Promise.all([loop(getDb()), loop(other)]);
    other.$client.close();
    expect(x + y).toBe(30);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    const ids = smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === to).map((m) => m.headers.get("x-portal-mail-id"));
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });
});

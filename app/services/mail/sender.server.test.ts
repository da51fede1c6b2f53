import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialect, execute, getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { claimDue, enqueueMail, listFailed, newClaimToken, requeueFailed } from "./outbox.server";
import { retryDelayMs } from "./outbox";
import { deliverDue } from "./sender.server";
import { mailSettings, type MailSettings } from "./settings.server";
import { makePerson as makeEmployee, setEmail as withEmail } from "./test-people";
import { startTestSmtp, type TestSmtp } from "./test-smtp";
import { createMailTransport, type MailTransport } from "./transport.server";
import { sql } from "drizzle-orm";

const NOW = jstDate(2026, 11, 25, 12, 0);
const { mailOutbox: outbox } = schema;

function settingsFor(smtpUrl: string | null, extra: Record<string, string> = {}): MailSettings {
  return mailSettings({
    SMTP_URL: smtpUrl ?? "",
    PUBLIC_URL: "https://jinzai.example.jp/",
    MAIL_RETRY_BASE_MS: "60000",
    MAIL_MAX_ATTEMPTS: "3",
    ...extra,
  });
}

/** Rows other tests left pending would be delivered too: each delivery test starts with an empty queue. */
async function emptyQueue() {
  await immediate(async (tx) => {
    await tx.update(outbox).set({ status: "discarded" }).where(eq(outbox.status, "pending"));
  });
}

async function rowsFor(recipientId: string) {
  return getDb().select().from(outbox).where(eq(outbox.recipientId, recipientId)).orderBy(outbox.id);
}

const sample = (key: string) =>
  ({
    kind: "training.confirmed",
    values: {
      courseId: 1,
      courseTitle: "新任主任研修",
      seq: 1,
      startsAt: "2026-12-10T00:30:00.000Z",
      endsAt: "2026-12-10T08:00:00.000Z",
    },
    key,
  } as const);

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());

describe("the outbox row is written with the change, once", () => {
  it("a second enqueue with the same key (a retried transaction, a double submit) writes nothing", async () => {
    const p = await makeEmployee();
    await withEmail(p);
    const first = await immediate((tx) => enqueueMail(tx, p.id, sample(`t:${p.id}`), NOW));
    const second = await immediate((tx) => enqueueMail(tx, p.id, sample(`t:${p.id}`), NOW));
    expect([first, second]).toEqual([true, false]);
    expect(await rowsFor(p.id)).toHaveLength(1);
    expect((await rowsFor(p.id))[0]).toMatchObject({
      status: "pending",
      attempts: 0,
      template: "training.confirmed",
    });
  });

  it("rolls back with the change: a transaction that throws leaves no mail", async () => {
    const p = await makeEmployee();
    await withEmail(p);
    await expect(
      immediate(async (tx) => {
        await enqueueMail(tx, p.id, sample(`rb:${p.id}`), NOW);
        throw new Error("refused");
      })
    ).rejects.toThrow("refused");
    expect(await rowsFor(p.id)).toHaveLength(0);
  });

  it("a person without an e-mail in the org data, or a disabled account, gets no mail row", async () => {
    const p = await makeEmployee();
    await withEmail(p, null);
    expect(await immediate((tx) => enqueueMail(tx, p.id, sample(`none:${p.id}`), NOW))).toBe(false);
    const q = await makeEmployee();
    await withEmail(q);
    await immediate(async (tx) => {
      await tx.update(schema.employees).set({ disabledAt: NOW }).where(eq(schema.employees.id, q.id));
    });
    expect(await immediate((tx) => enqueueMail(tx, q.id, sample(`off:${q.id}`), NOW))).toBe(false);
    expect([...(await rowsFor(p.id)), ...(await rowsFor(q.id))]).toHaveLength(0);
  });
});

describe("retry with backoff, then 失敗", () => {
  it("waits 1, 2, 4 … times the base between attempts, up to six hours", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(30, 60_000)).toBe(6 * 3600_000);
  });

  it("a failing relay: the row is tried again after the backoff, and after the last attempt it is 失敗 with the error", async () => {
    await emptyQueue();
    const p = await makeEmployee();
    await withEmail(p);
    await immediate((tx) => enqueueMail(tx, p.id, sample(`retry:${p.id}`), NOW));
    const failing: MailTransport = {
      describe: "test",
      close: () => {},
      send: () => Promise.reject(new Error("451 一時的な障害")),
    };
    const settings = settingsFor(null);
    let clock = NOW.getTime();
    const deps = { transport: failing, settings, now: () => new Date(clock) };

    expect(await deliverDue(deps)).toMatchObject({ retried: 1 });
    expect((await rowsFor(p.id))[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "451 一時的な障害",
      nextAttemptAt: new Date(clock + 60_000),
    });
    // Not due yet: nothing is tried.
    clock += 59_000;
    expect(await deliverDue(deps)).toMatchObject({ retried: 0, sent: 0 });
    clock += 1_000;
    expect(await deliverDue(deps)).toMatchObject({ retried: 1 });
    expect((await rowsFor(p.id))[0]).toMatchObject({
      attempts: 2,
      nextAttemptAt: new Date(clock + 120_000),
    });
    clock += 120_000;
    expect(await deliverDue(deps)).toMatchObject({ failed: 1 });
    const row = (await rowsFor(p.id))[0]!;
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect((await listFailed(getDb())).map((r) => r.id)).toContain(row.id);

    // 再送 puts it back, due now, and a working relay delivers it.
    expect(await immediate((tx) => requeueFailed(tx, row.id, new Date(clock)))).toBe(true);
    const working = createMailTransport(settingsFor(smtp.url));
    const before = smtp.received.length;
    expect(await deliverDue({ ...deps, transport: working })).toMatchObject({
      sent: 1,
    });
    expect(smtp.received.length - before).toBe(1);
    expect((await rowsFor(p.id))[0]).toMatchObject({
      status: "sent",
      attempts: 1,
    });
  });
});

describe("two senders never send one row twice", () => {
  it("the conditional claim gives each row to one sender", async () => {
    await emptyQueue();
    const p = await makeEmployee();
    await withEmail(p);
    await immediate(async (tx) => {
      for (let i = 0; i < 5; i++) await enqueueMail(tx, p.id, sample(`claim:${p.id}:${i}`), NOW);
    });
    const a = await immediate((tx) => claimDue(tx, newClaimToken(), NOW, 3));
    const b = await immediate((tx) => claimDue(tx, newClaimToken(), NOW, 10));
    const c = await immediate((tx) => claimDue(tx, newClaimToken(), NOW, 10));
    const mine = (rows: { recipientId: string; id: number }[]) => rows.filter((r) => r.recipientId === p.id).map((r) => r.id);
    expect(mine(a)).toHaveLength(3);
    expect(mine(b)).toHaveLength(2);
    expect(mine(c)).toHaveLength(0);
    expect(new Set([...mine(a), ...mine(b)]).size).toBe(5);
  });

  it("two senders running at once (on PostgreSQL, two pooled connections) deliver each of 30 mails exactly once", async () => {
    await emptyQueue();
    const p = await makeEmployee();
    const to = (await withEmail(p))!;
    await immediate(async (tx) => {
      for (let i = 0; i < 30; i++) await enqueueMail(tx, p.id, sample(`race:${p.id}:${i}`), NOW);
    });
    const settings = settingsFor(smtp.url);
    const run = () => deliverDue({ transport: createMailTransport(settings), settings, now: () => NOW }, 4);
    const loop = async () => {
      let sent = 0;
      for (;;) {
        const r = await run();
        if (r.sent === 0) return sent;
        sent += r.sent;
      }
    };
    const [x, y] = await Promise.all([loop(), loop()]);
    expect(x + y).toBe(30);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    const ids = smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === to).map((m) => m.headers.get("x-portal-mail-id"));
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it.runIf(dialect() === "pg")(
    "a sender claiming while another sender's claim is still open skips those rows (SKIP LOCKED) instead of waiting for them",
    async () => {
      await emptyQueue();
      const p = await makeEmployee();
      await withEmail(p);
      await immediate(async (tx) => {
        for (let i = 0; i < 10; i++) await enqueueMail(tx, p.id, sample(`skip:${p.id}:${i}`), NOW);
      });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let claimedFirst!: () => void;
      const firstClaimed = new Promise<void>((resolve) => (claimedFirst = resolve));
      // Sender A claims 5 and keeps its transaction open (its row locks held) …
      const a = immediate(async (tx) => {
        const rows = await claimDue(tx, newClaimToken(), NOW, 5);
        claimedFirst();
        await gate;
        return rows;
      });
      await firstClaimed;
      // … while sender B claims. Without SKIP LOCKED, B's select sees A's uncommitted rows
      // as free and its UPDATE waits on A's row locks: the lock timeout turns that wait
      // into an error instead of a hung test.
      const b = await immediate(async (tx) => {
        await execute(tx, sql`SET LOCAL lock_timeout = '2s'`);
        return claimDue(tx, newClaimToken(), NOW, 5);
      }).finally(release);
      const ids = [...(await a), ...b].map((r) => r.id);
      expect((await a).length).toBe(5);
      expect(b.length).toBe(5);
      expect(new Set(ids).size).toBe(10);
    },
    30_000
  );
});

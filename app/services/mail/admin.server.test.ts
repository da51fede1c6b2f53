import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, immediate, schema } from "~/db.server";
import { makeEmployee } from "~/services/training/test-helpers";
import { getMailOverview, resendMail } from "./admin.server";
import { enqueueMail } from "./outbox.server";

const { mailOutbox: outbox } = schema;

function failedMail(kind: "training.confirmed" | "consultation.booked", person: { id: string }) {
  getDb().update(schema.employees).set({ email: `a${person.id.slice(0, 6)}@city.kawasaki.example` }).where(eq(schema.employees.id, person.id)).run();
  const values =
    kind === "training.confirmed"
      ? { courseId: 1, courseTitle: "新任主任研修", seq: 1, startsAt: "2026-12-10T00:30:00.000Z", endsAt: "2026-12-10T08:00:00.000Z" }
      : { bookingId: "b1", startsAt: "2026-12-02T05:00:00.000Z", endsAt: "2026-12-02T05:50:00.000Z", meetingUrl: null };
  immediate((tx) => enqueueMail(tx, person.id, { kind, values, key: `admin-test:${kind}:${person.id}` } as never));
  getDb().update(outbox).set({ status: "failed", attempts: 8, lastError: "connect ECONNREFUSED 127.0.0.1:25" }).where(eq(outbox.recipientId, person.id)).run();
  return getDb().select().from(outbox).where(eq(outbox.recipientId, person.id)).get()!;
}

describe("the admin's failed-mail page", () => {
  it("lists failed mail with its error; a consultation mail without recipient or subject", async () => {
    const admin = await makeEmployee({ roles: ["admin"] });
    const t = failedMail("training.confirmed", await makeEmployee({ name: "研修 太郎" }));
    const c = failedMail("consultation.booked", await makeEmployee({ name: "秘密 守子" }));
    const view = getMailOverview(admin.viewer)!;
    expect(view.counts.find((x) => x.status === "failed")!.count).toBeGreaterThanOrEqual(2);
    const byId = new Map(view.failed.map((f) => [f.id, f]));
    expect(byId.get(t.id)).toMatchObject({ subject: "【研修】受講が決定しました: 新任主任研修", error: "connect ECONNREFUSED 127.0.0.1:25", attempts: 8 });
    expect(byId.get(t.id)!.recipient).toContain("研修 太郎");
    expect(byId.get(c.id)).toMatchObject({ recipient: null, subject: null });
    expect(JSON.stringify(view)).not.toContain("秘密 守子");
  });

  it("only an admin sees it or resends; 再送 queues the mail again, once, with an audit line", async () => {
    const admin = await makeEmployee({ roles: ["admin"] });
    const someone = await makeEmployee({ roles: ["hr_dev"] });
    const row = failedMail("training.confirmed", await makeEmployee());
    expect(getMailOverview(someone.viewer)).toBeNull();
    expect(resendMail(someone, row.id)).toMatchObject({ ok: false, refusal: { reason: "forbidden" } });
    expect(resendMail(admin, row.id)).toEqual({ ok: true });
    expect(getDb().select().from(outbox).where(eq(outbox.id, row.id)).get()).toMatchObject({ status: "pending", attempts: 0 });
    expect(resendMail(admin, row.id)).toMatchObject({ ok: false, refusal: { reason: "conflict" } });
    const lines = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.target, `mail_outbox:${row.id}`)).all();
    expect(lines.map((l) => [l.action, l.actorId, l.outcome])).toEqual([["mail.resend", admin.id, "success"]]);
  });
});

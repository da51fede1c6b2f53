import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { bookSlot, cancelBooking } from "~/services/consultation/employee-bookings.server";
import { actor, makeConsultant, makePerson, makeSlot, setRules, NOW as CONSULTATION_NOW } from "~/services/consultation/test-helpers";
import { cancelOwn, signUp } from "~/services/training/enrollment-mutations.server";
import { makeCourse, makeEmployee, makeSession, seedTiers } from "~/services/training/test-helpers";
import { deliverDue } from "./sender.server";
import { mailSettings } from "./settings.server";
import { startTestSmtp, type TestSmtp } from "./test-smtp";
import { createMailTransport } from "./transport.server";

// The whole way: a change in a service, the outbox row in its transaction, the sender over
// real SMTP to smtp-server on loopback, the message parsed back with mailparser.

const NOW = jstDate(2026, 11, 25, 12, 0);
const PUBLIC_URL = "https://jinzai.example.jp";
const { mailOutbox: outbox } = schema;

function withEmail(id: string): string {
  const email = `m${id.slice(0, 8)}@city.kawasaki.example`;
  getDb().update(schema.employees).set({ email }).where(eq(schema.employees.id, id)).run();
  return email;
}

function to(m: ParsedMail): string {
  return Array.isArray(m.to) ? m.to.map((a) => a.text).join(",") : (m.to?.text ?? "");
}

let smtp: TestSmtp;
beforeAll(async () => {
  await seedTiers();
  setRules();
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());

function sender(url: string, clock: () => Date = () => NOW) {
  const settings = mailSettings({ SMTP_URL: url, PUBLIC_URL, MAIL_RETRY_BASE_MS: "60000", SMTP_CONNECTION_TIMEOUT_MS: "2000" });
  return { db: getDb(), transport: createMailTransport(settings), settings, now: clock };
}

describe("a real SMTP round trip", () => {
  it("a cancellation promotes the waitlisted person; their mail arrives with the Japanese subject decoded and the absolute link", async () => {
    const course = await makeCourse({ title: "新任主任研修（令和8年度）" });
    const session = await makeSession(course.id, { capacity: 1, startsAt: jstDate(2026, 12, 10, 9, 30), seq: 2 });
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    withEmail(a.id);
    const bAddress = withEmail(b.id);
    const seat = await signUp({ actor: a, courseSessionId: session.id, now: NOW });
    await signUp({ actor: b, courseSessionId: session.id, now: NOW });
    if (!seat.ok) throw new Error("sign-up failed");
    await cancelOwn({ actor: a, enrollmentId: seat.enrollmentId, now: NOW });

    const before = smtp.received.length;
    const report = await deliverDue(sender(smtp.url));
    expect(report.failed + report.retried).toBe(0);
    const mine = smtp.received.slice(before).filter((m) => to(m) === bAddress);
    expect(mine.map((m) => m.subject)).toEqual([
      "【研修】キャンセル待ちで受け付けました: 新任主任研修（令和8年度）",
      "【研修】キャンセル待ちから繰り上がりました: 新任主任研修（令和8年度）",
    ]);
    const promoted = mine[1]!;
    expect(promoted.text).toContain("令和8年12月10日（2026年12月10日） 9:30〜17:00");
    expect(promoted.text).toContain(`${PUBLIC_URL}/training/courses/${course.id}`);
    expect(promoted.from?.text).toContain("no-reply@jinzai.city.kawasaki.example");
  });

  it("a consultation mail reaches the booker only, with the meeting link and nothing confidential", async () => {
    const consultant = makeConsultant("https://meet.example.jp/room/okamoto");
    getDb().update(schema.employees).set({ name: "岡本 奈美" }).where(eq(schema.employees.id, consultant.viewer.id)).run();
    const slotId = makeSlot(consultant.consultantId, jstDate(2026, 12, 2, 14, 0));
    const booker = makePerson({ name: "秘密 守子" });
    const address = withEmail(booker.id);
    const supervisorOf = makePerson();
    withEmail(supervisorOf.id);
    getDb().update(schema.employees).set({ supervisorId: supervisorOf.id }).where(eq(schema.employees.id, booker.id)).run();
    const booked = bookSlot(actor(booker), { slotId, topic: "career", note: "上司との関係に悩んでいます", anonymous: false }, CONSULTATION_NOW);
    if (!booked.ok) throw new Error(`booking failed: ${booked.refusal.message}`);
    cancelBooking(actor(booker), booked.bookingId, CONSULTATION_NOW);
    const code = getDb().select().from(schema.bookings).where(eq(schema.bookings.id, booked.bookingId)).get()!.bookingCode;

    const before = smtp.received.length;
    await deliverDue(sender(smtp.url));
    const arrived = smtp.received.slice(before).filter((m) => (m.subject ?? "").startsWith("【オンライン面談】"));
    expect(arrived.map((m) => [to(m), m.subject])).toEqual([
      [address, "【オンライン面談】予約を受け付けました"],
      [address, "【オンライン面談】予約を取り消しました"],
    ]);
    const [bookedMail, cancelledMail] = arrived as [ParsedMail, ParsedMail];
    expect(bookedMail.text).toContain("参加URL: https://meet.example.jp/room/okamoto");
    expect(bookedMail.text).toContain("令和8年12月2日（2026年12月2日） 14:00〜14:50");
    expect(bookedMail.text).toContain(`${PUBLIC_URL}/consultation/bookings/${booked.bookingId}`);
    expect(cancelledMail.text).not.toContain("meet.example.jp");
    for (const m of arrived) {
      const all = `${m.subject}\n${m.text}\n${m.html || ""}\n${[...m.headers.values()].map(String).join("\n")}`;
      for (const secret of ["上司との関係に悩んでいます", "キャリア", "career", "岡本", code, "相談"]) expect(all).not.toContain(secret);
    }
    // Nobody else got a mail of it: not the supervisor, not the consultant.
    const outboxOfOthers = getDb().select().from(outbox).all().filter((r) => r.template.startsWith("consultation.") && r.recipientId !== booker.id);
    expect(outboxOfOthers).toEqual([]);
  });
});

describe("the relay is down", () => {
  it("the change still commits, the row waits and retries, and once the relay is back exactly one message arrives", async () => {
    const down = await startTestSmtp();
    const port = down.port;
    await down.close();

    const course = await makeCourse({ title: "障害時の研修" });
    const session = await makeSession(course.id, { capacity: 1 });
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    withEmail(a.id);
    const bAddress = withEmail(b.id);
    const seat = await signUp({ actor: a, courseSessionId: session.id, now: NOW });
    const wait = await signUp({ actor: b, courseSessionId: session.id, now: NOW });
    if (!seat.ok || !wait.ok) throw new Error("sign-up failed");
    const result = await cancelOwn({ actor: a, enrollmentId: seat.enrollmentId, now: NOW });
    expect(result).toMatchObject({ ok: true, promoted: [wait.enrollmentId] });
    const enrollment = () => getDb().select().from(schema.trainingEnrollments).where(eq(schema.trainingEnrollments.id, wait.enrollmentId)).get()!;
    expect(enrollment().status).toBe("confirmed");

    const rows = () => getDb().select().from(outbox).where(eq(outbox.recipientId, b.id)).all();
    let clock = NOW.getTime();
    const deps = sender(`smtp://127.0.0.1:${port}`, () => new Date(clock));
    const first = await deliverDue(deps);
    expect(first.sent).toBe(0);
    expect(rows().every((r) => r.status === "pending" && r.attempts === 1 && r.lastError)).toBe(true);
    expect(enrollment().status).toBe("confirmed");

    // The relay answers again, on the same port, but refuses every recipient for a while.
    const back = await startTestSmtp(port);
    back.refuse = true;
    clock += 60_000;
    expect(await deliverDue(deps)).toMatchObject({ sent: 0 });
    expect(rows().every((r) => r.status === "pending" && r.attempts === 2 && /451/.test(r.lastError ?? ""))).toBe(true);
    expect(back.received).toHaveLength(0);

    back.refuse = false;
    clock += 120_000;
    expect(await deliverDue(deps)).toMatchObject({ sent: 3, retried: 0 }); // a's confirmation, b's waitlist place and promotion
    clock += 24 * 3600_000;
    expect(await deliverDue(deps)).toMatchObject({ sent: 0 });
    const promotedMails = back.received.filter((m) => to(m) === bAddress && m.subject?.includes("繰り上がりました"));
    expect(promotedMails).toHaveLength(1);
    expect(back.received.filter((m) => to(m) === bAddress)).toHaveLength(2);
    await back.close();
  });
});

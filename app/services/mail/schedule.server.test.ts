import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { bookSlot } from "~/services/consultation/employee-bookings.server";
import { actor, makeConsultant, makePerson, makeSlot, setRules } from "~/services/consultation/test-helpers";
import { signUp } from "~/services/training/enrollment-mutations.server";
import { makeCourse, makeEmployee, makeSession, seedTiers } from "~/services/training/test-helpers";
import { savePreferences } from "./outbox.server";
import { writeScheduledMail } from "./schedule.server";

// Reminders the day before, and the supervisors' digest while a decision waits too long.

const settings = { digestAfterDays: 3, scheduleFromHour: 8 };
const { mailOutbox: outbox } = schema;

function withEmail(id: string) {
  getDb().update(schema.employees).set({ email: `r${id.slice(0, 8)}@city.kawasaki.example` }).where(eq(schema.employees.id, id)).run();
}
const templatesOf = (id: string) =>
  getDb()
    .select()
    .from(outbox)
    .where(eq(outbox.recipientId, id))
    .all()
    .map((r) => r.template);

beforeAll(async () => {
  await seedTiers();
  setRules();
});

describe("reminders, the day before", () => {
  it("a confirmed training seat and a booked consultation starting tomorrow get one reminder each, however often the timer looks", async () => {
    const signedUpAt = jstDate(2026, 11, 20, 12, 0);
    const course = await makeCourse();
    const tomorrow = await makeSession(course.id, { capacity: 5, startsAt: jstDate(2026, 12, 10, 9, 30), cancelDeadline: jstDate(2026, 12, 3, 17, 0) });
    const p = await makeEmployee();
    withEmail(p.id);
    expect((await signUp({ actor: p, courseSessionId: tomorrow.id, now: signedUpAt })).ok).toBe(true);

    const consultant = makeConsultant();
    const slotId = makeSlot(consultant.consultantId, jstDate(2026, 12, 10, 14, 0));
    const booker = makePerson();
    withEmail(booker.id);
    expect(bookSlot(actor(booker), { slotId, topic: "career", note: "", anonymous: false }, jstDate(2026, 11, 25, 12, 0)).ok).toBe(true);

    // The day before at 7:59: too early. From 8:00 once, and a second look writes nothing.
    expect(writeScheduledMail(getDb(), jstDate(2026, 12, 9, 7, 59), settings).reminders).toBe(0);
    expect(writeScheduledMail(getDb(), jstDate(2026, 12, 9, 8, 0), settings).reminders).toBe(2);
    expect(writeScheduledMail(getDb(), jstDate(2026, 12, 9, 15, 0), settings).reminders).toBe(0);
    expect(templatesOf(p.id)).toEqual(["training.confirmed", "training.reminder"]);
    expect(templatesOf(booker.id)).toEqual(["consultation.booked", "consultation.reminder"]);
    // Two days before: nothing for these.
    expect(writeScheduledMail(getDb(), jstDate(2026, 12, 8, 9, 0), settings).reminders).toBe(0);
  });

  it("a person who switched reminders off on マイページ gets none, and still gets decisions", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 5, startsAt: jstDate(2026, 12, 15, 9, 30) });
    const p = await makeEmployee();
    withEmail(p.id);
    immediate((tx) => savePreferences(tx, p.id, { reminders: false, digests: true }, new Date()));
    await signUp({ actor: p, courseSessionId: session.id, now: jstDate(2026, 11, 20, 12, 0) });
    writeScheduledMail(getDb(), jstDate(2026, 12, 14, 9, 0), settings);
    expect(templatesOf(p.id)).toEqual(["training.confirmed"]);
  });
});

describe("the supervisors' daily digest", () => {
  it("lists what has waited at least the set number of days, once a day, and not for a supervisor who switched it off", async () => {
    const boss = await makeEmployee();
    const quietBoss = await makeEmployee();
    withEmail(boss.id);
    withEmail(quietBoss.id);
    immediate((tx) => savePreferences(tx, quietBoss.id, { reminders: true, digests: false }, new Date()));
    const course = await makeCourse({ needsApproval: true });
    const session = await makeSession(course.id, { capacity: 5, startsAt: jstDate(2026, 12, 20, 9, 30) });
    for (const s of [boss, quietBoss]) {
      const p = await makeEmployee({ supervisorId: s.id });
      expect(await signUp({ actor: p, courseSessionId: session.id, now: jstDate(2026, 11, 20, 12, 0) })).toMatchObject({ ok: true, status: "pending" });
    }
    // 2 days and 23 hours: not yet.
    writeScheduledMail(getDb(), jstDate(2026, 11, 23, 11, 0), settings);
    expect(templatesOf(boss.id)).toEqual(["training.approval_requested"]);
    writeScheduledMail(getDb(), jstDate(2026, 11, 23, 12, 0), settings);
    writeScheduledMail(getDb(), jstDate(2026, 11, 23, 18, 0), settings);
    expect(templatesOf(boss.id)).toEqual(["training.approval_requested", "portal.approval_digest"]);
    const digest = getDb().select().from(outbox).where(eq(outbox.dedupeKey, `digest:${boss.id}:2026-11-23`)).get();
    expect(digest?.values).toEqual({ on: "2026-11-23", days: 3, lines: ["研修の申込 1件"] });
    // The next day, still waiting: another.
    writeScheduledMail(getDb(), jstDate(2026, 11, 24, 9, 0), settings);
    expect(templatesOf(boss.id).filter((t) => t === "portal.approval_digest")).toHaveLength(2);
    expect(templatesOf(quietBoss.id)).toEqual(["training.approval_requested"]);
  });
});

// Mail written by the training service's changes (moved here from sender.server.test.ts):
// these tests drive the training service and pass once it is on the async data layer.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { cancelOwn, signUp } from "~/services/training/enrollment-mutations.server";
import { makeCourse, makeEmployee, makeSession, seedTiers } from "~/services/training/test-helpers";

const NOW = jstDate(2026, 11, 25, 12, 0);
const { mailOutbox: outbox } = schema;

async function withEmail(p: { id: string }, email: string | null = `${p.id.slice(0, 8)}@city.kawasaki.example`) {
  await immediate(async (tx) => {
    await tx.update(schema.employees).set({ email }).where(eq(schema.employees.id, p.id));
  });
}

const rowsFor = (recipientId: string) => getDb().select().from(outbox).where(eq(outbox.recipientId, recipientId)).orderBy(outbox.id);

beforeAll(async () => {
  await seedTiers();
});

describe("mail of training changes", () => {
  it("a person without an e-mail in the org data gets the in-app notice only", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 1 });
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    await withEmail(a);
    await withEmail(b, null);
    const mine = await signUp({
      actor: a,
      courseSessionId: session.id,
      now: NOW,
    });
    await signUp({ actor: b, courseSessionId: session.id, now: NOW });
    if (!mine.ok) throw new Error("sign-up failed");
    await cancelOwn({ actor: a, enrollmentId: mine.enrollmentId, now: NOW });
    expect(await rowsFor(b.id)).toHaveLength(0);
    const notes = await getDb().select().from(schema.notifications).where(eq(schema.notifications.recipientId, b.id));
    expect(notes.map((n) => n.title)).toEqual(["研修のキャンセル待ちから繰り上がりました"]);
  });

  it("a double cancellation promotes once and queues one mail for the promoted person", async () => {
    const course = await makeCourse();
    const session = await makeSession(course.id, { capacity: 1 });
    const [a, b] = [await makeEmployee(), await makeEmployee()];
    await withEmail(a);
    await withEmail(b);
    const mine = await signUp({
      actor: a,
      courseSessionId: session.id,
      now: NOW,
    });
    await signUp({ actor: b, courseSessionId: session.id, now: NOW });
    if (!mine.ok) throw new Error("sign-up failed");
    await cancelOwn({ actor: a, enrollmentId: mine.enrollmentId, now: NOW });
    await cancelOwn({ actor: a, enrollmentId: mine.enrollmentId, now: NOW });
    expect((await rowsFor(b.id)).map((r) => r.template)).toEqual(["training.waitlisted", "training.promoted"]);
  });
});

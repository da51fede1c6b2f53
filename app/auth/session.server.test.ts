import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { ABSOLUTE_LIFETIME_MS } from "./lucia.server";
import { checkSession, startSession } from "./session.server";

// The session check every request makes: one prepared lookup (lucia.server.ts) under
// lucia's sliding window and the portal's absolute lifetime.

const HOUR = 3_600_000;

async function person(): Promise<string> {
  const id = randomUUID();
  await immediate((tx) => tx.insert(schema.employees).values({ id, staffNumber: `s-${id.slice(0, 8)}`, name: "試験 太郎", kana: "シケン", rank: "主任" }));
  return id;
}

/** Sets columns of a stored session (the test's stand-in for time passing). */
const age = (id: string, set: Partial<typeof schema.authSessions.$inferInsert>) =>
  immediate((tx) => tx.update(schema.authSessions).set(set).where(eq(schema.authSessions.id, id)));

const idOf = (setCookie: string) => /kjp_session=([^;]*)/.exec(setCookie)![1]!;
const stored = (id: string) => first(getDb().select().from(schema.authSessions).where(eq(schema.authSessions.id, id)));

describe("checkSession", () => {
  it("knows the person of a fresh session and sends no cookie back", async () => {
    const userId = await person();
    const cookie = `kjp_session=${idOf(await startSession(userId))}`;
    const check = await checkSession(cookie);
    expect(check).toMatchObject({ userId, via: "password", setCookie: null });
  });

  it("answers an unknown session id with a blank cookie", async () => {
    const check = await checkSession("kjp_session=nosuchsession");
    expect(check.userId).toBeNull();
    expect(check.setCookie).toMatch(/kjp_session=;/);
  });

  it("extends the idle window only once half of it has passed, and writes that to the database", async () => {
    const userId = await person();
    const id = idOf(await startSession(userId));
    const before = (await stored(id))!.expiresAt;
    expect((await checkSession(`kjp_session=${id}`)).setCookie).toBeNull();
    expect((await stored(id))!.expiresAt).toBe(before);
    // 1 h 10 min of the 2 h window gone: lucia extends it and the cookie is sent again.
    await age(id, { expiresAt: Math.floor((Date.now() + 50 * 60_000) / 1000) });
    const check = await checkSession(`kjp_session=${id}`);
    expect(check.userId).toBe(userId);
    expect(check.setCookie).toMatch(new RegExp(`kjp_session=${id}`));
    expect((await stored(id))!.expiresAt).toBeGreaterThan(Math.floor((Date.now() + 1.9 * HOUR) / 1000));
  });

  it("refuses and removes a session whose idle window has ended", async () => {
    const userId = await person();
    const id = idOf(await startSession(userId));
    await age(id, { expiresAt: Math.floor((Date.now() - 1000) / 1000) });
    const check = await checkSession(`kjp_session=${id}`);
    expect(check.userId).toBeNull();
    expect(await stored(id)).toBeUndefined();
  });

  it("refuses a session past the absolute lifetime even while it is in use", async () => {
    const userId = await person();
    const id = idOf(await startSession(userId));
    await age(id, { createdAt: Date.now() - ABSOLUTE_LIFETIME_MS - 1000 });
    const check = await checkSession(`kjp_session=${id}`);
    expect(check.userId).toBeNull();
    expect(await stored(id)).toBeUndefined();
  });
});

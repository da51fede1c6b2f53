import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { ABSOLUTE_LIFETIME_MS } from "./lucia.server";
import { checkSession, startSession } from "./session.server";

// The session check every request makes: one prepared lookup (lucia.server.ts) under
// lucia's sliding window and the portal's absolute lifetime.

const HOUR = 3_600_000;

function person(): string {
  const id = randomUUID();
  getDb()
    .insert(schema.employees)
    .values({ id, staffNumber: `s-${id.slice(0, 8)}`, name: "試験 太郎", kana: "シケン", rank: "主任" })
    .run();
  return id;
}

const idOf = (setCookie: string) => /kjp_session=([^;]*)/.exec(setCookie)![1]!;
const stored = (id: string) => getDb().select().from(schema.authSessions).where(eq(schema.authSessions.id, id)).get();

describe("checkSession", () => {
  it("knows the person of a fresh session and sends no cookie back", async () => {
    const userId = person();
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
    const userId = person();
    const id = idOf(await startSession(userId));
    const before = stored(id)!.expiresAt;
    expect((await checkSession(`kjp_session=${id}`)).setCookie).toBeNull();
    expect(stored(id)!.expiresAt).toBe(before);
    // 1 h 10 min of the 2 h window gone: lucia extends it and the cookie is sent again.
    getDb().update(schema.authSessions).set({ expiresAt: Math.floor((Date.now() + 50 * 60_000) / 1000) }).where(eq(schema.authSessions.id, id)).run();
    const check = await checkSession(`kjp_session=${id}`);
    expect(check.userId).toBe(userId);
    expect(check.setCookie).toMatch(new RegExp(`kjp_session=${id}`));
    expect(stored(id)!.expiresAt).toBeGreaterThan(Math.floor((Date.now() + 1.9 * HOUR) / 1000));
  });

  it("refuses and removes a session whose idle window has ended", async () => {
    const userId = person();
    const id = idOf(await startSession(userId));
    getDb().update(schema.authSessions).set({ expiresAt: Math.floor((Date.now() - 1000) / 1000) }).where(eq(schema.authSessions.id, id)).run();
    const check = await checkSession(`kjp_session=${id}`);
    expect(check.userId).toBeNull();
    expect(stored(id)).toBeUndefined();
  });

  it("refuses a session past the absolute lifetime even while it is in use", async () => {
    const userId = person();
    const id = idOf(await startSession(userId));
    getDb().update(schema.authSessions).set({ createdAt: Date.now() - ABSOLUTE_LIFETIME_MS - 1000 }).where(eq(schema.authSessions.id, id)).run();
    const check = await checkSession(`kjp_session=${id}`);
    expect(check.userId).toBeNull();
    expect(stored(id)).toBeUndefined();
  });
});

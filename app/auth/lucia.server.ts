// The only module that imports lucia. Everything else goes through app/auth/*.
import { eq, lte, sql } from "drizzle-orm";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { getDb, immediate, schema } from "~/db.server";
import { preparedOnce } from "~/lib/prepared.server";

/** Sliding (idle) lifetime; lucia extends it when half has passed. */
export const IDLE_LIFETIME = new TimeSpan(2, "h");
/** Absolute lifetime from login, which lucia does not have on its own. */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

const { authSessions } = schema;

/**
 * lucia's storage, over the portal's data layer on either engine (decision 014). The
 * drizzle adapters of @lucia-auth/adapter-drizzle write on the handle they are given,
 * outside any transaction: on SQLite that is the read-only connection (or, on the writer, a
 * statement landing inside another request's open transaction), and their PostgreSQL variant
 * wants `expires_at` as a timestamp where the table keeps lucia's SQLite format (unix
 * seconds) — so here every write is its own `immediate()` and the columns stay as they are.
 */
const sessionById = preparedOnce("session_by_id", (db) => db.select().from(authSessions).where(eq(authSessions.id, sql.placeholder("id"))));

class PortalSessionAdapter implements Adapter {
  /**
   * The lookup every request makes: one prepared statement of the session alone (the
   * stock adapter builds two queries, one joining the whole employee row for user
   * attributes this portal does not use). The foreign key keeps the user behind a session
   * in existence; loadViewer reads the person fresh right after.
   */
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await sessionById(getDb()).first({ id: sessionId });
    if (!row) return [null, null];
    return [toDatabaseSession(row), { id: row.userId, attributes: {} }];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await getDb().select().from(authSessions).where(eq(authSessions.userId, userId));
    return rows.map(toDatabaseSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await immediate(async (tx) => {
      await tx.insert(authSessions).values({
        id: session.id,
        userId: session.userId,
        expiresAt: toUnixSeconds(session.expiresAt),
        createdAt: session.attributes.createdAt,
        via: session.attributes.via,
      });
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await immediate(async (tx) => {
      await tx.update(authSessions).set({ expiresAt: toUnixSeconds(expiresAt) }).where(eq(authSessions.id, sessionId));
    });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await immediate(async (tx) => {
      await tx.delete(authSessions).where(eq(authSessions.id, sessionId));
    });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await immediate(async (tx) => {
      await tx.delete(authSessions).where(eq(authSessions.userId, userId));
    });
  }

  async deleteExpiredSessions(): Promise<void> {
    await immediate(async (tx) => {
      await tx.delete(authSessions).where(lte(authSessions.expiresAt, toUnixSeconds(new Date())));
    });
  }
}

function toUnixSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

function toDatabaseSession(row: typeof authSessions.$inferSelect): DatabaseSession {
  return { id: row.id, userId: row.userId, expiresAt: new Date(row.expiresAt * 1000), attributes: { createdAt: row.createdAt, via: row.via } };
}

function createLucia() {
  const adapter = new PortalSessionAdapter();
  return new Lucia(adapter, {
    sessionExpiresIn: IDLE_LIFETIME,
    sessionCookie: {
      name: "kjp_session",
      expires: true, // Max-Age follows the idle lifetime; the server enforces both lifetimes
      attributes: {
        secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1",
        sameSite: "lax",
        path: "/",
      },
    },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt, via: attributes.via }),
    getUserAttributes: () => ({}),
  });
}

let instance: ReturnType<typeof createLucia> | undefined;
export function lucia() {
  instance ??= createLucia();
  return instance;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: { createdAt: number; via: "password" | "oidc" };
    // Attributes are read fresh from the org tables by loadViewer, not through lucia.
    DatabaseUserAttributes: Record<string, never>;
  }
}

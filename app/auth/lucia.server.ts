// The only module that imports lucia. Everything else goes through app/auth/*.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { eq, sql } from "drizzle-orm";
import { Lucia, TimeSpan, type DatabaseSession, type DatabaseUser } from "lucia";
import { getDb, schema, type Db } from "~/db.server";
import { preparedOnce } from "~/lib/prepared.server";

/** Sliding (idle) lifetime; lucia extends it when half has passed. */
export const IDLE_LIFETIME = new TimeSpan(2, "h");
/** Absolute lifetime from login, which lucia does not have on its own. */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

const sessionById = preparedOnce((db) =>
  db
    .select({ id: schema.authSessions.id, userId: schema.authSessions.userId, expiresAt: schema.authSessions.expiresAt, createdAt: schema.authSessions.createdAt, via: schema.authSessions.via })
    .from(schema.authSessions)
    .where(eq(schema.authSessions.id, sql.placeholder("id")))
    .prepare(),
);

/**
 * The drizzle adapter, but the lookup every request makes is one prepared statement: the
 * stock adapter builds two queries per request (the session, and the session joined to the
 * whole employee row for user attributes this portal does not use). The foreign key keeps
 * the user behind a session in existence; loadViewer reads the person fresh right after.
 */
class SessionAdapter extends DrizzleSQLiteAdapter {
  constructor(private readonly conn: Db) {
    super(conn, schema.authSessions, schema.employees);
  }
  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = sessionById(this.conn).get({ id: sessionId });
    if (!row) return [null, null];
    const session: DatabaseSession = {
      id: row.id,
      userId: row.userId,
      expiresAt: new Date(row.expiresAt * 1000),
      attributes: { createdAt: row.createdAt, via: row.via },
    };
    return [session, { id: row.userId, attributes: {} }];
  }
}

function createLucia() {
  const adapter = new SessionAdapter(getDb());
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

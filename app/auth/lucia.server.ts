// The only module that imports lucia. Everything else goes through app/auth/*.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { getDb, schema } from "~/db.server";

/** Sliding (idle) lifetime; lucia extends it when half has passed. */
export const IDLE_LIFETIME = new TimeSpan(2, "h");
/** Absolute lifetime from login, which lucia does not have on its own. */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

function createLucia() {
  const adapter = new DrizzleSQLiteAdapter(getDb(), schema.authSessions, schema.employees);
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

import { lucia, ABSOLUTE_LIFETIME_MS } from "./lucia.server";

export type SignInMethod = "password" | "oidc";

export type SessionCheck =
  | { userId: string; sessionId: string; via: SignInMethod; setCookie: string | null }
  | { userId: null; sessionId: null; via: null; setCookie: string | null };

/**
 * Validates the session cookie of a request. Returns the user id and, when the session
 * was extended or has ended, a Set-Cookie header to send back.
 */
export async function checkSession(cookieHeader: string | null | undefined, now = Date.now()): Promise<SessionCheck> {
  const l = lucia();
  const sessionId = l.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { userId: null, sessionId: null, via: null, setCookie: null };
  const { session, user } = await l.validateSession(sessionId);
  if (!session || !user) {
    return { userId: null, sessionId: null, via: null, setCookie: l.createBlankSessionCookie().serialize() };
  }
  if (now - session.createdAt > ABSOLUTE_LIFETIME_MS) {
    await l.invalidateSession(session.id);
    return { userId: null, sessionId: null, via: null, setCookie: l.createBlankSessionCookie().serialize() };
  }
  const setCookie = session.fresh ? l.createSessionCookie(session.id).serialize() : null;
  return { userId: user.id, sessionId: session.id, via: session.via, setCookie };
}

/** A brand-new session id at every login (no fixation). Returns the Set-Cookie header. */
export async function startSession(userId: string, via: SignInMethod = "password"): Promise<string> {
  const session = await lucia().createSession(userId, { createdAt: Date.now(), via });
  return lucia().createSessionCookie(session.id).serialize();
}

export async function endSession(sessionId: string): Promise<string> {
  await lucia().invalidateSession(sessionId);
  return lucia().createBlankSessionCookie().serialize();
}

/** Server-side revocation of every session of a person (disable, password reset). */
export async function endAllSessions(userId: string): Promise<void> {
  await lucia().invalidateUserSessions(userId);
}

export function blankSessionCookie(): string {
  return lucia().createBlankSessionCookie().serialize();
}

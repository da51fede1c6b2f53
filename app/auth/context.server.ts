import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { loadViewer } from "./load-viewer.server";
import { blankSessionCookie, checkSession, endAllSessions, type SignInMethod } from "./session.server";
import type { Viewer } from "./viewer";

declare module "@remix-run/node" {
  interface AppLoadContext {
    viewer: Viewer | null;
    sessionId: string | null;
    /** How this session was signed in (password or 川崎市のアカウント), for logout. */
    sessionVia: SignInMethod | null;
    ip: string;
  }
}

/**
 * Runs once per HTTP request before any loader or action: validates the session cookie,
 * reads the viewer fresh from the org data, and ends the sessions of a disabled account.
 */
export async function getLoadContext(req: ExpressRequest, res: ExpressResponse) {
  const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
  const check = await checkSession(req.headers.cookie);
  if (check.setCookie) res.append("Set-Cookie", check.setCookie);
  let viewer: Viewer | null = null;
  let sessionId = check.sessionId;
  let sessionVia = check.via;
  if (check.userId) {
    viewer = await loadViewer(check.userId);
    if (!viewer) {
      await endAllSessions(check.userId);
      res.append("Set-Cookie", blankSessionCookie());
      sessionId = null;
      sessionVia = null;
    }
  }
  // Whatever a signed-in person is shown (pages, data requests, downloads) is theirs and
  // must not stay in a shared or browser cache. (A route that sets its own Cache-Control
  // replaces this one, see server.mjs; the downloads all say private, no-store too.)
  if (viewer) res.set("Cache-Control", "private, no-store");
  return { viewer, sessionId, sessionVia, ip };
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { finishSignIn } from "~/auth/oidc.server";
import { endSession, startSession } from "~/auth/session.server";
import { safeRedirect } from "~/lib/safe-redirect";

// The provider sends the browser back here (a cross-site GET: the portal's guard refuses only
// non-GET requests from elsewhere, and the SameSite=Lax transaction cookie comes along on this
// top-level navigation). Success starts the portal's own session exactly as a password login
// does; any refusal goes to the login page with a fixed message, and nothing is created.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const result = await finishSignIn(request, context.ip);
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", result.setCookie);
  if (!result.ok) return redirect(`/login?sso=${result.reason}`, { headers });
  // A fresh session id at every sign-in; an older session on this browser is ended.
  if (context.sessionId) await endSession(context.sessionId);
  headers.append("Set-Cookie", await startSession(result.userId, "oidc"));
  return redirect(safeRedirect(result.redirectTo, "/", new URL(request.url).origin), { headers });
}

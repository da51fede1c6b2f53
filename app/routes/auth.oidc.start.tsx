import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getViewer } from "~/auth/permissions.server";
import { ssoSettings, startSignIn } from "~/auth/oidc.server";
import { safeRedirect } from "~/lib/safe-redirect";

// 「川崎市のアカウントでサインイン」: a plain link, so it works without JavaScript and is no
// form submission (the page's form-action stays 'self'). It writes nothing but the browser's
// own short-lived transaction cookie, then sends the browser to the provider.
export async function loader(args: LoaderFunctionArgs) {
  if (!ssoSettings()) throw new Response("Not Found", { status: 404 });
  const url = new URL(args.request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "/", url.origin);
  if (getViewer(args)) throw redirect(redirectTo);
  const started = await startSignIn(redirectTo);
  if (!started.ok) throw redirect(`/login?sso=unavailable`);
  return redirect(started.location, { headers: { "Set-Cookie": started.setCookie, "Cache-Control": "no-store" } });
}

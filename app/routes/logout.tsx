import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { providerLogoutUrl } from "~/auth/oidc.server";
import { blankSessionCookie, endSession } from "~/auth/session.server";
import { withNotice } from "~/lib/notices";
import { auditAlone } from "~/services/audit/audit.server";

// Logging out is a POST (no state change on GET); a GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  const headers = new Headers();
  // A session from 川崎市のアカウント also ends at the provider, where configured: the
  // portal's session is ended first, whatever the provider then does.
  const provider = context.sessionVia === "oidc" ? await providerLogoutUrl() : null;
  if (context.sessionId) {
    headers.append("Set-Cookie", await endSession(context.sessionId));
    await auditAlone({ actorId: context.viewer?.id ?? null, action: "logout", outcome: "success", ip: context.ip, detail: { via: context.sessionVia } });
  } else {
    headers.append("Set-Cookie", blankSessionCookie());
  }
  return redirect(provider ?? withNotice("/login", "logged-out"), { headers });
}

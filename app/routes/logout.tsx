import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { blankSessionCookie, endSession } from "~/auth/session.server";
import { withNotice } from "~/lib/notices";
import { getDb } from "~/db.server";
import { audit } from "~/services/audit/audit.server";

// Logging out is a POST (no state change on GET); a GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  const headers = new Headers();
  if (context.sessionId) {
    headers.append("Set-Cookie", await endSession(context.sessionId));
    audit(getDb(), { actorId: context.viewer?.id ?? null, action: "logout", outcome: "success", ip: context.ip });
  } else {
    headers.append("Set-Cookie", blankSessionCookie());
  }
  return redirect(withNotice("/login", "logged-out"), { headers });
}

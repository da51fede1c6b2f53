import { redirect, type AppLoadContext } from "@remix-run/node";
import { auditAlone, auditSoon } from "~/services/audit/audit.server";
import { isSupervisorOf } from "~/services/org/org.server";
import type { Actor } from "~/services/contract/actor";
import type { Role } from "./roles";
import { hasRole, type Viewer } from "./viewer";

/** What every loader and action receives; the helpers need only these two. */
export type AuthArgs = { request: Request; context: AppLoadContext };

/** The viewer or null. */
export function getViewer({ context }: AuthArgs): Viewer | null {
  return context.viewer;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  // Data requests (/path.data) must come back to the page, not to its data URL.
  const path = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/") || "/";
  const back = path + url.search;
  const to = back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`;
  return redirect(to);
}

/** The actor a service mutation takes: this viewer, from this request's address. */
export function actorOf(args: AuthArgs, viewer: Viewer): Actor {
  return { viewer, ip: args.context.ip };
}

/** The logged-in viewer; anyone else is sent to the login page. */
export function requireUser(args: AuthArgs): Viewer {
  const viewer = args.context.viewer;
  if (!viewer) throw loginRedirect(args.request);
  return viewer;
}

/**
 * The 403 answer, with its audit line. Synchronous, so that `requireRole` stays a plain
 * throw that a caller cannot forget to await; the line is written right after (auditSoon).
 */
export function forbidden(args: AuthArgs, viewer: Viewer, reason: string): Response {
  auditSoon({
    actorId: viewer.id,
    action: "access.denied",
    target: new URL(args.request.url).pathname,
    outcome: "denied",
    ip: args.context.ip,
    detail: { reason },
  });
  return new Response("この操作を行う権限がありません。", { status: 403, statusText: "Forbidden" });
}

/** The viewer when they hold any of `roles`; otherwise 403 (and an audit line). */
export function requireRole(args: AuthArgs, ...roles: Role[]): Viewer {
  const viewer = requireUser(args);
  if (!hasRole(viewer, ...roles)) throw forbidden(args, viewer, `role ${roles.join("|")} required`);
  return viewer;
}

/**
 * The viewer when they are the current supervisor of `employeeId`. Anyone else gets 404,
 * so the existence of the record is not revealed either.
 */
export async function requireSupervisorOf(args: AuthArgs, employeeId: string): Promise<Viewer> {
  const viewer = requireUser(args);
  if (!(await isSupervisorOf(viewer.id, employeeId))) {
    await auditAlone({
      actorId: viewer.id,
      action: "access.denied",
      target: new URL(args.request.url).pathname,
      outcome: "denied",
      ip: args.context.ip,
      detail: { reason: "not supervisor" },
    });
    throw notFound();
  }
  return viewer;
}

export function notFound(): Response {
  return new Response("ページが見つかりません。", { status: 404, statusText: "Not Found" });
}

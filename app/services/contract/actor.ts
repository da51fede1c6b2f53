import type { Viewer } from "~/auth/viewer";

/**
 * Who is acting: the viewer (id, roles, rank, org unit — read fresh on this request) and
 * the address the request came from (for the audit line). Every mutation of every service
 * takes one; `actorOf(args)` in app/auth/permissions.server.ts builds it in a route.
 * Changes made by the system itself (a waitlist promotion) pass `null`.
 */
export type Actor = { viewer: Viewer; ip: string };

import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/permissions.server";

// Any address no other route takes. Matching it (instead of matching nothing) makes Remix
// run the root loader, so the 404 page keeps the app shell — header, menu, logout — for a
// logged-in user, as a 403 does.
// Anonymous visitors are sent to the login first, as everywhere else.
export function loader(args: LoaderFunctionArgs): never {
  requireUser(args);
  throw notFound();
}

export default function NotFound() {
  return null;
}

/**
 * The portal's one site identifier (`SITE_ID`), the right-hand side of every calendar UID.
 * A UID must not depend on the Host a request came in on: a calendar downloaded once through
 * 127.0.0.1 and once through the public name would otherwise hold every event twice.
 */
export const DEFAULT_SITE_ID = "jinzai.city.kawasaki.example";

// A domain-like word: what RFC 5545 recommends after the @ of a UID.
const SITE_ID_FORMAT = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

/** SITE_ID from the environment when it is a valid domain-like id, else the portal's fixed default. */
export function siteId(env: Record<string, string | undefined> = process.env): string {
  const value = env.SITE_ID?.trim() ?? "";
  return SITE_ID_FORMAT.test(value) ? value : DEFAULT_SITE_ID;
}

/** `<kind>-<id>@<site id>`: stable across downloads and hostnames, so a re-import updates. */
export function eventUid(kind: "training-enrollment" | "consultation", id: number | string): string {
  return `${kind}-${id}@${siteId()}`;
}

// Any origin we control serves as the base: only whether the result stays on it matters.
const OWN_ORIGIN = "http://portal.invalid";

/**
 * A path on this site to redirect to after login, or `fallback`. The value is resolved the
 * way a browser resolves a Location header (`new URL`, which drops tabs and newlines and
 * reads `\` as `/`), so `/\t/other-host/` is seen as the `//other-host/` it becomes, and
 * only a result on our own origin is kept. What is returned is the normalised
 * path + query + fragment, never the raw value.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/", ownOrigin = OWN_ORIGIN): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, ownOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(ownOrigin).origin) return fallback;
  // `/\t/portal.invalid//evil.example` resolves onto our origin with the path
  // `//evil.example`, which a browser would read as another host again.
  if (url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

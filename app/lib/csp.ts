import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy of every HTML page. Scripts only from this origin, plus
 * Remix's own inline scripts (context, route modules, single-fetch data) carrying this
 * request's nonce; no inline event handlers, plugins, <base> or foreign form targets (but
 * the sign-in provider's origin when its logout is configured); and
 * never inside a frame. `style-src-attr 'unsafe-inline'` lets the server-rendered width of
 * progress bars and charts through (`style="width:40%"`): an attribute cannot run script,
 * while <style> elements and foreign stylesheets stay refused.
 */
export function contentSecurityPolicy(nonce: string, formActionOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // The logout form of a single-sign-on session is answered with a redirect to the
    // provider's end-session endpoint, which form-action governs too.
    ["form-action 'self'", ...formActionOrigins].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The nonce of this server render; empty in the browser, which hides nonces from the DOM anyway. */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);

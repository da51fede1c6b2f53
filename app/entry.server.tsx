import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getDb } from "./db.server";
import { NonceContext, contentSecurityPolicy } from "./lib/csp";
import { audit } from "./services/audit/audit.server";

// Hooks for server.mjs, which runs before Remix: see its header.
export { getLoadContext } from "./auth/context.server";
export { isCrossSiteWrite } from "./auth/origin-check";
export { withReadableForms } from "./lib/readable-forms.server";
export function auditCrossSiteRefusal(target: string, ip: string): void {
  audit(getDb(), { actorId: null, action: "request.cross_site_refused", target, outcome: "denied", ip });
}

// Generous: under a burst on two cores a render can queue for seconds, and an aborted
// render answers 500.
const ABORT_DELAY = 30_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const botRequest = isbot(request.headers.get("user-agent") ?? "");
  // A fresh nonce per page: Remix's inline scripts carry it, an injected script cannot.
  const nonce = randomBytes(16).toString("base64");
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        [botRequest ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        nonce,
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Logged on the server only; the page shows a plain Japanese message.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // An unknown URL or a POST to a page without an action is the client's mistake, not a
  // server error worth a stack trace in the log.
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 405)) return;
  console.error(error);
}

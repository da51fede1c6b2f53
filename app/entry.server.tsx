import { randomBytes } from "node:crypto";
import { Transform } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { formActionOrigins } from "./auth/settings.server";
import { NonceContext, contentSecurityPolicy } from "./lib/csp";
import { auditSoon, auditWritten } from "./services/audit/audit.server";

/**
 * React 18.3's Fizz encodes text into 2048-byte views and, when a multi-byte character does
 * not fit at the end of one, flushes the whole view with up to 3 unwritten bytes: NULs inside
 * Japanese text (react#26228, fixed only after 18). Each flushed view ends with them, so each
 * chunk loses its trailing NULs here; HTML never holds a real one.
 */
function withoutTrailingNuls(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length;
      while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end--;
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}

// Hooks for server.mjs, which runs before Remix: see its header.
export { getLoadContext } from "./auth/context.server";
export { isCrossSiteWrite } from "./auth/origin-check";
export { withReadableForms } from "./lib/readable-forms.server";
/** Reads the sign-in settings at startup, so a wrong one stops the server with its message. */
export { authSettings as checkAuthSettings } from "./auth/settings.server";
export { startConfiguredMailSender } from "./services/mail/runner.server";
export { startDueWork } from "./services/due-work.server";
export { startIdleCollector } from "./lib/idle-gc.server";
export function auditCrossSiteRefusal(target: string, ip: string): void {
  auditSoon({ actorId: null, action: "request.cross_site_refused", target, outcome: "denied", ip });
}

/** At shutdown: the audit lines still being written, then the database connections. */
export async function closeDatabase(): Promise<void> {
  await auditWritten();
  const { closeDb } = await import("../db/client");
  await closeDb();
}

/**
 * How long Remix waits for data still streaming to the page (single fetch) before it
 * rejects it; Remix reads this export (5 s is its default). Remix's own timer for this is
 * not cleared when a response finishes, so a longer value would hold every request's data
 * that much longer.
 */
export const streamTimeout = 5_000;
/**
 * When React's render is aborted: never before Remix has rejected late data and had time to
 * flush that (streamTimeout + 1 s, Remix's pattern), and generous beyond that, because an
 * abort before the shell is ready answers 500. On a loaded two-core machine shells queue for
 * seconds: with the abort at 6 s, 20 of 100 simultaneous booking posts got a 500 (load
 * average 19). The timer is cleared as soon as the render ends, so its length costs no memory;
 * it only bounds a render that hangs.
 */
export const renderTimeout = Math.max(streamTimeout + 1_000, 30_000);

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const botRequest = isbot(request.headers.get("user-agent") ?? "");
  // A fresh nonce per page: Remix's inline scripts carry it, an injected script cannot.
  const nonce = randomBytes(16).toString("base64");
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce, formActionOrigins()));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // The abort timer closes over the whole render (loader data, the React tree). Left
    // running, it keeps every page's render in memory for the full timeout after the page
    // was sent, so it is cleared as soon as rendering can no longer hang: when everything
    // is rendered, when the shell fails, or when the response stream closes for any reason.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      timer = undefined;
    };
    const sendShell = () => {
      shellRendered = true;
      const body = withoutTrailingNuls();
      // A client that goes away mid-stream closes the body early: stop rendering for it.
      body.once("close", () => {
        if (!settled) abort();
        settle();
      });
      const stream = createReadableStreamFromReadable(body);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const app = (
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      // Bots get the whole page at once; browsers get the shell first and the rest streamed.
      onShellReady: botRequest ? undefined : sendShell,
      onAllReady: botRequest
        ? () => {
            settle();
            sendShell();
          }
        : settle,
      onShellError(error: unknown) {
        settle();
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Logged on the server only; the page shows a plain Japanese message.
        if (shellRendered) console.error(error);
      },
    });
    // React starts rendering on a later tick, so this runs before any callback above.
    if (!settled) {
      timer = setTimeout(() => {
        settle();
        abort();
      }, renderTimeout);
    }
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // An unknown URL or a POST to a page without an action is the client's mistake, not a
  // server error worth a stack trace in the log.
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 405)) return;
  console.error(error);
}

// Production server: Express in front of the Remix build. It refuses cross-site writes
// before Remix runs (Remix's own check answers them with a 500), serves the built assets,
// and hands every request its auth context.
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const BUILD_PATH = path.resolve("build/index.js");
if (!fs.existsSync(BUILD_PATH)) {
  console.error("ビルドがありません。先に `npm run build` を実行してください。");
  process.exit(1);
}
const rawBuild = await import(BUILD_PATH);
const hooks = rawBuild.entry.module;
// A form body that cannot be read (JSON, broken multipart) answers 400, not 500.
const build = hooks.withReadableForms(rawBuild);
try {
  hooks.checkAuthSettings();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
app.use(compression());

// Headers that hold one value. @remix-run/express copies a Remix response's headers onto
// Express's with `res.append`, which adds to what this server set beforehand instead of
// replacing it: a download that sets its own X-Content-Type-Options sent it twice, and a
// page's CSP would have been combined with the default below. For these, the
// application's own value replaces the server's default.
const SINGLE_VALUED = new Set(["x-content-type-options", "referrer-policy", "x-frame-options", "content-security-policy", "cache-control"]);

// A full collection when the server goes quiet after a burst gives back the memory V8 grew
// to under load (app/lib/idle-gc.server.ts, decision 015). IDLE_GC=off: without (the bench's
// comparison).
const idleCollector = process.env.IDLE_GC === "off" ? { onRequest() {}, stop() {} } : hooks.startIdleCollector();

app.use((req, res, next) => {
  idleCollector.onRequest();
  const append = res.append.bind(res);
  res.append = (field, value) => (SINGLE_VALUED.has(String(field).toLowerCase()) ? res.set(field, value) : append(field, value));
  res.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    // Anything that is not an HTML page (plain-text refusals, files) may load nothing and
    // sit in no frame; entry.server replaces this with the page policy and its nonce.
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  });
  const refused = hooks.isCrossSiteWrite({
    method: req.method,
    host: req.headers.host,
    origin: req.headers.origin,
    secFetchSite: req.headers["sec-fetch-site"],
  });
  if (refused) {
    hooks.auditCrossSiteRefusal(req.path, req.ip ?? "unknown");
    res.status(403).type("text/plain; charset=utf-8").send("この操作は受け付けられません（他のサイトからの送信）。");
    return;
  }
  // `?_data=` is the data request of Remix before single fetch. Our client never sends it,
  // and Remix answers an unknown route id with a 500 and a stack trace in the log.
  if (new URL(req.originalUrl, "http://localhost").searchParams.has("_data")) {
    res.status(400).type("text/plain; charset=utf-8").send("このリクエストは受け付けられません。");
    return;
  }
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// The named files of public/ (styles, icon), listed once at startup: a page request is
// matched against this list and never makes the static handler look on disk for a file.
const publicFiles = fs
  .readdirSync("public", { withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => `/${entry.name}`);
if (publicFiles.length > 0) app.get(publicFiles, express.static("public", { maxAge: "1h", index: false }));
app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: hooks.getLoadContext }));

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const server = app.listen(port, host, () => {
  console.log(`かわさき人財ポータル: http://${host === "0.0.0.0" ? "localhost" : host}:${port}/`);
});

// The mail sender runs in this process unless MAIL_SENDER=off (then `npm run mail:worker`).
const mailSender = hooks.startConfiguredMailSender({ inServer: true });
// Work that falls due with time alone (a training 抽選 at the close of its window).
const dueWork = hooks.startDueWork();

// On SIGINT/SIGTERM: stop taking requests, let the mail pass under way finish, then exit.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    dueWork.stop();
    idleCollector.stop();
    server.closeAllConnections?.();
    void Promise.resolve(mailSender?.stop())
      .then(() => hooks.closeDatabase())
      .finally(() => process.exit(0));
  });
}

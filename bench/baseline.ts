// The framework's ceiling on this machine (issue 14): bare Remix v2 apps on the portal's own
// stack — the same remix.config future flags, the classic compiler, Express + compression +
// express.static for /build — with one route, and with as many trivial routes as the portal
// has. Generated into a temporary directory and built with the project's own @remix-run/dev,
// so nothing of them is committed and both use exactly the installed versions.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

const ROOT_TSX = `import { Links, Meta, Outlet, Scripts } from "@remix-run/react";
export default function App() {
  return (
    <html lang="ja">
      <head><meta charSet="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><Meta /><Links /></head>
      <body><Outlet /><Scripts /></body>
    </html>
  );
}
`;

// Each page has a loader, and an action that reads the form and redirects — the shape of the
// portal's sign-up POST, for the burst's baseline.
function routeTsx(i: number): string {
  return `import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
export function loader() { return { n: ${i}, title: "ページ${i}" }; }
export async function action({ request }: ActionFunctionArgs) { await request.formData(); return redirect("/p1?done=${i}"); }
export default function Page() {
  const data = useLoaderData<typeof loader>();
  return <main><h1>{data.title}</h1><p>{data.n}</p></main>;
}
`;
}

// The portal's server.mjs without the portal: the same middleware stack in the same order.
const SERVER_MJS = `import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
const build = await import(path.resolve("build/index.js"));
const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.all("*", createRequestHandler({ build, mode: "production" }));
const server = app.listen(Number(process.env.PORT), "127.0.0.1");
process.once("SIGTERM", () => { server.close(); server.closeAllConnections?.(); process.exit(0); });
`;

export type BaselineApp = { dir: string; routes: number; paths: string[] };

/**
 * Writes and builds a bare app with `routes` routes in all: the root layout's index page and
 * routes-1 further pages (/p1 … /pN). Returns the directory to start `server.mjs` in.
 */
export function buildBaseline(parent: string, routes: number): BaselineApp {
  const dir = fs.mkdtempSync(path.join(parent, `baseline-${routes}-`));
  fs.mkdirSync(path.join(dir, "app/routes"), { recursive: true });
  fs.mkdirSync(path.join(dir, "public"), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  // Remix reads the server runtime from the dependencies: the portal's own versions.
  const portal = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const pick = (names: string[], from: Record<string, string>) => Object.fromEntries(names.map((n) => [n, from[n]!]));
  const dependencies = pick(["@remix-run/express", "@remix-run/node", "@remix-run/react", "compression", "express", "isbot", "react", "react-dom"], portal.dependencies);
  const devDependencies = pick(["@remix-run/dev"], portal.devDependencies);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `baseline-${routes}`, private: true, type: "module", sideEffects: false, dependencies, devDependencies }));
  fs.copyFileSync(path.join(ROOT, "remix.config.js"), path.join(dir, "remix.config.js"));
  fs.writeFileSync(path.join(dir, "app/root.tsx"), ROOT_TSX);
  fs.writeFileSync(path.join(dir, "app/routes/_index.tsx"), routeTsx(0));
  const paths = ["/"];
  // root + index + the rest: `routes` counts every route module, as the portal's build does.
  for (let i = 1; i <= routes - 2; i++) {
    fs.writeFileSync(path.join(dir, `app/routes/p${i}.tsx`), routeTsx(i));
    paths.push(`/p${i}`);
  }
  fs.writeFileSync(path.join(dir, "server.mjs"), SERVER_MJS);
  const built = spawnSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (built.status !== 0) throw new Error(`baseline build failed: ${built.stderr || built.stdout}`);
  return { dir, routes, paths };
}

/** The number of route modules in the portal's build (root included), for a like-for-like baseline. */
export async function portalRouteCount(): Promise<number> {
  const build = (await import(path.join(ROOT, "build/index.js"))) as { routes: Record<string, unknown> };
  return Object.keys(build.routes).length;
}

export function baselineParent(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "kjp-baseline-"));
}

export type BaselineServer = { base: string; routes: number; child: ChildProcess };

async function startBaseline(app: BaselineApp, port: number): Promise<BaselineServer> {
  const child = spawn(process.execPath, ["server.mjs"], { cwd: app.dir, env: { ...process.env, PORT: String(port), NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(base, { signal: AbortSignal.timeout(2_000) })).ok) return { base, routes: app.routes, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error("baseline server did not start");
}

export type Baselines = { one: BaselineServer; many: BaselineServer; stop(): Promise<void> };

/** Builds and starts both bare apps: one route, and the portal's route count. */
export async function startBaselines(freePort: () => Promise<number>): Promise<Baselines> {
  const routes = await portalRouteCount();
  const parent = baselineParent();
  console.log("");
  console.log(`比較用の素のRemixアプリ（1ルート、ポータルと同じ${routes}ルート）をビルドしています…`);
  const one = await startBaseline(buildBaseline(parent, 2), await freePort()); // root + one page
  const many = await startBaseline(buildBaseline(parent, routes), await freePort());
  return {
    one,
    many,
    async stop() {
      for (const s of [one, many]) {
        if (s.child.exitCode !== null) continue;
        const exited = new Promise((resolve) => s.child.once("exit", resolve));
        s.child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}

// Memory under sustained load (issue 10, item 8): what the server holds while pages are
// served and how much of it it gives back, and whether it lives with a capped heap. A page
// render that keeps a timer (and with it the whole render) alive after the response has
// gone shows up here as RSS that climbs with the request rate and stays up afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

const CONCURRENCY = 50;

export function rssKb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  } catch {
    return NaN; // the process is gone
  }
}

const mb = (kb: number) => (Number.isNaN(kb) ? "—" : `${Math.round(kb / 1024)}MB`);

/** Logs in through the real login form (POSTs need an Origin header) and returns the cookie. */
export async function loginCookie(base: string, staffNumber: string, password: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ staffNumber, password, redirectTo: "/" }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("kjp_session="));
  if (res.status !== 302 || !cookie) throw new Error(`login as ${staffNumber} answered ${res.status}`);
  return cookie.split(";")[0]!;
}

type LoadResult = { requests: number; ok: number; failed: number; wallMs: number; aborted: boolean };

/**
 * 50 workers, each sending the next request as soon as its previous answer has been read,
 * until `until` says stop (a deadline or a request count). A worker stops at the first
 * connection error once the server is gone.
 */
async function load(url: string, cookie: string, until: (sent: number, elapsedMs: number) => boolean, server: ChildProcess): Promise<LoadResult> {
  let sent = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const worker = async () => {
    while (!until(sent, performance.now() - started) && server.exitCode === null && server.signalCode === null) {
      sent++;
      try {
        const res = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.status === 200) ok++;
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { requests: sent, ok, failed, wallMs: performance.now() - started, aborted: server.exitCode !== null || server.signalCode !== null };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type StartServer = (nodeArgs: string[], extraEnv?: Record<string, string>) => Promise<{ child: ChildProcess; base: string; stderr: () => string }>;

export async function benchMemory(opts: { start: StartServer; staffNumber: string; password: string; seconds?: number; cappedRequests?: number }) {
  const seconds = opts.seconds ?? Number(process.env.BENCH_MEMORY_SECONDS ?? 30);
  const cappedRequests = opts.cappedRequests ?? Number(process.env.BENCH_CAPPED_REQUESTS ?? 20_000);

  // 1. RSS before, at peak and 5 s after a sustained load of the employee home page: the
  //    server as it ships (a full collection once quiet, app/lib/idle-gc.server.ts), beside the
  //    same server without it (IDLE_GC=off).
  const sustained = async (label: string, extraEnv: Record<string, string>) => {
    const { child, base } = await opts.start([], extraEnv);
    try {
      const cookie = await loginCookie(base, opts.staffNumber, opts.password);
      // Warm-up outside the measurement (JIT, prepared statements), then let it settle.
      await load(`${base}/`, cookie, (n) => n >= 200, child);
      await sleep(2_000);
      const pid = child.pid!;
      const before = rssKb(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid) || 0)), 50);
      const r = await load(`${base}/`, cookie, (_n, ms) => ms >= seconds * 1000, child);
      clearInterval(sampler);
      peak = Math.max(peak, rssKb(pid) || 0);
      await sleep(5_000);
      const after = rssKb(pid);
      const rate = r.requests / (r.wallMs / 1000);
      console.log(
        `  ${label.padEnd(28)} ${r.requests}件（200: ${r.ok}、失敗: ${r.failed}）、${rate.toFixed(0)} req/s、` +
          `RSS 負荷前 ${mb(before)} → ピーク ${mb(peak)} → 負荷後5秒 ${mb(after)}`,
      );
      return { grewMb: (after - before) / 1024, rate };
    } finally {
      await stop(child);
    }
  };
  console.log("");
  console.log(`メモリ: 職員ホーム GET /（${opts.staffNumber}でログイン、${CONCURRENCY}並列・${seconds}秒）`);
  const withoutCollector = await sustained("静かになっても回収しない（比較用）", { IDLE_GC: "off" });
  const shipped = await sustained("ポータルの設定（server.mjs）", {});
  console.log(
    `目標: 負荷後5秒のRSS ≤ 負荷前 + 50MB → ${shipped.grewMb >= 0 ? "+" : ""}${shipped.grewMb.toFixed(0)}MB ${shipped.grewMb <= 50 ? "達成" : "未達"}` +
      `（回収しなければ ${withoutCollector.grewMb >= 0 ? "+" : ""}${withoutCollector.grewMb.toFixed(0)}MB。req/s はその ${(shipped.rate / withoutCollector.rate).toFixed(2)}倍）`,
  );

  // 2. The same page with the heap capped at 128 MB: it must live through the whole run.
  {
    const { child, base, stderr } = await opts.start(["--max-old-space-size=128"]);
    try {
      const cookie = await loginCookie(base, opts.staffNumber, opts.password);
      const pid = child.pid!;
      let peak = rssKb(pid);
      const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid) || 0)), 50);
      const r = await load(`${base}/`, cookie, (n) => n >= cappedRequests, child);
      clearInterval(sampler);
      await sleep(500);
      const survived = child.exitCode === null && child.signalCode === null && r.ok === cappedRequests;
      const oom = /heap out of memory/i.test(stderr());
      console.log(`ヒープ上限128MB（--max-old-space-size=128）で GET / を${cappedRequests}件（${CONCURRENCY}並列）:`);
      console.log(
        `  ${r.requests}件送信（200: ${r.ok}、失敗: ${r.failed}）、${(r.requests / (r.wallMs / 1000)).toFixed(0)} req/s、RSSピーク ${mb(peak)} → ` +
          (survived ? "生存（survived: yes）" : `停止（survived: no${oom ? "、JavaScript heap out of memory" : ""}、終了コード ${child.exitCode ?? child.signalCode}）`),
      );
      return survived;
    } finally {
      await stop(child);
    }
  }
}

/** Stops a server and waits for it to exit, so the next one measures alone. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Starts the built server with extra node flags, remembering its stderr (for the OOM line). */
export function serverStarter(root: string, env: NodeJS.ProcessEnv, freePort: () => Promise<number>, waitForServer: (base: string, c: ChildProcess) => Promise<void>): StartServer {
  return async (nodeArgs, extraEnv = {}) => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [...nodeArgs, "server.mjs"], {
      cwd: root,
      env: { ...env, ...extraEnv, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.length > 100_000) err = err.slice(-50_000);
    });
    await waitForServer(base, child);
    return { child, base, stderr: () => err };
  };
}

// Statistics pages at scale: p50/p95 server time of the progress page and of every
// breakdown, and the peak memory of the server while it streams the largest CSV export.
import fs from "node:fs";

type Timing = { label: string; p50: number; p95: number; n: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

async function time(url: string, cookie: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

export async function benchStats(opts: { base: string; cookie: string; pid: number; fiscalYear: number; rounds?: number }) {
  const { base, cookie, pid, fiscalYear } = opts;
  const rounds = opts.rounds ?? 20;
  const pages: [string, string][] = [
    ["/stats (進捗ページ)", `/stats?fy=${fiscalYear}`],
    ["/stats/training?dim=bureau", `/stats/training?fy=${fiscalYear}&dim=bureau`],
    ["/stats/training?dim=ageBand", `/stats/training?fy=${fiscalYear}&dim=ageBand`],
    ["/stats/training?dim=month", `/stats/training?fy=${fiscalYear}&dim=month`],
    ["/stats/subsidy?dim=rank", `/stats/subsidy?fy=${fiscalYear}&dim=rank`],
    ["/stats/subsidy?dim=jobCategory", `/stats/subsidy?fy=${fiscalYear}&dim=jobCategory`],
    ["/stats/consultation?dim=topic", `/stats/consultation?fy=${fiscalYear}&dim=topic`],
    ["/stats/consultation?dim=tierGroup", `/stats/consultation?fy=${fiscalYear}&dim=tierGroup`],
    ["GET /login (trivial, baseline)", `/login`],
  ];
  const timings: Timing[] = [];
  for (const [label, path] of pages) {
    await time(base + path, cookie, 2); // warm-up
    const t = await time(base + path, cookie, rounds);
    timings.push({ label, p50: percentile(t, 0.5), p95: percentile(t, 0.95), n: rounds });
  }
  console.log("");
  console.log(`統計ページ（${fiscalYear}年度、各${rounds}回、直列）`);
  console.log(["page".padEnd(36), "  p50 ms", "  p95 ms"].join("  "));
  for (const t of timings) console.log([t.label.padEnd(36), t.p50.toFixed(1).padStart(8), t.p95.toFixed(1).padStart(8)].join("  "));

  // Peak resident memory of the server process while it streams the largest export.
  const before = rssKb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 5);
  const t0 = performance.now();
  const res = await fetch(`${base}/stats/training/csv?fy=${fiscalYear}&dim=bureau`, { headers: { Cookie: cookie } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  clearInterval(sampler);
  console.log(
    `CSVエクスポート（研修・局区別）: ${bytes.toLocaleString()} bytes / ${(performance.now() - t0).toFixed(0)}ms、サーバーRSS ${Math.round(before / 1024)}MB → ピーク ${Math.round(peak / 1024)}MB（+${Math.round((peak - before) / 1024)}MB）`,
  );
  return timings;
}

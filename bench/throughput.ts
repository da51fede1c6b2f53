// Sustained throughput of one URL with autocannon (50 connections × 8 s unless told), for
// comparing the portal's pages with the bare Remix baselines in the same run.
import autocannon from "autocannon";

export type Rate = { label: string; rps: number; p50: number; p99: number; non2xx: number; errors: number };

export async function rate(label: string, url: string, opts: { cookie?: string; connections?: number; seconds?: number } = {}): Promise<Rate> {
  const result = await autocannon({
    url,
    connections: opts.connections ?? 50,
    duration: opts.seconds ?? 8,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    // Count a redirect or an error page as a failure, never as throughput.
    expectBody: undefined,
  });
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Pads to a width in terminal columns: Japanese characters take two. */
export function padDisplay(text: string, width: number): string {
  let columns = 0;
  for (const ch of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return text + " ".repeat(Math.max(0, width - columns));
}

export function rateRow(r: Rate, baseline?: Rate): string {
  return [
    padDisplay(r.label, 44),
    r.rps.toFixed(0).padStart(7),
    r.p50.toFixed(0).padStart(7),
    r.p99.toFixed(0).padStart(7),
    String(r.non2xx + r.errors).padStart(6),
    baseline ? `${(r.rps / baseline.rps).toFixed(2)}×`.padStart(7) : "".padStart(7),
  ].join("  ");
}

export const RATE_HEADER = ["".padEnd(44), "  req/s", " p50 ms", " p99 ms", "   err", "  ratio"].join("  ");

// The employee's home page against the framework's ceiling (issue 14): the portal's GET /login
// and GET / (signed in as an employee) beside two bare Remix apps on the same stack — one
// route, and as many trivial routes as the portal — each 50 connections × 8 s, two passes
// interleaved so that drift of the machine hits every row alike.
import type { Baselines } from "./baseline";
import { RATE_HEADER, rate, rateRow, type Rate } from "./throughput";

function mean(rows: Rate[]): Rate {
  const n = rows.length;
  const sum = (f: (r: Rate) => number) => rows.reduce((s, r) => s + f(r), 0);
  return { label: rows[0]!.label, rps: sum((r) => r.rps) / n, p50: sum((r) => r.p50) / n, p99: sum((r) => r.p99) / n, non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors) };
}

export async function benchHome(opts: { portal: string; employeeCookie: string; baselines: Baselines; passes?: number; seconds?: number }): Promise<{ homeRatio: number }> {
  const passes = opts.passes ?? 2;
  const seconds = opts.seconds ?? 8;
  const { one: oneServer, many: manyServer } = opts.baselines;
  const routes = manyServer.routes;
  {

    // The N-route baseline is measured at its index page "/" — the same route position as the
    // portal's home (Remix tries its ranked route branches until one matches, and an index
    // route ranks last, so "/" pays for trying every other branch) — and at /p1, an ordinary
    // one-segment page.
    const targets: [string, string, string | undefined][] = [
      ["素のRemix 1ルート GET /", `${oneServer.base}/`, undefined],
      [`素のRemix ${routes}ルート GET /`, `${manyServer.base}/`, undefined],
      [`素のRemix ${routes}ルート GET /p1`, `${manyServer.base}/p1`, undefined],
      ["ポータル GET /login", `${opts.portal}/login`, undefined],
      ["ポータル GET /（職員のホーム）", `${opts.portal}/`, opts.employeeCookie],
    ];
    // Warm every target (JIT, statement caches) outside the measurement.
    for (const [label, url, cookie] of targets) await rate(label, url, { cookie, seconds: 2 });
    const runs: Rate[][] = targets.map(() => []);
    for (let pass = 0; pass < passes; pass++) {
      for (const [i, [label, url, cookie]] of targets.entries()) runs[i]!.push(await rate(label, url, { cookie, seconds }));
    }
    const [base1, baseN, baseNp1, login, home] = runs.map(mean) as [Rate, Rate, Rate, Rate, Rate];
    console.log("");
    console.log(`フレームワークの上限との比較（50接続×${seconds}秒×${passes}回の平均、比はホームは素のアプリの GET /、/login は GET /p1 に対して）`);
    console.log(RATE_HEADER);
    console.log(rateRow(base1));
    console.log(rateRow(baseN));
    console.log(rateRow(baseNp1));
    console.log(rateRow(login, baseNp1));
    console.log(rateRow(home, baseN));
    for (const [i, r] of runs.entries()) console.log(`  ${targets[i]![0]}: 各回 ${r.map((x) => x.rps.toFixed(0)).join(" / ")} req/s`);
    const homeRatio = home.rps / baseN.rps;
    console.log(`目標: 職員のホーム ≥ 0.90× 同じルート数の素のアプリの同じ位置（GET /） → ${homeRatio.toFixed(2)}× ${homeRatio >= 0.9 ? "達成" : "未達"}（参考: GET /p1 に対して ${(home.rps / baseNp1.rps).toFixed(2)}×、GET /login は GET /p1 に対して ${(login.rps / baseNp1.rps).toFixed(2)}×）`);
    if (home.non2xx + home.errors + login.non2xx + login.errors > 0) console.log("注意: ポータルの応答に200以外がありました。");
    return { homeRatio };
  }
}

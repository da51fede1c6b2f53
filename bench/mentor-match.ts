// メンター制度のマッチング: the exact whole-pool optimum (as the service calls it: scoring in
// this thread, the Hungarian solve in a worker thread) beside the greedy baseline, on the same
// seeded city-scale pool, in the same run. Prints the time and the result of each, and checks
// that the optimum keeps every hard rule and capacity and is never below greedy.
import { greedyMatching } from "../app/services/mentor/matching/greedy";
import { hardRuleViolation, proposeMatching } from "../app/services/mentor/matching/index";
import { realisticPool } from "../app/services/mentor/matching/fixtures";
import type { MatchInput, Proposal } from "../app/services/mentor/matching/types";

type Row = { label: string; ms: number[]; proposal: Proposal };

/** Pads to a display width, counting full-width (Japanese) characters as two columns. */
function pad(text: string, width: number, left = false): string {
  const w = [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const fill = " ".repeat(Math.max(0, width - w));
  return left ? fill + text : text + fill;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function holds(input: MatchInput, p: Proposal): boolean {
  const mentees = new Map(input.mentees.map((m) => [m.employeeId, m]));
  const mentors = new Map(input.mentors.map((m) => [m.employeeId, m]));
  const used = new Map<number, number>();
  const seen = new Set<number>();
  for (const pair of p.pairs) {
    const a = mentees.get(pair.menteeId);
    const b = mentors.get(pair.mentorId);
    if (!a || !b || seen.has(a.employeeId) || hardRuleViolation(a, b) !== null) return false;
    seen.add(a.employeeId);
    used.set(b.employeeId, (used.get(b.employeeId) ?? 0) + 1);
  }
  return input.mentors.every((b) => (used.get(b.employeeId) ?? 0) <= b.capacity);
}

export async function benchMentorMatch(opts: { mentees?: number; mentors?: number; rounds?: number; seed?: number } = {}): Promise<boolean> {
  const mentees = opts.mentees ?? 1000;
  const mentors = opts.mentors ?? 300;
  const rounds = opts.rounds ?? 3;
  const input = realisticPool(opts.seed ?? 2026, mentees, mentors);
  const seats = input.mentors.reduce((s, m) => s + m.capacity, 0);
  console.log("");
  console.log(`メンターのマッチング: メンティ${input.mentees.length}名 × メンター${input.mentors.length}名（受け入れ枠1〜3、計${seats}枠・乱数シード固定）、${rounds}回ずつ計測`);

  // Warm up both paths (JIT, worker start-up code) on a small pool outside the measurement.
  const warm = realisticPool(1, 60, 20);
  await proposeMatching(warm, { thread: "worker" });
  greedyMatching(warm);

  const optimum: Row = { label: "最適解（ハンガリー法・worker）", ms: [], proposal: { pairs: [], unmatched: [], totalScore: 0 } };
  const greedy: Row = { label: "貪欲法（高得点順・比較用）", ms: [], proposal: { pairs: [], unmatched: [], totalScore: 0 } };
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    optimum.proposal = await proposeMatching(input);
    optimum.ms.push(performance.now() - t0);
    t0 = performance.now();
    greedy.proposal = greedyMatching(input);
    greedy.ms.push(performance.now() - t0);
  }

  const widths = [32, 10, 8, 6, 10, 8];
  const line = (cells: string[]) => console.log(cells.map((c, k) => pad(c, widths[k]!, k > 0)).join("  "));
  line(["方式", "中央値 ms", "最小 ms", "組数", "未マッチ", "合計点"]);
  for (const row of [optimum, greedy]) {
    line([
      row.label,
      median(row.ms).toFixed(0),
      Math.min(...row.ms).toFixed(0),
      String(row.proposal.pairs.length),
      String(row.proposal.unmatched.length),
      String(row.proposal.totalScore),
    ]);
  }
  const ok = holds(input, optimum.proposal) && holds(input, greedy.proposal);
  const notWorse =
    optimum.proposal.pairs.length > greedy.proposal.pairs.length ||
    (optimum.proposal.pairs.length === greedy.proposal.pairs.length && optimum.proposal.totalScore >= greedy.proposal.totalScore);
  const gain = optimum.proposal.totalScore - greedy.proposal.totalScore;
  console.log(
    `結果の検証: 制約（同じ課・上司の系列・受け入れ枠・1人1組）${ok ? "はすべて守られています" : "に違反があります"}／最適解は貪欲法より${notWorse ? "悪くありません" : "悪い結果です（不具合）"}（合計点 ${gain >= 0 ? "+" : ""}${gain}、組数 ${optimum.proposal.pairs.length - greedy.proposal.pairs.length >= 0 ? "+" : ""}${optimum.proposal.pairs.length - greedy.proposal.pairs.length}）`,
  );
  return ok && notWorse;
}

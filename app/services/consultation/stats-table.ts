/**
 * The statistics table of the consultation service for one 年度: counts only, by topic and
 * by tier group (管理職 / それ以外), with small cells suppressed (see ~/services/progress/suppression.ts).
 */
import { RANK_GROUPS, RANK_GROUP_LABELS, TOPICS, TOPIC_LABELS, type RankGroup, type Topic } from "./rules";
import { statCell, suppressQuantities, type Line, type Quantity, type StatCell } from "~/services/progress/suppression";

/** Bookings grouped by what the statistics may know of them; never a person. */
export type LeafCount = { topic: Topic; rankGroup: RankGroup; status: "booked" | "held" | "no_show"; n: number };

export type StatsRow = {
  key: string;
  kind: "topic" | "rankGroup" | "total";
  label: string;
  /** 予約 (every booking not cancelled or moved away), 実施, 無断キャンセル. */
  booked: StatCell;
  held: StatCell;
  noShow: StatCell;
};

const METRICS = ["booked", "held", "noShow", "pending"] as const;
type Metric = (typeof METRICS)[number];

type Category = { key: string; kind: StatsRow["kind"]; label: string; match: (l: LeafCount) => boolean };

const CATEGORIES: Category[] = [
  ...TOPICS.map((t): Category => ({ key: `topic:${t}`, kind: "topic", label: TOPIC_LABELS[t], match: (l) => l.topic === t })),
  ...RANK_GROUPS.map((g): Category => ({ key: `group:${g}`, kind: "rankGroup", label: RANK_GROUP_LABELS[g], match: (l) => l.rankGroup === g })),
  { key: "total", kind: "total", label: "合計", match: () => true },
];

function metricMatches(m: Metric, l: LeafCount): boolean {
  if (m === "booked") return true;
  if (m === "held") return l.status === "held";
  if (m === "noShow") return l.status === "no_show";
  return l.status === "booked";
}

/**
 * The table's rows. When no suppression pattern protects every count (too few bookings),
 * only the 合計 row is returned.
 */
export function buildStatsTable(leaves: LeafCount[], threshold: number): StatsRow[] {
  const quantities: Quantity[] = [];
  for (const c of CATEGORIES) {
    for (const m of METRICS) {
      const value = leaves.filter((l) => c.match(l) && metricMatches(m, l)).reduce((s, l) => s + l.n, 0);
      quantities.push({
        id: `${m}|${c.key}`,
        value,
        // Upcoming bookings are not published; they are the slack between 予約 and 実施 + 無断キャンセル.
        published: m !== "pending",
        priority: (c.kind === "total" ? 10 : 0) + (m === "booked" ? 1 : 0),
        // The progress page prints the 年度's 予約・実施・無断キャンセル by the same rule: never hidden to protect a cell.
        ...(c.kind === "total" ? { fixed: true } : {}),
      });
    }
  }
  const lines: Line[] = [];
  const topicKeys = CATEGORIES.filter((c) => c.kind === "topic").map((c) => c.key);
  const groupKeys = CATEGORIES.filter((c) => c.kind === "rankGroup").map((c) => c.key);
  for (const m of METRICS) {
    lines.push({ total: `${m}|total`, parts: topicKeys.map((k) => `${m}|${k}`) });
    lines.push({ total: `${m}|total`, parts: groupKeys.map((k) => `${m}|${k}`) });
  }
  for (const c of CATEGORIES) {
    lines.push({ total: `booked|${c.key}`, parts: [`held|${c.key}`, `noShow|${c.key}`, `pending|${c.key}`] });
  }
  const { states, unprotected } = suppressQuantities(quantities, lines, threshold);
  const value = new Map(quantities.map((q) => [q.id, q.value]));
  const cell = (id: string) => statCell(value.get(id)!, states.get(id)!, threshold);
  return CATEGORIES.filter((c) => unprotected.length === 0 || c.kind === "total").map((c) => ({
    key: c.key,
    kind: c.kind,
    label: c.label,
    booked: cell(`booked|${c.key}`),
    held: cell(`held|${c.key}`),
    noShow: cell(`noShow|${c.key}`),
  }));
}

import { formatYen } from "~/lib/yen";
import type { Figure } from "./types";

/** A headline figure as the progress page shows it: `value` null when suppressed (`text` says so). */
export type YearFigure = { label: string; unit: Figure["unit"]; value: number | null };

/** The 年度 before had no records at all: every one of its figures is a published zero. */
export function noPreviousRecords(previous: readonly YearFigure[]): boolean {
  return previous.length > 0 && previous.every((f) => f.value === 0);
}

function amount(n: number, unit: Figure["unit"]): string {
  return unit === "円" ? formatYen(n) : `${n.toLocaleString("ja-JP")}${unit}`;
}

/**
 * 前年度比 of one figure: 「+321件」, 「±0」, or 「前年度の実績なし」 when the 年度 before has no
 * records (a difference from nothing is not a change). 「—」 beside a suppressed figure: a
 * difference would give the suppressed one away.
 */
export function yearChange(now: YearFigure, previous: readonly YearFigure[]): string {
  if (noPreviousRecords(previous)) return "前年度の実績なし";
  const before = previous.find((p) => p.label === now.label);
  if (!before || now.value === null || before.value === null) return "—";
  const d = now.value - before.value;
  if (d === 0) return "±0";
  return `${d > 0 ? "+" : "−"}${amount(Math.abs(d), now.unit)}`;
}

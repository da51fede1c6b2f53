/**
 * Small-cell suppression for counts of people. A cell below the threshold (but above 0)
 * is shown as "5未満" (for threshold 5). When only one cell of a column is suppressed,
 * the column total would give it away, so a second cell — the smallest other non-zero
 * one — is suppressed too (complementary suppression); if there is none, the total is.
 * A suppressed total hides nothing by itself, so totals are suppressed only in that case
 * or when the total itself is small.
 */
/** `secondary`: hidden only so that another cell cannot be worked out (it may well be 5 or more). */
export type Cell = { value: number; suppressed: boolean; secondary?: true };

export function suppressedLabel(threshold: number): string {
  return `${threshold}未満`;
}

export type SuppressOptions = {
  /** A confidential service shows even 0 as "5未満": that nobody used it is not told either. */
  suppressZero?: boolean;
};

/** Suppresses one column of counts and its total. */
export function suppressColumn(values: number[], threshold: number, options: SuppressOptions = {}): { cells: Cell[]; total: Cell } {
  const isSmall = (n: number, t: number) => (options.suppressZero ? n < t : n > 0 && n < t);
  const total = values.reduce((a, b) => a + b, 0);
  const cells: Cell[] = values.map((value) => ({ value, suppressed: isSmall(value, threshold) }));
  const totalCell: Cell = { value: total, suppressed: isSmall(total, threshold) };
  if (totalCell.suppressed) {
    // Every non-zero cell is at most the total, hence small too.
    return { cells: cells.map((c) => ({ ...c, suppressed: options.suppressZero || c.value > 0 })), total: totalCell };
  }
  const suppressedCount = cells.filter((c) => c.suppressed).length;
  if (suppressedCount === 1) {
    let best = -1;
    cells.forEach((c, i) => {
      if (!c.suppressed && c.value > 0 && (best < 0 || c.value < cells[best]!.value)) best = i;
    });
    if (best >= 0) cells[best] = { ...cells[best]!, suppressed: true, secondary: true };
    else Object.assign(totalCell, { suppressed: true, secondary: true });
  }
  return { cells, total: totalCell };
}

/** Suppresses every column of a table (rows × metric columns) independently. */
export function suppressTable(rows: number[][], threshold: number, options: SuppressOptions = {}): { cells: Cell[][]; totals: Cell[] } {
  const columns = rows[0]?.length ?? 0;
  const out: Cell[][] = rows.map(() => []);
  const totals: Cell[] = [];
  for (let c = 0; c < columns; c++) {
    const { cells, total } = suppressColumn(
      rows.map((r) => r[c] ?? 0),
      threshold,
      options,
    );
    cells.forEach((cell, r) => (out[r]![c] = cell));
    totals.push(total);
  }
  return { cells: out, totals };
}

/** What a suppressed cell says: "5未満" when it is small, "秘匿" when hidden to protect another. */
export function suppressedText(cell: Cell, threshold: number): string {
  return cell.secondary ? "秘匿" : suppressedLabel(threshold);
}

export function showCell(cell: Cell, threshold: number): string {
  return cell.suppressed ? suppressedText(cell, threshold) : cell.value.toLocaleString("ja-JP");
}

/**
 * The exact solver: a rectangular assignment (rows = mentees, columns = seats, a mentor with
 * capacity c gives c identical columns) solved by the Hungarian method of the `munkres` package.
 * The Hungarian method only adds and subtracts costs, so with integer costs below 2^53 every
 * step is exact; above that the same package runs on bigint.
 */
import { munkres } from "munkres";

/** A dense cost matrix to minimise, row-major. `bigint` when the numbers do not fit a double exactly. */
export type CostMatrix =
  | { kind: "number"; rows: number; cols: number; cost: Float64Array }
  | { kind: "bigint"; rows: number; cols: number; cost: readonly bigint[] };

/** For each row, the column assigned to it, or -1. Every row or every column is used, whichever is fewer. */
export function solveAssignment(m: CostMatrix): Int32Array {
  const assigned = new Int32Array(m.rows).fill(-1);
  if (m.rows === 0 || m.cols === 0) return assigned;
  let pairs: [number, number][];
  if (m.kind === "number") {
    const matrix: Float64Array[] = [];
    for (let r = 0; r < m.rows; r++) matrix.push(m.cost.subarray(r * m.cols, (r + 1) * m.cols));
    pairs = munkres(matrix);
  } else {
    const matrix: bigint[][] = [];
    for (let r = 0; r < m.rows; r++) matrix.push(m.cost.slice(r * m.cols, (r + 1) * m.cols));
    pairs = munkres(matrix);
  }
  for (const [r, c] of pairs) assigned[r] = c;
  return assigned;
}

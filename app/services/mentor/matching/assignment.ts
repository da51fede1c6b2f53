/**
 * The exact solver: a rectangular assignment (rows = mentees, columns = seats, a mentor with
 * capacity c gives c identical columns) solved by the Hungarian method of the `munkres` package.
 * The Hungarian method only adds, subtracts and compares costs, so with integer costs below 2^53
 * every step is exact; above that the same package runs on bigint.
 *
 * At city scale (1,000 × ~600 seats) the solve takes a few hundred milliseconds, so it runs in a
 * worker thread and the request thread stays free. The worker is created from a short inline
 * script (`eval: true`) that loads `munkres` by its resolved path: the Remix server build bundles
 * this file into build/index.js, so a worker file beside the source would not exist at run time.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { munkres } from "munkres";

/** A dense cost matrix to minimise, row-major. `bigint` when the numbers do not fit a double exactly. */
export type CostMatrix =
  | { kind: "number"; rows: number; cols: number; cost: Float64Array }
  | { kind: "bigint"; rows: number; cols: number; cost: readonly bigint[] };

/** Where to solve: in this thread, in a worker, or in a worker only when the matrix is large. */
export type SolveThread = "inline" | "worker" | "auto";

/** Above this many cells the solve goes to a worker ("auto"): about 200 mentees × 200 seats. */
export const WORKER_THRESHOLD_CELLS = 40_000;
const WORKER_TIMEOUT_MS = 120_000;

function toPairs(m: CostMatrix): [number, number][] {
  if (m.kind === "number") {
    const matrix: Float64Array[] = [];
    for (let r = 0; r < m.rows; r++) matrix.push(m.cost.subarray(r * m.cols, (r + 1) * m.cols));
    return munkres(matrix);
  }
  const matrix: bigint[][] = [];
  for (let r = 0; r < m.rows; r++) matrix.push(m.cost.slice(r * m.cols, (r + 1) * m.cols));
  return munkres(matrix);
}

/** For each row, the column assigned to it, or -1. Every row or every column is used, whichever is fewer. */
export function solveAssignment(m: CostMatrix): Int32Array {
  const assigned = new Int32Array(m.rows).fill(-1);
  if (m.rows === 0 || m.cols === 0) return assigned;
  for (const [r, c] of toPairs(m)) assigned[r] = c;
  return assigned;
}

// The worker's whole program. Not compiled, and it must not import our code. Only dynamic
// import(), so it runs the same whether Node evaluates it as CommonJS or as an ES module (a
// parent started with --input-type=module makes eval workers ES modules). A failure rejects
// the promise, which ends the worker with an 'error' event.
const WORKER_SOURCE = `
(async () => {
  const { parentPort, workerData } = await import("node:worker_threads");
  const { pathToFileURL } = await import("node:url");
  const { munkres } = await import(pathToFileURL(workerData.munkresPath).href);
  const { kind, rows, cols, cost } = workerData.matrix;
  const matrix = [];
  for (let r = 0; r < rows; r++) {
    matrix.push(kind === "number" ? cost.subarray(r * cols, (r + 1) * cols) : cost.slice(r * cols, (r + 1) * cols));
  }
  const assigned = new Int32Array(rows).fill(-1);
  for (const [r, c] of munkres(matrix)) assigned[r] = c;
  parentPort.postMessage(assigned, [assigned.buffer]);
})();
`;

let munkresPath: string | undefined;

/** The same as `solveAssignment`, in a worker thread that ends when the answer is back. */
export function solveAssignmentInWorker(m: CostMatrix): Promise<Int32Array> {
  if (m.rows === 0 || m.cols === 0) return Promise.resolve(new Int32Array(m.rows).fill(-1));
  munkresPath ??= createRequire(import.meta.url).resolve("munkres");
  // A copy of the costs moves to the worker (the caller's matrix stays usable).
  const numbers = m.kind === "number" ? new Float64Array(m.cost) : null;
  const matrix = numbers ? { ...m, cost: numbers } : m;
  const transfer = numbers ? [numbers.buffer] : [];
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { munkresPath, matrix }, transferList: transfer });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`matching solver did not finish within ${WORKER_TIMEOUT_MS} ms`))), WORKER_TIMEOUT_MS);
    worker.once("message", (assigned: Int32Array) => finish(() => resolve(assigned)));
    worker.once("error", (err) => finish(() => reject(err)));
    worker.once("exit", (code) => finish(() => reject(new Error(`matching solver worker exited with code ${code} before answering`))));
  });
}

export function solve(m: CostMatrix, thread: SolveThread = "auto"): Promise<Int32Array> {
  const offThread = thread === "worker" || (thread === "auto" && m.rows * m.cols > WORKER_THRESHOLD_CELLS);
  return offThread ? solveAssignmentInWorker(m) : Promise.resolve(solveAssignment(m));
}

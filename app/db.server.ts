// The data API for app code (decision 014): tables through `schema`, reads through
// `getDb()`, every write inside `immediate(async (tx) => …)`, and the small helpers that do
// each engine's part. The same code runs on the SQLite file and on PostgreSQL.
export {
  affected,
  dialect,
  epochMs,
  execute,
  first,
  forUpdate,
  getDb,
  immediate,
  isUniqueViolation,
  optimizeDatabase,
  rows,
  sqlFor,
  type Db,
  type Dialect,
  type Tx,
} from "../db/client";
export { schema } from "../db/tables";

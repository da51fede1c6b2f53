// Each test file gets its own freshly migrated SQLite file, so tests never share state
// with the demo database or with each other.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { migrateDatabase } from "./migrate";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kjp-test-"));
const file = path.join(dir, `test-${process.env.VITEST_POOL_ID ?? "0"}-${randomUUID()}.db`);
process.env.DATABASE_PATH = file;
process.env.DATA_DIR = dir;
migrateDatabase(file);

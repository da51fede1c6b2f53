// Each test file gets its own fresh database, so tests never share state with the demo
// database or with each other: on SQLite a freshly migrated file; on PostgreSQL (see
// db/test-global-setup.ts) a copy of the migrated template database. The environment is
// set before any module of the data layer loads (the dialect is fixed at first use).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, inject } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kjp-test-"));
process.env.DATA_DIR = dir;
const pgTemplate = inject("pgTemplate");

if (pgTemplate) {
  const { default: pg } = await import("pg");
  const name = `${pgTemplate.prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgTemplate.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate.template}`);
  await admin.end();
  const url = new URL(pgTemplate.adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  delete process.env.DATABASE_PATH;
} else {
  delete process.env.DATABASE_URL;
  const file = path.join(dir, `test-${process.env.VITEST_POOL_ID ?? "0"}-${randomUUID()}.db`);
  process.env.DATABASE_PATH = file;
  const { migrateSqliteFile } = await import("./migrate");
  migrateSqliteFile(file);
}

afterAll(async () => {
  const { closeDb } = await import("./client");
  await closeDb();
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("refuses to seed a database outside the data directory unless forced", () => {
  const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kjp-outside-")), "other.db");
  // A SQLite file: the run on PostgreSQL passes its database in DATABASE_URL, not meant here.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(os.tmpdir(), "kjp-data-dir"), DATABASE_PATH: outside };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  const run = spawnSync("npx", ["tsx", "seeds/demo.ts", "--employees", "60"], {
    env,
    encoding: "utf8",
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("データディレクトリ");
  expect(fs.existsSync(outside)).toBe(false);
}, 30_000);

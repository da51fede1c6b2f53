import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("refuses to seed a database outside the data directory unless forced", () => {
  const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kjp-outside-")), "other.db");
  const run = spawnSync("npx", ["tsx", "seeds/demo.ts", "--employees", "60"], {
    env: { ...process.env, DATA_DIR: path.join(os.tmpdir(), "kjp-data-dir"), DATABASE_PATH: outside },
    encoding: "utf8",
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("データディレクトリ");
  expect(fs.existsSync(outside)).toBe(false);
}, 30_000);

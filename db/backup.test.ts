import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { dialect } from "~/db.server";
import { auditAlone } from "~/services/audit/audit.server";
import { backupDataDir, backupDatabase } from "./backup";
import { RestoreRefused, restoreBackup, verifyBackup } from "./restore";
import { dataDir, defaultDatabasePath } from "./client";

// The SQLite file's own backup and restore; PostgreSQL uses pg_dump/pg_restore (README).
const onSqlite = dialect() === "sqlite";

it.runIf(onSqlite)("an online backup holds every committed row and passes integrity_check", async () => {
  await auditAlone({ actorId: null, action: "test.backup", outcome: "success" });
  const destination = path.join(dataDir(), "backups", "b.db");
  await backupDatabase(defaultDatabasePath(), destination);
  const copy = new Database(destination, { readonly: true });
  const row = copy.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'test.backup'").get() as { n: number };
  copy.close();
  expect(row.n).toBe(1);
  expect(fs.statSync(destination).size).toBeGreaterThan(0);
});

describe.runIf(onSqlite)("a backup directory: the database and the files it names, restorable as one set", () => {
  it("holds exactly the files its own snapshot names, restores them, and refuses a database in use", async () => {
    // An uploaded file that no row names (a save that failed) is not part of the set.
    // (Files that rows do name are covered end to end in e2e/backup-restore.e2e.ts.)
    const stray = "a".repeat(48);
    fs.mkdirSync(path.join(dataDir(), "uploads", "subsidy"), { recursive: true });
    fs.writeFileSync(path.join(dataDir(), "uploads", "subsidy", stray), "stray");
    const destination = path.join(dataDir(), "backups", "set");
    const manifest = await backupDataDir({ databasePath: defaultDatabasePath(), dataDir: dataDir(), destination });
    expect(manifest.files).toEqual([]);
    expect(fs.existsSync(path.join(destination, "uploads", "subsidy", stray))).toBe(false);
    expect(() => verifyBackup(destination)).not.toThrow();

    // Restoring over a database another connection has open is refused, and changes nothing.
    const target = path.join(dataDir(), "restore-target");
    fs.mkdirSync(target, { recursive: true });
    const live = new Database(path.join(target, "portal.db"));
    live.pragma("journal_mode = WAL");
    live.exec("CREATE TABLE marker (x)");
    live.prepare("SELECT * FROM marker").all();
    expect(() => restoreBackup({ backup: destination, databasePath: path.join(target, "portal.db"), dataDir: target })).toThrow(RestoreRefused);
    expect(live.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'marker'").get()).toEqual({ n: 1 });
    live.close();

    // Once nothing has it open, the old data is moved aside and the backup takes its place.
    const r = restoreBackup({ backup: destination, databasePath: path.join(target, "portal.db"), dataDir: target });
    expect(r.movedAsideTo).not.toBeNull();
    expect(fs.existsSync(path.join(r.movedAsideTo!, "portal.db"))).toBe(true);
    const restored = new Database(path.join(target, "portal.db"), { readonly: true });
    expect(restored.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'test.backup'").get()).toEqual({ n: 1 });
    restored.close();
  });

  it("refuses a backup whose file is missing or changed", async () => {
    const destination = path.join(dataDir(), "backups", "tampered");
    await backupDataDir({ databasePath: defaultDatabasePath(), dataDir: dataDir(), destination });
    fs.appendFileSync(path.join(destination, "portal.db"), "x");
    expect(() => verifyBackup(destination)).toThrow(/壊れている/);
  });
});

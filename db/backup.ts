// Online backup of the live database (SQLite's backup API: safe while the server runs).
//   npm run db:backup                 → data/backups/portal-YYYYMMDD-HHMMSS.db
//   npm run db:backup -- path/to.db   → that file
// Restore: stop the server, copy the backup over data/portal.db (delete portal.db-wal and
// portal.db-shm first), start the server.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { dataDir, defaultDatabasePath } from "./client";

export async function backupDatabase(source: string, destination: string): Promise<void> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
  const copy = new Database(destination, { readonly: true });
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`backup failed integrity_check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const destination = path.resolve(process.argv[2] ?? path.join(dataDir(), "backups", `portal-${stamp}.db`));
  await backupDatabase(defaultDatabasePath(), destination);
  console.log(`バックアップを作成しました: ${destination}`);
}

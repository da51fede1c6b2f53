// Online backup of the live data, safe while the server runs: the database and the uploaded
// files it names, as one set (docs/decisions/010-backup-and-restore.md).
//   npm run db:backup                 → data/backups/portal-YYYYMMDD-HHMMSS/
//   npm run db:backup -- path/to/dir  → that directory (must not exist yet)
// A backup directory holds portal.db, uploads/subsidy/<stored name> for every file row of
// that portal.db, and manifest.json (sizes and SHA-256 of everything). Restore it with
// `npm run db:restore -- <dir>` (db/restore.ts).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { dataDir, defaultDatabasePath } from "./client";
import { isPostgresUrl } from "./dialect";

export const BACKUP_DB = "portal.db";
export const MANIFEST = "manifest.json";
/** Where uploads live, relative to the data directory and to a backup directory alike. */
export const SUBSIDY_UPLOADS = path.join("uploads", "subsidy");
/** Stored names are 24 random bytes in hex (uploads.server.ts); nothing else is a path we copy. */
export const STORED_NAME = /^[0-9a-f]{48}$/;

export type Manifest = {
  format: 1;
  createdAt: string;
  database: { file: string; bytes: number; sha256: string };
  files: { path: string; bytes: number; sha256: string }[];
};

export function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Copies a file and flushes it to disk, so a backup (or restore) that says done is on disk. */
export function copyDurably(source: string, destination: string): void {
  fs.copyFileSync(source, destination, fs.constants.COPYFILE_EXCL);
  const fd = fs.openSync(destination, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function backupDatabase(source: string, destination: string): Promise<void> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    // All remaining pages in one step after the first: a step is one read transaction (it
    // never blocks the server's writers in WAL mode), and with few steps a busy server's
    // writes cannot keep restarting the copy.
    await db.backup(destination, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
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

/** The stored names of every uploaded file the database refers to (removed ones too: their bytes are kept). */
export function storedNamesIn(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const names = (db.prepare("SELECT stored_name AS n FROM subsidy_files ORDER BY stored_name").all() as { n: string }[]).map((r) => r.n);
    const bad = names.find((n) => !STORED_NAME.test(n));
    if (bad !== undefined) throw new Error(`subsidy_files に不正な保存名があります: ${JSON.stringify(bad)}`);
    return names;
  } finally {
    db.close();
  }
}

/**
 * The database first (one consistent snapshot), then exactly the files that snapshot names.
 * That order is what makes the set consistent: a file is written before the row that names
 * it is committed, and is never changed or deleted afterwards (random name, `wx`, removed
 * files keep their bytes), so every file the snapshot names is already complete on disk.
 * Files written after the snapshot belong to rows it does not have and are left out.
 * Written into `<destination>.partial` and renamed at the end: a directory with the final
 * name is always a complete backup.
 */
export async function backupDataDir(opts: { databasePath: string; dataDir: string; destination: string }): Promise<Manifest> {
  const destination = path.resolve(opts.destination);
  if (fs.existsSync(destination)) throw new Error(`バックアップ先がすでにあります: ${destination}`);
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.join(partial, SUBSIDY_UPLOADS), { recursive: true, mode: 0o700 });
  try {
    const dbCopy = path.join(partial, BACKUP_DB);
    await backupDatabase(opts.databasePath, dbCopy);
    const files: Manifest["files"] = [];
    const missing: string[] = [];
    for (const name of storedNamesIn(dbCopy)) {
      const rel = path.join(SUBSIDY_UPLOADS, name);
      const source = path.join(opts.dataDir, rel);
      if (!fs.existsSync(source)) {
        missing.push(name);
        continue;
      }
      copyDurably(source, path.join(partial, rel));
      files.push({ path: rel.split(path.sep).join("/"), bytes: fs.statSync(source).size, sha256: sha256(source) });
    }
    // A row whose bytes are gone means the live data is already damaged: say so rather
    // than hand over a backup that cannot be restored whole.
    if (missing.length) throw new Error(`データベースが参照するアップロードファイルが ${missing.length}件 見つかりません（例: ${missing[0]}）。`);
    const manifest: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      database: { file: BACKUP_DB, bytes: fs.statSync(dbCopy).size, sha256: sha256(dbCopy) },
      files,
    };
    fs.writeFileSync(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
    fsyncDir(path.join(partial, SUBSIDY_UPLOADS));
    fsyncDir(partial);
    fs.renameSync(partial, destination);
    fsyncDir(path.dirname(destination));
    return manifest;
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/** PostgreSQL is backed up with its own tools (README: pg_dump and the uploads directory). */
export const PG_BACKUP_HINT =
  "PostgreSQL のバックアップは pg_dump で行います（README「PostgreSQL で動かす」: pg_dump -Fc と DATA_DIR/uploads の写し）。";

if (import.meta.url === `file://${process.argv[1]}`) {
  if (isPostgresUrl(process.env.DATABASE_URL)) {
    console.error(PG_BACKUP_HINT);
    process.exit(2);
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const destination = path.resolve(process.argv[2] ?? path.join(dataDir(), "backups", `portal-${stamp}`));
  try {
    const manifest = await backupDataDir({ databasePath: defaultDatabasePath(), dataDir: dataDir(), destination });
    console.log(`バックアップを作成しました: ${destination}（データベースとアップロードファイル ${manifest.files.length}件）`);
  } catch (err) {
    console.error(`バックアップに失敗しました: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

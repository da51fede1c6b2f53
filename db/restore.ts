// Restore a backup made by `npm run db:backup` into the data directory (DATA_DIR):
//   npm run db:restore -- data/backups/portal-YYYYMMDD-HHMMSS
// Refuses while any process (the server, a seed, a sqlite shell) has the current database
// open; data already there is moved aside to <DATA_DIR>/pre-restore-<time>/, never deleted.
// See docs/decisions/010-backup-and-restore.md.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BACKUP_DB, MANIFEST, STORED_NAME, SUBSIDY_UPLOADS, copyDurably, fsyncDir, sha256, storedNamesIn, type Manifest } from "./backup";
import { dataDir, defaultDatabasePath } from "./client";
import { isPostgresUrl } from "./dialect";

export class RestoreRefused extends Error {}

/** Checks a backup directory against its manifest and its own database before anything is touched. */
export function verifyBackup(dir: string): Manifest {
  const manifestFile = path.join(dir, MANIFEST);
  if (!fs.existsSync(manifestFile)) {
    throw new RestoreRefused(`${dir} は db:backup のバックアップではありません（${MANIFEST} がありません）。`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
  if (manifest.format !== 1) throw new RestoreRefused(`対応していないバックアップ形式です: ${String(manifest.format)}`);
  const dbFile = path.join(dir, BACKUP_DB);
  if (!fs.existsSync(dbFile) || sha256(dbFile) !== manifest.database.sha256) throw new RestoreRefused("バックアップのデータベースが壊れているか、作成時と異なります。");
  const copy = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new RestoreRefused(`バックアップのデータベースが integrity_check に失敗しました: ${String(check)}`);
  } finally {
    copy.close();
  }
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const name of storedNamesIn(dbFile)) {
    const rel = `${SUBSIDY_UPLOADS.split(path.sep).join("/")}/${name}`;
    const entry = listed.get(rel);
    const file = path.join(dir, rel);
    if (!entry || !fs.existsSync(file) || sha256(file) !== entry.sha256) {
      throw new RestoreRefused(`バックアップに、データベースが参照するファイルが欠けているか壊れています: ${rel}`);
    }
  }
  return manifest;
}

/**
 * Takes an exclusive lock on the current database, or refuses. Every connection that has
 * read a WAL database holds a shared lock on it for as long as it stays open, so a running
 * server that has served a request makes this fail at once (timeout 0). The operating
 * system drops those locks when a process ends, even by kill -9, so unlike a pid file it
 * is never stale, and unlike a port check it does not depend on how the server was started.
 * The lock is kept (locking_mode=EXCLUSIVE) until the swap is done and the guard closed.
 */
function lockCurrentDatabase(file: string): Database.Database | null {
  if (!fs.existsSync(file)) return null;
  const guard = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    guard.pragma("locking_mode = EXCLUSIVE");
    guard.exec("BEGIN EXCLUSIVE");
    guard.exec("COMMIT");
    // Fold the WAL into the file, so what is moved aside is complete in portal.db alone.
    guard.pragma("wal_checkpoint(TRUNCATE)");
    return guard;
  } catch (err) {
    guard.close();
    if ((err as { code?: string }).code === "SQLITE_BUSY" || (err as { code?: string }).code === "SQLITE_LOCKED") {
      throw new RestoreRefused(
        `${file} は使用中です（サーバーなどが開いています）。稼働中のサーバーのデータは上書きしません。サーバーを停止してから、もう一度実行してください。`,
      );
    }
    throw err;
  }
}

export function restoreBackup(opts: { backup: string; databasePath: string; dataDir: string; now?: Date }): { movedAsideTo: string | null; files: number } {
  const backup = path.resolve(opts.backup);
  const manifest = verifyBackup(backup);
  const target = path.resolve(opts.databasePath);
  const data = path.resolve(opts.dataDir);
  fs.mkdirSync(data, { recursive: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });

  const guard = lockCurrentDatabase(target);
  const stamp = (opts.now ?? new Date()).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const staging = path.join(data, `.restoring-${stamp}`);
  let movedAsideTo: string | null = null;
  try {
    // 1. Stage the whole backup next to its destination (same file system, so the final
    //    step is renames only).
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(path.join(staging, SUBSIDY_UPLOADS), { recursive: true, mode: 0o700 });
    copyDurably(path.join(backup, BACKUP_DB), path.join(staging, BACKUP_DB));
    for (const f of manifest.files) {
      const name = path.basename(f.path);
      if (!STORED_NAME.test(name)) throw new RestoreRefused(`不正なファイル名がマニフェストにあります: ${f.path}`);
      copyDurably(path.join(backup, SUBSIDY_UPLOADS, name), path.join(staging, SUBSIDY_UPLOADS, name));
      fs.chmodSync(path.join(staging, SUBSIDY_UPLOADS, name), 0o600);
    }
    fsyncDir(path.join(staging, SUBSIDY_UPLOADS));

    // 2. Move whatever is there aside (kept, in case the wrong backup was chosen).
    const current = [target, `${target}-wal`, `${target}-shm`].filter((f) => fs.existsSync(f));
    const uploads = path.join(data, "uploads");
    if (current.length || fs.existsSync(uploads)) {
      movedAsideTo = path.join(data, `pre-restore-${stamp}`);
      fs.mkdirSync(movedAsideTo, { recursive: true, mode: 0o700 });
      for (const f of current) fs.renameSync(f, path.join(movedAsideTo, path.basename(f)));
      if (fs.existsSync(uploads)) fs.renameSync(uploads, path.join(movedAsideTo, "uploads"));
    }
    // Let go of the old database before the new one takes its name: closing checkpoints
    // into the moved file (by its descriptor) and removes a WAL by the old *name*, which
    // would be the restored database's once it is in place.
    guard?.close();

    // 3. Put the backup in place.
    fs.renameSync(path.join(staging, "uploads"), uploads);
    fs.renameSync(path.join(staging, BACKUP_DB), target);
    fsyncDir(data);
    if (path.dirname(target) !== data) fsyncDir(path.dirname(target));
    return { movedAsideTo, files: manifest.files.length };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    if (guard?.open) guard.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (isPostgresUrl(process.env.DATABASE_URL)) {
    console.error("PostgreSQL の復元は pg_restore で行います（README「PostgreSQL で動かす」）。");
    process.exit(2);
  }
  const backup = process.argv[2];
  if (!backup) {
    console.error("使い方: npm run db:restore -- <バックアップのディレクトリ>（例: data/backups/portal-20261201-093000）");
    process.exit(2);
  }
  try {
    const r = restoreBackup({ backup, databasePath: defaultDatabasePath(), dataDir: dataDir() });
    console.log(`復元しました: ${path.resolve(backup)} → ${dataDir()}（アップロードファイル ${r.files}件）`);
    if (r.movedAsideTo) console.log(`それまでのデータは ${r.movedAsideTo} に移しました（不要なら削除してください）。`);
  } catch (err) {
    console.error(`復元できませんでした: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

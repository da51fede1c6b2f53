// npm run db:backup while applications with receipts are being written, npm run db:restore
// into a fresh data directory, a second server on the restored data: every file of every
// application downloads, byte for byte (issue 10, item 9). And a restore over the running
// e2e server's data is refused.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { BASE_URL, E2E_DATA_DIR } from "./env";
import { DEMO, createSession, createTestEmployee, e2eDb, expect, test } from "./fixtures";

const ROOT = path.resolve(import.meta.dirname, "..");
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f40000000049454e44ae426082",
  "hex",
);
/** A small PDF, different every time (a comment after %%EOF), so every stored file is its own. */
const pdf = () => Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n%${randomBytes(16).toString("hex")}\n`);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs an npm script's entry the way `npm run` does, against a given data directory. */
function run(script: "db/backup.ts" | "db/restore.ts", args: string[], dataDir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_PATH;
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

test("a backup taken under write load restores with every uploaded file, and never over a running server", async () => {
  test.setTimeout(180_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "kjp-restore-e2e-"));
  const backupDir = path.join(work, "backup");
  const restoredDir = path.join(work, "restored");
  let server: ChildProcess | undefined;
  try {
    const certification = (e2eDb().prepare("SELECT id FROM subsidy_certifications WHERE name = '基本情報技術者'").get() as { id: number }).id;

    // Write load: four employees keep saving applications with a receipt and a proof of
    // pass, each one a new application, until the backup has finished.
    let backupDone = false;
    const written: string[] = [];
    const writer = async () => {
      const me = await createTestEmployee({ supervisorStaffNumber: DEMO.supervisor });
      const cookie = `kjp_session=${createSession(me.staffNumber)}`;
      while (!backupDone || written.length < 8) {
        // Plain fetch, not Playwright's request context: its one cookie jar would be shared
        // by the four writers.
        const form = new FormData();
        for (const [k, v] of Object.entries({ intent: "save", token: randomUUID(), certification: String(certification), examDate: "2026-10-18", passDate: "2026-11-20", examCost: "7,500" })) form.set(k, v);
        form.set("receipt", new Blob([pdf()], { type: "application/pdf" }), "receipt.pdf");
        form.set("proof", new Blob([PNG], { type: "image/png" }), "proof.png");
        const res = await fetch(`${BASE_URL}/subsidy/new`, { method: "POST", headers: { Cookie: cookie, Origin: BASE_URL }, body: form, redirect: "manual" });
        expect(res.status, await res.text()).toBe(302);
        const id = /\/subsidy\/([0-9a-f-]{36})/.exec(res.headers.get("location") ?? "")?.[1];
        expect(id).toBeTruthy();
        written.push(id!);
      }
    };
    const writers = Promise.all([writer(), writer(), writer(), writer()]);
    await expect.poll(() => written.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    const before = written.length;
    const backup = await run("db/backup.ts", [backupDir], E2E_DATA_DIR);
    backupDone = true;
    await writers;
    expect(backup.code, backup.out).toBe(0);
    expect(written.length).toBeGreaterThan(before);

    // The running e2e server's data is never overwritten.
    const refused = await run("db/restore.ts", [backupDir], E2E_DATA_DIR);
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toContain("使用中");
    expect(fs.readdirSync(E2E_DATA_DIR).filter((f) => f.startsWith("pre-restore-"))).toEqual([]);

    // Into a fresh data directory.
    const restored = await run("db/restore.ts", [backupDir], restoredDir);
    expect(restored.code, restored.out).toBe(0);

    // The restored database holds the applications saved before the backup, each whole.
    const db = new Database(path.join(restoredDir, "portal.db"));
    db.pragma("busy_timeout = 5000");
    const files = db
      .prepare(
        `SELECT f.id, f.stored_name AS storedName, f.removed_at AS removedAt, a.id AS applicationId, a.applicant_id AS applicantId, e.disabled_at AS disabledAt
         FROM subsidy_files f JOIN subsidy_applications a ON a.id = f.application_id JOIN employees e ON e.id = a.applicant_id`,
      )
      .all() as { id: string; storedName: string; removedAt: number | null; applicationId: string; applicantId: string; disabledAt: number | null }[];
    const restoredApps = new Set(files.map((f) => f.applicationId));
    const ours = written.filter((id) => restoredApps.has(id));
    expect(ours.length).toBeGreaterThanOrEqual(before);
    for (const id of ours) expect(files.filter((f) => f.applicationId === id)).toHaveLength(2);
    const session = db.prepare("INSERT INTO auth_sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)");
    const cookies = new Map<string, string>();
    const cookieFor = (userId: string) => {
      if (!cookies.has(userId)) {
        const sid = randomBytes(20).toString("hex");
        session.run(sid, userId, Math.floor(Date.now() / 1000) + 3600, Date.now());
        cookies.set(userId, `kjp_session=${sid}`);
      }
      return cookies.get(userId)!;
    };
    const hrDev = (db.prepare("SELECT id FROM employees WHERE staff_number = ?").get(DEMO.hrDev) as { id: string }).id;

    // A server on the restored data: every file of every application downloads, with the
    // bytes the live server stored.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: restoredDir, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" };
    delete env.DATABASE_PATH;
    server = spawn(process.execPath, ["server.mjs"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
    await expect.poll(async () => (await fetch(`${base}/login`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    for (const f of files) {
      const original = fs.readFileSync(path.join(E2E_DATA_DIR, "uploads", "subsidy", f.storedName));
      if (f.removedAt !== null) {
        // Removed files are not served, but their bytes are kept, in the backup too.
        expect(sha(fs.readFileSync(path.join(restoredDir, "uploads", "subsidy", f.storedName)))).toBe(sha(original));
        continue;
      }
      const res = await fetch(`${base}/subsidy/files/${f.id}`, { headers: { Cookie: cookieFor(f.disabledAt === null ? f.applicantId : hrDev) } });
      expect(res.status, `file ${f.id} of application ${f.applicationId}`).toBe(200);
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(original));
    }
    db.close();
    // Nothing of the live data dir leaked in beyond what the backup's database names.
    expect(fs.readdirSync(path.join(restoredDir, "uploads", "subsidy")).sort()).toEqual(files.map((f) => f.storedName).sort());
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
});

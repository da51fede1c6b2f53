// Proof (issue 18): two portal processes on two ports against one PostgreSQL.
//   npm run build && npm run proof:two-servers
// 1. A person logged in on server A is logged in on server B (the session is in the database).
// 2. Logins (each one a committed session row and audit line) alternate between A and B from
//    several clients; A is killed with SIGKILL in the middle. Every login that was answered
//    with a session cookie must be in the database exactly once afterwards.
// Uses TEST_DATABASE_URL's server when set, else a throwaway cluster (db/pg-cluster.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { hash } from "@node-rs/argon2";
import { startCluster } from "../pg-cluster";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "kawasaki2026";

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

async function waitUp(base: string, server: ChildProcess): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode})`);
    try {
      if ((await fetch(`${base}/login`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${base} did not start`);
}

/** Logs in; the session id when the server answered with a cookie, else null. */
async function login(base: string, staffNumber: string): Promise<string | null> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, "Sec-Fetch-Site": "same-origin" },
    body: new URLSearchParams({ staffNumber, password: PASSWORD }),
    signal: AbortSignal.timeout(20_000),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("kjp_session=") && !c.startsWith("kjp_session=;"));
  if (res.status !== 302 || !cookie) return null;
  return cookie.slice("kjp_session=".length).split(";")[0]!;
}

const given = process.env.TEST_DATABASE_URL;
const cluster = given ? undefined : await startCluster();
const adminUrl = given ?? cluster!.url;
const dbName = `kjp_two_${process.pid}`;
const servers: ChildProcess[] = [];
let failed = false;
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? "OK  " : "FAIL"} ${what}`);
  if (!ok) failed = true;
};

try {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();

  // Migrate and write the core of the demo city in this process, on that database.
  process.env.DATABASE_URL = databaseUrl;
  const { migrateDatabase } = await import("../migrate");
  await migrateDatabase();
  const { immediate, closeDb } = await import("../client");
  const { generateCity, DEMO_ACCOUNTS } = await import("../../seeds/org");
  const { writeCity } = await import("../../seeds/write-org");
  const passwordHash = await hash(PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  await immediate((tx) => writeCity(tx, generateCity(100), passwordHash));
  await closeDb();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kjp-two-"));
  const bases: string[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const server = spawn(process.execPath, ["server.mjs"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        INSECURE_COOKIES: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        MAIL_SENDER: "off",
        DUE_WORK_INTERVAL_MS: "3600000",
      },
    });
    servers.push(server);
    bases.push(`http://127.0.0.1:${port}`);
  }
  await Promise.all(bases.map((b, i) => waitUp(b, servers[i]!)));
  const [a, b] = bases as [string, string];

  // 1. Logged in on A → logged in on B.
  const me = DEMO_ACCOUNTS.employee;
  const sid = await login(a, me.staffNumber);
  check(sid !== null, "login on server A answers with a session cookie");
  const home = await fetch(`${b}/`, { headers: { Cookie: `kjp_session=${sid}` }, redirect: "manual" });
  check(home.status === 200 && (await home.text()).includes(me.name), "the same cookie on server B shows the person's home page");
  const anon = await fetch(`${b}/`, { redirect: "manual" });
  check(anon.status === 302, "server B without the cookie sends to the login page");

  // 2. Logins alternating between A and B; A killed with SIGKILL under the load.
  const people = [DEMO_ACCOUNTS.employee, DEMO_ACCOUNTS.supervisor, DEMO_ACCOUNTS.hrDev, DEMO_ACCOUNTS.welfare].map((p) => p.staffNumber);
  const acked: string[] = [];
  let refused = 0;
  let stop = false;
  const clients = people.map(async (staffNumber, c) => {
    for (let n = 0; !stop; n++) {
      const base = (n + c) % 2 === 0 ? a : b;
      try {
        const id = await login(base, staffNumber);
        if (id) acked.push(id);
        else refused++;
      } catch {
        refused++; // connection refused or reset: not acknowledged
      }
    }
  });
  await new Promise((r) => setTimeout(r, 4_000));
  const beforeKill = acked.length;
  servers[0]!.kill("SIGKILL");
  await new Promise((r) => setTimeout(r, 4_000));
  stop = true;
  await Promise.all(clients);
  check(beforeKill > 0 && acked.length > beforeKill, `logins acknowledged: ${beforeKill} before the kill, ${acked.length} in all (${refused} not acknowledged)`);

  const reader = new pg.Client({ connectionString: databaseUrl });
  await reader.connect();
  const { rows } = await reader.query<{ id: string; n: number }>("SELECT id, count(*)::int AS n FROM auth_sessions WHERE id = ANY($1) GROUP BY id", [acked]);
  await reader.end();
  const present = new Map(rows.map((r) => [r.id, r.n]));
  check(acked.every((id) => present.get(id) === 1), `every acknowledged login's session is in the database exactly once (${present.size}/${acked.length})`);
} finally {
  for (const s of servers) if (s.exitCode === null) s.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  } finally {
    cluster?.stop();
  }
}
process.exit(failed ? 1 : 0);

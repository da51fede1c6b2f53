// A throwaway PostgreSQL cluster for tests and local tries: initdb into a temporary
// directory, listen on 127.0.0.1 at a free port, trust auth, no fsync (test data only).
// initdb refuses to run as root, so as root the cluster runs as the `postgres` user that
// Debian's package creates (runuser); as anyone else, as that user.
//
//   tsx db/pg-cluster.ts run -- <command …>   start, run the command with TEST_DATABASE_URL, stop
//   tsx db/pg-cluster.ts start                start and print the URL and the stop command
//   tsx db/pg-cluster.ts stop <dir>           stop and remove a started cluster
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type Cluster = { url: string; dir: string; port: number; stop: () => void };

/** Where pg_ctl lives: PG_BIN, Debian's /usr/lib/postgresql/<newest>/bin, or the PATH. */
export function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, "bin", "pg_ctl")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], "bin");
  }
  const found = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (found) return path.dirname(found);
  throw new Error("PostgreSQL が見つかりません（apt-get install -y postgresql、または PG_BIN を設定）");
}

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

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the unprivileged user when we are root. */
function pgRun(bin: string, args: string[]): void {
  const file = path.join(pgBin(), bin);
  if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", file, ...args], { stdio: ["ignore", "ignore", "inherit"] });
  else execFileSync(file, args, { stdio: ["ignore", "ignore", "inherit"] });
}

export async function startCluster(): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kjp-pg-"));
  const data = path.join(dir, "data");
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  pgRun("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-h 127.0.0.1",
    `-k ${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
  ].join(" ");
  pgRun("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      pgRun("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, port, stop };
}

export function stopCluster(dir: string): void {
  const data = path.join(dir, "data");
  try {
    pgRun("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "run") {
    const args = rest[0] === "--" ? rest.slice(1) : rest;
    if (!args[0]) throw new Error("usage: tsx db/pg-cluster.ts run -- <command …>");
    const given = process.env.TEST_DATABASE_URL;
    const cluster = given ? undefined : await startCluster();
    const url = given ?? cluster!.url;
    const child = spawn(args[0], args.slice(1), { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: url } });
    const stopAndExit = (code: number) => {
      cluster?.stop();
      process.exit(code);
    };
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    child.on("exit", (code, signal) => stopAndExit(code ?? (signal ? 1 : 0)));
  } else if (command === "start") {
    const cluster = await startCluster();
    console.log(`DATABASE_URL=${cluster.url}`);
    console.log(`止める: npx tsx db/pg-cluster.ts stop ${cluster.dir}`);
  } else if (command === "stop" && rest[0]) {
    stopCluster(rest[0]);
  } else {
    console.error("usage: tsx db/pg-cluster.ts run -- <command …> | start | stop <dir>");
    process.exit(2);
  }
}

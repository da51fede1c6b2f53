import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import pg from "pg";
import { BASE_URL, E2E_DB_PATH, E2E_ENGINE, E2E_PG_URL_FILE } from "./env";

const SHOTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(import.meta.dirname, ".artifacts"), "screenshots");

export { expect };

/** The seeded demo accounts (see seeds/org.ts and README). */
export const DEMO = {
  employee: "100001",
  supervisor: "100002",
  hrDev: "100003",
  hrPersonnel: "100004",
  welfare: "100005",
  admin: "100009",
  consultant: "900001",
} as const;
export const DEMO_PASSWORD = "kawasaki2026";

/** A value a spec binds: booleans and instants are written the way each engine stores them. */
export type Param = string | number | boolean | Date | null;

/**
 * The e2e server's own database, for arranging state and checking what was written, on
 * either engine: better-sqlite3 on the SQLite file, a small pg pool on the PostgreSQL run's
 * cluster. Placeholders are `?`. Give booleans as true/false and instants as Date (SQLite
 * keeps 0/1 and epoch milliseconds, PostgreSQL boolean and timestamptz); quote aliases in
 * mixed case (`AS "employeeId"`: PostgreSQL folds unquoted names to lower case); take a new
 * row's id with `RETURNING id`. Rows come back as the engine reads them (a timestamptz as a
 * Date), counts and bigints as numbers on both.
 */
export const sql = {
  /** The first row; a spec that expects one and finds none fails here, saying which query. */
  async one<T>(text: string, params: Param[] = []): Promise<T> {
    const [row] = await sql.all<T>(text, params);
    if (row === undefined) throw new Error(`no row: ${text}`);
    return row;
  },
  async all<T>(text: string, params: Param[] = []): Promise<T[]> {
    if (E2E_ENGINE === "pg") return (await pgPool().query(numbered(text), params)).rows as T[];
    const statement = e2eDb().prepare(text);
    const values = params.map(sqliteValue);
    return (statement.reader ? statement.all(...values) : (statement.run(...values), [])) as T[];
  },
  /** A write; the number of rows it changed. */
  async run(text: string, params: Param[] = []): Promise<number> {
    if (E2E_ENGINE === "pg") return (await pgPool().query(numbered(text), params)).rowCount ?? 0;
    return e2eDb().prepare(text).run(...params.map(sqliteValue)).changes;
  },
};

function sqliteValue(v: Param): string | number | null {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return v;
}

/** `?` → `$1, $2, …` outside string literals. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|\?/g, (m) => (m === "?" ? `$${++n}` : m));
}

let pool: pg.Pool | undefined;
function pgPool(): pg.Pool {
  if (!pool) {
    // Written by e2e/start-server-pg.ts before the portal starts; tests run once it answers.
    const url = fs.readFileSync(E2E_PG_URL_FILE, "utf8").trim();
    // As db/client.ts: int8 (count(*), bigint ids and epoch columns) and numeric as numbers.
    const types = {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    };
    pool = new pg.Pool({ connectionString: url, max: 4, types, allowExitOnIdle: true });
  }
  return pool;
}

let db: Database.Database | undefined;
/**
 * The SQLite file itself, synchronously, for the specs that run on SQLite only. Specs of the
 * PostgreSQL run use `sql` and the async helpers below.
 */
export function e2eDb(): Database.Database {
  if (E2E_ENGINE === "pg") throw new Error("e2eDb() is the SQLite file: in the PostgreSQL run use sql.one/all/run");
  if (!db) {
    db = new Database(E2E_DB_PATH);
    db.pragma("busy_timeout = 5000");
  }
  return db;
}

/** The employee's id, synchronously (SQLite only; on both engines: `idOf`). */
export function employeeId(staffNumber: string): string {
  const row = e2eDb().prepare("SELECT id FROM employees WHERE staff_number = ?").get(staffNumber) as { id: string } | undefined;
  if (!row) throw new Error(`no employee ${staffNumber}`);
  return row.id;
}

/** The employee's id, on either engine. */
export async function idOf(staffNumber: string): Promise<string> {
  const rows = await sql.all<{ id: string }>("SELECT id FROM employees WHERE staff_number = ?", [staffNumber]);
  if (!rows[0]) throw new Error(`no employee ${staffNumber}`);
  return rows[0].id;
}

/** A new login session row (as lucia writes it: expiry in unix seconds, created in ms). */
function sessionRow(userId: string): Param[] {
  const now = Date.now();
  return [randomBytes(20).toString("hex"), userId, Math.floor(now / 1000) + 2 * 60 * 60, now];
}
const INSERT_SESSION = "INSERT INTO auth_sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)";

/** Creates a login session directly (as lucia would) and returns its cookie value, synchronously (SQLite only; on both engines: `sessionFor`). */
export function createSession(staffNumber: string): string {
  const row = sessionRow(employeeId(staffNumber));
  e2eDb().prepare(INSERT_SESSION).run(...row.map(sqliteValue));
  return row[0] as string;
}

/** Creates a login session directly (as lucia would) and returns its cookie value, on either engine. */
export async function sessionFor(staffNumber: string): Promise<string> {
  const row = sessionRow(await idOf(staffNumber));
  await sql.run(INSERT_SESSION, row);
  return row[0] as string;
}

export async function useSession(context: BrowserContext, staffNumber: string): Promise<void> {
  await context.addCookies([{ name: "kjp_session", value: await sessionFor(staffNumber), url: BASE_URL }]);
}

/** Logs in through the real login form. */
export async function loginWithForm(page: Page, staffNumber: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("職員番号").fill(staffNumber);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
}

/** A fresh personnel employee (with a password) that no other test touches. */
export async function createTestEmployee(opts: { supervisorStaffNumber?: string; password?: string; rank?: string } = {}) {
  const passwordHash = opts.password ? await hash(opts.password) : null;
  // A random number out of 100,000 collides now and then over a run's ~150 test people
  // (the birthday problem: about one run in ten), so a taken number is drawn again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertTestEmployee(String(700000 + Math.floor(Math.random() * 99999)), passwordHash, opts);
    } catch (err) {
      const code = (err as { code?: string }).code;
      const unique = code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
      const taken = unique && String((err as { message?: string }).message).includes("staff_number");
      if (!taken || attempt >= 20) throw err;
    }
  }
}

async function insertTestEmployee(staffNumber: string, passwordHash: string | null, opts: { supervisorStaffNumber?: string; rank?: string }) {
  const id = randomUUID();
  const org = await sql.one<{ o: number }>("SELECT org_unit_id AS o FROM employees WHERE staff_number = ?", [DEMO.employee]);
  await sql.run(
    `INSERT INTO employees (id, staff_number, name, kana, org_unit_id, rank, job_category, employment_type, hired_on, rank_since, birth_year, source, password_hash, supervisor_id)
     VALUES (?, ?, ?, ?, ?, ?, '行政事務', '正規', '2020-04-01', '2020-04-01', 1995, 'personnel', ?, ?)`,
    [
      id,
      staffNumber,
      `試験 職員${staffNumber}`,
      "シケン ショクイン",
      org.o,
      opts.rank ?? "一般職員",
      passwordHash,
      opts.supervisorStaffNumber ? await idOf(opts.supervisorStaffNumber) : null,
    ],
  );
  return { id, staffNumber, name: `試験 職員${staffNumber}` };
}

export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A new browser context signed in as `staffNumber` (a session made directly), and its page. */
export async function pageAs(browser: Browser, staffNumber: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(opts);
  await context.addCookies([{ name: "kjp_session", value: await sessionFor(staffNumber), url: BASE_URL }]);
  return context.newPage();
}

/**
 * Screenshots at 1280 and 360 px (`<name>-<width>.png` in the artifacts), and no sideways
 * scroll at 360; a failure names what sticks out (tables scroll inside their own region).
 */
export async function shootBothWidths(page: Page, name: string): Promise<void> {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    if (width === 360) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((e) => !e.closest(".table-scroll") && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`),
      );
      expect(overflow, `${name} scrolls sideways at 360px: ${wide.join(", ")}`).toBeLessThanOrEqual(0);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

export const test = base;

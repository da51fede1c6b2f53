import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { BASE_URL, E2E_DB_PATH } from "./env";

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

let db: Database.Database | undefined;
/** The e2e server's own database, for arranging state and checking what was written. */
export function e2eDb(): Database.Database {
  if (!db) {
    db = new Database(E2E_DB_PATH);
    db.pragma("busy_timeout = 5000");
  }
  return db;
}

export function employeeId(staffNumber: string): string {
  const row = e2eDb().prepare("SELECT id FROM employees WHERE staff_number = ?").get(staffNumber) as { id: string } | undefined;
  if (!row) throw new Error(`no employee ${staffNumber}`);
  return row.id;
}

/** Creates a login session directly (as lucia would) and returns its cookie value. */
export function createSession(staffNumber: string): string {
  const id = randomBytes(20).toString("hex");
  const now = Date.now();
  e2eDb()
    .prepare("INSERT INTO auth_sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)")
    .run(id, employeeId(staffNumber), Math.floor(now / 1000) + 2 * 60 * 60, now);
  return id;
}

export async function useSession(context: BrowserContext, staffNumber: string): Promise<void> {
  await context.addCookies([{ name: "kjp_session", value: createSession(staffNumber), url: BASE_URL }]);
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
      return insertTestEmployee(String(700000 + Math.floor(Math.random() * 99999)), passwordHash, opts);
    } catch (err) {
      const taken = (err as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE" && String(err).includes("staff_number");
      if (!taken || attempt >= 20) throw err;
    }
  }
}

function insertTestEmployee(staffNumber: string, passwordHash: string | null, opts: { supervisorStaffNumber?: string; rank?: string }) {
  const id = randomUUID();
  const org = e2eDb().prepare("SELECT org_unit_id AS o FROM employees WHERE staff_number = ?").get(DEMO.employee) as { o: number };
  e2eDb()
    .prepare(
      `INSERT INTO employees (id, staff_number, name, kana, org_unit_id, rank, job_category, employment_type, hired_on, rank_since, birth_year, source, password_hash, supervisor_id)
       VALUES (?, ?, ?, ?, ?, ?, '行政事務', '正規', '2020-04-01', '2020-04-01', 1995, 'personnel', ?, ?)`,
    )
    .run(
      id,
      staffNumber,
      `試験 職員${staffNumber}`,
      "シケン ショクイン",
      org.o,
      opts.rank ?? "一般職員",
      passwordHash,
      opts.supervisorStaffNumber ? employeeId(opts.supervisorStaffNumber) : null,
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
  await context.addCookies([{ name: "kjp_session", value: createSession(staffNumber), url: BASE_URL }]);
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

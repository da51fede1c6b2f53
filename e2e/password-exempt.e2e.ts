import Database from "better-sqlite3";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { E2E_STRICT_DATA_DIR, OIDC_ISSUER, STRICT_BASE_URL } from "./env";

// The second portal of the run: PASSWORD_LOGIN=exempt-only, PASSWORD_LOGIN_BREAK_GLASS=100009.
test.use({ baseURL: STRICT_BASE_URL });

const SSO_ONLY = "このアカウントは、パスワードではログインできません。「川崎市のアカウントでサインイン」からサインインしてください。";

function sessionsOf(staffNumber: string): number {
  const db = new Database(path.join(E2E_STRICT_DATA_DIR, "portal.db"), { readonly: true });
  try {
    const row = db
      .prepare("SELECT count(*) AS n FROM auth_sessions s JOIN employees e ON e.id = s.user_id WHERE e.staff_number = ?")
      .get(staffNumber) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

async function passwordLogin(page: Page, staffNumber: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("職員番号").fill(staffNumber);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
}

test("a city employee's right password is refused and points to the city account; a wrong one gets the usual message", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("link", { name: "川崎市のアカウントでサインイン" })).toBeVisible();
  await expect(page.locator(".login")).toContainText("外部のキャリアコンサルタントと、緊急用の管理者アカウントの方だけが使えます。");
  await expectNoSeriousA11yViolations(page);

  await passwordLogin(page, DEMO.employee);
  await expect(page.getByRole("alert")).toHaveText(SSO_ONLY);
  await expect(page.getByLabel("職員番号")).toHaveValue(DEMO.employee);
  expect(sessionsOf(DEMO.employee)).toBe(0);
  await passwordLogin(page, DEMO.employee, "wrong-password");
  await expect(page.getByRole("alert")).toHaveText("職員番号またはパスワードが正しくありません。");
  // A role in the portal (here 人材育成課) is no exemption either.
  await passwordLogin(page, DEMO.hrDev);
  await expect(page.getByRole("alert")).toHaveText(SSO_ONLY);

  // The city account is their way in.
  await page.getByRole("link", { name: "川崎市のアカウントでサインイン" }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/authorize`));
  await page.getByLabel("サインイン名").fill(`${DEMO.employee}@city.kawasaki.jp`);
  await page.getByLabel("employeeid クレーム").fill(DEMO.employee);
  await page.getByRole("button", { name: "サインイン", exact: true }).click();
  await expect(page.locator("header")).toContainText("川崎 花子");
});

test("the external consultant and the break-glass admin keep their password login", async ({ browser }) => {
  for (const [staffNumber, name] of [
    [DEMO.consultant, "岡本 奈美"],
    [DEMO.admin, "幸 誠"],
  ] as const) {
    const context = await browser.newContext({ baseURL: STRICT_BASE_URL });
    const page = await context.newPage();
    await passwordLogin(page, staffNumber);
    await expect(page.locator("header")).toContainText(name);
    await context.close();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the refusal shows as plain HTML", async ({ page }) => {
    await passwordLogin(page, DEMO.supervisor);
    await expect(page.getByRole("alert")).toHaveText(SSO_ONLY);
    expect(sessionsOf(DEMO.supervisor)).toBe(0);
  });
});

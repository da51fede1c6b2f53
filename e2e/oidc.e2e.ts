import type { Page } from "@playwright/test";
import { DEMO, createTestEmployee, e2eDb, employeeId, expect, expectNoSeriousA11yViolations, test, useSession } from "./fixtures";
import { OIDC_ISSUER } from "./env";

// Single sign-on with 川崎市のアカウント against a real OpenID Connect provider on loopback
// (e2e/oidc-provider.mjs, started by the run). The portal under test has OIDC_* set and
// password login still on for everyone, as in playwright.config.ts.

const REFUSED = {
  failed:
    "川崎市のアカウントでのサインインを確認できませんでした。もう一度お試しください。続く場合は所属のシステム担当にお問い合わせください。",
  notRegistered:
    "このアカウントは、ポータルの利用者として登録されていないか、利用が停止されています。所属のシステム担当にお問い合わせください。",
  expired:
    "サインインの手続きが無効か、有効期限が切れています。もう一度「川崎市のアカウントでサインイン」からやり直してください。",
  cancelled: "サインインが取り消されました。",
};

type Change = "none" | "wrong-audience" | "wrong-issuer" | "wrong-nonce" | "expired" | "tampered";

/** At the provider's sign-in page: who signs in, and what (if anything) is wrong with the token. */
async function signInAtProvider(page: Page, who: { staffNumber?: string; change?: Change }) {
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/authorize`));
  await page.getByLabel("サインイン名").fill(`${who.staffNumber ?? "someone"}@city.kawasaki.jp`);
  if (who.staffNumber) await page.getByLabel("employeeid クレーム").fill(who.staffNumber);
  await page.getByLabel("IDトークンの改変").selectOption(who.change ?? "none");
  await page.getByRole("button", { name: "サインイン", exact: true }).click();
}

async function ssoSignIn(page: Page, who: { staffNumber?: string; change?: Change }, from = "/login") {
  await page.goto(from);
  await page.getByRole("link", { name: "川崎市のアカウントでサインイン" }).click();
  await signInAtProvider(page, who);
}

function sessionsOf(staffNumber: string): { via: string }[] {
  return e2eDb().prepare("SELECT via FROM auth_sessions WHERE user_id = ?").all(employeeId(staffNumber)) as { via: string }[];
}

function auditLines(action: string, target: string): { detail: string | null }[] {
  return e2eDb().prepare("SELECT detail FROM audit_log WHERE action = ? AND target = ? ORDER BY id").all(action, target) as { detail: string | null }[];
}

test("the demo employee signs in with the city account, lands where they were going, and logs out at the provider too", async ({ page, context }) => {
  await page.goto("/my");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmy/);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "川崎市のアカウントでサインイン" }).click();

  // While at the provider, the browser holds the transaction: HttpOnly, SameSite=Lax, short-lived.
  const pending = (await context.cookies()).find((c) => c.name === "kjp_oidc");
  expect(pending).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/auth/oidc" });
  expect((pending?.expires ?? 0) - Date.now() / 1000).toBeLessThanOrEqual(600);
  // The provider is another site: its redirect back is a cross-site navigation, which the
  // portal's guard (non-GET only) lets through and which brings the SameSite=Lax cookie along.
  const callback = page.waitForRequest((r) => r.url().includes("/auth/oidc/callback"));
  await signInAtProvider(page, { staffNumber: DEMO.employee });
  expect((await (await callback).allHeaders())["sec-fetch-site"]).toBe("cross-site");

  await expect(page).toHaveURL(/\/my$/);
  await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();
  await expect(page.locator("header")).toContainText("川崎 花子");
  // The portal's own session, marked as a sign-in with the city account; the transaction is gone.
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "kjp_oidc")).toBeUndefined();
  expect(cookies.find((c) => c.name === "kjp_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  const sessionId = cookies.find((c) => c.name === "kjp_session")?.value;
  const row = e2eDb().prepare("SELECT via, user_id FROM auth_sessions WHERE id = ?").get(sessionId) as { via: string; user_id: string };
  expect(row).toEqual({ via: "oidc", user_id: employeeId(DEMO.employee) });
  expect(auditLines("login.sso.success", DEMO.employee).length).toBeGreaterThan(0);

  // Logout ends the portal session, then passes by the provider's end-session endpoint.
  const visited: string[] = [];
  page.on("request", (r) => visited.push(r.url()));
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login\?notice=logged-out/);
  await expect(page.getByRole("status")).toContainText("ログアウトしました");
  expect(visited.some((u) => u.startsWith(`${OIDC_ISSUER}/endsession`))).toBe(true);
  expect(e2eDb().prepare("SELECT count(*) AS n FROM auth_sessions WHERE id = ?").get(sessionId)).toEqual({ n: 0 });
});

test("the login page offers the city account first, at 1280 and 360 px", async ({ page }) => {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/login");
    await expect(page.getByRole("link", { name: "川崎市のアカウントでサインイン" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "パスワードでログイン" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `test-results/oidc-login-${width}.png`, fullPage: true });
  }
});

for (const change of ["wrong-audience", "wrong-issuer", "wrong-nonce", "expired", "tampered"] as const) {
  test(`an ID token with ${change} is refused with a Japanese message, and nothing is created`, async ({ page }) => {
    const person = await createTestEmployee();
    const adminOidcSessions = () => sessionsOf(DEMO.admin).filter((s) => s.via === "oidc").length;
    const before = adminOidcSessions();
    const tokenRefusals = () =>
      (e2eDb().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login.sso.refused' AND detail LIKE '%\"check\":\"token\"%'").get() as { n: number }).n;
    const refusedBefore = tokenRefusals();
    await ssoSignIn(page, { staffNumber: person.staffNumber, change });
    await expect(page).toHaveURL(/\/login\?sso=failed/);
    await expect(page.getByRole("alert")).toHaveText(REFUSED.failed);
    await expect(page.getByRole("button", { name: "ログアウト" })).toHaveCount(0);
    expect(sessionsOf(person.staffNumber)).toEqual([]);
    // The changed claim of a tampered token named the admin: no session for them either.
    expect(adminOidcSessions()).toBe(before);
    expect(tokenRefusals()).toBeGreaterThan(refusedBefore);
  });
}

test("a replayed answer of the provider is refused, with or without the old transaction cookie", async ({ page, context, browser }) => {
  const person = await createTestEmployee();
  let answer = "";
  page.on("request", (r) => {
    if (r.url().includes("/auth/oidc/callback")) answer = r.url();
  });
  await page.goto("/login");
  await page.getByRole("link", { name: "川崎市のアカウントでサインイン" }).click();
  const transaction = (await context.cookies()).find((c) => c.name === "kjp_oidc");
  await signInAtProvider(page, { staffNumber: person.staffNumber });
  await expect(page.locator("header")).toContainText(person.name);
  expect(answer).toContain("state=");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page.getByRole("status")).toContainText("ログアウトしました");
  expect(sessionsOf(person.staffNumber)).toEqual([]);

  // 1. The same answer again in this browser: its transaction was used up.
  await page.goto(answer);
  await expect(page.getByRole("alert")).toHaveText(REFUSED.expired);
  // 2. The answer arriving while this browser waits for another sign-in: the state differs.
  await page.getByRole("link", { name: "川崎市のアカウントでサインイン" }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/authorize`));
  await page.goto(answer);
  await expect(page.getByRole("alert")).toHaveText(REFUSED.expired);
  // 3. Answer and transaction cookie both copied to another browser: the code is spent.
  const other = await browser.newContext();
  if (transaction) await other.addCookies([transaction]);
  const otherPage = await other.newPage();
  await otherPage.goto(answer);
  await expect(otherPage.getByRole("alert")).toHaveText(REFUSED.failed);
  await other.close();

  expect(sessionsOf(person.staffNumber)).toEqual([]);
  const checks = auditLines("login.sso.refused", person.staffNumber);
  expect(checks).toEqual([]); // refused before anyone was identified: the lines name no person
});

test("an unknown 職員番号, a token without it, and an external consultant are refused; no account is created", async ({ page }) => {
  await ssoSignIn(page, { staffNumber: "999998" });
  await expect(page.getByRole("alert")).toHaveText(REFUSED.notRegistered);
  expect(e2eDb().prepare("SELECT count(*) AS n FROM employees WHERE staff_number = '999998'").get()).toEqual({ n: 0 });
  expect(auditLines("login.sso.refused", "999998").map((l) => JSON.parse(l.detail ?? "{}"))).toContainEqual({ check: "unknown" });
  await expectNoSeriousA11yViolations(page);

  await ssoSignIn(page, {});
  await expect(page.getByRole("alert")).toHaveText(REFUSED.notRegistered);

  // 900001 is a portal account (no city account): the password is their way in.
  await ssoSignIn(page, { staffNumber: DEMO.consultant });
  await expect(page.getByRole("alert")).toHaveText(REFUSED.notRegistered);
  expect(sessionsOf(DEMO.consultant).filter((s) => s.via === "oidc")).toEqual([]);
  expect(auditLines("login.sso.refused", DEMO.consultant).map((l) => JSON.parse(l.detail ?? "{}"))).toContainEqual({ check: "portal-account" });
  // None of the three came away with a session.
  expect((await page.context().cookies()).find((c) => c.name === "kjp_session")).toBeUndefined();
});

test("a person signed in with the city account and then disabled loses the session at once, and cannot sign in again", async ({ page, browser }) => {
  const person = await createTestEmployee();
  await ssoSignIn(page, { staffNumber: person.staffNumber }, "/my");
  await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();
  expect(sessionsOf(person.staffNumber)).toEqual([{ via: "oidc" }]);

  const admins = await browser.newContext();
  await useSession(admins, DEMO.admin);
  const admin = await admins.newPage();
  await admin.goto(`/admin/accounts?q=${person.staffNumber}`);
  await admin.getByRole("link", { name: person.staffNumber }).click();
  await admin.getByRole("button", { name: /アカウントを無効にする/ }).click();
  await expect(admin.getByRole("status")).toContainText("アカウントを無効にしました");
  await admins.close();

  expect(sessionsOf(person.staffNumber)).toEqual([]);
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await ssoSignIn(page, { staffNumber: person.staffNumber });
  await expect(page.getByRole("alert")).toHaveText(REFUSED.notRegistered);
  expect(sessionsOf(person.staffNumber)).toEqual([]);
  expect(auditLines("login.sso.refused", person.staffNumber).map((l) => JSON.parse(l.detail ?? "{}"))).toContainEqual({ check: "disabled" });
});

test("declining at the provider comes back with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "川崎市のアカウントでサインイン" }).click();
  await page.getByRole("button", { name: "キャンセル" }).click();
  await expect(page.getByRole("alert")).toHaveText(REFUSED.cancelled);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("signing in with the city account and logging out work", async ({ page }) => {
    const person = await createTestEmployee();
    await ssoSignIn(page, { staffNumber: person.staffNumber });
    await expect(page.locator("header")).toContainText(person.name);
    expect(sessionsOf(person.staffNumber)).toEqual([{ via: "oidc" }]);
    await page.getByRole("button", { name: "ログアウト" }).click();
    await expect(page).toHaveURL(/\/login\?notice=logged-out/);
    expect(sessionsOf(person.staffNumber)).toEqual([]);
  });
});

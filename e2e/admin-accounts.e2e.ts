import { DEMO, createTestEmployee, e2eDb, expect, test, useSession } from "./fixtures";

test("disabling an account ends that person's session at once", async ({ browser }) => {
  const person = await createTestEmployee();
  const theirs = await browser.newContext();
  await useSession(theirs, person.staffNumber);
  const theirPage = await theirs.newPage();
  await theirPage.goto("/my");
  await expect(theirPage.getByRole("heading", { name: "マイページ" })).toBeVisible();

  const admins = await browser.newContext();
  await useSession(admins, DEMO.admin);
  const admin = await admins.newPage();
  await admin.goto(`/admin/accounts?q=${person.staffNumber}`);
  await admin.getByRole("link", { name: person.staffNumber }).click();
  await expect(admin.locator("dl.profile")).toContainText("ログイン中のセッション1件");
  await admin.getByRole("button", { name: /アカウントを無効にする/ }).click();
  await expect(admin.getByRole("status")).toContainText("アカウントを無効にしました");

  const left = e2eDb().prepare("SELECT count(*) AS n FROM auth_sessions WHERE user_id = ?").get(person.id) as { n: number };
  expect(left.n).toBe(0);
  await theirPage.reload();
  await expect(theirPage).toHaveURL(/\/login/);
  await theirs.close();
  await admins.close();
});

test("a granted role shows on the person's very next request, and a revoked one disappears", async ({ browser }) => {
  const person = await createTestEmployee();
  const theirs = await browser.newContext();
  await useSession(theirs, person.staffNumber);
  const theirPage = await theirs.newPage();
  await theirPage.goto("/admin");
  expect((await theirPage.reload())?.status()).toBe(403);

  const admins = await browser.newContext();
  await useSession(admins, DEMO.admin);
  const admin = await admins.newPage();
  await admin.goto(`/admin/accounts?q=${person.staffNumber}`);
  await admin.getByRole("link", { name: person.staffNumber }).click();
  await admin.getByLabel("システム管理者").check();
  await admin.getByRole("button", { name: "権限を保存" }).click();
  await expect(admin.getByRole("status")).toContainText("権限を更新しました");

  expect((await theirPage.reload())?.status()).toBe(200);
  await expect(theirPage.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "管理" })).toBeVisible();

  // The page still shows the grant's 「権限を更新しました」, so that message cannot tell us the
  // revoke was saved: open the page afresh (as the admin would later) and wait for the
  // revoke's own message before the person's next request.
  const updated = admin.getByRole("status").filter({ hasText: "権限を更新しました" });
  await admin.goto(new URL(admin.url()).pathname);
  await expect(updated).toHaveCount(0);
  await admin.getByLabel("システム管理者").uncheck();
  await admin.getByRole("button", { name: "権限を保存" }).click();
  await expect(updated).toBeVisible();
  expect((await theirPage.reload())?.status()).toBe(403);
  const denied = e2eDb()
    .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'access.denied' AND actor_id = ?")
    .get(person.id) as { n: number };
  expect(denied.n).toBeGreaterThanOrEqual(2);
  await theirs.close();
  await admins.close();
});

test("a supervisor change takes effect on the next request", async ({ browser }) => {
  const boss = await createTestEmployee({ rank: "係長" });
  const context = await browser.newContext();
  await useSession(context, boss.staffNumber);
  const page = await context.newPage();
  await page.goto("/approvals");
  expect((await page.reload())?.status()).toBe(403);
  const sub = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
  const res = await page.reload();
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("cell", { name: sub.name })).toBeVisible();
  await context.close();
});

test("an admin issues a temporary password that works once shown, and ends old sessions", async ({ browser, page }) => {
  const person = await createTestEmployee();
  const admins = await browser.newContext();
  await useSession(admins, DEMO.admin);
  const admin = await admins.newPage();
  await admin.goto(`/admin/accounts?q=${person.staffNumber}`);
  await admin.getByRole("link", { name: person.staffNumber }).click();
  await admin.getByRole("button", { name: "仮パスワードを発行" }).click();
  const password = (await admin.locator("code.secret").textContent()) ?? "";
  expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
  await page.goto("/login");
  await page.getByLabel("職員番号").fill(person.staffNumber);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.locator("header")).toContainText(person.name);
  await admins.close();
});

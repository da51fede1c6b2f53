import { DEMO, DEMO_PASSWORD, createTestEmployee, expect, expectNoSeriousA11yViolations, loginWithForm, sql, test, useSession } from "./fixtures";

const ROLES: { who: string; staffNumber: string; name: string; nav: string[]; notNav: string[] }[] = [
  { who: "職員", staffNumber: DEMO.employee, name: "川崎 花子", nav: ["ホーム", "マイページ"], notNav: ["承認", "管理"] },
  { who: "所属長", staffNumber: DEMO.supervisor, name: "多摩 一郎", nav: ["マイページ", "承認"], notNav: ["管理"] },
  { who: "人材育成課", staffNumber: DEMO.hrDev, name: "麻生 由紀", nav: ["マイページ"], notNav: ["承認", "管理"] },
  { who: "人事課", staffNumber: DEMO.hrPersonnel, name: "高津 健", nav: ["マイページ"], notNav: ["承認", "管理"] },
  { who: "労務厚生課", staffNumber: DEMO.welfare, name: "宮前 さおり", nav: ["マイページ"], notNav: ["承認", "管理"] },
  { who: "外部コンサルタント", staffNumber: DEMO.consultant, name: "岡本 奈美", nav: ["ホーム"], notNav: ["マイページ", "承認", "管理"] },
  { who: "システム管理者", staffNumber: DEMO.admin, name: "幸 誠", nav: ["マイページ", "管理"], notNav: ["承認"] },
];

for (const role of ROLES) {
  test(`${role.who}がログインし、役割に応じたメニューを見て、ログアウトできる`, async ({ page }) => {
    await loginWithForm(page, role.staffNumber);
    await expect(page).toHaveURL(/\/$/);
    const header = page.locator("header");
    await expect(header).toContainText(role.name);
    await expect(header).toContainText(/令和\d+年度（FY20\d\d）/);
    const nav = page.getByRole("navigation", { name: "メインメニュー" });
    for (const label of role.nav) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of role.notNav) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);

    await page.getByRole("button", { name: "ログアウト" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("status")).toContainText("ログアウトしました");
    // The session is gone on the server: going back does not show the page.
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("wrong password gets a message that does not say which part was wrong, and keeps the staff number", async ({ page }) => {
  await loginWithForm(page, DEMO.employee, "wrong-password");
  await expect(page.getByRole("alert")).toHaveText("職員番号またはパスワードが正しくありません。");
  await expect(page.getByLabel("職員番号")).toHaveValue(DEMO.employee);
  // An unknown staff number gets exactly the same message.
  await loginWithForm(page, "999999", "wrong-password");
  await expect(page.getByRole("alert")).toHaveText("職員番号またはパスワードが正しくありません。");
});

test("repeated failures lock the account for a while, even against the right password", async ({ page }) => {
  const person = await createTestEmployee({ password: "correct-horse-battery" });
  for (let i = 0; i < 5; i++) {
    await loginWithForm(page, person.staffNumber, `wrong-${i}`);
    await expect(page.getByRole("alert")).toHaveText("職員番号またはパスワードが正しくありません。");
  }
  await loginWithForm(page, person.staffNumber, "correct-horse-battery");
  await expect(page.getByRole("alert")).toContainText("一時的にログインを制限しています");
  await expect(page).toHaveURL(/\/login/);
  const logged = await sql.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'login.throttled' AND target = ?", [person.staffNumber]);
  expect(logged.n).toBeGreaterThan(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("login and logout work as plain HTML forms", async ({ page }) => {
    await loginWithForm(page, DEMO.employee);
    await expect(page.locator("header")).toContainText("川崎 花子");
    await page.getByRole("button", { name: "ログアウト" }).click();
    await expect(page).toHaveURL(/\/login/);
  });
  test("a wrong password shows the message without JavaScript", async ({ page }) => {
    await loginWithForm(page, DEMO.employee, "nope");
    await expect(page.getByRole("alert")).toHaveText("職員番号またはパスワードが正しくありません。");
    // The staff number is kept, the password is never sent back.
    await expect(page.getByLabel("職員番号")).toHaveValue(DEMO.employee);
    await expect(page.getByLabel("パスワード")).toHaveValue("");
  });
});

test("after login the person returns to the page they asked for", async ({ page }) => {
  await page.goto("/my");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmy/);
  await page.getByLabel("職員番号").fill(DEMO.employee);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/my$/);
  await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();
  await expect(page.locator("dl.profile")).toContainText("中原区役所 地域みまもり支援センター 地域支援課");
  await expect(page.locator("dl.profile")).toContainText("多摩 一郎");
});

test("Japanese 403 and 404 pages leak nothing technical", async ({ page, context }) => {
  await useSession(context, DEMO.employee);
  const forbidden = await page.goto("/admin");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("アクセスできません");
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  await expect(page.locator("body")).not.toContainText(/Error|at \w+ \(|SQLITE|stack/i);
});

test("notifications: unread count in the header, list, mark all read", async ({ page, context }) => {
  const person = await createTestEmployee();
  await sql.run("INSERT INTO notifications (recipient_id, title, body) VALUES (?, ?, ?), (?, ?, ?)", [
    person.id,
    "研修の申込が確定しました",
    "第1回の席が確保されました。",
    person.id,
    "お知らせ2",
    "",
  ]);
  await useSession(context, person.staffNumber);
  await page.goto("/");
  await expect(page.locator(".notif-link")).toContainText("2");
  await page.getByRole("link", { name: /お知らせ/ }).first().click();
  await expect(page.getByText("研修の申込が確定しました")).toBeVisible();
  await page.getByRole("button", { name: "すべて既読にする" }).click();
  await expect(page.locator(".notif-link")).toContainText("0");
});

test("axe finds no serious violations on the login page and home", async ({ page, context }) => {
  await page.goto("/login");
  await expectNoSeriousA11yViolations(page);
  await useSession(context, DEMO.supervisor);
  await page.goto("/");
  await expectNoSeriousA11yViolations(page);
  await page.goto("/my");
  await expectNoSeriousA11yViolations(page);
});

test("a logged-in user's 404 keeps the app shell (header, menu, logout), as 403 does", async ({ page, context }) => {
  await useSession(context, DEMO.employee);
  for (const [path, status, title] of [
    ["/no-such-page", 404, "ページが見つかりません"],
    ["/training/no/such/thing", 404, "ページが見つかりません"],
    ["/admin", 403, "アクセスできません"],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(status);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("navigation", { name: "メインメニュー" })).toBeVisible();
    await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
  }
});

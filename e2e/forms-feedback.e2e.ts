// Keyboard and screen readers: where focus goes when a form comes back with errors (with
// and without JavaScript), after a redirect with a notice, and no errors while merely
// tabbing through an empty form.
import type { Browser, Page } from "@playwright/test";
import { BASE_URL } from "./env";
import { createSession, createTestEmployee, expect, test } from "./fixtures";

async function applicant(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const boss = await createTestEmployee({ rank: "係長" });
  const me = await createTestEmployee({ supervisorStaffNumber: boss.staffNumber });
  const context = await browser.newContext({ javaScriptEnabled });
  await context.addCookies([{ name: "kjp_session", value: createSession(me.staffNumber), url: BASE_URL }]);
  return context.newPage();
}

/** Every id named in aria-describedby, once each, and each present in the page. */
async function expectDescribedOnce(page: Page, label: string) {
  const ids = ((await page.getByLabel(label).getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  expect(ids.length).toBeGreaterThan(0);
  expect(new Set(ids).size, `${label}: ${ids.join(" ")}`).toBe(ids.length);
  for (const id of ids) await expect(page.locator(`[id="${id}"]`)).toHaveCount(1);
}

const focused = (page: Page) => page.evaluate(() => ({ text: document.activeElement?.textContent?.trim() ?? "", tag: document.activeElement?.tagName ?? "" }));

test("JavaScript off: a login sent empty comes back with a focused error summary linking each field", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: "ログイン" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary.getByRole("heading", { name: "入力内容を確認してください" })).toBeVisible();
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(2);
  // The browser itself moved focus to the first link (no script ran).
  expect(await focused(page)).toEqual({ tag: "A", text: await links.first().innerText() });
  await expect(page.getByLabel("職員番号")).toHaveAttribute("aria-invalid", "true");
  await expectDescribedOnce(page, "職員番号");
  // The link leads to its field.
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("職員番号")).toBeFocused();
  await context.close();
});

test("JavaScript off: a subsidy application sent empty shows the summary first, the 資格 field described once", async ({ browser }) => {
  const page = await applicant(browser, false);
  await page.goto("/subsidy/new");
  await page.getByRole("button", { name: "申請する" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link").first()).toBeFocused();
  await expect(summary.getByRole("link", { name: /資格を選んでください|選んでください/ }).first()).toHaveAttribute("href", /#.+-certification$/);
  await expect(page.getByLabel("取得した資格")).toHaveAttribute("aria-invalid", "true");
  await expectDescribedOnce(page, "取得した資格");
  await page.context().close();
});

for (const javaScriptEnabled of [false, true]) {
  test(`after a redirect with a notice, focus is on the notice (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const page = await applicant(browser, javaScriptEnabled);
    await page.goto("/subsidy/new");
    await page.getByLabel("取得した資格").selectOption({ label: "技術士" });
    await page.getByLabel("受験日").fill("2026-10-11");
    await page.getByLabel("合格日").fill("2026-11-20");
    await page.getByLabel("受験料", { exact: true }).fill("14000");
    await page.getByRole("button", { name: "下書き保存" }).click();
    const notice = page.getByRole("status").filter({ hasText: "保存しました" });
    await expect(notice).toBeVisible();
    await expect(notice).toBeFocused();
    await page.context().close();
  });
}

test("JavaScript on: tabbing through the empty subsidy form shows no errors; submitting does, then they clear as you type", async ({ browser }) => {
  const page = await applicant(browser, true);
  await page.goto("/subsidy/new");
  await page.getByLabel("取得した資格").focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
  await expect(page.locator(".field__errors")).toHaveCount(0);
  await expect(page.locator("[aria-invalid=true]")).toHaveCount(0);
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(page.getByLabel("取得した資格")).toHaveAttribute("aria-invalid", "true");
  // With JavaScript focus goes to the first invalid field, as before.
  await expect(page.getByLabel("取得した資格")).toBeFocused();
  await expectDescribedOnce(page, "取得した資格");
  await page.getByLabel("取得した資格").selectOption({ label: "技術士" });
  await expect(page.getByLabel("取得した資格")).not.toHaveAttribute("aria-invalid", "true");
  await page.context().close();
});

test("a date field keeps the portal's focus outline while its calendar button has focus", async ({ browser }) => {
  const page = await applicant(browser, true);
  await page.goto("/subsidy/new");
  const exam = page.getByLabel("受験日");
  await exam.focus();
  // Year, month, day, then the calendar button: focus stays inside the field.
  const outlines: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Tab");
    outlines.push(await exam.evaluate((el) => (el.matches(":focus-within") ? getComputedStyle(el).outlineStyle : "left")));
  }
  expect(outlines.filter((o) => o !== "left").every((o) => o === "solid")).toBe(true);
  expect(outlines).toContain("solid");
  await page.context().close();
});

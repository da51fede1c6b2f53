import { DEMO, e2eDb, expect, expectNoSeriousA11yViolations, test, useSession } from "./fixtures";

test("人材育成課 opens the progress page, switches 年度, filters a breakdown and downloads its CSV", async ({ page, context }) => {
  await useSession(context, DEMO.hrDev);
  await page.goto("/stats");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/取組の進捗 — 令和\d+年度（FY20\d\d）/);
  const progress = page.getByRole("table").first();
  await expect(progress).toContainText("階層別研修の見直し・実施");
  await expect(progress).toContainText("R8年度から段階的に見直し 研修の実施（毎年度）");
  await expect(progress).toContainText("昇任型公募制度");
  // 昇任型公募 (issue 11) and メンター制度 (issue 12) report real figures now.
  await expect(progress.getByRole("row", { name: /昇任型公募制度/ })).toContainText("応募者");
  await expect(progress.getByRole("row", { name: /昇任型公募制度/ })).not.toContainText("ポータルでは未対応");
  await expect(progress.getByRole("row", { name: /職員メンター制度/ })).toContainText("成立したペア");
  await expect(progress.getByRole("row", { name: /職員メンター制度/ })).not.toContainText("ポータルでは未対応");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("年度", { exact: true }).selectOption("2025");
  await page.getByRole("button", { name: "表示" }).click();
  await expect(page).toHaveURL(/fy=2025/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("令和7年度（FY2025）");

  await page.goto("/stats?fy=2026");
  await page.getByRole("link", { name: "階層別研修の見直し・実施" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("階層別研修の見直し・実施の内訳");
  const table = page.locator("table.table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await page.getByLabel("局・区で絞り込み").fill("区役所");
  await page.getByRole("button", { name: "表示" }).click();
  await expect(page).toHaveURL(/q=%E5%8C%BA%E5%BD%B9%E6%89%80/);
  // The URL changes a moment before the new table is rendered: wait until no row of the
  // unfiltered table is left, rather than reading the rows once.
  await expect(table.locator("tbody th").filter({ hasNotText: "区役所" })).toHaveCount(0);
  await expect(table.locator("tbody th").first()).toContainText("区役所");

  // Sorting is in the URL and survives a reload.
  await table.getByRole("link", { name: /申込/ }).click();
  await expect(page).toHaveURL(/sort=signups/);
  await page.reload();
  await expect(table.getByRole("columnheader", { name: /申込/ })).toHaveAttribute("aria-sort", "ascending");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSVをダウンロード" }).click();
  const file = await download;
  const bytes = await (await file.createReadStream()).toArray();
  const buf = Buffer.concat(bytes as Buffer[]);
  expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = buf.subarray(3).toString("utf8");
  expect(text.split("\r\n")[0]).toBe("局・区,申込,出席,修了");
  for (const line of text.trim().split("\r\n").slice(1)) expect(line).toMatch(/区役所|^合計/);
  const logged = e2eDb().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'stats.export'").get() as { n: number };
  expect(logged.n).toBeGreaterThan(0);
});

test("人材育成課 enters the outcome indicators; a typo is refused at the field", async ({ page, context }) => {
  await useSession(context, DEMO.hrDev);
  await page.goto("/stats/indicators?fy=2026");
  await page.getByLabel("ワーク・エンゲージメント").fill("27");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.locator(".field__errors").getByText("ワーク・エンゲージメントは1〜4の範囲で入力してください。")).toBeVisible();
  await expect(page.getByLabel("ワーク・エンゲージメント")).toHaveValue("27");
  await page.getByLabel("ワーク・エンゲージメント").fill("2.8");
  await page.getByLabel("職場の一体感").fill("２．８");
  await page.getByLabel("総合健康リスク").fill("8.5");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page).toHaveURL(/\/stats\?fy=2026/);
  const row = (name: string) => page.getByRole("row", { name: new RegExp(name) });
  await expect(row("ワーク・エンゲージメント")).toContainText("2.8 達成");
  await expect(row("職場の一体感")).toContainText("2.8 未達");
  await expect(row("総合健康リスク")).toContainText("8.5 達成");
});

test("a supervisor and an employee get 403 for the statistics and their exports", async ({ page, context }) => {
  await useSession(context, DEMO.supervisor);
  for (const url of ["/stats", "/stats/training", "/stats/training/csv", "/stats/indicators"]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(403);
  }
  await expect(page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "統計" })).toHaveCount(0);
});

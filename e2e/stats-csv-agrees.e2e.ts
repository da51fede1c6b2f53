import { parse } from "csv-parse/sync";
import { DEMO, e2eDb, expect, test, useSession } from "./fixtures";

// Every CSV has the rows of the table on screen, in the same order, with the same 合計 row —
// for every breakdown of every service 人材育成課 can open (issue 13).

/** A screen cell as the CSV writes it: numbers without separators or 円, labels as they are. */
function asCsvCell(text: string): string {
  const t = text.trim();
  return /^[\d,]+円?$/.test(t) ? t.replace(/[,円]/g, "") : t;
}

test("every breakdown's CSV has the screen's rows, order and 合計", async ({ page, context }) => {
  test.setTimeout(180_000);
  await useSession(context, DEMO.hrDev);
  await page.goto("/stats?fy=2026");
  const measures = await page
    .getByRole("table")
    .first()
    .locator("tbody th a")
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
  expect(measures.length).toBeGreaterThanOrEqual(4);
  let compared = 0;
  for (const href of measures) {
    await page.goto(href);
    const tabs = await page
      .getByRole("navigation", { name: "内訳の切り替え" })
      .getByRole("link")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
    expect(tabs.length, href).toBeGreaterThan(0);
    for (const tab of tabs) {
      const url = new URL(tab, new URL(href, "http://x")).search;
      // Other specs sign people up while this one runs: a page and its CSV read a moment
      // apart may see different data, so the pair is read again until it is one snapshot.
      await expect(async () => {
        await page.goto(`${href.split("?")[0]}${url}`);
        const table = page.locator("table.table");
        await expect(table.locator("tfoot th")).toHaveText("合計");
        const screen = await table.locator("tbody tr, tfoot tr").evaluateAll((trs) =>
          trs
            .filter((tr) => !tr.querySelector("td[colspan]"))
            .map((tr) => [...tr.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())),
        );
        const csvHref = await page.getByRole("link", { name: "CSVをダウンロード" }).getAttribute("href");
        const res = await page.request.get(csvHref!);
        expect(res.status(), csvHref!).toBe(200);
        const text = (await res.text()).replace(/^\uFEFF/, "");
        const [header, ...rows] = parse(text) as string[][];
        const screenHeader = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => (th.textContent ?? "").replace(/[▲▼↑↓]/g, "").trim()));
        expect(header!.length, csvHref!).toBe(screenHeader.length);
        expect(rows, `${csvHref}: rows, order and 合計`).toEqual(screen.map((r) => r.map(asCsvCell)));
      }).toPass();
      compared++;
    }
  }
  // training 8, subsidy 7, consultation 2, promotion: every tab was compared.
  expect(compared).toBeGreaterThanOrEqual(17);
});

test("局・区 run in the org master's 表示順 (局, then 川崎区 → 麻生区), on screen and in the CSV", async ({ page, context }) => {
  await useSession(context, DEMO.hrDev);
  const expected = (
    e2eDb().prepare("SELECT name FROM org_units WHERE parent_id IS NULL AND active = 1 ORDER BY sort_order").all() as { name: string }[]
  ).map((r) => r.name);
  expect(expected.slice(-7)).toEqual(["川崎区役所", "幸区役所", "中原区役所", "高津区役所", "宮前区役所", "多摩区役所", "麻生区役所"]);
  await page.goto("/stats/training?fy=2026&dim=bureau");
  const labels = await page.locator("table.table tbody th").allTextContents();
  expect(labels.length).toBeGreaterThan(3);
  // The rows present keep the master's order (a 局 without sign-ups is simply absent).
  expect(labels).toEqual(expected.filter((n) => labels.includes(n)));
  const res = await page.request.get("/stats/training/csv?fy=2026&dim=bureau");
  const rows = parse((await res.text()).replace(/^\uFEFF/, "")) as string[][];
  expect(rows.slice(1).map((r) => r[0])).toEqual([...labels, "合計"]);
});

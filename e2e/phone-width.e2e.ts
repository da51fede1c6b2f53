// Phones (360 × 740): every main page of every demo role, as that role reaches it — the
// menu, then the first link of each kind on those pages (a course, an application, a
// booking …) — fits the screen (no sideways scroll; a wide table scrolls inside its own
// labelled, focusable region instead) and axe finds nothing at that width.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { BASE_URL } from "./env";
import { DEMO, createSession, expect, test } from "./fixtures";

const SHOTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(import.meta.dirname, ".artifacts"), "screenshots");
const PHONE = { width: 360, height: 740 };

/** One page per kind of address: /subsidy/12 and /subsidy/13 are the same page. */
function kindOf(pathname: string): string {
  return pathname.replace(/\/[^/]*\d[^/]*(?=\/|$)/g, "/:id");
}

/** Downloads and actions are not pages. */
function isPage(url: URL): boolean {
  return url.origin === BASE_URL && !/[./](csv|ics)$/.test(url.pathname) && !/\/files\/|\/template$|^\/logout$/.test(url.pathname);
}

async function linksOn(page: Page, selector: string): Promise<URL[]> {
  const hrefs = await page.locator(selector).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.map((h) => new URL(h)).filter(isPage);
}

type Finding = { url: string; problem: string };

async function check(page: Page, url: string, shot: string): Promise<Finding[]> {
  const response = await page.goto(url);
  const findings: Finding[] = [];
  if (!response || response.status() >= 400) findings.push({ url, problem: `status ${response?.status()}` });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE.width) {
    // Name what sticks out, so a failure says where to look.
    const wide = await page.evaluate((max) => {
      const out: string[] = [];
      for (const e of document.querySelectorAll("main *")) {
        if (e.closest(".table-scroll")) continue;
        if (e.getBoundingClientRect().right > max + 1) out.push(`${e.tagName.toLowerCase()}.${[...e.classList].join(".")} "${(e.textContent ?? "").slice(0, 30)}"`);
      }
      return out.slice(-4);
    }, PHONE.width);
    findings.push({ url, problem: `scrollWidth ${width}: ${wide.join(" | ")}` });
  }
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  for (const v of axe.violations) findings.push({ url, problem: `axe ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}` });
  if (process.env.PHONE_SHOTS) await page.screenshot({ path: path.join(SHOTS, `phone-${shot}.png`), fullPage: true });
  return findings;
}

for (const [role, staffNumber] of Object.entries(DEMO)) {
  test(`${role}: every main page fits 360 px and axe finds nothing there`, async ({ browser }) => {
    test.setTimeout(300_000);
    const context = await browser.newContext({ viewport: PHONE });
    await context.addCookies([{ name: "kjp_session", value: createSession(staffNumber), url: BASE_URL }]);
    const page = await context.newPage();
    await page.goto("/");
    const menu = await linksOn(page, 'nav[aria-label="メインメニュー"] a');
    expect(menu.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    const queue: { url: URL; depth: number }[] = [{ url: new URL("/", BASE_URL), depth: 0 }, { url: new URL("/notifications", BASE_URL), depth: 0 }, ...menu.map((url) => ({ url, depth: 0 }))];
    const findings: Finding[] = [];
    while (queue.length > 0) {
      const { url, depth } = queue.shift()!;
      const kind = kindOf(url.pathname);
      if (seen.has(kind)) continue;
      seen.add(kind);
      findings.push(...(await check(page, url.pathname + url.search, `${role}${kind.replaceAll("/", "_")}`)));
      // Two clicks from the menu reach every detail page (list → item → its sub-page).
      if (depth < 2) for (const next of await linksOn(page, "main a[href]")) queue.push({ url: new URL(next.pathname, BASE_URL), depth: depth + 1 });
    }
    expect(seen.size).toBeGreaterThan(2);
    console.log(`${role}: ${seen.size} pages: ${[...seen].join(" ")}`);
    expect(findings.map((f) => `${f.url} — ${f.problem}`)).toEqual([]);
    await context.close();
  });
}

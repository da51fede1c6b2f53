// 昇任型公募, the rest of issue 11 in Chromium: the admin imports the 休職等期間CSV on the org
// import page (a bad file writes nothing and says which row; JavaScript off), 人事課 sets per
// call which leave kinds are deducted and which stage an earlier pass exempts from, an employee
// whose 育児休業 is deducted reads why they may not apply, and one who passed 書類選考 last 年度
// applies (JavaScript off) and starts at 面接 with 「書類選考免除（令和7年度の公募で合格）」.
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { currentFiscalYear, reiwaFiscalYearLabel, todayIso } from "../app/lib/fiscal-year";
import { BASE_URL } from "./env";
import { DEMO, createSession, createTestEmployee, e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

const SHOTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(import.meta.dirname, ".artifacts"), "screenshots");

async function pageAs(browser: Browser, staffNumber: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(opts);
  await context.addCookies([{ name: "kjp_session", value: createSession(staffNumber), url: BASE_URL }]);
  return context.newPage();
}

const daysFromToday = (n: number) => todayIso(new Date(Date.now() + n * 86_400_000));

async function shoot(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `promotion-${name}-${width}.png`), fullPage: true });
    if (width === 360) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at 360px`).toBeLessThanOrEqual(0);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The stored periods as the personnel system would export them, plus `extra` rows. */
function leaveCsv(extra: string[]): Buffer {
  const rows = e2eDb()
    .prepare("SELECT e.staff_number AS sn, l.kind, l.from_on AS f, l.to_on AS t FROM employee_leave_periods l JOIN employees e ON e.id = l.employee_id ORDER BY l.id")
    .all() as { sn: string; kind: string; f: string; t: string | null }[];
  const lines = ["職員番号,種別,開始日,終了日", ...rows.map((r) => `${r.sn},${r.kind},${r.f},${r.t ?? ""}`), ...extra];
  return Buffer.from("\uFEFF" + lines.join("\r\n"), "utf8");
}

test("leave periods imported and deducted as the call says; a stage passed last 年度 is exempt", async ({ browser }) => {
  // A loaded 2-core machine: several pages and axe runs in one flow.
  test.setTimeout(420_000);
  const tag = randomBytes(3).toString("hex");
  const title = `係長級昇任型公募 e2e-leave-${tag}`;
  const onLeave = await createTestEmployee({ rank: "主任" });
  const returning = await createTestEmployee({ rank: "主任" });
  e2eDb().prepare("UPDATE employees SET rank_since = '2023-04-01', work_status = '在職' WHERE id = ?").run(onLeave.id);
  e2eDb().prepare("UPDATE employees SET work_status = '在職' WHERE id = ?").run(returning.id);
  const stored = () => (e2eDb().prepare("SELECT count(*) AS n FROM employee_leave_periods").get() as { n: number }).n;
  const before = stored();

  // The admin imports the 休職等期間CSV from the org import page, JavaScript off.
  const admin = await pageAs(browser, DEMO.admin, { javaScriptEnabled: false });
  await admin.goto("/admin/import");
  await expect(admin.getByRole("heading", { name: "休職等の期間" })).toBeVisible();
  await shoot(admin, "leave-import-form");
  await admin.getByRole("button", { name: "休職等期間CSV（必須）" }).setInputFiles({ name: "kyushoku.csv", mimeType: "text/csv", buffer: leaveCsv([`${onLeave.staffNumber},育児休業,2024/4/1,2025/5/31`, `${onLeave.staffNumber},産休,2025-06-01,`]) });
  await admin.getByRole("button", { name: "休職等期間CSVで更新する" }).click();
  const errors = admin.getByRole("table").filter({ hasText: "産休" });
  await expect(admin.getByRole("alert")).toContainText("取り込めませんでした。エラーが1件あります。データは変更されていません。");
  await expect(errors).toContainText("種別「産休」は使えません。");
  expect(stored()).toBe(before);
  await shoot(admin, "leave-import-errors");
  await admin.getByRole("button", { name: "休職等期間CSV（必須）" }).setInputFiles({ name: "kyushoku.csv", mimeType: "text/csv", buffer: leaveCsv([`${onLeave.staffNumber},育児休業,2024/4/1,2025/5/31`]) });
  await admin.getByRole("button", { name: "休職等期間CSVで更新する" }).click();
  await expect(admin.getByRole("status")).toContainText(`休職等の期間 ${before + 1}件`);
  const adminJs = await pageAs(browser, DEMO.admin);
  await adminJs.goto("/admin/import/leave");
  await expectNoSeriousA11yViolations(adminJs);

  // Last 年度's call of the same level, in which `returning` passed 書類選考 and then failed 面接.
  const fy = currentFiscalYear();
  const db = e2eDb();
  const hrId = (db.prepare("SELECT id FROM employees WHERE staff_number = ?").get(DEMO.hrPersonnel) as { id: string }).id;
  const unit = (db.prepare("SELECT org_unit_id AS o FROM employees WHERE id = ?").get(returning.id) as { o: number }).o;
  // Its rules as a real call has them (the statistics read every offered call's eligibility).
  const eligibility = (db.prepare("SELECT eligibility FROM promotion_calls WHERE status <> 'draft' ORDER BY id LIMIT 1").get() as { eligibility: string }).eligibility;
  const lastCall = Number(
    db
      .prepare(
        `INSERT INTO promotion_calls (fiscal_year, title, level, reference_date, opens_on, closes_on, eligibility, stages, limits, status)
         VALUES (?, ?, 'kakaricho', ?, ?, ?, ?, '["書類選考","面接","最終選考"]', '{"motivation":800,"careerPlan":800,"selfPr":800}', 'done')`,
      )
      .run(fy - 1, `前年度 e2e-${tag}`, `${fy}-04-01`, `${fy - 1}-07-01`, `${fy - 1}-07-31`, eligibility).lastInsertRowid,
  );
  const lastApp = `e2e-last-${tag}`;
  db.prepare("INSERT INTO promotion_applications (id, call_id, applicant_id, status, stage, submitted_at) VALUES (?, ?, ?, 'failed', 1, ?)").run(lastApp, lastCall, returning.id, Date.now());
  db.prepare("INSERT INTO promotion_history (application_id, action, from_status, to_status, from_stage, to_stage, actor_id, actor_role) VALUES (?, 'advance', 'submitted', 'submitted', 0, 1, ?, 'hr_personnel')").run(lastApp, hrId);
  db.prepare("INSERT INTO promotion_history (application_id, action, from_status, to_status, from_stage, to_stage, actor_id, actor_role) VALUES (?, 'fail', 'submitted', 'failed', 1, 1, ?, 'hr_personnel')").run(lastApp, hrId);

  // 人事課 creates the call: 育児休業 deducted in full, 書類選考 exempt for a pass of the 年度 before.
  const hr = await pageAs(browser, DEMO.hrPersonnel);
  await hr.goto("/promotion/manage/new");
  await hr.getByLabel("公募の名称").fill(title);
  await hr.getByLabel("受付開始日").fill(daysFromToday(-1));
  await hr.getByLabel("受付締切日").fill(daysFromToday(20));
  await hr.getByLabel("所属長意見の期限").fill(daysFromToday(25));
  await hr.getByRole("combobox", { name: "育児休業", exact: true }).selectOption("full");
  await hr.getByLabel("免除できる段階（1）").fill("最終選考");
  await hr.getByLabel("何年度前までの合格か").first().fill("1");
  await hr.getByLabel("所属（ポスト1）").selectOption(String(unit));
  await hr.getByLabel("職務の内容").first().fill("地域防災の係長");
  await hr.getByLabel("募集人数").first().fill("1");
  await hr.getByRole("button", { name: "下書きとして保存する" }).click();
  await expect(hr.getByText("最後の段階は免除できません。").first()).toBeVisible();
  await expect(hr.getByLabel("公募の名称")).toHaveValue(title);
  await hr.getByLabel("免除できる段階（1）").fill("書類選考");
  await expectNoSeriousA11yViolations(hr);
  await shoot(hr, "call-form-leave-exemption");
  await hr.getByRole("button", { name: "下書きとして保存する" }).click();
  await expect(hr.getByRole("status")).toContainText("公募を保存しました");
  const callId = /\/promotion\/manage\/calls\/(\d+)/.exec(hr.url())?.[1] ?? "";
  await hr.getByRole("button", { name: "公開する" }).click();
  await expect(hr.getByRole("status")).toContainText("公募を公開しました");

  // The employee whose 育児休業 is deducted reads exactly why (JavaScript off).
  const no = await pageAs(browser, onLeave.staffNumber, { javaScriptEnabled: false });
  await no.goto(`/promotion/calls/${callId}`);
  await expect(no.locator(".promotion-ineligible")).toContainText(/主任在職3年以上が必要です（育児休業期間（1年2か月）を除き、現在2年\d+か月）。/);
  await expect(no.getByText("在職期間から休職・停職・育児休業の期間を除いて数えます")).toBeVisible();
  await expect(no.getByRole("button", { name: "応募する" })).toHaveCount(0);
  await shoot(no, "call-leave-deducted");
  // axe needs JavaScript: the same page with it on.
  const noJs = await pageAs(browser, onLeave.staffNumber);
  await noJs.goto(`/promotion/calls/${callId}`);
  await expect(noJs.locator(".promotion-ineligible")).toContainText("育児休業期間（1年2か月）を除き");
  await expectNoSeriousA11yViolations(noJs);

  // The one who passed 書類選考 last 年度 sees the exemption, applies with JavaScript off, starts at 面接.
  const label = `書類選考免除（${reiwaFiscalYearLabel(fy - 1)}の公募で合格）`;
  const me = await pageAs(browser, returning.staffNumber, { javaScriptEnabled: false });
  await me.goto(`/promotion/calls/${callId}`);
  await expect(me.locator(".promotion-stage-flow")).toContainText(label);
  await me.getByLabel("志望動機").fill("地域防災に取り組みたい。");
  await me.getByLabel("キャリアプラン").fill("係長として現場をまとめる。");
  await me.getByLabel("自己PR").fill("避難所運営の経験があります。");
  await me.getByRole("button", { name: "応募する" }).click();
  await expect(me.getByRole("status")).toContainText("応募しました");
  await expect(me.getByText("現在の選考の段階: 面接")).toBeVisible();
  await expect(me.locator(".promotion-stage-flow")).toContainText(label);
  await expect(me.locator(".history")).toContainText(`免除`);
  await shoot(me, "application-exempt");

  // 人事課's record shows it too, and the first decision is at 面接.
  await hr.goto(`/promotion/manage/calls/${callId}`);
  await hr.getByRole("button", { name: "締め切る" }).click();
  await expect(hr.getByRole("status")).toContainText("締め切りました");
  await hr.getByRole("button", { name: "選考を始める" }).click();
  await expect(hr.getByRole("status")).toContainText("選考を始めました");
  await hr.getByRole("link", { name: returning.name }).click();
  await expect(hr.locator(".promotion-stage-flow")).toContainText(label);
  await expect(hr.getByText("現在の選考の段階: 面接")).toBeVisible();
  await hr.getByRole("button", { name: "合格（次の段階へ）" }).click();
  await expect(hr.getByText("現在の選考の段階: 最終選考")).toBeVisible();
  await expectNoSeriousA11yViolations(hr);
  await shoot(hr, "applicant-record-exempt");
});

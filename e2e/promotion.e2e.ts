// 昇任型公募: the whole flow in Chromium. 人事課 publishes a call → an ineligible employee
// sees why → an eligible one drafts, submits, withdraws and resubmits (JavaScript off) →
// the supervisor writes an opinion → 人事課 closes, moves the applicant through the stages
// and records the placement → the applicant sees the result (and never the opinion).
// Screenshots at 1280 and 360 px of the main pages; no sideways scroll at 360 px.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { todayIso } from "../app/lib/fiscal-year";
import { DEMO, createTestEmployee, expect, expectNoSeriousA11yViolations, pageAs, shootBothWidths, sql, test } from "./fixtures";


function daysFromToday(n: number): string {
  return todayIso(new Date(Date.now() + n * 86_400_000));
}

test("publish → ineligible sees why → apply, withdraw, resubmit → opinion → stages → placement → result", async ({ browser }) => {
  test.setTimeout(180_000);
  const tag = randomBytes(3).toString("hex");
  const title = `係長級昇任型公募 e2e-${tag}`;
  const boss = await createTestEmployee({ rank: "係長" });
  const eligible = await createTestEmployee({ rank: "主任", supervisorStaffNumber: boss.staffNumber });
  const ineligible = await createTestEmployee({ rank: "主任", supervisorStaffNumber: boss.staffNumber });
  await sql.run("UPDATE employees SET rank_since = '2025-04-01', work_status = '在職' WHERE id = ?", [ineligible.id]);

  // 人事課 creates and publishes the call.
  const hr = await pageAs(browser, DEMO.hrPersonnel);
  await hr.goto("/promotion/manage");
  await hr.getByRole("link", { name: "新しい公募を作成する" }).click();
  await hr.getByLabel("公募の名称").fill(title);
  await hr.getByLabel("受付開始日").fill(daysFromToday(-1));
  await hr.getByLabel("受付締切日").fill(daysFromToday(20));
  await hr.getByLabel("所属長意見の期限").fill(daysFromToday(25));
  await hr.getByLabel("志望動機の字数").fill("100");
  const unit = (await sql.one<{ o: number }>("SELECT org_unit_id AS o FROM employees WHERE id = ?", [eligible.id])).o;
  await hr.getByLabel("所属（ポスト1）").selectOption(String(unit));
  await hr.getByLabel("職務の内容").first().fill("地域防災の係長");
  await hr.getByLabel("募集人数").first().fill("1");
  await expectNoSeriousA11yViolations(hr);
  await hr.getByRole("button", { name: "下書きとして保存する" }).click();
  await expect(hr.getByRole("status")).toContainText("公募を保存しました");
  const callId = /\/promotion\/manage\/calls\/(\d+)/.exec(hr.url())?.[1] ?? "";
  await hr.getByRole("button", { name: "公開する" }).click();
  await expect(hr.getByRole("status")).toContainText("公募を公開しました");
  await expect(hr.getByRole("heading", { level: 1 })).toContainText("公開中");

  // An ineligible employee sees exactly why (JavaScript off).
  const no = await pageAs(browser, ineligible.staffNumber, { javaScriptEnabled: false });
  await no.goto("/promotion");
  const card = no.locator(".promotion-calls li", { hasText: title });
  await expect(card).toContainText("基準日（令和9年4月1日）時点で主任在職3年以上が必要です（現在2年）。");
  await shoot(no, "calls-ineligible");
  await no.goto(`/promotion/calls/${callId}`);
  await expect(no.getByRole("button", { name: "応募する" })).toHaveCount(0);

  // The eligible one, JavaScript off: bad input stays at the field, then draft, submit, withdraw, resubmit.
  const me = await pageAs(browser, eligible.staffNumber, { javaScriptEnabled: false });
  await me.goto("/promotion");
  await me.getByRole("link", { name: title }).click();
  await expect(me.locator(".promotion-eligible")).toContainText("応募資格あり");
  const secret = `e2e志望動機-${tag}`;
  await me.getByLabel("志望動機").fill("あ".repeat(101));
  await me.getByLabel("キャリアプラン").fill("係長として現場をまとめたい。");
  await me.getByRole("button", { name: "応募する" }).click();
  await expect(me.locator(".field__errors").getByText("志望動機は100字以内で入力してください。")).toBeVisible();
  await expect(me.locator(".field__errors").getByText("自己PRを入力してください。")).toBeVisible();
  await expect(me.getByLabel("キャリアプラン")).toHaveValue("係長として現場をまとめたい。");
  const count = async () => (await sql.one<{ n: number }>("SELECT count(*) AS n FROM promotion_applications WHERE call_id = ? AND applicant_id = ?", [callId, eligible.id])).n;
  expect(await count()).toBe(0);
  await me.getByLabel("志望動機").fill(secret);
  await me.getByRole("button", { name: "下書き保存する" }).click();
  await expect(me.getByRole("status")).toContainText("下書き保存しました");
  await me.getByLabel("自己PR").fill("避難所運営の経験があります。");
  await shoot(me, "application-form");
  await me.getByRole("button", { name: "応募する" }).click();
  await expect(me.getByRole("status")).toContainText("応募しました");
  await me.getByRole("button", { name: "応募を取り下げる" }).click();
  await expect(me.getByRole("status")).toContainText("応募を取り下げました");
  await expect(me.getByLabel("志望動機")).toHaveValue(secret);
  await me.getByRole("button", { name: "再応募する" }).click();
  await expect(me.getByRole("status")).toContainText("応募しました");
  await expect(me.getByRole("heading", { name: /あなたの応募/ })).toContainText("応募済");
  expect(await count()).toBe(1);
  const appId = (await sql.one<{ id: string }>("SELECT id FROM promotion_applications WHERE call_id = ? AND applicant_id = ?", [callId, eligible.id])).id;

  // The supervisor writes an opinion from the 承認 page.
  const sup = await pageAs(browser, boss.staffNumber);
  await sup.goto("/approvals");
  await sup.getByRole("link", { name: `${eligible.name}さんの応募に意見を記入する` }).click();
  await expect(sup.getByText(secret)).toBeVisible();
  const opinion = `e2e所属長意見-${tag}`;
  await sup.getByLabel("推薦する", { exact: true }).check();
  await sup.getByLabel("意見").fill(opinion);
  await expectNoSeriousA11yViolations(sup);
  await shoot(sup, "opinion");
  await sup.getByRole("button", { name: "意見を記入する" }).click();
  await expect(sup.getByRole("status")).toContainText("所属長意見を記入しました");

  // 人事課 closes, starts the selection, and moves the applicant through every stage.
  await hr.goto(`/promotion/manage/calls/${callId}`);
  await hr.getByRole("button", { name: "締め切る" }).click();
  await expect(hr.getByRole("status")).toContainText("締め切りました");
  await hr.getByRole("button", { name: "選考を始める" }).click();
  await expect(hr.getByRole("status")).toContainText("選考を始めました");
  await expectNoSeriousA11yViolations(hr);
  await shoot(hr, "manage-call");
  await hr.getByRole("link", { name: eligible.name }).click();
  await expect(hr.getByText(opinion)).toBeVisible();
  await expect(hr.getByText(secret)).toBeVisible();
  for (const stage of ["書類選考", "面接"]) {
    await expect(hr.getByText(`現在の選考の段階: ${stage}`)).toBeVisible();
    await hr.getByLabel(/コメント/).fill(`${stage}を通過`);
    await hr.getByRole("button", { name: "合格（次の段階へ）" }).click();
    await expect(hr.getByRole("status")).toContainText("選考の結果を記録しました");
  }
  await hr.getByRole("button", { name: "合格（最終合格）" }).click();
  await expect(hr.getByRole("heading", { level: 1 })).toContainText("最終合格");
  await hr.getByLabel(/配置先/).selectOption({ index: 1 });
  await hr.getByRole("button", { name: "配置先を記録する" }).click();
  await expect(hr.getByRole("heading", { level: 1 })).toContainText("配置決定");
  await expect(hr.locator(".history")).toContainText("書類選考を通過");
  await expectNoSeriousA11yViolations(hr);
  await shoot(hr, "applicant-record");
  // 人事課's applicant table with JavaScript off: the filters are a GET form, the sort headers links, the state the URL.
  const hrNoJs = await pageAs(browser, DEMO.hrPersonnel, { javaScriptEnabled: false });
  await hrNoJs.goto(`/promotion/manage/calls/${callId}`);
  const table = hrNoJs.getByRole("table", { name: "この公募の応募者" });
  const filters = hrNoJs.locator("form.data-table__filters");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText(eligible.name);
  await expect(table).toContainText("配置決定");
  await expect(table).toContainText("推薦する");
  await filters.getByLabel("状態").selectOption("failed");
  await filters.getByRole("button", { name: "絞り込む" }).click();
  await expect(hrNoJs).toHaveURL(/status=failed/);
  await expect(table).toContainText("条件に合う応募者はいません。");
  await hrNoJs.getByRole("link", { name: "条件をクリア" }).click();
  await filters.getByLabel(/氏名/).fill(eligible.name);
  await filters.getByRole("button", { name: "絞り込む" }).click();
  await table.getByRole("link", { name: /結果/ }).click();
  await expect(hrNoJs).toHaveURL(/sort=result/);
  await expect(table.getByRole("columnheader", { name: /結果/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(filters.getByLabel(/氏名/)).toHaveValue(eligible.name);
  // Each opening of the list is one audit line naming the applications shown.
  const listed = await sql.one<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'promotion.applicants.view' AND target = ? ORDER BY id DESC LIMIT 1", [
    `promotion_call:${callId}`,
  ]);
  expect(JSON.parse(listed.detail).applicationIds).toEqual([appId]);
  // The eligible-but-not-applied list is the same table: the applicant is not in it, the ineligible one neither.
  await hrNoJs.getByRole("link", { name: "応募資格があり未応募の職員" }).click();
  const notApplied = hrNoJs.getByRole("table", { name: "応募資格があり未応募の職員" });
  await expect(notApplied).toBeVisible();
  await expect(hrNoJs.locator(".data-table__count")).not.toContainText("0件中"); // the demo city has eligible staff who did not apply
  for (const who of [eligible, ineligible]) {
    await hrNoJs.locator("form.data-table__filters").getByLabel(/氏名/).fill(who.staffNumber);
    await hrNoJs.getByRole("button", { name: "絞り込む" }).click();
    await expect(hrNoJs).toHaveURL(new RegExp(`name=${who.staffNumber}`));
    await expect(notApplied).toContainText("条件に合う職員はいません。");
  }
  await shoot(hrNoJs, "not-applied");
  await hr.goto(`/promotion/manage/calls/${callId}`);
  await expectNoSeriousA11yViolations(hr);
  await shoot(hr, "applicants-table");

  // The selection committee's CSV: stage, result, placement — not the statements.
  const [download] = await Promise.all([hr.waitForEvent("download"), hr.getByRole("link", { name: "選考委員会用の応募者一覧（CSV）" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^昇任型公募_応募者一覧_\d+年度_\d+\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFF職員番号,氏名,カナ,職位（応募時）,局・区,所属（応募時）,状態,選考の段階,結果,所属長意見,配置先,配置先の職務,応募日時\r\n")).toBe(true);
  expect(csv).toContain(`${eligible.staffNumber},${eligible.name},`);
  expect(csv).toContain(",配置決定,最終選考,合格,推薦する,");
  expect(csv).toContain("地域防災の係長");
  expect(csv).not.toContain(secret);
  const exported = await sql.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'promotion.applicants.export' AND target = ? AND outcome = 'success'", [
    `promotion_call:${callId}`,
  ]);
  expect(exported.n).toBe(1);

  const views = await sql.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'promotion.application.view' AND target = ? AND outcome = 'success'", [
    `promotion_application:${appId}`,
  ]);
  expect(views.n).toBeGreaterThanOrEqual(2);

  // The applicant sees the result and the placement, never the opinion or the committee's comments.
  await me.goto(`/promotion/calls/${callId}`);
  await expect(me.getByRole("heading", { name: /あなたの応募/ })).toContainText("配置決定");
  await expect(me.getByText("配置先:")).toContainText("地域防災の係長");
  const page = await me.content();
  expect(page).not.toContain(opinion);
  expect(page).not.toContain("書類選考を通過");
  await shoot(me, "result");
  // axe needs JavaScript: the employee's pages again, with it on.
  const withJs = await pageAs(browser, eligible.staffNumber);
  for (const url of ["/promotion", `/promotion/calls/${callId}`]) {
    await withJs.goto(url);
    await expectNoSeriousA11yViolations(withJs);
  }
  const other = await pageAs(browser, ineligible.staffNumber);
  await other.goto("/promotion");
  await expectNoSeriousA11yViolations(other);
});

/** This spec's screenshots at both widths, checked for sideways scroll at 360 px. */
function shoot(page: Page, name: string) {
  return shootBothWidths(page, `promotion-${name}`);
}

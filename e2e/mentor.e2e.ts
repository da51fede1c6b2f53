// 職員メンター制度: the whole flow in Chromium. 人事課 opens a cycle → two mentors register
// (one with JavaScript off, a bad input first) → a mentee registers with JavaScript off,
// naming a preferred mentor → 人事課 closes registration, runs the matching, gives the mentee
// another mentor by hand and publishes → both are notified → the mentee logs a meeting (JS
// off), the fit check and a note → a third person (the mentee's supervisor, 人事課, the admin,
// 人材育成課, the other mentor) gets 404 on the pair page → 人事課 ends the cycle → survey.
// Screenshots at 1280 and 360 px of the main pages; no sideways scroll at 360 px; axe clean.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { todayIso } from "../app/lib/fiscal-year";
import { BASE_URL } from "./env";
import { DEMO, createTestEmployee, expect, expectNoSeriousA11yViolations, pageAs, sessionFor, shootBothWidths, sql, test } from "./fixtures";


function daysFromToday(n: number): string {
  return todayIso(new Date(Date.now() + n * 86_400_000));
}

/** Three 課 of three different 局/区. */
async function threeSections(): Promise<number[]> {
  const rows = await sql.all<{ id: number }>(
    `WITH RECURSIVE ub(unit_id, bureau_id) AS (SELECT id, id FROM org_units WHERE parent_id IS NULL UNION ALL SELECT o.id, ub.bureau_id FROM org_units o JOIN ub ON o.parent_id = ub.unit_id)
     SELECT min(o.id) AS id FROM org_units o JOIN ub ON ub.unit_id = o.id WHERE o.kind = 'section' GROUP BY ub.bureau_id ORDER BY ub.bureau_id LIMIT 3`,
  );
  return rows.map((r) => r.id);
}

async function testPerson(rank: string, unit: number, hiredOn: string, supervisorStaffNumber?: string) {
  const p = await createTestEmployee({ rank, supervisorStaffNumber });
  // The rank cannot start before the hire (the org import refuses such a row, and the import spec re-imports everyone).
  // ISO dates compare as text; CASE rather than SQLite's max(a, b), which PostgreSQL calls greatest.
  await sql.run("UPDATE employees SET org_unit_id = ?, hired_on = ?, rank_since = CASE WHEN rank_since > ? THEN rank_since ELSE ? END WHERE id = ?", [
    unit,
    hiredOn,
    hiredOn,
    hiredOn,
    p.id,
  ]);
  return p;
}

test("cycle → both sides register → matching, a hand edit, publish → notices → meeting, fit check, note → 404 for others → end → survey", async ({ browser }) => {
  test.setTimeout(240_000);
  const tag = randomBytes(3).toString("hex");
  const title = `メンター制度 e2e-${tag}`;
  const [a, b, c] = await threeSections();
  const boss = await testPerson("係長", a!, "2005-04-01");
  const mentee = await testPerson("一般職員", a!, daysFromToday(-400), boss.staffNumber);
  const mentorX = await testPerson("課長", b!, "2000-04-01");
  const mentorY = await testPerson("係長", c!, "2004-04-01");
  const secret = `ペアだけのメモ-${tag}`;

  // 人事課 creates the cycle and opens registration.
  const hr = await pageAs(browser, DEMO.hrPersonnel);
  await hr.goto("/mentor/manage");
  await hr.getByRole("link", { name: "新しいサイクルを作成する" }).click();
  await hr.getByLabel("サイクルの名称").fill(title);
  await hr.getByLabel("登録の受付開始日").fill(daysFromToday(-1));
  await hr.getByLabel("登録の受付締切日").fill(daysFromToday(10));
  await hr.getByRole("button", { name: "下書きとして作成する" }).click();
  await expect(hr.getByRole("heading", { name: title })).toBeVisible();
  const cycleId = Number(new URL(hr.url()).pathname.split("/").pop());
  await hr.getByRole("button", { name: "募集を始める" }).click();
  await expect(hr.getByText("募集を始めました。")).toBeVisible();

  // Mentor X registers with JavaScript.
  const x = await pageAs(browser, mentorX.staffNumber);
  await x.goto(`/mentor/cycles/${cycleId}/mentor`);
  await x.getByLabel("経験のある分野").fill("本庁の企画と区役所の地域振興");
  await x.getByLabel("キャリア形成").check();
  await x.getByLabel("受け入れるメンティの人数").selectOption("2");
  await x.getByRole("button", { name: "メンターとして登録する" }).click();
  await expect(x.getByText("メンターとして登録しました。")).toBeVisible();

  // Mentor Y registers with JavaScript off; a missing topic is answered at the field, the text kept.
  const y = await pageAs(browser, mentorY.staffNumber, { javaScriptEnabled: false });
  await y.goto(`/mentor/cycles/${cycleId}/mentor`);
  await y.getByLabel("経験のある分野").fill("福祉の現場での相談支援");
  await y.getByRole("button", { name: "メンターとして登録する" }).click();
  await expect(y.getByText("相談に乗れる話題を1つ以上選んでください。")).toBeVisible();
  await expect(y.getByLabel("経験のある分野")).toHaveValue("福祉の現場での相談支援");
  await y.getByLabel("キャリア形成").check();
  await y.getByLabel("人間関係").check();
  await y.getByRole("button", { name: "メンターとして登録する" }).click();
  await expect(y.getByText("メンターとして登録しました。")).toBeVisible();

  // The mentee's form, looked at with JavaScript on (axe needs it); the mentee then registers with it off, naming mentor X first.
  const mOn = await pageAs(browser, mentee.staffNumber);
  await mOn.goto(`/mentor/cycles/${cycleId}/mentee`);
  await shoot(mOn, "mentee-form");
  await expectNoSeriousA11yViolations(mOn);
  const m = await pageAs(browser, mentee.staffNumber, { javaScriptEnabled: false });
  await m.goto(`/mentor/cycles/${cycleId}`);
  await m.getByRole("link", { name: "メンティとして登録する" }).click();
  await m.getByLabel("相談したいこと・悩み").fill("配属2年目で仕事の進め方に悩んでいます。");
  await m.getByLabel("キャリア形成").check();
  await m.getByLabel("第1希望").selectOption(mentorX.id);
  await m.getByRole("button", { name: "メンティとして登録する" }).click();
  await expect(m.getByText("メンティとして登録しました。")).toBeVisible();

  // 人事課 closes registration, runs the matching and reviews the proposal.
  await hr.reload();
  await hr.getByRole("button", { name: "募集を締め切ってマッチングに進む" }).click();
  await expect(hr.getByText("募集を締め切りました。")).toBeVisible();
  await hr.getByRole("button", { name: "マッチングを実行する" }).click();
  await expect(hr.getByRole("heading", { name: /ペアと提案/ })).toBeVisible();
  const pairItem = hr.locator("li.panel", { hasText: mentee.name });
  await expect(pairItem).toContainText(mentorX.name);
  await expect(pairItem).toContainText("第1希望のメンター");
  await shoot(hr, "proposal");
  await expectNoSeriousA11yViolations(hr);
  // By hand: mentor Y instead.
  await pairItem.getByLabel("メンターを変える").selectOption(mentorY.id);
  await pairItem.getByRole("button", { name: "変更する" }).click();
  await expect(hr.getByText("提案のペアを変更しました。")).toBeVisible();
  await expect(hr.locator("li.panel", { hasText: mentee.name })).toContainText(mentorY.name);
  await hr.goto(`/mentor/manage/cycles/${cycleId}`);
  await hr.getByRole("button", { name: "ペアを公開する（双方に通知）" }).click();
  await expect(hr.getByText("ペアを公開しました。")).toBeVisible();
  await shoot(hr, "cycle");
  await expectNoSeriousA11yViolations(hr);

  // Both sides are told.
  await m.goto("/notifications");
  await expect(m.getByText("メンターが決まりました")).toBeVisible();
  await y.goto("/notifications");
  await expect(y.getByText("メンティが決まりました")).toBeVisible();
  const pairId = (await sql.one<{ id: number }>("SELECT id FROM mentor_pairs WHERE mentee_id = ? AND status = 'active'", [mentee.id])).id;

  // The mentee logs a meeting (JavaScript off; a bad length first), the fit check and a note.
  await m.goto(`/mentor/pairs/${pairId}`);
  await m.getByLabel("時間（分）").fill("abc");
  await m.getByRole("button", { name: "面談を記録する" }).click();
  await expect(m.getByText("面談の時間（分）は5から600までの整数で入力してください。")).toBeVisible();
  await m.getByLabel("時間（分）").fill("60");
  await m.getByLabel("方法").selectOption("in_person");
  await m.getByRole("button", { name: "面談を記録する" }).click();
  await expect(m.getByText("面談を記録しました。")).toBeVisible();
  await expect(m.getByText("60分・対面")).toBeVisible();
  await m.getByLabel("うまくいきそう").check();
  await m.getByRole("button", { name: "回答する" }).click();
  await expect(m.getByText("あなたの回答は「うまくいきそう」です。")).toBeVisible();
  await m.getByLabel("メモ（ペアの2人だけが読めます）").fill(secret);
  await m.getByRole("button", { name: "メモを追加する" }).click();
  await expect(m.getByText(secret)).toBeVisible();
  await mOn.goto(`/mentor/pairs/${pairId}`);
  await shoot(mOn, "pair");
  await expectNoSeriousA11yViolations(mOn);
  await y.goto(`/mentor/pairs/${pairId}`);
  await expect(y.getByText(secret)).toBeVisible();

  // Anyone else: 404 on the pair page and its data, and the note never in the answer.
  const outsiders = { 上司: boss.staffNumber, 人事課: DEMO.hrPersonnel, 管理者: DEMO.admin, 人材育成課: DEMO.hrDev, ほかのメンター: mentorX.staffNumber };
  for (const [who, staffNumber] of Object.entries(outsiders)) {
    const cookie = `kjp_session=${await sessionFor(staffNumber)}`;
    for (const url of [`/mentor/pairs/${pairId}`, `/mentor/pairs/${pairId}.data`]) {
      const res = await fetch(`${BASE_URL}${url}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.status, `${who} ${url}`).toBe(404);
      expect(await res.text(), `${who} ${url}`).not.toContain(secret);
    }
    const post = await fetch(`${BASE_URL}/mentor/pairs/${pairId}`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: BASE_URL },
      body: new URLSearchParams({ intent: "note", body: "外部からのメモ" }),
      redirect: "manual",
    });
    expect(post.status, `${who} POST`).toBe(404);
  }

  // 人事課 ends the cycle; the pair closes and the mentee answers the survey (JavaScript off).
  await hr.getByRole("button", { name: "サイクルを終了する（ペアを終える）" }).click();
  await expect(hr.getByText("サイクルを終了しました。")).toBeVisible();
  await m.goto(`/mentor/pairs/${pairId}`);
  await m.locator('input[name="score"][value="4"]').check();
  await m.getByLabel("感想（任意）").fill("話しやすかったです。");
  await m.getByRole("button", { name: "アンケートに回答する" }).click();
  await expect(m.getByText("回答済みです（4点）。")).toBeVisible();
  await expect(m.getByText("サイクルの終了で終了")).toBeVisible();

  // 人材育成課 sees the figures only.
  const dev = await pageAs(browser, DEMO.hrDev);
  await dev.goto("/stats/mentor");
  await expect(dev.getByRole("heading", { name: /職員メンター制度の運用/ })).toBeVisible();
  await expect(dev.getByText("成立したペア").first()).toBeVisible();
  await shoot(dev, "stats");
  await expectNoSeriousA11yViolations(dev);
});

test("the seeded cycle: 人事課 sees why a preference failed and who waits for a rematch; the progress page shows the メンター row", async ({ browser }) => {
  const hr = await pageAs(browser, DEMO.hrPersonnel);
  const cycleId = (await sql.one<{ id: number }>("SELECT id FROM mentor_cycles WHERE title = '令和8年度 職員メンター制度'")).id;
  await hr.goto(`/mentor/manage/cycles/${cycleId}/pairs`);
  await expect(hr.getByText(/上司・部下の系列/).first()).toBeVisible();
  await expect(hr.getByRole("heading", { name: /ペアのないメンティ（[1-9]/ })).toBeVisible();
  await expect(hr.getByRole("button", { name: "再マッチングする" }).first()).toBeVisible();
  await shoot(hr, "seeded-pairs");
  await expectNoSeriousA11yViolations(hr);
  // Notes are never on 人事課's pages; the pair page itself is 404 for 人事課.
  const dev = await pageAs(browser, DEMO.hrDev);
  await dev.goto("/stats");
  const row = dev.getByRole("row", { name: /職員メンター制度の運用/ });
  await expect(row).toContainText("成立したペア");
  await expect(row).not.toContainText("未対応");
  await shoot(dev, "progress");
});

/** This spec's screenshots at both widths, checked for sideways scroll at 360 px. */
function shoot(page: Page, name: string) {
  return shootBothWidths(page, `mentor-${name}`);
}

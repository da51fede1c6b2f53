// Runs after every other spec (a project of its own in playwright.config.ts): a full-snapshot
// import disables whoever is missing from the file, so no other test may be creating people.
import { stringify } from "csv-stringify/sync";
import { DEMO, e2eDb, expect, expectNoSeriousA11yViolations, test, useSession } from "./fixtures";

const HEADER = "職員番号,氏名,カナ,メールアドレス,所属コード,職位,職種,任用形態,採用日,現職位発令日,生年,性別,上司職員番号";

type Row = {
  staff_number: string;
  name: string;
  kana: string;
  email: string | null;
  code: string;
  rank: string;
  job_category: string;
  employment_type: string;
  hired_on: string;
  rank_since: string;
  birth_year: number;
  gender: string | null;
  boss: string | null;
};

/** The personnel data as it stands, as the personnel system would export it. */
function currentMaster(): Row[] {
  return e2eDb()
    .prepare(
      `SELECT e.staff_number, e.name, e.kana, e.email, o.code, e.rank, e.job_category, e.employment_type, e.hired_on, e.rank_since,
              e.birth_year, e.gender, s.staff_number AS boss
       FROM employees e JOIN org_units o ON o.id = e.org_unit_id LEFT JOIN employees s ON s.id = e.supervisor_id
       WHERE e.source = 'personnel' AND e.disabled_at IS NULL ORDER BY e.staff_number`,
    )
    .all() as Row[];
}

/** Rows the personnel system could have exported (other specs create people with test-only data). */
function exportable(r: Row): boolean {
  return /^\d{5,10}$/.test(r.staff_number) && Boolean(r.hired_on && r.rank_since && r.birth_year && r.rank && r.job_category && r.employment_type);
}

/** The file as the personnel system sends it; `extra` adds the optional columns 勤務状況 and 現所属配属日 per staff number. */
function toCsv(rows: Row[], extra?: Map<string, [string, string]>): Buffer {
  const kana = (k: string) => (/^[ァ-ヶー\s\u3000]+$/.test(k) ? k : "シケン");
  const records = rows.map((r) => [
    r.staff_number, r.name, kana(r.kana), r.email ?? "", r.code, r.rank, r.job_category ?? "行政事務", r.employment_type ?? "正規",
    r.hired_on, r.rank_since, r.birth_year, r.gender ?? "", r.boss ?? "",
    ...(extra ? (extra.get(r.staff_number) ?? ["在職", ""]) : []),
  ]);
  const header = [...HEADER.split(","), ...(extra ? ["勤務状況", "現所属配属日"] : [])];
  // Other specs create people with quotes and commas in their names: quote as Excel does.
  return Buffer.from("\uFEFF" + stringify([header, ...records], { record_delimiter: "\r\n" }), "utf8");
}

const workFacts = (staffNumber: string) =>
  e2eDb().prepare("SELECT work_status AS s, assigned_on AS d FROM employees WHERE staff_number = ?").get(staffNumber) as { s: string | null; d: string | null };

const count = () => (e2eDb().prepare("SELECT count(*) AS n FROM employees").get() as { n: number }).n;

test("an admin imports the org master: a bad row writes nothing, a good file reports what changed", async ({ page, context }) => {
  await useSession(context, DEMO.admin);
  await page.goto("/admin/import");
  await expect(page.getByRole("heading", { name: "組織データの取込" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const everyone = currentMaster();
  const master = everyone.filter(exportable);
  const leaving = everyone.length - master.length;
  const newcomer: Row = { ...master[0]!, staff_number: "880001", name: "新規 採用", kana: "シンキ サイヨウ", email: null, rank: "一般職員", rank_since: "2026-04-01", hired_on: "2026-04-01", birth_year: 2003, boss: DEMO.supervisor };
  const bad: Row = { ...newcomer, staff_number: "880002", rank_since: "2099-04-01", rank: "社長" };

  const demoFacts = workFacts(DEMO.employee);
  const before = count();
  await page.locator("input[type=file][name=employeeFile]").setInputFiles({ name: "shokuin.csv", mimeType: "text/csv", buffer: toCsv([...master, newcomer, bad]) });
  await page.getByRole("button", { name: "取り込む" }).click();
  await expect(page.getByRole("alert")).toContainText("取り込めませんでした");
  const errors = page.getByRole("region", { name: /職員CSVのエラー/ }).getByRole("table");
  const badRow = String(master.length + 3); // header is row 1, as Excel numbers rows
  await expect(errors.getByRole("row").filter({ hasText: "職位" }).first()).toContainText(badRow);
  await expect(errors.getByRole("row").filter({ hasText: "現職位発令日" }).first()).toContainText(badRow);
  expect(count()).toBe(before);

  // The newcomer joins, and the demo employee moves to another rank.
  const changed = master.map((r) => (r.staff_number === DEMO.employee ? { ...r, rank: "係長", rank_since: "2026-10-01" } : r));
  await page.locator("input[type=file][name=employeeFile]").setInputFiles({ name: "shokuin.csv", mimeType: "text/csv", buffer: toCsv([...changed, newcomer]) });
  // People created by other specs are not in the export, so they are disabled: confirm that.
  await page.getByLabel("多数のアカウントが無効になることを確認しました").check();
  await page.getByRole("button", { name: "取り込む" }).click();
  const result = page.getByRole("status").filter({ hasText: "取り込みました" });
  await expect(result).toContainText("追加 1件");
  await expect(result).toContainText("変更 1件");
  await expect(result).toContainText(`無効化 ${leaving}件`);
  expect(count()).toBe(before + 1);
  const moved = e2eDb().prepare("SELECT rank FROM employees WHERE staff_number = ?").get(DEMO.employee) as { rank: string };
  expect(moved.rank).toBe("係長");
  const audited = e2eDb().prepare("SELECT outcome FROM audit_log WHERE action = 'org.import' ORDER BY id").all() as { outcome: string }[];
  expect(audited.map((a) => a.outcome)).toEqual(["failure", "success"]);
  // A file without the optional columns left 勤務状況 and 現所属配属日 as they were.
  expect(workFacts(DEMO.employee)).toEqual(demoFacts);
  await expectNoSeriousA11yViolations(page);

  // With the optional columns: a bad 勤務状況 is reported at its row and column, then a good file sets them.
  const rows = [...changed, newcomer];
  const badFacts = new Map([[newcomer.staff_number, ["出向", "2026-04-01"] as [string, string]]]);
  await page.locator("input[type=file][name=employeeFile]").setInputFiles({ name: "shokuin.csv", mimeType: "text/csv", buffer: toCsv(rows, badFacts) });
  await page.getByRole("button", { name: "取り込む" }).click();
  await expect(page.getByRole("alert")).toContainText("取り込めませんでした");
  const statusError = page.getByRole("region", { name: /職員CSVのエラー/ }).getByRole("row").filter({ hasText: "勤務状況" }).first();
  await expect(statusError).toContainText(String(rows.length + 1));
  await expect(statusError).toContainText("勤務状況「出向」は使えません");
  const goodFacts = new Map([[newcomer.staff_number, ["育児休業", "2026/4/1"] as [string, string]]]);
  await page.locator("input[type=file][name=employeeFile]").setInputFiles({ name: "shokuin.csv", mimeType: "text/csv", buffer: toCsv(rows, goodFacts) });
  await page.getByRole("button", { name: "取り込む" }).click();
  await expect(page.getByRole("status").filter({ hasText: "取り込みました" })).toBeVisible();
  expect(workFacts(newcomer.staff_number)).toEqual({ s: "育児休業", d: "2026-04-01" });
  // Every other row had 在職 and a blank 現所属配属日: a blank cell clears the stored date.
  expect(workFacts(DEMO.employee)).toEqual({ s: "在職", d: null });

  // The template has every column, the optional ones last.
  const template = await page.request.get("/admin/import/template");
  expect((await template.body()).toString("utf8")).toBe(`\uFEFF${HEADER},勤務状況,現所属配属日\r\n`);
});

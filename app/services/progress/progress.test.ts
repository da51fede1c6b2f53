import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { subsidyProgressModule } from "~/services/subsidy/progress-module.server";
import { trainingProgressModule } from "~/services/training/progress-module.server";
import { fromDisplay, meet, pinnedByReader, type ReaderLine, type ReaderVar } from "./adversary.test-helpers";
import { breakdown } from "./breakdown.server";
import { dimensionByKey } from "./dimensions";
import type { StatsModule } from "./types";
import { breakdownView } from "./view.server";

const sqlite = () => getDb().$client;
const people: Record<string, string> = {};

function unit(code: string, name: string, kind: string, parent: string | null) {
  sqlite()
    .prepare("INSERT INTO org_units (code, name, kind, parent_id) VALUES (?, ?, ?, (SELECT id FROM org_units WHERE code = ?))")
    .run(code, name, kind, parent);
}
function employee(key: string, section: string, rank: string, birthYear: number, gender: string | null) {
  const id = randomUUID();
  people[key] = id;
  sqlite()
    .prepare(
      "INSERT INTO employees (id, staff_number, name, kana, org_unit_id, rank, job_category, birth_year, gender) VALUES (?, ?, ?, 'カナ', (SELECT id FROM org_units WHERE code = ?), ?, '行政事務', ?, ?)",
    )
    .run(id, `5${Object.keys(people).length.toString().padStart(5, "0")}`, key, section, rank, birthYear, gender);
}

beforeAll(() => {
  // Two bureaus: 総務企画局 (局 → 部 → 課) and 幸区役所 (区 → 課 directly under it).
  unit("B1", "総務企画局", "bureau", null);
  unit("B1D1", "人事部", "division", "B1");
  unit("B1D1S1", "人材育成課", "section", "B1D1");
  unit("B2", "幸区役所", "bureau", null);
  unit("B2S1", "区民課", "section", "B2");
  for (let i = 0; i < 8; i++) employee(`a${i}`, "B1D1S1", i < 6 ? "主任" : "係長", 1990, i % 2 ? "女性" : "男性");
  for (let i = 0; i < 3; i++) employee(`b${i}`, "B2S1", "一般職員", 2000, null);

  const db = sqlite();
  db.prepare("INSERT INTO training_courses (id, fiscal_year, title, kind) VALUES (1, 2026, '新任主任研修', 'required'), (2, 2025, '昨年度の研修', 'required')").run();
  const session = (id: number, course: number, start: Date) =>
    db
      .prepare(
        "INSERT INTO training_course_sessions (id, course_id, seq, starts_at, ends_at, capacity, signup_opens_at, signup_closes_at, cancel_deadline) VALUES (?, ?, ?, ?, ?, 30, 0, 0, 0)",
      )
      .run(id, course, id, start.getTime(), start.getTime() + 3 * 3600_000);
  session(1, 1, jstDate(2026, 5, 20, 9)); // held, May
  session(2, 1, jstDate(2026, 10, 1, 9)); // held, October
  session(3, 1, jstDate(2027, 2, 10, 9)); // not yet held (as of the test's clock), February
  session(4, 2, jstDate(2025, 6, 1, 9));
  const enrol = (course: number, s: number, who: string, status: string) =>
    db
      .prepare("INSERT INTO training_enrollments (course_id, course_session_id, employee_id, status, requested_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)")
      .run(course, s, people[who], status);
  // FY2026: 総務企画局 a0–a5 completed in May, a6 absent in October, a7 cancelled; 幸区役所 b0 confirmed in February, b1 rejected.
  for (let i = 0; i < 6; i++) enrol(1, 1, `a${i}`, "completed");
  enrol(1, 2, "a6", "absent");
  enrol(1, 2, "a7", "cancelled");
  enrol(1, 3, "b0", "confirmed");
  enrol(1, 3, "b1", "rejected");
  enrol(2, 4, "a0", "completed"); // FY2025, must not count in FY2026

  const app = (who: string, status: string, amount: number, fy = 2026) =>
    db
      .prepare(
        "INSERT INTO subsidy_applications (id, applicant_id, fiscal_year, other_name, other_reason, exam_date, pass_date, amount, status, client_token, submitted_at) VALUES (?, ?, ?, 'その他資格', '業務に有用', '2026-06-01', '2026-07-01', ?, ?, ?, ?)",
      )
      .run(randomUUID(), people[who], fy, amount, status, randomUUID(), jstDate(2026, 8, 1).getTime());
  for (let i = 0; i < 6; i++) app(`a${i}`, "paid", 10_000);
  app("a6", "approved", 20_000);
  app("b0", "paid", 30_000);
  app("b1", "rejected", 0);
  app("b2", "draft", 5_000); // a draft is not an application yet
});

describe("training figures", () => {
  it("counts sessions held, sign-ups and completions of the 年度 only", async () => {
    const figures = await trainingProgressModule.summary(2026);
    const by = Object.fromEntries(figures.map((f) => [f.label, f.value]));
    // Sessions 1 and 2 have ended by now (the clock is past 2026-10-01); session 3 is in 2027.
    expect(by["実施した研修の回数"]).toBe(Date.now() > jstDate(2027, 2, 10, 12).getTime() ? 3 : 2);
    expect(by["申込"]).toBe(8); // 6 completed + absent + confirmed; cancelled and rejected excluded
    expect(by["修了"]).toBe(6);
    expect(Object.fromEntries((await trainingProgressModule.summary(2025)).map((f) => [f.label, f.value]))["修了"]).toBe(1);
  });

  it("breaks down by 局/区 (through 部 or directly under a 区) without suppression", async () => {
    const b = breakdown(trainingProgressModule, 2026, dimensionByKey("bureau"), 5);
    expect(b.suppressionApplied).toBe(false);
    const rows = Object.fromEntries(b.rows.map((r) => [r.label, r.cells.map((c) => c.value)]));
    expect(rows["総務企画局"]).toEqual([7, 6, 6]); // signups, attended, completions
    expect(rows["幸区役所"]).toEqual([1, 0, 0]);
    expect(b.totals.map((t) => t.value)).toEqual([8, 6, 6]);
  });

  it("breaks down by month in Tokyo time in fiscal order", async () => {
    const b = breakdown(trainingProgressModule, 2026, dimensionByKey("month"), 5);
    expect(b.rows.map((r) => r.label)).toEqual(["5月", "10月", "2月"]);
    expect(b.rows.map((r) => r.cells[0]!.value)).toEqual([6, 1, 1]);
  });

  it("suppresses personal dimensions such as age band", async () => {
    const b = breakdown(trainingProgressModule, 2026, dimensionByKey("ageBand"), 5);
    expect(b.suppressionApplied).toBe(true);
    const rows = Object.fromEntries(b.rows.map((r) => [r.label, r.cells[0]!]));
    // 30代 has 7 sign-ups and 20代以下 has 1. The 1 is suppressed; with the total (8) shown,
    // 8 − 7 would give it away, so the 7 is suppressed as well.
    expect(rows["20代以下"]).toEqual({ value: 1, suppressed: true });
    expect(rows["30代"]).toEqual({ value: 7, suppressed: true, secondary: true });
    expect(b.totals[0]).toEqual({ value: 8, suppressed: false });
    // By 局/区 (not personal) nothing is suppressed.
    expect(breakdown(trainingProgressModule, 2026, dimensionByKey("bureau"), 5).rows.every((r) => r.cells.every((c) => !c.suppressed))).toBe(true);
  });
});

describe("subsidy figures", () => {
  it("counts applications, decisions and yen of the 年度", async () => {
    const by = Object.fromEntries(subsidyProgressModule.summary(2026).map((f) => [f.label, f.value]));
    expect(by["申請"]).toBe(9);
    expect(by["交付決定"]).toBe(8);
    expect(by["不承認"]).toBe(1);
    expect(by["交付決定額"]).toBe(6 * 10_000 + 20_000 + 30_000);
    expect(by["支払額"]).toBe(6 * 10_000 + 30_000);
  });

  it("suppresses every breakdown, and yen follows the count it belongs to", async () => {
    const b = breakdown(subsidyProgressModule, 2026, dimensionByKey("bureau"), 5);
    const row = (label: string) => b.rows.find((r) => r.label === label)!;
    const col = (key: string) => b.metrics.findIndex((m) => m.key === key);
    // 幸区役所: 2 applications, 1 approval → small, suppressed; its yen too.
    expect(row("幸区役所").cells[col("applications")]).toEqual({ value: 2, suppressed: true });
    expect(row("幸区役所").cells[col("approved_yen")]).toEqual({ value: 30_000, suppressed: true });
    // Only one cell is small in each column, so the other goes too (or the total would reveal it).
    expect(row("総務企画局").cells[col("approvals")]!.suppressed).toBe(true);
    expect(row("総務企画局").cells[col("approved_yen")]!.suppressed).toBe(true);
    expect(b.totals[col("approvals")]).toEqual({ value: 8, suppressed: false });
    // The same threshold setting raised to 10 suppresses the 7 on its own.
    const strict = breakdown(subsidyProgressModule, 2026, dimensionByKey("bureau"), 10);
    expect(strict.totals[col("applications")]).toEqual({ value: 9, suppressed: true });
  });
});

describe("a confidential service (consultation)", () => {
  it("offers only topic and 管理職／それ以外, never 局/区, age or gender", async () => {
    const { consultationProgressModule } = await import("~/services/consultation/progress-module.server");
    const { dimensionsOf } = await import("./dimensions");
    expect(dimensionsOf(consultationProgressModule).map((d) => d.key)).toEqual(["tierGroup", "topic"]);
    // Asked for a forbidden dimension, the breakdown falls back to an allowed one.
    expect(dimensionByKey("gender", consultationProgressModule).key).toBe("tierGroup");
  });

  it("suppresses small headline figures, 0 included, so the page never shows them", async () => {
    const { consultationProgressModule } = await import("~/services/consultation/progress-module.server");
    const { shownFigures } = await import("./modules.server");
    const figures = shownFigures(consultationProgressModule, 2031, 5); // a 年度 with no bookings
    expect(figures.every((f) => f.value === null && f.text === "5未満")).toBe(true);
  });
});

describe("against a reader of every table on the statistics pages (issue 10, 7b)", () => {
  /**
   * What a reader of /stats and /stats/<measure> knows of one breakdown: the cells and
   * totals as shown, the totals the progress page shows for the same 年度, that a row is
   * listed only when it has a record, and that some counts are parts of others
   * (承認・不承認 are applications, 支払 are approvals …).
   */
  async function readBreakdown(
    module: StatsModule,
    fiscalYear: number,
    dimKey: string,
    threshold: number,
    parts: { total: string; parts: string[] }[],
    everyRecord: string,
  ) {
    const { shownFigures } = await import("./modules.server");
    const dimension = dimensionByKey(dimKey, module);
    const b = breakdown(module, fiscalYear, dimension, threshold);
    const view = breakdownView(module, fiscalYear, dimension, threshold, { sort: "label", desc: false, q: "" });
    const figures = shownFigures(module, fiscalYear, threshold);
    const vars: ReaderVar[] = [];
    const lines: ReaderLine[] = [];
    const fixedRows = Boolean(module.confidential) && Boolean(dimension.order);
    b.metrics.forEach((m, j) => {
      view.rows.forEach((row, i) => {
        const know = fromDisplay(row.cells[j]!.text, threshold, m.unit);
        const listed = m.key === everyRecord && !fixedRows ? { lo: 1, hi: Infinity } : { lo: 0, hi: Infinity };
        vars.push({ id: `${m.key}|${i}`, value: b.rows[i]!.cells[j]!.value, know: meet(know, listed), hidden: row.cells[j]!.sort === null });
      });
      const figure = figures.find((f) => f.label === m.label);
      let know = fromDisplay(view.totals[j]!.text, threshold, m.unit);
      if (figure) know = meet(know, figure.value === null ? fromDisplay(figure.text!, threshold) : { lo: figure.value, hi: figure.value });
      // A total printed on the progress page is public, whatever the breakdown shows.
      vars.push({ id: `${m.key}|total`, value: b.totals[j]!.value, know, hidden: view.totals[j]!.sort === null && know.lo !== know.hi });
      lines.push({ total: `${m.key}|total`, parts: view.rows.map((_, i) => `${m.key}|${i}`) });
    });
    for (const p of parts) {
      view.rows.forEach((_, i) => {
        const rest = `${p.total}-rest|${i}`;
        vars.push({ id: rest, value: 0, know: { lo: 0, hi: Infinity }, hidden: false });
        lines.push({ total: `${p.total}|${i}`, parts: [...p.parts.map((k) => `${k}|${i}`), rest] });
      });
    }
    // The rests' true values follow from the lines.
    for (const p of parts) {
      view.rows.forEach((_, i) => {
        const v = (k: string) => vars.find((x) => x.id === `${k}|${i}`)!.value;
        vars.find((x) => x.id === `${p.total}-rest|${i}`)!.value = v(p.total) - p.parts.reduce((s, k) => s + v(k), 0);
      });
    }
    return { view, pinned: pinnedByReader(vars, lines) };
  }

  const SUBSIDY_PARTS = [
    { total: "applications", parts: ["approvals", "rejections"] },
    { total: "approvals", parts: ["payments"] },
  ];

  it("subsidy by 局/区: 不承認 1 on the progress page does not reveal which 局/区 it was", async () => {
    for (const threshold of [5, 10]) {
      const { pinned } = await readBreakdown(subsidyProgressModule, 2026, "bureau", threshold, SUBSIDY_PARTS, "applications");
      expect(pinned, `threshold ${threshold}`).toEqual([]);
    }
  });

  it("training by a personal dimension: the totals of the 局/区 table do not reveal a cell", async () => {
    const parts = [
      { total: "signups", parts: ["attended"] },
      { total: "attended", parts: ["completions"] },
    ];
    for (const dim of ["ageBand", "gender", "jobCategory"]) {
      const { pinned } = await readBreakdown(trainingProgressModule, 2026, dim, 5, parts, "signups");
      expect(pinned, dim).toEqual([]);
    }
  });
});

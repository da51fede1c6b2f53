// The breakdown CSV and the breakdown page, through their real loaders: the same rows in
// the same order with the same 合計 (issue 13). Training sign-ups fall in several months
// across the 年度 boundary (the month CSV once ran 10月, 11月, 12月, 1月, 4月 …), and in 局/区
// whose 表示順 differs from their names' order.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { DIMENSIONS } from "~/services/progress/dimensions";
import { makeCourse, makeEmployee, makeSession, seedTiers } from "~/services/training/test-helpers";
import { signUp } from "~/services/training/enrollment-mutations.server";
import { loader as csvLoader } from "./stats.$measure.csv";
import { loader as pageLoader } from "./stats.$measure";

let hr: Awaited<ReturnType<typeof makeEmployee>>;
// A past 年度 the page offers (it offers none after the current one), used by no other test of this file.
const FY = 2023;

function unit(code: string, name: string, sortOrder: number, parentId: number | null = null) {
  return getDb()
    .insert(schema.orgUnits)
    .values({ code, name, kind: parentId ? "section" : "bureau", parentId, sortOrder })
    .returning()
    .get().id;
}

beforeAll(async () => {
  await seedTiers();
  hr = await makeEmployee({ roles: ["hr_dev"] });
  // Names in Japanese collation run 麻生 → 川崎 → 総務; the city's order is 総務企画局, 川崎区役所, 麻生区役所.
  const bureaus = [unit("X1", "総務企画局", 10), unit("X2", "川崎区役所", 20), unit("X3", "麻生区役所", 30)];
  const sections = bureaus.map((b, i) => unit(`X${i + 1}S`, `課${i}`, 1, b));
  const course = await makeCourse({ fiscalYear: FY });
  // 4月, 10月, 1月 (next calendar year), 3月: across the calendar-year turn.
  const months: [number, number][] = [[FY, 4], [FY, 10], [FY + 1, 1], [FY + 1, 3]];
  for (const [i, [y, m]] of months.entries()) {
    const startsAt = jstDate(y, m, 15, 9, 30);
    const s = await makeSession(course.id, { capacity: 50, startsAt, signupOpensAt: jstDate(FY, 4, 1, 0, 0), signupClosesAt: startsAt, cancelDeadline: startsAt, seq: i + 1 });
    for (let k = 0; k <= i; k++) {
      const p = await makeEmployee();
      getDb().update(schema.employees).set({ orgUnitId: sections[(i + k) % 3] }).where(eqId(p.id)).run();
      expect((await signUp({ actor: p, courseSessionId: s.id, now: jstDate(FY, 4, 1, 12, 0) })).ok).toBe(true);
    }
  }
});

import { eq } from "drizzle-orm";
function eqId(id: string) {
  return eq(schema.employees.id, id);
}

async function both(dim: string) {
  const url = `http://127.0.0.1/stats/training?fy=${FY}&dim=${dim}`;
  const context = { viewer: hr.viewer, sessionId: null, sessionVia: null, ip: "127.0.0.1" };
  const page = await pageLoader({ request: new Request(url), params: { measure: "training" }, context });
  const res = await csvLoader({ request: new Request(url.replace("/training?", "/training/csv?")), params: { measure: "training" }, context });
  const rows = parse((await res.text()).replace(/^\uFEFF/, "")) as string[][];
  const screen = [...page.view.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]), ["合計", ...page.view.totals.map((c) => c.text)]];
  return { screen, csv: rows.slice(1).map((r) => r.map((c) => (/^\d+$/.test(c) ? Number(c).toLocaleString("ja-JP") : c))) };
}

describe("the training breakdown CSV agrees with its page", () => {
  it("months run 4月 → 3月 in both, with the same 合計", async () => {
    const { screen, csv } = await both("month");
    expect(screen.map((r) => r[0])).toEqual(["4月", "10月", "1月", "3月", "合計"]);
    expect(csv).toEqual(screen);
    expect(csv.at(-1)).toEqual(["合計", "10", "0", "0"]);
  });

  it("局・区 run in the org master's 表示順 in both", async () => {
    const { screen, csv } = await both("bureau");
    expect(screen.map((r) => r[0])).toEqual(["総務企画局", "川崎区役所", "麻生区役所", "合計"]);
    expect(csv).toEqual(screen);
  });

  it("every other breakdown too", async () => {
    for (const d of DIMENSIONS) {
      const { screen, csv } = await both(d.key);
      expect(csv, d.key).toEqual(screen);
    }
  });
});

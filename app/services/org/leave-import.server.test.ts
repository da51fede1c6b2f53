// The 休職等期間CSV (decision 502): a full snapshot of the leave periods, all-or-nothing, with
// row-level Japanese errors; 昇任型公募's eligibility then deducts the kinds a call names.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { applyImport } from "./import.server";
import { EMPLOYEE_CSV_COLUMNS, LEAVE_CSV_COLUMNS, ORG_CSV_COLUMNS, mayOmit } from "./import-columns";
import { applyLeaveImport } from "./leave-import.server";

const NOW = new Date("2026-12-01T03:00:00Z");
const bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
const csv = (rows: string[]) => bom([LEAVE_CSV_COLUMNS.map((c) => c.header).join(","), ...rows].join("\r\n"));
const ORG = bom([ORG_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header).join(","), "B1,中原区役所,局・区,", "S1,地域支援課,課,B1"].join("\r\n"));
const STAFF = [
  "30001,中原 花子,ナカハラ ハナコ,,S1,主任,行政事務,正規,2012-04-01,2023-10-01,1990,女性,",
  "30002,中原 次郎,ナカハラ ジロウ,,S1,主任,行政事務,正規,2015-04-01,2022-04-01,1988,男性,",
];

async function importStaff() {
  await immediate((tx) => tx.insert(schema.employees).values({ id: "bootstrap", staffNumber: "90001", name: "初期", kana: "ショキ", source: "portal" }).onConflictDoNothing());
  const header = EMPLOYEE_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header);
  const r = await applyImport({ orgBytes: ORG, employeeBytes: bom([header.join(","), ...STAFF].join("\r\n")), actorId: "bootstrap", now: NOW });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

const stored = async () =>
  getDb()
    .select({ sn: schema.employees.staffNumber, kind: schema.employeeLeavePeriods.kind, from: schema.employeeLeavePeriods.fromOn, to: schema.employeeLeavePeriods.toOn })
    .from(schema.employeeLeavePeriods)
    .innerJoin(schema.employees, eq(schema.employees.id, schema.employeeLeavePeriods.employeeId))
    .orderBy(schema.employeeLeavePeriods.fromOn);

describe("the 休職等期間CSV", () => {
  it("replaces every stored period with the file's (a blank 終了日: still on leave), with one audit line", async () => {
    (await importStaff());
    expect(await applyLeaveImport({ bytes: csv(["30001,育児休業,2024/4/1,2024/11/30", "30001,休職,2025-06-01,2025-06-30", "30002,派遣,2026-04-01,"]), actorId: "bootstrap", now: NOW })).toEqual({
      ok: true,
      counts: { periods: 3, people: 2 },
    });
    expect(await stored()).toEqual([
      { sn: "30001", kind: "育児休業", from: "2024-04-01", to: "2024-11-30" },
      { sn: "30001", kind: "休職", from: "2025-06-01", to: "2025-06-30" },
      { sn: "30002", kind: "派遣", from: "2026-04-01", to: null },
    ]);
    expect((await applyLeaveImport({ bytes: csv(["30002,休職,2025-01-06,2025-02-05"]), actorId: "bootstrap", now: NOW })).ok).toBe(true);
    expect(await stored()).toEqual([{ sn: "30002", kind: "休職", from: "2025-01-06", to: "2025-02-05" }]);
    const lines = (await getDb().select().from(schema.auditLog).where(eq(schema.auditLog.action, "org.leave_import")));
    expect(lines.map((l) => l.outcome)).toEqual(["success", "success"]);
  });

  it("one bad row writes nothing; every error names its row and column in Japanese", async () => {
    (await importStaff());
    (await applyLeaveImport({ bytes: csv(["30001,休職,2025-06-01,2025-06-30"]), actorId: "bootstrap", now: NOW }));
    const r = await applyLeaveImport({
      bytes: csv([
        "30001,育児休業,2024-04-01,2024-11-30",
        "99999,休職,2024-04-01,2024-04-30",
        "30002,出張,2024-04-01,",
        "30002,休職,2024-13-01,",
        "30002,停職,2024-05-10,2024-05-01",
        "30001,休職,2024-11-01,2024-12-31",
        "30002,介護休暇,2027-01-10,",
        "30002,派遣,2010-04-01,2011-03-31",
      ]),
      actorId: "bootstrap",
      now: NOW,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, "職員番号", "職員番号「99999」の職員は登録されていません。先に職員CSVを取り込んでください。"],
      [4, "種別", "種別「出張」は使えません。休職・停職・育児休業・介護休暇・派遣のいずれかにしてください。"],
      [5, "開始日", "開始日「2024-13-01」は日付（例: 2024-04-01）で入力してください。"],
      [6, "終了日", "終了日（2024/05/01）が開始日（2024/05/10）より前です。"],
      [7, "開始日", "この職員の2行目の期間（2024/04/01〜2024/11/30）と重なっています。"],
      [8, "開始日", "開始日（2027/01/10）が未来の日付です。"],
      [9, "開始日", "開始日（2010/04/01）が採用日（2015/04/01）より前です。"],
    ]);
    expect(r.errors.every((e) => e.file === "休職等期間CSV")).toBe(true);
    expect(await stored()).toEqual([{ sn: "30001", kind: "休職", from: "2025-06-01", to: "2025-06-30" }]);
  });

  it("a wrong header is refused as a whole", async () => {
    const r = await applyLeaveImport({ bytes: bom("職員番号,種類,開始日,終了日\r\n30001,休職,2025-06-01,"), actorId: "bootstrap", now: NOW });
    expect(r.ok ? null : r.errors[0]!.message).toContain("不足している列: 種別");
  });
});

describe("昇任型公募 eligibility reads the imported periods", () => {
  it("the deduction shows in the message, and only the kinds the call names are deducted", async () => {
    (await importStaff());
    const { checkEligibility, DEFAULT_ELIGIBILITY } = await import("~/services/promotion/rules");
    const { eligibilityOf, loadCandidate } = await import("~/services/promotion/queries.server");
    const id = (await first(getDb().select().from(schema.employees).where(eq(schema.employees.staffNumber, "30001"))))!.id;
    (await applyLeaveImport({ bytes: csv(["30001,育児休業,2024-04-01,2024-11-30"]), actorId: "bootstrap", now: NOW }));
    const call = { referenceDate: "2027-03-31", eligibility: { ...DEFAULT_ELIGIBILITY, minYearsInRank: 3, probationMonths: 0, deductedLeave: { 育児休業: "full" as const } } };
    const me = (await loadCandidate(getDb(), id))!;
    expect(me.leave).toEqual([{ kind: "育児休業", from: "2024-04-01", to: "2024-11-30" }]);
    expect(eligibilityOf(call, me).failures.map((f) => f.message)).toEqual([
      "基準日（令和9年3月31日）時点で主任在職3年以上が必要です（育児休業期間（8か月）を除き、現在2年9か月）。",
    ]);
    // Counted as service by a call that does not deduct 育児休業.
    expect(checkEligibility({ ...call.eligibility, deductedLeave: { 休職: "full" } }, call.referenceDate, me).eligible).toBe(true);
  });
});

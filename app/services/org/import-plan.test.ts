import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  decodeCsvBytes,
  normaliseDate,
  planImport,
  readCsv,
  readImportFiles,
  type CsvRow,
  type ExistingSnapshot,
  type ImportError,
} from "./import-plan";
import { EMPLOYEE_CSV_COLUMNS, ORG_CSV_COLUMNS, mayOmit } from "./import-columns";

const TODAY = "2026-05-15";
/** The 職員CSV without the columns that may be left out (勤務状況, 現所属配属日: their own tests below). */
const EMP_COLUMNS = EMPLOYEE_CSV_COLUMNS.filter((c) => !mayOmit(c));
const EMP_HEADER = EMP_COLUMNS.map((c) => c.header).join(",");
const ORG_HEADER = ORG_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header).join(",");

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

type Emp = {
  staffNumber: string;
  name: string;
  kana: string;
  email: string;
  org: string;
  rank: string;
  job: string;
  type: string;
  hired: string;
  rankSince: string;
  birth: string;
  gender: string;
  supervisor: string;
};

const base: Emp = {
  staffNumber: "10001",
  name: "川崎 太郎",
  kana: "カワサキ タロウ",
  email: "taro@example.jp",
  org: "S1",
  rank: "課長",
  job: "行政事務",
  type: "正規",
  hired: "2000-04-01",
  rankSince: "2020/4/1",
  birth: "1977",
  gender: "男性",
  supervisor: "",
};

function empLine(e: Partial<Emp>): string {
  const r = { ...base, ...e };
  return [r.staffNumber, r.name, r.kana, r.email, r.org, r.rank, r.job, r.type, r.hired, r.rankSince, r.birth, r.gender, r.supervisor].join(",");
}

const ORG_LINES = ["B1,総務企画局,局・区,", "D1,人事部,部,B1", "S1,人材育成課,課,D1"];

function empCsv(...rows: Partial<Emp>[]): string {
  return [EMP_HEADER, ...rows.map(empLine)].join("\r\n") + "\r\n";
}

const noExisting: ExistingSnapshot = { orgUnits: [], employees: [] };

function rowsOf(text: string, file: "所属CSV" | "職員CSV" = "職員CSV"): CsvRow[] {
  const r = readCsv(utf8(text), file, file === "職員CSV" ? EMPLOYEE_CSV_COLUMNS : ORG_CSV_COLUMNS);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.rows;
}

function plan(employees: string, opts: { org?: string | null; existing?: ExistingSnapshot } = {}) {
  const org = opts.org === undefined ? [ORG_HEADER, ...ORG_LINES].join("\n") : opts.org;
  return planImport({
    orgRows: org == null ? null : rowsOf(org, "所属CSV"),
    employeeRows: rowsOf(employees),
    existing: opts.existing ?? noExisting,
    today: TODAY,
  });
}

function errorsOf(result: ReturnType<typeof plan>): ImportError[] {
  if (result.ok) throw new Error("expected errors, got a plan");
  return result.errors;
}

describe("decodeCsvBytes", () => {
  it("reads UTF-8 with a BOM and drops the BOM", () => {
    const { text, encoding } = decodeCsvBytes(withBom("職員番号,氏名"));
    expect(encoding).toBe("utf-8");
    expect(text).toBe("職員番号,氏名");
  });

  it("reads UTF-8 without a BOM", () => {
    expect(decodeCsvBytes(utf8("川崎"))).toEqual({ text: "川崎", encoding: "utf-8" });
  });

  it("falls back to Shift_JIS (cp932) for bytes that are not UTF-8, including Windows-only characters", () => {
    const bytes = iconv.encode("髙橋 ①～,ﾀﾛｳ", "cp932");
    expect(decodeCsvBytes(bytes)).toEqual({ text: "髙橋 ①～,ﾀﾛｳ", encoding: "shift_jis" });
  });
});

describe("readCsv", () => {
  it("recognises the header behind a UTF-8 BOM", () => {
    const r = readCsv(withBom(empCsv({})), "職員CSV", EMPLOYEE_CSV_COLUMNS);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.rows[0]!.values["職員番号"]).toBe("10001");
  });

  it("reads a Shift_JIS file saved by Excel", () => {
    const r = readCsv(iconv.encode(empCsv({ name: "髙木 花子" }), "Shift_JIS"), "職員CSV", EMPLOYEE_CSV_COLUMNS);
    expect(r.ok && r.encoding).toBe("shift_jis");
    if (r.ok) expect(r.rows[0]!.values["氏名"]).toBe("髙木 花子");
  });

  it("accepts the columns in another order", () => {
    const cols = [...EMP_COLUMNS].reverse();
    const line = empLine({}).split(",").reverse().join(",");
    const r = readCsv(utf8(`${cols.map((c) => c.header).join(",")}\n${line}\n`), "職員CSV", EMPLOYEE_CSV_COLUMNS);
    expect(r.ok && r.rows[0]!.values["カナ"]).toBe("カワサキ タロウ");
  });

  it("reports a missing header column as one error on row 1", () => {
    const header = EMP_HEADER.replace(",カナ", "");
    const r = readCsv(utf8(`${header}\n10001,川崎\n`), "職員CSV", EMPLOYEE_CSV_COLUMNS);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ file: "職員CSV", row: 1, column: null });
      expect(r.errors[0]!.message).toContain("不足している列: カナ");
    }
  });

  it("reports a file without the header (data in row 1) as one error", () => {
    const r = readCsv(utf8(`${empLine({})}\n${empLine({ staffNumber: "10002" })}\n`), "職員CSV", EMPLOYEE_CSV_COLUMNS);
    expect(!r.ok && r.errors.length).toBe(1);
    if (!r.ok) expect(r.errors[0]!.message).toContain("1行目の見出しが正しくありません");
  });

  it("names an unknown (misspelt) column", () => {
    const r = readCsv(utf8(EMP_HEADER.replace("メールアドレス", "メール") + "\n"), "職員CSV", EMPLOYEE_CSV_COLUMNS);
    expect(!r.ok && r.errors[0]!.message).toContain("不明な列: メール");
  });

  it("refuses an empty file", () => {
    const r = readCsv(withBom(""), "所属CSV", ORG_CSV_COLUMNS);
    expect(!r.ok && r.errors[0]).toMatchObject({ file: "所属CSV", row: null, message: expect.stringContaining("空") });
  });

  it("refuses a file over 10 MB", () => {
    const r = readCsv(new Uint8Array(10_000_001), "職員CSV", EMPLOYEE_CSV_COLUMNS);
    expect(!r.ok && r.errors[0]!.message).toContain("10MB以下");
  });

  it("counts rows as Excel shows them: blank lines and multi-line cells keep the numbering", () => {
    const text = `${ORG_HEADER}\nB1,"総務\n企画局",局・区,\n\n,,,\nB2,市民文化局,局,\n`;
    const rows = rowsOf(text, "所属CSV");
    expect(rows.map((r) => [r.row, r.values["所属コード"]])).toEqual([
      [2, "B1"],
      [5, "B2"],
    ]);
    expect(rows[0]!.values["所属名"]).toBe("総務\n企画局");
  });

  it("reports a row with the wrong number of columns", () => {
    const r = readCsv(utf8(`${ORG_HEADER}\nB1,総務企画局,局・区,\nB2,市民文化局\nB3,市民,文化局,局,X\nB4,こども未来局,局,,,\n`), "所属CSV", ORG_CSV_COLUMNS);
    // Row 5 only has empty cells past the header, as Excel writes them: not an error.
    expect(!r.ok && r.errors).toEqual([
      { file: "所属CSV", row: 3, column: null, message: expect.stringContaining("列の数が見出しと合いません") },
      { file: "所属CSV", row: 4, column: null, message: expect.stringContaining("列の数が見出しと合いません") },
    ]);
  });

  it("reports broken quoting with the row where it starts", () => {
    const r = readCsv(utf8(`${ORG_HEADER}\nB1,総務企画局,局・区,\nB2,"市民文化局,局,\n`), "所属CSV", ORG_CSV_COLUMNS);
    expect(!r.ok && r.errors[0]).toMatchObject({ row: 3, message: expect.stringContaining("ダブルクォート") });
  });
});

describe("readImportFiles", () => {
  it("reports file-level problems of both files at once, 所属CSV first", () => {
    const r = readImportFiles({ orgBytes: utf8("x,y\n"), employeeBytes: utf8("a,b\n") });
    expect(!r.ok && r.errors.map((e) => e.file)).toEqual(["所属CSV", "職員CSV"]);
  });

  it("treats a missing 所属CSV as no org changes", () => {
    const r = readImportFiles({ orgBytes: null, employeeBytes: withBom(empCsv({})) });
    expect(r.ok && r.orgRows).toBeNull();
  });
});

describe("normaliseDate", () => {
  it("accepts YYYY-MM-DD and YYYY/M/D and rejects impossible dates", () => {
    expect(normaliseDate("2020/4/1")).toEqual({ iso: "2020-04-01" });
    expect(normaliseDate("2020-04-01")).toEqual({ iso: "2020-04-01" });
    expect(normaliseDate("2023-02-29")).toEqual({ error: "invalid" });
    expect(normaliseDate("2024-02-29")).toEqual({ iso: "2024-02-29" });
    expect(normaliseDate("R2.4.1")).toEqual({ error: "format" });
  });
});

describe("planImport: a good file", () => {
  it("returns the plan with normalised values", () => {
    const r = plan(
      empCsv(
        { supervisor: "" },
        {
          staffNumber: "10002",
          name: "幸 花子",
          kana: "ｻｲﾜｲ ﾊﾅｺ",
          email: "",
          rank: "主任",
          hired: "2015/4/1",
          rankSince: "2022-04-01",
          birth: "1992",
          gender: "",
          supervisor: "10001",
        },
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.orgUnits).toEqual([
      { row: 2, code: "B1", name: "総務企画局", kind: "bureau", parentCode: null },
      { row: 3, code: "D1", name: "人事部", kind: "division", parentCode: "B1" },
      { row: 4, code: "S1", name: "人材育成課", kind: "section", parentCode: "D1" },
    ]);
    expect(r.plan.employees[1]).toEqual({
      row: 3,
      staffNumber: "10002",
      name: "幸 花子",
      kana: "サイワイ ハナコ",
      email: null,
      orgUnitCode: "S1",
      rank: "主任",
      jobCategory: "行政事務",
      employmentType: "正規",
      hiredOn: "2015-04-01",
      rankSince: "2022-04-01",
      birthYear: 1992,
      gender: null,
      supervisorStaffNumber: "10001",
    });
    expect(r.plan.employees[0]!.rankSince).toBe("2020-04-01");
  });

  it("accepts parents defined later in the file, and parents and org codes already in the database", () => {
    const org = [ORG_HEADER, "S2,給与課,課,D2", "D2,給与部,部,B9", "S3,区役所課,課,B9"].join("\n");
    const existing: ExistingSnapshot = {
      orgUnits: [{ code: "B9", kind: "bureau", parentCode: null, active: true }, { code: "S9", kind: "section", parentCode: "B9", active: true }],
      employees: [],
    };
    const r = plan(empCsv({ org: "S2" }, { staffNumber: "10002", org: "S9" }), { org, existing });
    expect(r.ok).toBe(true);
  });

  it("accepts a submission without 所属CSV when the codes exist", () => {
    const existing: ExistingSnapshot = {
      orgUnits: [{ code: "S1", kind: "section", parentCode: null, active: true }],
      employees: [],
    };
    const r = plan(empCsv({}), { org: null, existing });
    expect(r.ok && r.plan.orgUnits).toBeNull();
  });
});

describe("planImport: row errors carry file, row and column", () => {
  const cases: [string, Partial<Emp>, string, string][] = [
    ["missing staff number", { staffNumber: "" }, "職員番号", "入力してください"],
    ["staff number with letters", { staffNumber: "A1234" }, "職員番号", "半角数字5〜10桁"],
    ["staff number too short", { staffNumber: "1234" }, "職員番号", "半角数字5〜10桁"],
    ["missing name", { name: "" }, "氏名", "氏名を入力"],
    ["name too long", { name: "あ".repeat(51) }, "氏名", "50文字以内"],
    ["kana in hiragana", { kana: "かわさき" }, "カナ", "全角カタカナ"],
    ["kana only spaces", { kana: "ー" }, "カナ", "全角カタカナ"],
    ["kana too long", { kana: "ア".repeat(101) }, "カナ", "100文字以内"],
    ["bad email", { email: "taro@" }, "メールアドレス", "形式"],
    ["unknown org code", { org: "ZZ" }, "所属コード", "ありません"],
    ["unknown rank", { rank: "参事" }, "職位", "参事"],
    ["missing job category", { job: "" }, "職種", "職種を入力"],
    ["job category too long", { job: "あ".repeat(31) }, "職種", "30文字以内"],
    ["unknown employment type", { type: "臨時" }, "任用形態", "臨時"],
    ["hire date format", { hired: "令和2年4月1日" }, "採用日", "YYYY-MM-DD"],
    ["impossible hire date", { hired: "2023-02-30" }, "採用日", "存在しない日付"],
    ["future hire date", { hired: "2026-05-16" }, "採用日", "未来の日付"],
    ["future rank date", { rankSince: "2027/1/1" }, "現職位発令日", "未来の日付"],
    ["rank date before hire date", { hired: "2010-04-01", rankSince: "2009-04-01" }, "現職位発令日", "採用日以降"],
    ["birth year too early", { birth: "1939" }, "生年", "1940〜2011"],
    ["birth year too late", { birth: "2012" }, "生年", "1940〜2011"],
    ["birth year not 4 digits", { birth: "77" }, "生年", "西暦4桁"],
    ["unknown gender", { gender: "M" }, "性別", "男性、女性、その他"],
    ["supervisor is self", { supervisor: "10002" }, "上司職員番号", "本人"],
    ["unknown supervisor", { supervisor: "99999" }, "上司職員番号", "いません"],
  ];

  it.each(cases)("%s", (_name, override, column, text) => {
    const errors = errorsOf(plan(empCsv({}, { staffNumber: "10002", ...override })));
    expect(errors).toEqual([{ file: "職員CSV", row: 3, column, message: expect.stringContaining(text) }]);
  });

  it("accepts today's date (not in the future) and the edge birth years", () => {
    expect(plan(empCsv({ hired: TODAY, rankSince: TODAY, birth: "2011" }, { staffNumber: "10002", birth: "1940" })).ok).toBe(true);
  });

  it("reports every error of a row, in column order, and of every row", () => {
    const errors = errorsOf(plan(empCsv({ name: "", birth: "x" }, { staffNumber: "10002" }, { staffNumber: "1", rank: "" })));
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, "氏名"],
      [2, "生年"],
      [4, "職員番号"],
      [4, "職位"],
    ]);
  });

  it("reports a duplicated staff number on the later row, naming the first", () => {
    const errors = errorsOf(plan(empCsv({}, { staffNumber: "10002" }, { staffNumber: "10001", name: "別人" })));
    expect(errors).toEqual([{ file: "職員CSV", row: 4, column: "職員番号", message: expect.stringContaining("2行目と重複") }]);
  });

  it("refuses a staff number used by a portal-only account", () => {
    const existing: ExistingSnapshot = { orgUnits: [], employees: [{ staffNumber: "10001", source: "portal", disabled: false }] };
    const errors = errorsOf(plan(empCsv({}), { existing }));
    expect(errors).toEqual([{ file: "職員CSV", row: 2, column: "職員番号", message: expect.stringContaining("ポータル独自") }]);
  });

  it("refuses a supervisor who is only in the database, since the import would disable them", () => {
    const existing: ExistingSnapshot = {
      orgUnits: [],
      employees: [
        { staffNumber: "20001", source: "personnel", disabled: false },
        { staffNumber: "20002", source: "personnel", disabled: true },
        { staffNumber: "20003", source: "portal", disabled: false },
      ],
    };
    const errors = errorsOf(
      plan(empCsv({ supervisor: "20001" }, { staffNumber: "10002", supervisor: "20002" }, { staffNumber: "10003", supervisor: "20003" }), {
        existing,
      }),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, "上司職員番号"],
      [3, "上司職員番号"],
      [4, "上司職員番号"],
    ]);
    expect(errors[0]!.message).toContain("取込後は無効");
    expect(errors[1]!.message).toContain("いません");
  });

  it("finds a supervisor cycle and reports it on every member's row", () => {
    const errors = errorsOf(
      plan(
        empCsv(
          { staffNumber: "10001", supervisor: "10003" },
          { staffNumber: "10002", supervisor: "10001" },
          { staffNumber: "10003", supervisor: "10002" },
          { staffNumber: "10004", supervisor: "10001" }, // hangs off the cycle, not in it
        ),
      ),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, "上司職員番号"],
      [3, "上司職員番号"],
      [4, "上司職員番号"],
    ]);
    expect(errors[0]!.message).toMatch(/循環.*10001 → 10003 → 10002 → 10001/);
  });

  it("finds a two-person cycle", () => {
    const errors = errorsOf(plan(empCsv({ supervisor: "10002" }, { staffNumber: "10002", supervisor: "10001" })));
    expect(errors).toHaveLength(2);
  });

  it("accepts a long chain without a cycle", () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ staffNumber: String(10001 + i), supervisor: i === 0 ? "" : String(10000 + i) }));
    expect(plan(empCsv(...rows)).ok).toBe(true);
  });

  it("refuses an employee file with no data rows", () => {
    const errors = errorsOf(plan(`${EMP_HEADER}\n`));
    expect(errors).toEqual([{ file: "職員CSV", row: null, column: null, message: expect.stringContaining("1件もありません") }]);
  });
});

describe("planImport: 所属CSV rules", () => {
  const orgErrors = (lines: string[], existing?: ExistingSnapshot) =>
    errorsOf(plan(empCsv({ org: "B1" }), { org: [ORG_HEADER, ...lines].join("\n"), existing })).filter((e) => e.file === "所属CSV");

  it("accepts 局 and 区 alone as 局・区", () => {
    expect(plan(empCsv({ org: "W1" }), { org: [ORG_HEADER, "B1,総務企画局,局,", "W1,川崎区役所,区,"].join("\n") }).ok).toBe(true);
  });

  it("reports each kind of org row error with row and column", () => {
    const errors = orgErrors([
      "B1,総務企画局,局・区,", // 2 ok
      "B1,重複局,局・区,", // 3 duplicate code
      "B2,市民文化局,係,", // 4 unknown kind
      "B3,こども未来局,局・区,B1", // 5 bureau with a parent
      "D1,人事部,部,", // 6 division without parent
      "S1,人材育成課,課,D1", // 7 ok
      "D2,給与部,部,S1", // 8 division under a section
      "S2,給与課,課,XX", // 9 unknown parent
      "S3,,課,D1", // 10 missing name
      "S4/1,課名,課,D1", // 11 bad code
    ]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, "所属コード"],
      [4, "種別"],
      [5, "上位所属コード"],
      [6, "上位所属コード"],
      [8, "上位所属コード"],
      [9, "上位所属コード"],
      [10, "所属名"],
      [11, "所属コード"],
    ]);
    expect(errors[0]!.message).toContain("2行目と重複");
    expect(errors[4]!.message).toContain("部の上位所属は局・区である必要があります");
  });

  it("refuses a parent that exists but is inactive", () => {
    const existing: ExistingSnapshot = { orgUnits: [{ code: "B8", kind: "bureau", parentCode: null, active: false }], employees: [] };
    const errors = orgErrors(["B1,総務企画局,局・区,", "D1,人事部,部,B8"], existing);
    expect(errors).toEqual([{ file: "所属CSV", row: 3, column: "上位所属コード", message: expect.stringContaining("無効") }]);
  });

  it("refuses a kind change that would leave a unit in the database under the wrong kind", () => {
    const existing: ExistingSnapshot = {
      orgUnits: [
        { code: "B1", kind: "bureau", parentCode: null, active: true },
        { code: "D1", kind: "division", parentCode: "B1", active: true },
        { code: "S1", kind: "section", parentCode: "D1", active: true },
      ],
      employees: [],
    };
    // D1 becomes a 課; S1 (not in the file) would be a 課 under a 課.
    const errors = orgErrors(["B1,総務企画局,局・区,", "D1,人事課,課,B1"], existing);
    expect(errors).toEqual([{ file: "所属CSV", row: 3, column: "種別", message: expect.stringContaining("S1") }]);
  });

  it("does not repeat an org row's error as an employee error", () => {
    const errors = errorsOf(plan(empCsv({ org: "S1" }), { org: [ORG_HEADER, "S1,人材育成課,係,"].join("\n") }));
    expect(errors.map((e) => [e.file, e.row, e.column])).toEqual([["所属CSV", 2, "種別"]]);
  });

  it("lists 所属CSV errors before 職員CSV errors", () => {
    const errors = errorsOf(plan(empCsv({ name: "" }), { org: [ORG_HEADER, "S1,,課,"].join("\n") }));
    expect(errors.map((e) => e.file)).toEqual(["所属CSV", "所属CSV", "職員CSV"]);
  });
});

describe("the optional columns 勤務状況 and 現所属配属日", () => {
  const FULL_HEADER = EMPLOYEE_CSV_COLUMNS.map((c) => c.header).join(",");
  const withOptional = (...rows: { e?: Partial<Emp>; workStatus: string; assignedOn: string }[]) =>
    [FULL_HEADER, ...rows.map((r) => `${empLine(r.e ?? {})},${r.workStatus},${r.assignedOn}`)].join("\r\n") + "\r\n";

  it("reads good values (a date written with slashes too) into the plan", () => {
    const r = plan(withOptional({ workStatus: "育児休業", assignedOn: "2024/4/1" }));
    expect(r.ok && r.plan.employees[0]).toMatchObject({ workStatus: "育児休業", assignedOn: "2024-04-01" });
  });

  it("a blank cell clears the value; a column left out keeps it (no key in the plan)", () => {
    const blank = plan(withOptional({ workStatus: "", assignedOn: "" }));
    expect(blank.ok && blank.plan.employees[0]).toMatchObject({ workStatus: null, assignedOn: null });
    const absent = plan(empCsv({}));
    expect(absent.ok && Object.keys(absent.plan.employees[0]!)).not.toContain("workStatus");
    expect(absent.ok && Object.keys(absent.plan.employees[0]!)).not.toContain("assignedOn");
    // Only one of them left out is fine as well.
    const header = EMPLOYEE_CSV_COLUMNS.filter((c) => c.header !== "現所属配属日").map((c) => c.header).join(",");
    const one = plan(`${header}\r\n${empLine({})},休職\r\n`);
    expect(one.ok && one.plan.employees[0]).toMatchObject({ workStatus: "休職" });
    expect(one.ok && Object.keys(one.plan.employees[0]!)).not.toContain("assignedOn");
  });

  it("bad values: one Japanese error each, at the row and column, nothing planned", () => {
    const errors = errorsOf(
      plan(
        withOptional(
          { workStatus: "出向", assignedOn: "2024-04-01" },
          { e: { staffNumber: "10002" }, workStatus: "在職", assignedOn: "2024-02-30" },
          { e: { staffNumber: "10003" }, workStatus: "在職", assignedOn: "1999-03-31" },
          { e: { staffNumber: "10004" }, workStatus: "在職", assignedOn: "2026-05-16" },
          { e: { staffNumber: "10005" }, workStatus: "在職", assignedOn: "令和6年4月1日" },
        ),
      ),
    );
    expect(errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, "勤務状況", "勤務状況「出向」は使えません。在職、休職、停職、育児休業、派遣のいずれかか、空欄にしてください。"],
      [3, "現所属配属日", "現所属配属日「2024-02-30」は存在しない日付です。"],
      [4, "現所属配属日", "現所属配属日は採用日以降の日付にしてください。"],
      [5, "現所属配属日", "現所属配属日に未来の日付は入力できません。"],
      [6, "現所属配属日", "現所属配属日は YYYY-MM-DD または YYYY/MM/DD の形式で入力してください。"],
    ]);
  });

  it("the other columns are still all required in the header", () => {
    const r = readCsv(utf8(FULL_HEADER.replace(",生年", "") + "\n"), "職員CSV", EMPLOYEE_CSV_COLUMNS);
    expect(!r.ok && r.errors[0]!.message).toContain("不足している列: 生年）");
    expect(!r.ok && r.errors[0]!.message).toContain("（勤務状況・現所属配属日の列は省略できます）");
  });
});

/**
 * Checking the org master import, without the database: decode the uploaded bytes, read the
 * CSV, check every row against the rules and against a snapshot of what the database
 * already holds, and either list every error or return the plan to apply. The columns are
 * import-columns.ts; import.server.ts reads the snapshot and applies the plan in one transaction.
 */
import { CsvError, parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { z } from "zod";
import { isValidIsoDate } from "~/lib/fiscal-year";
import { EMPLOYEE_CSV_COLUMNS, IMPORT_MAX_FILE_BYTES, LEAVE_CSV_COLUMNS, ORG_CSV_COLUMNS, type CsvColumn } from "./import-columns";
import {
  ALLOWED_PARENT_KINDS,
  ORG_UNIT_KIND_INPUTS,
  ORG_UNIT_KIND_LABELS,
  RANKS,
  EMPLOYMENT_TYPES,
  GENDERS,
  isEmploymentType,
  isGender,
  isRank,
  isWorkStatus,
  WORK_STATUSES,
  type EmploymentType,
  type Gender,
  type OrgUnitKind,
  type Rank,
  type WorkStatus,
} from "./master-data";

export type ImportFileLabel = "所属CSV" | "職員CSV";
/** The org import's two files and the leave periods' own file (leave-import.ts). */
export type AnyImportFileLabel = ImportFileLabel | "休職等期間CSV";

/** One problem, located the way the user sees the file in Excel: the header is row 1. */
export type ImportError = {
  file: AnyImportFileLabel;
  /** null when the problem is the file as a whole (encoding, size, broken quoting). */
  row: number | null;
  /** The Japanese column header, or null when the problem is not one cell. */
  column: string | null;
  message: string;
};

/** One data row, keyed by the Japanese header. Values are trimmed. */
export type CsvRow = { row: number; values: Record<string, string> };

export type ReadCsvResult =
  | { ok: true; rows: CsvRow[]; encoding: DetectedEncoding }
  | { ok: false; errors: ImportError[] };

export type DetectedEncoding = "utf-8" | "shift_jis";

// ---------------------------------------------------------------------------------------
// Decoding and reading

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Excel on Japanese Windows saves "CSV" as Shift_JIS (cp932) and "CSV UTF-8" with a BOM;
 * the personnel system may send either. Bytes that are valid UTF-8 are read as UTF-8 (a
 * real Shift_JIS file with any Japanese text is practically never valid UTF-8); anything
 * else is read as cp932, the Windows superset of Shift_JIS (①, ～, 髙 …).
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  let text: string;
  let encoding: DetectedEncoding;
  try {
    text = strictUtf8.decode(bytes);
    encoding = "utf-8";
  } catch {
    text = iconv.decode(bytes, "cp932");
    encoding = "shift_jis";
  }
  // TextDecoder drops one BOM already; this also covers a BOM that survived as text.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}

function isBlankRecord(cells: string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

/**
 * Decodes and parses one uploaded file (RFC 4180) and checks its header. Columns may come
 * in any order but must all be there (except those marked `mayOmit`), once each; an unknown
 * column is refused too, since it is most often a misspelt one.
 */
export function readCsv(bytes: Uint8Array, file: AnyImportFileLabel, columns: readonly CsvColumn[]): ReadCsvResult {
  const fail = (message: string, row: number | null = null): ReadCsvResult => ({
    ok: false,
    errors: [{ file, row, column: null, message }],
  });

  if (bytes.byteLength > IMPORT_MAX_FILE_BYTES) {
    return fail(`ファイルが大きすぎます。${IMPORT_MAX_FILE_BYTES / 1_000_000}MB以下のファイルにしてください。`);
  }
  const { text, encoding } = decodeCsvBytes(bytes);
  if (text.trim() === "") return fail("ファイルが空です。1行目に見出し、2行目以降にデータを入れてください。");

  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false });
  } catch (e) {
    if (e instanceof CsvError) {
      // `records` counts the records read before the broken one; the header is row 1.
      const row = typeof e.records === "number" ? e.records + 1 : null;
      const why =
        e.code === "CSV_QUOTE_NOT_CLOSED"
          ? "ダブルクォート（\"）が閉じられていません"
          : e.code === "INVALID_OPENING_QUOTE" || e.code === "CSV_INVALID_CLOSING_QUOTE"
            ? "ダブルクォート（\"）の使い方が正しくありません"
            : "CSVとして読み取れません";
      return fail(`CSVの形式が正しくありません（${why}）。Excelで開いて「CSV」形式で保存し直してください。`, row);
    }
    throw e;
  }

  const headerCells = (records[0] ?? []).map((c) => c.trim());
  // Excel leaves empty cells at the end of the header when a stray cell was once typed there.
  while (headerCells.length > 0 && headerCells[headerCells.length - 1] === "") headerCells.pop();
  const expected = columns.map((c) => c.header);
  const missing = columns.filter((c) => !c.mayOmit && !headerCells.includes(c.header)).map((c) => c.header);
  const unknown = headerCells.filter((h) => !(expected as string[]).includes(h));
  const duplicated = expected.filter((h) => headerCells.indexOf(h) !== headerCells.lastIndexOf(h));
  if (missing.length || unknown.length || duplicated.length) {
    const parts = [
      missing.length ? `不足している列: ${missing.join("、")}` : null,
      unknown.length ? `不明な列: ${unknown.map((h) => (h === "" ? "（空欄）" : h)).join("、")}` : null,
      duplicated.length ? `重複している列: ${duplicated.join("、")}` : null,
    ].filter(Boolean);
    const omittable = columns.filter((c) => c.mayOmit).map((c) => c.header);
    return fail(
      `1行目の見出しが正しくありません（${parts.join("／")}）。1行目は「${expected.join(",")}」としてください${omittable.length ? `（${omittable.join("・")}の列は省略できます）` : ""}。文字コードが正しく読み取れていない可能性もあります。`,
      1,
    );
  }

  // A column left out (only a `mayOmit` one can be) has no key in the rows' values at all.
  const index = new Map(expected.filter((h) => headerCells.includes(h)).map((h) => [h, headerCells.indexOf(h)] as const));
  const rows: CsvRow[] = [];
  const errors: ImportError[] = [];
  records.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (isBlankRecord(cells)) return;
    const extra = cells.slice(headerCells.length);
    if (cells.length < headerCells.length || !isBlankRecord(extra)) {
      errors.push({
        file,
        row,
        column: null,
        message: `列の数が見出しと合いません（見出しは${headerCells.length}列、この行は${cells.length}列）。値にカンマを含む場合はダブルクォートで囲んでください。`,
      });
      return;
    }
    const values: Record<string, string> = {};
    for (const [h, at] of index) values[h] = (cells[at] ?? "").trim();
    rows.push({ row, values });
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, rows, encoding };
}

// ---------------------------------------------------------------------------------------
// The plan

/** What the database holds, as far as the rules need to know. */
export type ExistingSnapshot = {
  orgUnits: { code: string; kind: OrgUnitKind; parentCode: string | null; active: boolean }[];
  employees: { staffNumber: string; source: "personnel" | "portal"; disabled: boolean }[];
};

export type PlannedOrgUnit = {
  row: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentCode: string | null;
  /** undefined: the 表示順 column was left out, keep what is stored; null: blank, clear it. */
  sortOrder?: number | null;
};

const SORT_ORDER = /^\d{1,5}$/;

export type PlannedEmployee = {
  row: number;
  staffNumber: string;
  name: string;
  kana: string;
  email: string | null;
  orgUnitCode: string;
  rank: Rank;
  jobCategory: string;
  employmentType: EmploymentType;
  hiredOn: string;
  rankSince: string;
  birthYear: number;
  gender: Gender | null;
  supervisorStaffNumber: string | null;
  /** undefined: the column was left out of the file, keep what is stored; null: blank, clear it. */
  workStatus?: WorkStatus | null;
  assignedOn?: string | null;
};

/**
 * The import is a full snapshot of the personnel employees: everyone in `employees` is
 * upserted, every other personnel employee is disabled. `orgUnits` is null when no 所属CSV
 * was sent; org units are upserted only, never removed (employees may still point at them).
 */
export type ImportPlan = { orgUnits: PlannedOrgUnit[] | null; employees: PlannedEmployee[] };

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; errors: ImportError[] };

const ORG_CODE = /^[0-9A-Za-z_-]{1,20}$/;
const STAFF_NUMBER = /^[0-9]{5,10}$/;
// Full-width katakana (incl. ヴ ヵ ヶ ヷ–ヺ), ・, ー, ヽ ヾ and spaces.
const KANA = /^[\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE\u3000 ]+$/;
const HAS_KATAKANA = /[\u30A1-\u30FA]/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const emailSchema = z.email();

export const MIN_BIRTH_YEAR = 1940;
/** Youngest permitted age at the year of birth check (生年 ≤ this year − 15). */
export const MIN_AGE_YEARS = 15;

/** Length as a person counts characters (𠮷 is one), not UTF-16 units. */
function charLength(s: string): number {
  return [...s].length;
}

/** "ｶﾜｻｷ ﾀﾛｳ" → "カワサキ タロウ": old personnel exports use half-width kana. */
function widenHalfWidthKana(s: string): string {
  return s.replace(/[\uFF61-\uFF9F]+/g, (run) => run.normalize("NFKC"));
}

/** "2020/4/1" (as Excel writes dates) or "2020-04-01" → "2020-04-01"; null when malformed. */
export function normaliseDate(value: string): { iso: string } | { error: "format" | "invalid" } {
  const m = DATE.exec(value);
  if (!m) return { error: "format" };
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isValidIsoDate(iso) ? { iso } : { error: "invalid" };
}

const FILE_ORDER: Record<AnyImportFileLabel, number> = { 所属CSV: 0, 職員CSV: 1, 休職等期間CSV: 2 };

function columnOrder(file: AnyImportFileLabel, column: string | null): number {
  if (column == null) return -1;
  const list: readonly CsvColumn[] = file === "所属CSV" ? ORG_CSV_COLUMNS : file === "職員CSV" ? EMPLOYEE_CSV_COLUMNS : LEAVE_CSV_COLUMNS;
  return list.findIndex((c) => c.header === column);
}

/** File, then row, then column in header order: the order a person fixes them in. */
export function sortErrors(errors: ImportError[]): ImportError[] {
  return [...errors].sort(
    (a, b) =>
      FILE_ORDER[a.file] - FILE_ORDER[b.file] ||
      (a.row ?? 0) - (b.row ?? 0) ||
      columnOrder(a.file, a.column) - columnOrder(b.file, b.column),
  );
}

function planOrgUnits(
  rows: CsvRow[],
  existing: ExistingSnapshot,
  errors: ImportError[],
): { units: PlannedOrgUnit[]; codesInFile: Set<string> } {
  const err = (row: number, column: string, message: string) =>
    errors.push({ file: "所属CSV", row, column, message });

  const firstRowOfCode = new Map<string, number>();
  // Kind as this submission will leave it: the file's word wins over the database.
  const kindInFile = new Map<string, OrgUnitKind>();
  const parsed: { row: number; code: string; name: string; kind: OrgUnitKind | null; parentCode: string; sortOrder: number | null | undefined }[] = [];

  for (const { row, values } of rows) {
    const code = values["所属コード"] ?? "";
    const name = values["所属名"] ?? "";
    const kindText = values["種別"] ?? "";
    const parentCode = values["上位所属コード"] ?? "";
    let codeOk = false;
    if (code === "") err(row, "所属コード", "所属コードを入力してください。");
    else if (!ORG_CODE.test(code)) err(row, "所属コード", "所属コードは半角英数字（20文字以内）で入力してください。");
    else if (firstRowOfCode.has(code))
      err(row, "所属コード", `所属コード「${code}」は${firstRowOfCode.get(code)}行目と重複しています。`);
    else {
      firstRowOfCode.set(code, row);
      codeOk = true;
    }
    if (name === "") err(row, "所属名", "所属名を入力してください。");
    else if (charLength(name) > 100) err(row, "所属名", "所属名は100文字以内で入力してください。");
    const kind = ORG_UNIT_KIND_INPUTS[kindText] ?? null;
    if (kindText === "") err(row, "種別", "種別を入力してください（局・区、部、課のいずれか）。");
    else if (!kind) err(row, "種別", `種別「${kindText}」は使えません。局・区、部、課のいずれかを入力してください。`);
    if (codeOk && kind) kindInFile.set(code, kind);
    const sortText = values["表示順"];
    if (sortText !== undefined && sortText !== "" && !SORT_ORDER.test(sortText))
      err(row, "表示順", `表示順「${sortText}」は使えません。半角数字（0〜99999）か、空欄にしてください。`);
    // A column left out of the file keeps what is stored (undefined); a blank cell clears it.
    const sortOrder = sortText === undefined ? undefined : sortText === "" || !SORT_ORDER.test(sortText) ? null : Number(sortText);
    parsed.push({ row, code: codeOk ? code : "", name, kind, parentCode, sortOrder });
  }

  const dbUnits = new Map(existing.orgUnits.map((u) => [u.code, u]));
  const units: PlannedOrgUnit[] = [];
  for (const p of parsed) {
    if (!p.kind) continue;
    const label = ORG_UNIT_KIND_LABELS[p.kind];
    if (p.kind === "bureau") {
      if (p.parentCode !== "") err(p.row, "上位所属コード", "局・区には上位所属コードを入力しないでください（空欄にしてください）。");
    } else if (p.parentCode === "") {
      err(p.row, "上位所属コード", `${label}には上位所属コードが必要です。`);
    } else if (p.parentCode === p.code) {
      err(p.row, "上位所属コード", "自分自身を上位所属にすることはできません。");
    } else {
      const db = dbUnits.get(p.parentCode);
      const parentKind = firstRowOfCode.has(p.parentCode)
        ? kindInFile.get(p.parentCode) // undefined: the parent's own row has an error already
        : db?.active
          ? db.kind
          : undefined;
      if (!firstRowOfCode.has(p.parentCode) && !db) {
        err(p.row, "上位所属コード", `上位所属コード「${p.parentCode}」の所属が、このファイルにも登録済みの所属にもありません。`);
      } else if (!firstRowOfCode.has(p.parentCode) && db && !db.active) {
        err(p.row, "上位所属コード", `上位所属コード「${p.parentCode}」の所属は無効になっています。`);
      } else if (parentKind && !ALLOWED_PARENT_KINDS[p.kind].includes(parentKind)) {
        const allowed = ALLOWED_PARENT_KINDS[p.kind].map((k) => ORG_UNIT_KIND_LABELS[k]).join("または");
        err(
          p.row,
          "上位所属コード",
          `${label}の上位所属は${allowed}である必要があります（「${p.parentCode}」は${ORG_UNIT_KIND_LABELS[parentKind]}です）。`,
        );
      }
    }
    if (p.code !== "") {
      units.push({
        row: p.row,
        code: p.code,
        name: p.name,
        kind: p.kind,
        parentCode: p.kind === "bureau" ? null : p.parentCode,
        ...(p.sortOrder === undefined ? {} : { sortOrder: p.sortOrder }),
      });
    }
  }

  // A unit that stays as it is in the database must still fit under a parent whose kind
  // this file changes (a 部 turned into a 課 would leave its 課 under a 課).
  for (const child of existing.orgUnits) {
    if (!child.active || firstRowOfCode.has(child.code) || child.parentCode == null) continue;
    const newParentKind = kindInFile.get(child.parentCode);
    if (newParentKind && !ALLOWED_PARENT_KINDS[child.kind].includes(newParentKind)) {
      err(
        firstRowOfCode.get(child.parentCode)!,
        "種別",
        `種別を${ORG_UNIT_KIND_LABELS[newParentKind]}にすると、登録済みの下位所属「${child.code}」（${ORG_UNIT_KIND_LABELS[child.kind]}）の上位所属として正しくなくなります。`,
      );
    }
  }

  return { units, codesInFile: new Set(firstRowOfCode.keys()) };
}

function planEmployees(
  rows: CsvRow[],
  orgCodesInFile: Set<string>,
  existing: ExistingSnapshot,
  today: string,
  errors: ImportError[],
): PlannedEmployee[] {
  const err = (row: number, column: string, message: string) =>
    errors.push({ file: "職員CSV", row, column, message });

  const activeDbOrgCodes = new Set(existing.orgUnits.filter((u) => u.active).map((u) => u.code));
  const inactiveDbOrgCodes = new Set(existing.orgUnits.filter((u) => !u.active).map((u) => u.code));
  const dbEmployees = new Map(existing.employees.map((e) => [e.staffNumber, e]));
  const thisYear = Number(today.slice(0, 4));
  const maxBirthYear = thisYear - MIN_AGE_YEARS;

  // Pass 1: staff numbers, so supervisors can point at any row, earlier or later.
  const firstRowOfStaffNumber = new Map<string, number>();
  for (const { row, values } of rows) {
    const sn = values["職員番号"] ?? "";
    if (STAFF_NUMBER.test(sn) && !firstRowOfStaffNumber.has(sn)) firstRowOfStaffNumber.set(sn, row);
  }

  const planned: PlannedEmployee[] = [];
  for (const { row, values } of rows) {
    const v = (h: string) => values[h] ?? "";
    let ok = true;
    const bad = (column: string, message: string) => {
      err(row, column, message);
      ok = false;
    };

    const staffNumber = v("職員番号");
    if (staffNumber === "") bad("職員番号", "職員番号を入力してください。");
    else if (!STAFF_NUMBER.test(staffNumber)) bad("職員番号", "職員番号は半角数字5〜10桁で入力してください。");
    else if (firstRowOfStaffNumber.get(staffNumber) !== row)
      bad("職員番号", `職員番号「${staffNumber}」は${firstRowOfStaffNumber.get(staffNumber)}行目と重複しています。`);
    else if (dbEmployees.get(staffNumber)?.source === "portal")
      bad("職員番号", `職員番号「${staffNumber}」はポータル独自のアカウント（外部相談員など）で使われているため取り込めません。`);

    const name = v("氏名");
    if (name === "") bad("氏名", "氏名を入力してください。");
    else if (charLength(name) > 50) bad("氏名", "氏名は50文字以内で入力してください。");

    const kana = widenHalfWidthKana(v("カナ"));
    if (kana === "") bad("カナ", "カナを入力してください。");
    else if (!KANA.test(kana) || !HAS_KATAKANA.test(kana)) bad("カナ", "カナは全角カタカナで入力してください（空白と長音「ー」は使えます）。");
    else if (charLength(kana) > 100) bad("カナ", "カナは100文字以内で入力してください。");

    const email = v("メールアドレス");
    if (email !== "" && (email.length > 254 || !emailSchema.safeParse(email).success))
      bad("メールアドレス", "メールアドレスの形式が正しくありません。");

    const orgUnitCode = v("所属コード");
    if (orgUnitCode === "") bad("所属コード", "所属コードを入力してください。");
    else if (!orgCodesInFile.has(orgUnitCode) && !activeDbOrgCodes.has(orgUnitCode))
      bad(
        "所属コード",
        inactiveDbOrgCodes.has(orgUnitCode)
          ? `所属コード「${orgUnitCode}」の所属は無効になっています。`
          : `所属コード「${orgUnitCode}」の所属が、所属CSVにも登録済みの所属にもありません。`,
      );

    const rank = v("職位");
    if (rank === "") bad("職位", "職位を入力してください。");
    else if (!isRank(rank)) bad("職位", `職位「${rank}」は使えません。${RANKS.join("、")}のいずれかを入力してください。`);

    const jobCategory = v("職種");
    if (jobCategory === "") bad("職種", "職種を入力してください。");
    else if (charLength(jobCategory) > 30) bad("職種", "職種は30文字以内で入力してください。");

    const employmentType = v("任用形態");
    if (employmentType === "") bad("任用形態", "任用形態を入力してください。");
    else if (!isEmploymentType(employmentType))
      bad("任用形態", `任用形態「${employmentType}」は使えません。${EMPLOYMENT_TYPES.join("、")}のいずれかを入力してください。`);

    const date = (column: "採用日" | "現職位発令日" | "現所属配属日", required = true): string | null => {
      const text = v(column);
      if (text === "") {
        if (required) bad(column, `${column}を入力してください。`);
        return null;
      }
      const d = normaliseDate(text);
      if ("error" in d) {
        bad(
          column,
          d.error === "format"
            ? `${column}は YYYY-MM-DD または YYYY/MM/DD の形式で入力してください。`
            : `${column}「${text}」は存在しない日付です。`,
        );
        return null;
      }
      if (d.iso > today) {
        bad(column, `${column}に未来の日付は入力できません。`);
        return null;
      }
      return d.iso;
    };
    const hiredOn = date("採用日");
    const rankSince = date("現職位発令日");
    if (hiredOn && rankSince && rankSince < hiredOn) bad("現職位発令日", "現職位発令日は採用日以降の日付にしてください。");

    // Optional columns: absent → undefined (keep the stored value), blank → null (clear it).
    const has = (column: string) => Object.hasOwn(values, column);
    const workStatusText = v("勤務状況");
    if (workStatusText !== "" && !isWorkStatus(workStatusText))
      bad("勤務状況", `勤務状況「${workStatusText}」は使えません。${WORK_STATUSES.join("、")}のいずれかか、空欄にしてください。`);
    const workStatus = has("勤務状況") ? (workStatusText === "" ? null : (workStatusText as WorkStatus)) : undefined;
    const assignedOnDate = date("現所属配属日", false);
    if (hiredOn && assignedOnDate && assignedOnDate < hiredOn) bad("現所属配属日", "現所属配属日は採用日以降の日付にしてください。");
    const assignedOn = has("現所属配属日") ? assignedOnDate : undefined;

    const birthYearText = v("生年");
    const birthYear = Number(birthYearText);
    if (birthYearText === "") bad("生年", "生年を入力してください。");
    else if (!/^\d{4}$/.test(birthYearText) || birthYear < MIN_BIRTH_YEAR || birthYear > maxBirthYear)
      bad("生年", `生年は${MIN_BIRTH_YEAR}〜${maxBirthYear}の西暦4桁で入力してください。`);

    const gender = v("性別");
    if (gender !== "" && !isGender(gender)) bad("性別", `性別は${GENDERS.join("、")}のいずれかか、空欄にしてください。`);

    const supervisor = v("上司職員番号");
    if (supervisor !== "") {
      const inDb = dbEmployees.get(supervisor);
      if (supervisor === staffNumber) bad("上司職員番号", "本人を上司にすることはできません。");
      else if (firstRowOfStaffNumber.has(supervisor)) {
        // fine: resolved after every row is written
      } else if (inDb?.source === "personnel" && !inDb.disabled) {
        // The import is a full snapshot, so this person is about to be disabled.
        bad(
          "上司職員番号",
          `上司職員番号「${supervisor}」の職員はこのファイルに含まれていないため、取込後は無効になります。上司もファイルに含めてください。`,
        );
      } else {
        bad("上司職員番号", `上司職員番号「${supervisor}」の職員が、このファイルにも登録済みの有効な職員にもいません。`);
      }
    }

    if (ok) {
      planned.push({
        row,
        staffNumber,
        name,
        kana,
        email: email === "" ? null : email,
        orgUnitCode,
        rank: rank as Rank,
        jobCategory,
        employmentType: employmentType as EmploymentType,
        hiredOn: hiredOn!,
        rankSince: rankSince!,
        birthYear,
        gender: gender === "" ? null : (gender as Gender),
        supervisorStaffNumber: supervisor === "" ? null : supervisor,
        ...(workStatus === undefined ? {} : { workStatus }),
        ...(assignedOn === undefined ? {} : { assignedOn }),
      });
    }
  }

  findSupervisorCycles(rows, firstRowOfStaffNumber, errors);
  return planned;
}

/**
 * A supervisor chain that comes back to where it started would make approvals go round
 * for ever. Every member of every cycle gets an error on its own row.
 */
function findSupervisorCycles(rows: CsvRow[], firstRowOfStaffNumber: Map<string, number>, errors: ImportError[]) {
  const supervisorOf = new Map<string, string>();
  for (const { row, values } of rows) {
    const sn = values["職員番号"] ?? "";
    const sup = values["上司職員番号"] ?? "";
    if (firstRowOfStaffNumber.get(sn) === row && sup !== "" && sup !== sn && firstRowOfStaffNumber.has(sup)) {
      supervisorOf.set(sn, sup);
    }
  }
  const done = new Set<string>();
  for (const start of supervisorOf.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = supervisorOf.get(at);
    }
    if (at !== undefined && onPath.has(at)) {
      const cycle = path.slice(onPath.get(at));
      const shown = cycle.length > 6 ? [...cycle.slice(0, 6), "…"] : [...cycle, cycle[0]!];
      for (const member of cycle) {
        errors.push({
          file: "職員CSV",
          row: firstRowOfStaffNumber.get(member)!,
          column: "上司職員番号",
          message: `上司の関係が循環しています（${shown.join(" → ")}）。`,
        });
      }
    }
    for (const p of path) done.add(p);
  }
}

/**
 * Checks every row of both files and returns either all errors (sorted by file, row and
 * column) or the plan. `today` is the date in Tokyo (YYYY-MM-DD), for the future-date and
 * birth-year checks.
 */
export function planImport(input: {
  orgRows: CsvRow[] | null;
  employeeRows: CsvRow[];
  existing: ExistingSnapshot;
  today: string;
}): PlanResult {
  const errors: ImportError[] = [];
  const org = input.orgRows ? planOrgUnits(input.orgRows, input.existing, errors) : null;
  if (input.employeeRows.length === 0) {
    // An empty snapshot would disable every personnel account at once.
    errors.push({ file: "職員CSV", row: null, column: null, message: "職員のデータが1件もありません。2行目以降に職員を入れてください。" });
  }
  const employees = planEmployees(input.employeeRows, org?.codesInFile ?? new Set(), input.existing, input.today, errors);
  if (errors.length) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, plan: { orgUnits: org?.units ?? null, employees } };
}

/** Convenience for the caller: read both files, stopping at file-level problems. */
export function readImportFiles(input: {
  orgBytes: Uint8Array | null;
  employeeBytes: Uint8Array;
}): { ok: true; orgRows: CsvRow[] | null; employeeRows: CsvRow[] } | { ok: false; errors: ImportError[] } {
  const org = input.orgBytes ? readCsv(input.orgBytes, "所属CSV", ORG_CSV_COLUMNS) : null;
  const emp = readCsv(input.employeeBytes, "職員CSV", EMPLOYEE_CSV_COLUMNS);
  const errors = [...(org && !org.ok ? org.errors : []), ...(!emp.ok ? emp.errors : [])];
  if (errors.length || !emp.ok || (org && !org.ok)) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, orgRows: org ? org.rows : null, employeeRows: emp.rows };
}

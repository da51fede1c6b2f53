/**
 * The columns of the org import's two CSV files (所属CSV, 職員CSV): header, required, and
 * the description the import page and the template download show. Adding a column: add it
 * here, check its cells in import-plan.ts (`planEmployees` / `planOrgUnits`), and write it
 * in import.server.ts (`applyPlan`).
 *
 * No server-only imports here: the import page renders the column tables from this module.
 */
import { EMPLOYMENT_TYPES, GENDERS, LEAVE_KINDS, RANKS, WORK_STATUSES } from "./master-data";

/**
 * `required`: the cell must not be blank. `mayOmit`: the whole column may be left out of the
 * file — then the stored value of every row stays as it is, while a blank cell in a column
 * that is there clears it (decision 501).
 */
export type CsvColumn = { header: string; required: boolean; mayOmit?: boolean; description: string };

/** 所属CSV: header row 1 must name exactly these columns (any order). */
export const ORG_CSV_COLUMNS = [
  { header: "所属コード", required: true, description: "人事システムの所属コード（半角英数字、20文字以内）。取込はこのコードで照合します。" },
  { header: "所属名", required: true, description: "所属の名称（100文字以内）。" },
  { header: "種別", required: true, description: "「局・区」「部」「課」のいずれか（「局」「区」も可）。" },
  {
    header: "上位所属コード",
    required: false,
    description: "局・区は空欄。部は局・区のコード、課は部または局・区のコード。同じファイル内か登録済みの所属。",
  },
  {
    header: "表示順",
    required: false,
    mayOmit: true,
    description:
      "市の組織順（局は組織順、続いて川崎区〜麻生区）。半角数字（0〜99999）、小さいほど先。統計や一覧の局・区はこの順に並びます。空欄は登録済みの値を消します。列ごと省略すると登録済みの値を変えません。",
  },
] as const satisfies readonly CsvColumn[];

/** 職員CSV: header row 1 must name exactly these columns (any order; the `mayOmit` ones may be left out). */
export const EMPLOYEE_CSV_COLUMNS = [
  { header: "職員番号", required: true, description: "半角数字5〜10桁。ファイル内で重複不可。ログインIDになります。" },
  { header: "氏名", required: true, description: "50文字以内。" },
  { header: "カナ", required: true, description: "全角カタカナ（空白・長音可）、100文字以内。半角カナは全角に変換します。" },
  { header: "メールアドレス", required: false, description: "空欄可。入力する場合は正しい形式で。" },
  { header: "所属コード", required: true, description: "所属CSVまたは登録済みの有効な所属のコード。" },
  { header: "職位", required: true, description: RANKS.join("・") + " のいずれか。" },
  { header: "職種", required: true, description: "行政事務、土木、福祉など（30文字以内）。" },
  { header: "任用形態", required: true, description: EMPLOYMENT_TYPES.join("・") + " のいずれか。" },
  { header: "採用日", required: true, description: "YYYY-MM-DD または YYYY/MM/DD。未来の日付は不可。" },
  { header: "現職位発令日", required: true, description: "YYYY-MM-DD または YYYY/MM/DD。採用日以降で、未来の日付は不可。" },
  { header: "生年", required: true, description: "西暦4桁（1940年から、今年の15年前まで）。" },
  { header: "性別", required: false, description: GENDERS.join("・") + " または空欄。" },
  {
    header: "上司職員番号",
    required: false,
    description: "空欄可。同じファイル内の職員番号（本人以外）。上司の関係が循環してはいけません。",
  },
  {
    header: "勤務状況",
    required: false,
    mayOmit: true,
    description: WORK_STATUSES.join("・") + " または空欄（空欄は登録済みの値を消し、在職として扱います）。列ごと省略すると登録済みの値を変えません。",
  },
  {
    header: "現所属配属日",
    required: false,
    mayOmit: true,
    description: "YYYY-MM-DD または YYYY/MM/DD。採用日以降で、未来の日付は不可。空欄は登録済みの値を消します。列ごと省略すると登録済みの値を変えません。",
  },
] as const satisfies readonly CsvColumn[];

/** Whether a column may be left out of the file (the typed column lists only carry the flag where it is set). */
export function mayOmit(column: CsvColumn): boolean {
  return column.mayOmit === true;
}

/**
 * 休職等期間CSV: one row per leave period, as the personnel system keeps its 休職・育児休業
 * history; imported on its own (the org import page's second form) as a full snapshot of
 * every period (leave-import.ts).
 */
export const LEAVE_CSV_COLUMNS = [
  { header: "職員番号", required: true, description: "登録済みの職員（職員CSVで取り込んだ職員）の職員番号。1人に何行でも。" },
  { header: "種別", required: true, description: LEAVE_KINDS.join("・") + " のいずれか。" },
  { header: "開始日", required: true, description: "YYYY-MM-DD または YYYY/MM/DD。採用日以降で、未来の日付は不可。" },
  { header: "終了日", required: false, description: "YYYY-MM-DD または YYYY/MM/DD。開始日以降。空欄は継続中。同じ職員の期間は重ならないこと。" },
] as const satisfies readonly CsvColumn[];

export type OrgCsvHeader = (typeof ORG_CSV_COLUMNS)[number]["header"];
export type EmployeeCsvHeader = (typeof EMPLOYEE_CSV_COLUMNS)[number]["header"];

/** Size limit of one uploaded CSV file (bytes). The personnel export for 20,000 staff is ~3 MB. */
export const IMPORT_MAX_FILE_BYTES = 10_000_000;

/** How many errors an import reports back; the total count is always given. */
export const IMPORT_MAX_REPORTED_ERRORS = 200;

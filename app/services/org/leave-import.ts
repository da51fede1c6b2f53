/**
 * Checking the 休職等期間CSV (one row per leave period), without the database: every row
 * against the rules and against the registered staff, and either every error (row, column,
 * Japanese message) or the plan — the full list of periods that replaces the stored one.
 * leave-import.server.ts reads the staff and applies the plan in one transaction.
 */
import { LEAVE_CSV_COLUMNS } from "./import-columns";
import { normaliseDate, readCsv, sortErrors, type CsvRow, type ImportError } from "./import-plan";
import { LEAVE_KINDS, isLeaveKind, type LeaveKind } from "./master-data";

const FILE = "休職等期間CSV" as const;
const STAFF_NUMBER = /^[0-9]{5,10}$/;

export type PlannedLeave = { row: number; staffNumber: string; kind: LeaveKind; fromOn: string; toOn: string | null };
export type LeavePlanResult = { ok: true; periods: PlannedLeave[] } | { ok: false; errors: ImportError[] };

/** The staff a period may belong to: personnel employees by 職員番号, with their 採用日. */
export type LeaveStaff = ReadonlyMap<string, { hiredOn: string | null }>;

export function readLeaveFile(bytes: Uint8Array) {
  return readCsv(bytes, FILE, LEAVE_CSV_COLUMNS);
}

function slash(iso: string): string {
  return iso.replace(/-/g, "/");
}

export function planLeave(rows: CsvRow[], staff: LeaveStaff, today: string): LeavePlanResult {
  const errors: ImportError[] = [];
  /** Records an error; false, for `ok = err(…)`. */
  const err = (row: number, column: string | null, message: string): false => {
    errors.push({ file: FILE, row, column, message });
    return false;
  };
  const periods: PlannedLeave[] = [];
  for (const { row, values } of rows) {
    const sn = (values["職員番号"] ?? "").normalize("NFKC");
    const kind = values["種別"] ?? "";
    const fromRaw = values["開始日"] ?? "";
    const toRaw = values["終了日"] ?? "";
    let ok = true;
    if (sn === "") ok = err(row, "職員番号", "職員番号を入力してください。");
    else if (!STAFF_NUMBER.test(sn)) ok = err(row, "職員番号", `職員番号「${sn}」は半角数字5〜10桁で入力してください。`);
    else if (!staff.has(sn)) ok = err(row, "職員番号", `職員番号「${sn}」の職員は登録されていません。先に職員CSVを取り込んでください。`);
    if (kind === "") ok = err(row, "種別", "種別を入力してください。");
    else if (!isLeaveKind(kind)) ok = err(row, "種別", `種別「${kind}」は使えません。${LEAVE_KINDS.join("・")}のいずれかにしてください。`);
    let fromOn: string | null = null;
    if (fromRaw === "") ok = err(row, "開始日", "開始日を入力してください。");
    else {
      const d = normaliseDate(fromRaw);
      if ("error" in d) ok = err(row, "開始日", `開始日「${fromRaw}」は日付（例: 2024-04-01）で入力してください。`);
      else if (d.iso > today) ok = err(row, "開始日", `開始日（${slash(d.iso)}）が未来の日付です。`);
      else fromOn = d.iso;
    }
    let toOn: string | null = null;
    if (toRaw !== "") {
      const d = normaliseDate(toRaw);
      if ("error" in d) ok = err(row, "終了日", `終了日「${toRaw}」は日付（例: 2025-03-31）で入力するか、継続中なら空欄にしてください。`);
      else if (fromOn && d.iso < fromOn) ok = err(row, "終了日", `終了日（${slash(d.iso)}）が開始日（${slash(fromOn)}）より前です。`);
      else toOn = d.iso;
    }
    const hiredOn = staff.get(sn)?.hiredOn;
    if (fromOn && hiredOn && fromOn < hiredOn) ok = err(row, "開始日", `開始日（${slash(fromOn)}）が採用日（${slash(hiredOn)}）より前です。`);
    if (ok && fromOn) periods.push({ row, staffNumber: sn, kind: kind as LeaveKind, fromOn, toOn });
  }
  // Periods of one person must not overlap: a day counted twice would be deducted twice.
  const byPerson = new Map<string, PlannedLeave[]>();
  for (const p of periods) byPerson.set(p.staffNumber, [...(byPerson.get(p.staffNumber) ?? []), p]);
  for (const list of byPerson.values()) {
    const sorted = [...list].sort((a, b) => (a.fromOn < b.fromOn ? -1 : a.fromOn > b.fromOn ? 1 : a.row - b.row));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (prev.toOn === null || cur.fromOn <= prev.toOn) {
        const [early, late] = prev.row < cur.row ? [prev, cur] : [cur, prev];
        err(late.row, "開始日", `この職員の${early.row}行目の期間（${slash(early.fromOn)}〜${early.toOn ? slash(early.toOn) : "継続中"}）と重なっています。`);
      }
    }
  }
  if (errors.length) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, periods };
}

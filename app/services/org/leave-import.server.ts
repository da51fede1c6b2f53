import { eq } from "drizzle-orm";
import { getDb, immediate, schema } from "~/db.server";
import { todayIso } from "~/lib/fiscal-year";
import { audit } from "~/services/audit/audit.server";
import { IMPORT_MAX_REPORTED_ERRORS } from "./import-columns";
import type { ImportError } from "./import-plan";
import { planLeave, readLeaveFile } from "./leave-import";

const { employees, employeeLeavePeriods } = schema;

export type LeaveImportOutcome = { ok: true; counts: { periods: number; people: number } } | { ok: false; errors: ImportError[]; errorCount: number };

/**
 * Imports the 休職等期間CSV: a full snapshot of every leave period of the personnel staff.
 * Either every row is valid and the stored periods are replaced by the file's, or nothing is
 * written and every error is reported. Checked and written in one `BEGIN IMMEDIATE`, with its
 * audit line. (Who is on leave is personnel data: the line has counts, never names.)
 */
export function applyLeaveImport(input: { bytes: Uint8Array; actorId: string | null; ip?: string | null; now?: Date }): LeaveImportOutcome {
  const now = input.now ?? new Date();
  const db = getDb();
  const fail = (errors: ImportError[]): LeaveImportOutcome => {
    audit(db, { actorId: input.actorId, action: "org.leave_import", outcome: "failure", ip: input.ip, detail: { errorCount: errors.length } });
    return { ok: false, errors: errors.slice(0, IMPORT_MAX_REPORTED_ERRORS), errorCount: errors.length };
  };
  const file = readLeaveFile(input.bytes);
  if (!file.ok) return fail(file.errors);
  return immediate((tx) => {
    const staffRows = tx
      .select({ id: employees.id, staffNumber: employees.staffNumber, hiredOn: employees.hiredOn })
      .from(employees)
      .where(eq(employees.source, "personnel"))
      .all();
    const staff = new Map(staffRows.map((s) => [s.staffNumber, { hiredOn: s.hiredOn, id: s.id }]));
    const planned = planLeave(file.rows, staff, todayIso(now));
    if (!planned.ok) return fail(planned.errors);
    tx.delete(employeeLeavePeriods).run();
    const insert = tx.$client.prepare("INSERT INTO employee_leave_periods (employee_id, kind, from_on, to_on) VALUES (?, ?, ?, ?)");
    for (const p of planned.periods) insert.run(staff.get(p.staffNumber)!.id, p.kind, p.fromOn, p.toOn);
    const counts = { periods: planned.periods.length, people: new Set(planned.periods.map((p) => p.staffNumber)).size };
    audit(tx, { actorId: input.actorId, action: "org.leave_import", outcome: "success", ip: input.ip, detail: counts });
    return { ok: true, counts };
  });
}

/** How many periods are stored, for the import page. */
export function leaveSummary(): { periods: number } {
  const row = getDb().$client.prepare("SELECT count(*) AS n FROM employee_leave_periods").get() as { n: number };
  return { periods: row.n };
}

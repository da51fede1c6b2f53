import { eq, sql } from "drizzle-orm";
import { dialect, execute, getDb, immediate, schema, type Tx } from "~/db.server";
import { todayIso } from "~/lib/fiscal-year";
import { audit, auditAlone } from "~/services/audit/audit.server";
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
export async function applyLeaveImport(input: { bytes: Uint8Array; actorId: string | null; ip?: string | null; now?: Date }): Promise<LeaveImportOutcome> {
  const now = input.now ?? new Date();
  /** The failure's audit line: in the transaction when there is one, else on its own. */
  const fail = async (errors: ImportError[], tx?: Tx): Promise<LeaveImportOutcome> => {
    const line = { actorId: input.actorId, action: "org.leave_import", outcome: "failure", ip: input.ip, detail: { errorCount: errors.length } } as const;
    await (tx ? audit(tx, line) : auditAlone(line));
    return { ok: false, errors: errors.slice(0, IMPORT_MAX_REPORTED_ERRORS), errorCount: errors.length };
  };
  const file = readLeaveFile(input.bytes);
  if (!file.ok) return fail(file.errors);
  return immediate(async (tx) => {
    // PostgreSQL: one leave import at a time (SQLite: BEGIN IMMEDIATE).
    if (dialect() === "pg") await execute(tx, sql`LOCK TABLE employee_leave_periods IN SHARE ROW EXCLUSIVE MODE`);
    const staffRows = await tx
      .select({ id: employees.id, staffNumber: employees.staffNumber, hiredOn: employees.hiredOn })
      .from(employees)
      .where(eq(employees.source, "personnel"));
    const staff = new Map(staffRows.map((s) => [s.staffNumber, { hiredOn: s.hiredOn, id: s.id }]));
    const planned = planLeave(file.rows, staff, todayIso(now));
    if (!planned.ok) return fail(planned.errors, tx);
    await tx.delete(employeeLeavePeriods);
    for (let i = 0; i < planned.periods.length; i += 500) {
      await tx
        .insert(employeeLeavePeriods)
        .values(planned.periods.slice(i, i + 500).map((p) => ({ employeeId: staff.get(p.staffNumber)!.id, kind: p.kind, fromOn: p.fromOn, toOn: p.toOn })));
    }
    const counts = { periods: planned.periods.length, people: new Set(planned.periods.map((p) => p.staffNumber)).size };
    await audit(tx, { actorId: input.actorId, action: "org.leave_import", outcome: "success", ip: input.ip, detail: counts });
    return { ok: true, counts };
  });
}

/** How many periods are stored, for the import page. */
export async function leaveSummary(): Promise<{ periods: number }> {
  return { periods: await getDb().$count(employeeLeavePeriods) };
}

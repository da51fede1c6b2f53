import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { DEMO_ACCOUNTS, type SeedCity } from "./org";

/**
 * Upserts the city by its natural keys (所属コード, 職員番号), so running the seed again
 * changes nothing that is already there and creates no duplicates.
 */
export function writeCity(db: Db, city: SeedCity, demoPasswordHash: string): { orgUnits: number; employees: number } {
  const sqlite = db.$client;
  const upsertUnit = sqlite.prepare(
    `INSERT INTO org_units (code, name, kind, parent_id, sort_order) VALUES (@code, @name, @kind, (SELECT id FROM org_units WHERE code = @parentCode), @sortOrder)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id, sort_order = excluded.sort_order, active = 1`,
  );
  const upsertEmployee = sqlite.prepare(
    `INSERT INTO employees (id, staff_number, name, kana, email, org_unit_id, rank, job_category, employment_type, hired_on, rank_since, birth_year, gender, work_status, assigned_on, source, password_hash)
     VALUES (@id, @staffNumber, @name, @kana, @email, (SELECT id FROM org_units WHERE code = @orgCode), @rank, @jobCategory, @employmentType, @hiredOn, @rankSince, @birthYear, @gender, @workStatus, @assignedOn, @source, @passwordHash)
     ON CONFLICT(staff_number) DO UPDATE SET name = excluded.name, kana = excluded.kana, email = excluded.email, org_unit_id = excluded.org_unit_id,
       rank = excluded.rank, job_category = excluded.job_category, employment_type = excluded.employment_type, hired_on = excluded.hired_on,
       rank_since = excluded.rank_since, birth_year = excluded.birth_year, gender = excluded.gender,
       work_status = excluded.work_status, assigned_on = excluded.assigned_on,
       password_hash = COALESCE(excluded.password_hash, employees.password_hash), disabled_at = NULL`,
  );
  const setSupervisor = sqlite.prepare(
    `UPDATE employees SET supervisor_id = (SELECT id FROM employees WHERE staff_number = @supervisor) WHERE staff_number = @staffNumber`,
  );
  const grant = sqlite.prepare(
    `INSERT OR IGNORE INTO role_grants (employee_id, role, granted_by) SELECT id, @role, 'seed' FROM employees WHERE staff_number = @staffNumber`,
  );
  const demoNumbers = new Set<string>(Object.values(DEMO_ACCOUNTS).map((a) => a.staffNumber));

  sqlite.transaction(() => {
    // Parents before children: the list is generated in that order.
    for (const u of city.orgUnits) upsertUnit.run(u);
    for (const e of city.employees) {
      upsertEmployee.run({
        workStatus: null,
        assignedOn: null,
        ...e,
        id: randomUUID(),
        source: "personnel",
        passwordHash: demoNumbers.has(e.staffNumber) ? demoPasswordHash : null,
      });
    }
    for (const e of city.employees) setSupervisor.run({ supervisor: e.supervisorStaffNumber, staffNumber: e.staffNumber });

    // The external consultant is a portal account, not part of the personnel data.
    const c = DEMO_ACCOUNTS.consultant;
    upsertEmployee.run({
      id: randomUUID(),
      staffNumber: c.staffNumber,
      name: c.name,
      kana: c.kana,
      email: null,
      orgCode: null,
      rank: null,
      jobCategory: null,
      employmentType: null,
      hiredOn: null,
      rankSince: null,
      birthYear: null,
      gender: null,
      workStatus: null,
      assignedOn: null,
      source: "portal",
      passwordHash: demoPasswordHash,
    });
    sqlite.prepare(`UPDATE employees SET source = 'portal' WHERE staff_number = ?`).run(c.staffNumber);

    grant.run({ role: "hr_dev", staffNumber: DEMO_ACCOUNTS.hrDev.staffNumber });
    grant.run({ role: "hr_personnel", staffNumber: DEMO_ACCOUNTS.hrPersonnel.staffNumber });
    grant.run({ role: "welfare", staffNumber: DEMO_ACCOUNTS.welfare.staffNumber });
    grant.run({ role: "admin", staffNumber: DEMO_ACCOUNTS.admin.staffNumber });
    grant.run({ role: "consultant", staffNumber: c.staffNumber });
  })();
  return { orgUnits: city.orgUnits.length, employees: city.employees.length + 1 };
}

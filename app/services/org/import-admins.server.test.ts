// Runs against this file's own freshly migrated database (db/test-setup.ts).
// Issue 10 item 5: an org import never disables the last active admin nor the importing admin.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { applyImport } from "./import.server";
import { EMPLOYEE_CSV_COLUMNS, ORG_CSV_COLUMNS, mayOmit } from "./import-columns";

const { employees, roleGrants, auditLog } = schema;
const NOW = new Date("2026-05-15T03:00:00Z");
const bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
const orgCsv = (...lines: string[]) => bom([ORG_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header).join(","), ...lines].join("\r\n"));
const empCsv = (...lines: string[]) => bom([EMPLOYEE_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header).join(","), ...lines].join("\r\n"));
const ORG = ["B1,総務企画局,局・区,", "S1,情報管理課,課,B1"];
const row = (staffNumber: string) => `${staffNumber},川崎 試験,カワサキ シケン,,S1,主任,行政事務,正規,2015-04-01,2022-04-01,1990,,`;

const byStaffNumber = async (s: string) => (await first(getDb().select().from(employees).where(eq(employees.staffNumber, s))))!;
const grantAdmin = async (staffNumber: string) => {
  const { id } = await byStaffNumber(staffNumber);
  await immediate((tx) => tx.insert(roleGrants).values({ employeeId: id, role: "admin" }));
};
const successes = async () => (await getDb().select().from(auditLog).where(and(eq(auditLog.action, "org.import"), eq(auditLog.outcome, "success")))).length;

async function run(actorStaffNumber: string, ...staff: string[]) {
  const actorId = (await byStaffNumber(actorStaffNumber)).id;
  return applyImport({ orgBytes: orgCsv(...ORG), employeeBytes: empCsv(...staff.map(row)), actorId, ip: "127.0.0.1", now: NOW });
}

describe("an org import and the admins", () => {
  beforeAll(async () => {
    // A first import by a portal account (before any admin exists), then two admins from the personnel data.
    await immediate((tx) => tx.insert(employees).values({ id: "bootstrap", staffNumber: "90001", name: "初期", kana: "ショキ", source: "portal" }));
    const first = await applyImport({ orgBytes: orgCsv(...ORG), employeeBytes: empCsv(...["50001", "50002", "50003"].map(row)), actorId: "bootstrap", now: NOW });
    expect(first.ok).toBe(true);
    (await grantAdmin("50001"));
  });

  it("refuses an import that would disable the importing admin, and writes nothing", async () => {
    (await grantAdmin("50002"));
    const before = await successes();
    const r = await run("50001", "50002", "50003");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]!.message).toContain("あなた自身のアカウント");
    expect((await byStaffNumber("50001")).disabledAt).toBeNull();
    expect(await successes()).toBe(before);
  });

  it("refuses an import that would disable the last active admin, and writes nothing", async () => {
    // 50002 (admin) imports a file without 50001 and without themselves: nobody would be left.
    const { id } = await byStaffNumber("50001");
    await immediate((tx) => tx.delete(roleGrants).where(eq(roleGrants.employeeId, id)));
    const viaPortal = await applyImport({ orgBytes: orgCsv(...ORG), employeeBytes: empCsv(row("50001"), row("50003")), actorId: "bootstrap", now: NOW });
    expect(viaPortal.ok).toBe(false);
    expect(!viaPortal.ok && viaPortal.errors[0]!.message).toContain("システム管理者");
    expect((await byStaffNumber("50002")).disabledAt).toBeNull();
  });

  it("lets an import disable an admin while another active admin remains", async () => {
    (await grantAdmin("50001"));
    const r = await run("50001", "50001", "50003");
    expect(r.ok).toBe(true);
    expect((await byStaffNumber("50002")).disabledAt).not.toBeNull();
  });
});

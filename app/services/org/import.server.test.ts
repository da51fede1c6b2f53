// Runs against this file's own freshly migrated database (db/test-setup.ts). The tests
// build on each other in order: first import, second import, re-enable.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { applyImport, getOrgMasterSummary, type ImportOutcome } from "./import.server";
import { EMPLOYEE_CSV_COLUMNS, ORG_CSV_COLUMNS, mayOmit } from "./import-columns";
import { adminActor } from "~/services/accounts/test-helpers";

const { auditLog, authSessions, employees, orgUnits } = schema;
const NOW = new Date("2026-05-15T03:00:00Z");
const ADMIN = "admin-portal-id";

const bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
const orgCsv = (...lines: string[]) => bom([ORG_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header).join(","), ...lines].join("\r\n"));
// Without the two columns that may be left out (勤務状況, 現所属配属日): import-optional-columns.server.test.ts has them.
const empCsv = (...lines: string[]) => bom([EMPLOYEE_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header).join(","), ...lines].join("\r\n"));

const ORG = ["B1,総務企画局,局・区,", "D1,人事部,部,B1", "S1,人材育成課,課,D1"];
const BOSS = "10001,川崎 一郎,カワサキ イチロウ,ichiro@example.jp,S1,課長,行政事務,正規,1995-04-01,2020-04-01,1972,男性,";
const STAFF = "10002,幸 花子,サイワイ ハナコ,,S1,主任,行政事務,正規,2015/4/1,2022/4/1,1992,女性,10001";
const LEAVER = "10003,中原 次郎,ナカハラ ジロウ,,S1,一般職員,土木,会計年度任用,2024-04-01,2024-04-01,2000,,10001";

function run(org: Uint8Array | null, emp: Uint8Array): Promise<ImportOutcome> {
  return applyImport({ orgBytes: org, employeeBytes: emp, actorId: ADMIN, ip: "127.0.0.1", now: NOW });
}

function counts(outcome: ImportOutcome) {
  if (!outcome.ok) throw new Error(`import failed: ${JSON.stringify(outcome.errors)}`);
  return outcome.counts;
}

async function byStaffNumber(staffNumber: string) {
  return (await first(getDb().select().from(employees).where(eq(employees.staffNumber, staffNumber))));
}

async function tableCounts() {
  const db = getDb();
  return {
    employees: (await db.select().from(employees)).length,
    orgUnits: (await db.select().from(orgUnits)).length,
  };
}

async function importAudits() {
  return (await getDb().select().from(auditLog).where(eq(auditLog.action, "org.import")));
}

describe("applyImport", () => {
  let portalBefore: typeof employees.$inferSelect | undefined;

  beforeAll(async () => {
    // A portal-only account (the admin); the import must never touch it.
    await immediate(async (tx) => {
      await tx.insert(employees).values({ id: ADMIN, staffNumber: "90001", name: "管理者", kana: "カンリシャ", source: "portal", passwordHash: "x" });
    });
    portalBefore = await byStaffNumber("90001");
  });

  it("writes nothing when any row is bad, and reports the errors", async () => {
    const before = await tableCounts();
    const bad = "10004,高津 三郎,たかつ,,S1,係長,行政事務,正規,2010-04-01,2030-04-01,1985,,";
    const outcome = await run(orgCsv(...ORG), empCsv(BOSS, STAFF, bad));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errorCount).toBe(2);
    expect(outcome.errors.map((e) => [e.file, e.row, e.column])).toEqual([
      ["職員CSV", 4, "カナ"],
      ["職員CSV", 4, "現職位発令日"],
    ]);
    // The good rows and the org file were not applied either.
    expect(await tableCounts()).toEqual(before);
    expect((await importAudits()).at(-1)).toMatchObject({ outcome: "failure", actorId: ADMIN, detail: JSON.stringify({ errorCount: 2 }) });
  });

  it("writes nothing when the header is wrong", async () => {
    const before = await tableCounts();
    const outcome = await run(null, bom("職員番号,氏名\r\n10001,川崎\r\n"));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.errors[0]).toMatchObject({ file: "職員CSV", row: 1 });
    expect(await tableCounts()).toEqual(before);
  });

  it("adds org units and employees on a first good import, links supervisors, sets no password", async () => {
    expect(counts(await run(orgCsv(...ORG), empCsv(BOSS, STAFF, LEAVER)))).toEqual({
      added: 3,
      changed: 0,
      disabled: 0,
      reenabled: 0,
      orgAdded: 3,
      orgChanged: 0,
    });
    const boss = (await byStaffNumber("10001"))!;
    const staff = (await byStaffNumber("10002"))!;
    expect(staff).toMatchObject({
      source: "personnel",
      passwordHash: null,
      disabledAt: null,
      supervisorId: boss.id,
      hiredOn: "2015-04-01",
      rankSince: "2022-04-01",
      email: null,
      gender: "女性",
      birthYear: 1992,
    });
    expect(staff.id).toMatch(/^[0-9a-f-]{36}$/);
    const section = (await first(getDb().select().from(orgUnits).where(eq(orgUnits.code, "S1"))))!;
    const division = (await first(getDb().select().from(orgUnits).where(eq(orgUnits.code, "D1"))))!;
    expect(section.parentId).toBe(division.id);
    expect(staff.orgUnitId).toBe(section.id);
    expect((await importAudits()).at(-1)).toMatchObject({ outcome: "success", actorId: ADMIN, ip: "127.0.0.1" });
    expect(await getOrgMasterSummary()).toMatchObject({ activeEmployees: 3, disabledEmployees: 0, orgUnits: 3 });
  });

  it("reports nothing changed when the same files are imported again", async () => {
    expect(counts(await run(orgCsv(...ORG), empCsv(BOSS, STAFF, LEAVER)))).toEqual({
      added: 0,
      changed: 0,
      disabled: 0,
      reenabled: 0,
      orgAdded: 0,
      orgChanged: 0,
    });
  });

  it("on a later import counts one changed row, disables the dropped person and ends their sessions", async () => {
    const db = getDb();
    const leaver = (await byStaffNumber("10003"))!;
    const staff = (await byStaffNumber("10002"))!;
    await immediate((tx) => tx.insert(authSessions).values([
        { id: "s-leaver-1", userId: leaver.id, expiresAt: 9_999_999_999, createdAt: 1 },
        { id: "s-leaver-2", userId: leaver.id, expiresAt: 9_999_999_999, createdAt: 1 },
        { id: "s-staff", userId: staff.id, expiresAt: 9_999_999_999, createdAt: 1 },
        { id: "s-admin", userId: ADMIN, expiresAt: 9_999_999_999, createdAt: 1 },
      ]));

    const promoted = STAFF.replace(",主任,", ",係長,").replace("2022/4/1", "2026/4/1");
    // No 所属CSV this time: org units stay as they are.
    expect(counts(await run(null, empCsv(BOSS, promoted)))).toEqual({
      added: 0,
      changed: 1,
      disabled: 1,
      reenabled: 0,
      orgAdded: 0,
      orgChanged: 0,
    });

    expect(await byStaffNumber("10002")).toMatchObject({ rank: "係長", rankSince: "2026-04-01", updatedAt: NOW });
    expect((await byStaffNumber("10003"))!.disabledAt).toEqual(NOW);
    const sessions = (await db.select({ id: authSessions.id }).from(authSessions)).map((s) => s.id).sort();
    expect(sessions).toEqual(["s-admin", "s-staff"]);
    expect(await getOrgMasterSummary()).toMatchObject({ activeEmployees: 2, disabledEmployees: 1 });
  });

  it("never touches portal-source accounts", async () => {
    expect(await byStaffNumber("90001")).toEqual(portalBefore);
  });

  it("re-enables a person who reappears, and counts org unit changes", async () => {
    const org = ["B1,総務企画局,局・区,", "D1,人事部,部,B1", "S1,人材育成課（新）,課,D1", "S2,職員厚生課,課,D1"];
    const moved = LEAVER.replace(",S1,", ",S2,");
    expect(counts(await run(orgCsv(...org), empCsv(BOSS, STAFF.replace(",主任,", ",係長,").replace("2022/4/1", "2026/4/1"), moved)))).toEqual({
      added: 0,
      changed: 0,
      disabled: 0,
      reenabled: 1,
      orgAdded: 1,
      orgChanged: 1,
    });
    const back = (await byStaffNumber("10003"))!;
    expect(back.disabledAt).toBeNull();
    const s2 = (await first(getDb().select().from(orgUnits).where(eq(orgUnits.code, "S2"))))!;
    expect(back.orgUnitId).toBe(s2.id);
  });

  it("refuses a staff number that belongs to a portal account, writing nothing", async () => {
    const before = await tableCounts();
    const clash = "90001,偽 管理者,ニセ カンリシャ,,S1,一般職員,行政事務,正規,2020-04-01,2020-04-01,1990,,";
    const outcome = await run(null, empCsv(BOSS, STAFF, LEAVER, clash));
    expect(!outcome.ok && outcome.errors).toEqual([
      { file: "職員CSV", row: 5, column: "職員番号", message: expect.stringContaining("ポータル独自") },
    ]);
    expect(await tableCounts()).toEqual(before);
    expect(await byStaffNumber("90001")).toEqual(portalBefore);
  });

  it("reports at most 200 errors but the full count", async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `${20000 + i},名前,かな,,S1,一般職員,行政事務,正規,2020-04-01,2020-04-01,1990,,`);
    const outcome = await run(null, empCsv(...lines));
    expect(!outcome.ok && [outcome.errors.length, outcome.errorCount]).toEqual([200, 250]);
  });
});

describe("safeguards of a full-snapshot import", () => {
  const ORG2 = ["B9,財政局,局・区,", "S9,財政課,課,B9"];
  const line = (n: number, boss = "") => `${n},職員 ${n},ショクイン,,S9,主任,行政事務,正規,2015-04-01,2022-04-01,1990,,${boss}`;

  it("an account an admin disabled by hand stays disabled when it reappears in the file", async () => {
    const { disableAccount } = await import("~/services/accounts/accounts.server");
    const many = Array.from({ length: 30 }, (_, i) => line(40000 + i));
    counts(await run(orgCsv(...ORG2), empCsv(...many)));
    const target = (await byStaffNumber("40001"))!;
    await disableAccount(adminActor(ADMIN), target.id);
    const again = counts(await run(orgCsv(...ORG2), empCsv(...many)));
    expect(again.reenabled).toBe(0);
    expect((await byStaffNumber("40001"))!.disabledAt).not.toBeNull();
  });

  it("refuses, writing nothing, an import that would disable many accounts unless confirmed", async () => {
    const some = Array.from({ length: 5 }, (_, i) => line(40000 + i));
    const before = (await getDb().select().from(employees)).filter((e) => e.disabledAt == null).length;
    const refused = await run(orgCsv(...ORG2), empCsv(...some));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors[0]!.message).toContain("無効になります");
    expect((await getDb().select().from(employees)).filter((e) => e.disabledAt == null).length).toBe(before);
    const confirmed = await applyImport({ orgBytes: orgCsv(...ORG2), employeeBytes: empCsv(...some), actorId: ADMIN, now: NOW, confirmMassDisable: true });
    expect(confirmed.ok && confirmed.counts.disabled).toBeGreaterThan(20);
  });
});

// Runs against this file's own freshly migrated database (db/test-setup.ts). The optional
// 表示順 column of the 所属CSV: the city's own order of its units, which the statistics sort
// 局/区 by. Left out keeps what is stored, blank clears, a bad value is refused at its cell.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { applyImport } from "./import.server";
import { EMPLOYEE_CSV_COLUMNS, ORG_CSV_COLUMNS, mayOmit } from "./import-columns";

const NOW = new Date("2026-05-15T03:00:00Z");
const bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
const EMP = bom(
  [EMPLOYEE_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header).join(","), "20001,高津 花子,タカツ ハナコ,,S1,主任,行政事務,正規,2015-04-01,2022-04-01,1990,女性,"].join("\r\n"),
);
const BASE = ORG_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header);

async function importOrg(withSort: boolean, lines: string[]) {
  await immediate((tx) => tx.insert(schema.employees).values({ id: "bootstrap", staffNumber: "90001", name: "初期", kana: "ショキ", source: "portal" }).onConflictDoNothing());
  const header = withSort ? [...BASE, "表示順"] : BASE;
  return await applyImport({ orgBytes: bom([header.join(","), ...lines].join("\r\n")), employeeBytes: EMP, actorId: "bootstrap", now: NOW });
}

const sortOf = async (code: string) => (await first(getDb().select().from(schema.orgUnits).where(eq(schema.orgUnits.code, code))))?.sortOrder;

describe("表示順 in the 所属CSV", () => {
  it("is stored, kept when the column is left out, cleared by a blank cell", async () => {
    expect((await importOrg(true, ["B1,総務企画局,局・区,,100", "B2,川崎区役所,区,,1400", "S1,人事課,課,B1,110"])).ok).toBe(true);
    expect([(await sortOf("B1")), await sortOf("B2"), (await sortOf("S1"))]).toEqual([100, 1400, 110]);
    expect(await importOrg(false, ["B1,総務企画局,局・区,", "B2,川崎区役所,区,", "S1,人事課,課,B1"])).toMatchObject({ ok: true, counts: { orgChanged: 0 } });
    expect([(await sortOf("B1")), (await sortOf("B2"))]).toEqual([100, 1400]);
    expect(await importOrg(true, ["B1,総務企画局,局・区,,100", "B2,川崎区役所,区,,", "S1,人事課,課,B1,110"])).toMatchObject({ ok: true, counts: { orgChanged: 1 } });
    expect(await sortOf("B2")).toBeNull();
  });

  it("a value that is not 0–99999 in 半角数字 writes nothing and says where", async () => {
    const r = await importOrg(true, ["B1,総務企画局,局・区,,１", "B2,川崎区役所,区,,-3", "S1,人事課,課,B1,100000"]);
    expect(r.ok ? null : r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "表示順"],
      [3, "表示順"],
      [4, "表示順"],
    ]);
    expect(await sortOf("B1")).toBe(100);
  });
});

// Runs against this file's own freshly migrated database (db/test-setup.ts). The optional
// columns 勤務状況 and 現所属配属日 (decision 501): a column left out of the file keeps what is
// stored, a blank cell clears it, a value sets it — on a new row and on an existing one.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { applyImport } from "./import.server";
import { EMPLOYEE_CSV_COLUMNS, ORG_CSV_COLUMNS, mayOmit } from "./import-columns";

const NOW = new Date("2026-05-15T03:00:00Z");
const bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
const ORG = bom([ORG_CSV_COLUMNS.filter((c) => !mayOmit(c)).map((c) => c.header).join(","), "B1,総務企画局,局・区,", "S1,人事課,課,B1"].join("\r\n"));
const PERSON = "20001,高津 花子,タカツ ハナコ,,S1,主任,行政事務,正規,2015-04-01,2022-04-01,1990,女性,";

async function importWith(headers: string[], extra: string) {
  const header = EMPLOYEE_CSV_COLUMNS.filter((c) => !mayOmit(c) || headers.includes(c.header)).map((c) => c.header);
  const emp = bom([header.join(","), PERSON + extra].join("\r\n"));
  await immediate((tx) => tx.insert(schema.employees).values({ id: "bootstrap", staffNumber: "90001", name: "初期", kana: "ショキ", source: "portal" }).onConflictDoNothing());
  const outcome = await applyImport({ orgBytes: ORG, employeeBytes: emp, actorId: "bootstrap", now: NOW });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const row = (await first(getDb().select().from(schema.employees).where(eq(schema.employees.staffNumber, "20001"))))!;
  return { counts: outcome.counts, stored: [row.workStatus, row.assignedOn] };
}

describe("勤務状況 and 現所属配属日 in the org import", () => {
  it("sets, keeps when the columns are left out, clears on a blank cell", async () => {
    expect(await importWith(["勤務状況", "現所属配属日"], ",育児休業,2023/10/1")).toMatchObject({ counts: { added: 1 }, stored: ["育児休業", "2023-10-01"] });
    expect(await importWith([], "")).toMatchObject({ counts: { changed: 0 }, stored: ["育児休業", "2023-10-01"] });
    expect(await importWith(["勤務状況"], ",在職")).toMatchObject({ counts: { changed: 1 }, stored: ["在職", "2023-10-01"] });
    expect(await importWith(["勤務状況", "現所属配属日"], ",,")).toMatchObject({ counts: { changed: 1 }, stored: [null, null] });
  });

  it("a bad value writes nothing and says where", async () => {
    const emp = bom([EMPLOYEE_CSV_COLUMNS.map((c) => c.header).join(","), PERSON + ",出張,2024-04-01"].join("\r\n"));
    const outcome = await applyImport({ orgBytes: ORG, employeeBytes: emp, actorId: "bootstrap", now: NOW });
    expect(outcome.ok ? null : outcome.errors.map((e) => [e.row, e.column])).toEqual([[2, "勤務状況"]]);
    const row = (await first(getDb().select().from(schema.employees).where(eq(schema.employees.staffNumber, "20001"))))!;
    expect([row.workStatus, row.assignedOn]).toEqual([null, null]);
  });
});

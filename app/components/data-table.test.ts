import { describe, expect, it } from "vitest";
import { readTableState, type TableSpec } from "./data-table";

const SPEC: TableSpec = { sortable: ["amount", "submittedAt"], filterable: ["status", "applicant"], defaultSort: { id: "submittedAt", desc: true } };

describe("readTableState", () => {
  it("reads sort, filters and page from the URL", () => {
    const s = readTableState(new URLSearchParams("sort=-amount&status=paid&applicant=%20花子%20&page=3&fy=2026"), SPEC);
    expect(s).toEqual({ sort: { id: "amount", desc: true }, filters: { status: "paid", applicant: "花子" }, page: 3 });
  });

  it("ignores columns the spec does not allow and falls back to the default sort", () => {
    const s = readTableState(new URLSearchParams("sort=password&secret=x&page=-4"), SPEC);
    expect(s).toEqual({ sort: { id: "submittedAt", desc: true }, filters: {}, page: 1 });
    expect(readTableState(new URLSearchParams("page=abc"), { sortable: [] })).toEqual({ sort: null, filters: {}, page: 1 });
  });

  it("keeps two tables on one page apart with a prefix, and bounds filter length", () => {
    const params = new URLSearchParams(`csort=amount&sort=-amount&cstatus=ok&status=paid&capplicant=${"あ".repeat(500)}`);
    const s = readTableState(params, { ...SPEC, prefix: "c" });
    expect(s.sort).toEqual({ id: "amount", desc: false });
    expect(s.filters.status).toBe("ok");
    expect(s.filters.applicant).toHaveLength(100);
  });
});

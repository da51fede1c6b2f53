import { describe, expect, it } from "vitest";
import { ACTIVE_STATUSES } from "~/services/training/transitions";
import { indexFacts } from "./introspect";

describe("indexFacts reads an index as the migrations made it, on either engine", () => {
  it("a partial unique index built from a status set", async () => {
    const f = await indexFacts("training_enrollments_active_uq");
    expect(f.unique).toBe(true);
    expect(f.columns).toEqual(["course_id", "employee_id"]);
    expect(f.whereLiterals).toEqual([...ACTIVE_STATUSES]);
  });

  it("a one-value partial index, and a plain one", async () => {
    expect((await indexFacts("training_enrollments_waitlist_uq")).whereLiterals).toEqual(["waitlisted"]);
    const plain = await indexFacts("audit_log_action_idx");
    expect([plain.unique, plain.columns, plain.whereLiterals]).toEqual([false, ["action", "at"], null]);
  });

  it("says so when the index is missing", async () => {
    await expect(indexFacts("no_such_index")).rejects.toThrow(/missing/);
  });
});

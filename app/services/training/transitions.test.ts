import { describe, expect, it } from "vitest";
import {
  ACTIVE_STATUSES,
  ENROLLMENT_STATUSES,
  SEAT_STATUSES,
  STATUS_LABELS,
  TRANSITIONS,
  canDo,
  canTransition,
  type EnrollmentActor,
} from "./transitions";
import { ENROLLMENT_STATUSES as DB_STATUSES } from "../../../db/schema/training";

describe("enrollment transitions table", () => {
  it("uses exactly the statuses the database stores, each with a label", () => {
    expect([...ENROLLMENT_STATUSES]).toEqual([...DB_STATUSES]);
    for (const s of ENROLLMENT_STATUSES) expect(STATUS_LABELS[s]).toBeTruthy();
  });

  it("has no duplicate rows: one (from, to, actor) appears once", () => {
    const keys = TRANSITIONS.flatMap((t) => t.by.map((a) => `${t.from}->${t.to}:${a}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("creates an enrollment only as pending, confirmed or waitlisted, only by the employee", () => {
    const created = TRANSITIONS.filter((t) => t.from === null);
    expect(created.map((t) => t.to).sort()).toEqual(["confirmed", "pending", "waitlisted"]);
    for (const t of created) expect(t.by).toEqual(["employee"]);
  });

  it("lets only the supervisor decide a pending sign-up", () => {
    expect(canTransition("pending", "confirmed", "supervisor")).toBe(true);
    expect(canTransition("pending", "rejected", "supervisor")).toBe(true);
    for (const a of ["employee", "hr_dev", "system"] as EnrollmentActor[]) {
      expect(canTransition("pending", "confirmed", a)).toBe(false);
      expect(canTransition("pending", "rejected", a)).toBe(false);
    }
    // Nothing but a pending sign-up can be returned or approved.
    for (const s of ENROLLMENT_STATUSES.filter((x) => x !== "pending")) {
      expect(canDo(s, "approve", "supervisor")).toBe(false);
      expect(canDo(s, "return", "supervisor")).toBe(false);
    }
  });

  it("lets the employee cancel pending, confirmed and waitlisted — and nothing after the session", () => {
    const cancellable = ENROLLMENT_STATUSES.filter((s) => canDo(s, "cancel", "employee"));
    expect(cancellable.sort()).toEqual(["confirmed", "pending", "waitlisted"]);
    expect(canTransition("completed", "cancelled", "employee")).toBe(false);
  });

  it("promotes only from the waitlist, only by the system", () => {
    const promotions = TRANSITIONS.filter((t) => t.action === "promote");
    expect(promotions.every((t) => t.from === "waitlisted" && t.by.length === 1 && t.by[0] === "system")).toBe(true);
    expect(promotions.map((t) => t.to).sort()).toEqual(["confirmed", "pending"]);
    expect(canTransition("waitlisted", "confirmed", "employee")).toBe(false);
    expect(canTransition("waitlisted", "confirmed", "hr_dev")).toBe(false);
  });

  it("lets only 人材育成課 record attendance, from a confirmed seat or to correct a mark", () => {
    for (const mark of ["attended", "absent", "completed"] as const) {
      expect(canTransition("confirmed", mark, "hr_dev")).toBe(true);
      expect(canTransition("confirmed", mark, "employee")).toBe(false);
      expect(canTransition("confirmed", mark, "supervisor")).toBe(false);
      expect(canTransition("pending", mark, "hr_dev")).toBe(false);
      expect(canTransition("waitlisted", mark, "hr_dev")).toBe(false);
    }
    expect(canTransition("absent", "completed", "hr_dev")).toBe(true);
  });

  it("makes cancelled and rejected final", () => {
    for (const s of ["cancelled", "rejected"] as const) {
      expect(TRANSITIONS.filter((t) => t.from === s)).toEqual([]);
    }
  });

  it("every status except the final ones can be left; every status can be reached", () => {
    for (const s of ENROLLMENT_STATUSES) expect(TRANSITIONS.some((t) => t.to === s)).toBe(true);
  });

  it("seat-holding and active statuses are consistent", () => {
    expect(SEAT_STATUSES).not.toContain("waitlisted");
    expect(ACTIVE_STATUSES).toContain("waitlisted");
    for (const s of ["cancelled", "rejected", "absent"] as const) expect(ACTIVE_STATUSES).not.toContain(s);
  });
});

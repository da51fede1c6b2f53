import { describe, expect, it } from "vitest";
import { actionsFor, canDo as canDoIn, findTransition } from "~/services/contract/transitions";
import {
  ACTIVE_STATUSES,
  ATTENDED_STATUSES,
  CALLABLE_OFF_STATUSES,
  CALLED_OFF_STATUSES,
  ENROLLMENT_STATUSES,
  SEAT_STATUSES,
  SIGNED_UP_STATUSES,
  STATUS_LABELS,
  TRANSITIONS,
  WITHDRAWN_STATUSES,
  capacitiesOf,
  type EnrollmentCapacity,
  type EnrollmentStatus,
  type TransitionAction,
} from "./transitions";
import { ENROLLMENT_ACTORS, ENROLLMENT_STATUSES as DB_STATUSES } from "../../../db/schema/training";

type EnrollmentActor = EnrollmentCapacity;
const canTransition = (from: EnrollmentStatus | null, to: EnrollmentStatus, by: EnrollmentCapacity) => findTransition(TRANSITIONS, from, to, by) !== undefined;
const canDo = (from: EnrollmentStatus, action: TransitionAction, by: EnrollmentCapacity) => canDoIn(TRANSITIONS, from, action, by);

describe("enrollment transitions table", () => {
  it("uses exactly the statuses the database stores, each with a label", () => {
    expect([...ENROLLMENT_STATUSES]).toEqual([...DB_STATUSES]);
    for (const s of ENROLLMENT_STATUSES) expect(STATUS_LABELS[s]).toBeTruthy();
  });

  it("has no duplicate rows: one (from, to, actor) appears once", () => {
    const keys = TRANSITIONS.flatMap((t) => t.by.map((a) => `${t.from}->${t.to}:${a}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("creates an enrollment only as pending, confirmed, waitlisted or an 応募 (抽選), only by the employee", () => {
    const created = TRANSITIONS.filter((t) => t.from === null);
    expect(created.map((t) => t.to).sort()).toEqual(["applied", "applied_pending", "confirmed", "pending", "waitlisted"]);
    for (const t of created) expect(t.by).toEqual(["employee"]);
  });

  it("lets only the supervisor decide a pending sign-up", () => {
    expect(canTransition("pending", "confirmed", "supervisor")).toBe(true);
    // (The employee reaches "confirmed" from "pending" only by changing to another 回.)
    expect(findTransition(TRANSITIONS, "pending", "confirmed", "employee")?.action).toBe("change");
    expect(canTransition("pending", "rejected", "supervisor")).toBe(true);
    for (const a of ["employee", "hr_dev", "system"] as EnrollmentActor[]) {
      expect(canDo("pending", "approve", a)).toBe(false);
      expect(canTransition("pending", "rejected", a)).toBe(false);
    }
    // An 応募 awaiting approval before the draw is decided the same way.
    expect(findTransition(TRANSITIONS, "applied_pending", "applied", "supervisor")?.action).toBe("approve");
    expect(findTransition(TRANSITIONS, "applied_pending", "rejected", "supervisor")?.action).toBe("return");
    // Nothing else can be returned or approved.
    for (const s of ENROLLMENT_STATUSES.filter((x) => x !== "pending" && x !== "applied_pending")) {
      expect(canDo(s, "approve", "supervisor")).toBe(false);
      expect(canDo(s, "return", "supervisor")).toBe(false);
    }
  });

  it("lets the employee cancel pending, confirmed, waitlisted and an 応募 — and nothing after the session", () => {
    const cancellable = ENROLLMENT_STATUSES.filter((s) => canDo(s, "cancel", "employee"));
    expect(cancellable.sort()).toEqual(["applied", "applied_pending", "confirmed", "pending", "waitlisted"]);
    expect(canTransition("completed", "cancelled", "employee")).toBe(false);
  });

  it("lets only the employee change a live sign-up to another 回, becoming pending, confirmed or waitlisted there", () => {
    const changes = TRANSITIONS.filter((t) => t.action === "change");
    expect(new Set(changes.map((t) => t.from))).toEqual(new Set(["pending", "confirmed", "waitlisted"]));
    expect(new Set(changes.map((t) => t.to))).toEqual(new Set(["pending", "confirmed", "waitlisted"]));
    for (const t of changes) expect(t.by).toEqual(["employee"]);
    for (const s of ["completed", "attended", "absent", "cancelled", "rejected"] as const) expect(canDo(s, "change", "employee")).toBe(false);
  });

  it("draws only 応募, only by the system: a seat (or pending approval) or the waitlist", () => {
    const draws = TRANSITIONS.filter((t) => t.action === "draw");
    expect(draws.every((t) => (t.from === "applied" || t.from === "applied_pending") && t.by.length === 1 && t.by[0] === "system")).toBe(true);
    expect(draws.filter((t) => t.from === "applied").map((t) => t.to).sort()).toEqual(["confirmed", "pending", "waitlisted"]);
    // An 応募 still awaiting approval at the draw can only wait.
    expect(draws.filter((t) => t.from === "applied_pending").map((t) => t.to)).toEqual(["waitlisted"]);
  });

  it("promotes only from the waitlist, only by the system", () => {
    const promotions = TRANSITIONS.filter((t) => t.action === "promote");
    expect(promotions.every((t) => t.from === "waitlisted" && t.by.length === 1 && t.by[0] === "system")).toBe(true);
    expect(promotions.map((t) => t.to).sort()).toEqual(["confirmed", "pending"]);
    expect(canDo("waitlisted", "promote", "employee")).toBe(false);
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

  it("the capacities are exactly the ones the history table stores", () => {
    expect([...ENROLLMENT_ACTORS].sort()).toEqual(["employee", "hr_dev", "supervisor", "system"]);
    for (const t of TRANSITIONS) for (const c of t.by) expect(ENROLLMENT_ACTORS).toContain(c);
  });

  it("every row has a button label; returning, removing and 中止 need a reason, nothing else does", () => {
    for (const t of TRANSITIONS) expect(t.label.length).toBeGreaterThan(0);
    const needing = [...new Set(TRANSITIONS.filter((t) => t.needsComment).map((t) => t.action))].sort();
    expect(needing).toEqual(["callOff", "remove", "return"]);
    for (const t of TRANSITIONS.filter((x) => x.action === "remove" || x.action === "return" || x.action === "callOff")) expect(t.needsComment).toBe(true);
  });

  it("中止 is 人材育成課's, from every status still signed up or waiting, to a status of its own that is final", () => {
    const rows = TRANSITIONS.filter((t) => t.action === "callOff");
    expect(rows.map((t) => t.from).sort()).toEqual([...CALLABLE_OFF_STATUSES].sort());
    for (const t of rows) expect(t).toMatchObject({ to: "called_off", by: ["hr_dev"] });
    expect(TRANSITIONS.filter((t) => t.from === "called_off")).toEqual([]);
    // Not the person's cancellation, not a seat, not an active sign-up (another 回 may be taken).
    expect(WITHDRAWN_STATUSES).not.toContain("called_off");
    expect(SEAT_STATUSES).not.toContain("called_off");
    expect(ACTIVE_STATUSES).not.toContain("called_off");
    expect(SIGNED_UP_STATUSES).not.toContain("called_off");
  });

  it("the named status sets partition the statuses as the statistics and index expect", () => {
    expect([...SIGNED_UP_STATUSES, ...WITHDRAWN_STATUSES, ...CALLED_OFF_STATUSES].sort()).toEqual([...ENROLLMENT_STATUSES].sort());
    for (const s of ATTENDED_STATUSES) expect(SEAT_STATUSES).toContain(s);
    for (const s of ACTIVE_STATUSES) expect(SIGNED_UP_STATUSES).toContain(s);
  });
});

describe("who plays which part towards one enrollment", () => {
  const enrollment = { employeeId: "emp", supervisorId: "boss" };
  const viewer = (id: string, roles: string[] = ["employee"]) => ({ id, roles }) as Parameters<typeof capacitiesOf>[0];

  it("the enrollee, their current supervisor, 人材育成課 by role — and nobody else", () => {
    expect(capacitiesOf(viewer("emp"), enrollment)).toEqual(["employee"]);
    expect(capacitiesOf(viewer("boss", ["employee", "supervisor"]), enrollment)).toEqual(["supervisor"]);
    expect(capacitiesOf(viewer("hr", ["employee", "hr_dev"]), enrollment)).toEqual(["hr_dev"]);
    expect(capacitiesOf(viewer("other", ["employee", "supervisor", "admin", "hr_personnel"]), enrollment)).toEqual([]);
    expect(capacitiesOf(viewer("emp"), { employeeId: "emp", supervisorId: null })).toEqual(["employee"]);
  });

  it("the buttons each part sees are the table's rows for it", () => {
    // A change of 回 has one row per status it may end in, drawn as one button per other 回.
    const labels = (from: EnrollmentStatus, caps: EnrollmentCapacity[]) => [...new Set(actionsFor(TRANSITIONS, from, caps).map((t) => `${t.action}:${t.label}`))];
    expect(labels("confirmed", ["employee"])).toEqual(["cancel:申込をキャンセルする", "change:この回に変更する"]);
    expect(labels("waitlisted", ["employee"])).toEqual(["cancel:キャンセル待ちを取り下げる", "change:この回に変更する"]);
    expect(labels("pending", ["supervisor"])).toEqual(["approve:承認する", "return:差し戻す"]);
    expect(labels("confirmed", ["supervisor"])).toEqual([]);
    expect(new Set(actionsFor(TRANSITIONS, "confirmed", ["hr_dev"]).map((t) => t.action))).toEqual(new Set(["remove", "mark", "callOff"]));
    expect(actionsFor(TRANSITIONS, "completed", ["hr_dev"]).map((t) => t.to).sort()).toEqual(["absent", "attended"]);
    expect(actionsFor(TRANSITIONS, "cancelled", ["employee", "supervisor", "hr_dev"])).toEqual([]);
  });
});

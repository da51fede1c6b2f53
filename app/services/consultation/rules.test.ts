import { describe, expect, it } from "vitest";
import { jstDate } from "~/lib/fiscal-year";
import {
  addMonthsIso,
  allowedTransitions,
  beforeDeadline,
  changeDeadline,
  checkLimits,
  deadlineRuleText,
  expandPattern,
  isMeetingUrl,
  jstIsoDate,
  rankGroupOf,
  refusalMessage,
  slotRefusal,
  withinBookingWindow,
  type ConsultationRules,
} from "./rules";

const RULES: ConsultationRules = {
  bookingWindowDays: 60,
  deadlineDaysBefore: 1,
  deadlineMinuteOfDay: 17 * 60,
  maxPerFiscalYear: 4,
  maxFutureBookings: 2,
};

// A slot on Tuesday 2026-12-01, 18:00–18:50 in Tokyo (09:00 UTC).
const SLOT = jstDate(2026, 12, 1, 18, 0);

describe("the change deadline (previous day 17:00 JST)", () => {
  it("runs under a UTC process, so nothing here depends on the machine's zone", () => {
    expect(process.env.TZ).toBe("UTC");
    expect(SLOT.toISOString()).toBe("2026-12-01T09:00:00.000Z");
  });

  it("is the previous day at 17:00 in Tokyo, i.e. 08:00 UTC", () => {
    expect(changeDeadline(SLOT, RULES).toISOString()).toBe("2026-11-30T08:00:00.000Z");
  });

  it("allows 16:59 and refuses from 17:00 on the previous day (the boundary minute)", () => {
    expect(beforeDeadline(jstDate(2026, 11, 30, 16, 59), SLOT, RULES)).toBe(true);
    expect(beforeDeadline(new Date(jstDate(2026, 11, 30, 17, 0).getTime() - 1), SLOT, RULES)).toBe(true);
    expect(beforeDeadline(jstDate(2026, 11, 30, 17, 0), SLOT, RULES)).toBe(false);
    expect(beforeDeadline(jstDate(2026, 11, 30, 17, 1), SLOT, RULES)).toBe(false);
  });

  it("counts Tokyo days even when the UTC date differs (a 08:30 JST slot is the previous UTC day)", () => {
    const early = jstDate(2026, 12, 1, 8, 30); // 2026-11-30T23:30Z
    expect(changeDeadline(early, RULES).toISOString()).toBe(jstDate(2026, 11, 30, 17, 0).toISOString());
  });

  it("crosses month and 年度 boundaries: a slot on April 1 closes on March 31 17:00", () => {
    const april = jstDate(2027, 4, 1, 10, 0);
    expect(changeDeadline(april, RULES).getTime()).toBe(jstDate(2027, 3, 31, 17, 0).getTime());
  });

  it("with 0 days before and a time after the start, the start itself is the deadline", () => {
    const sameDay = { ...RULES, deadlineDaysBefore: 0, deadlineMinuteOfDay: 20 * 60 };
    expect(changeDeadline(SLOT, sameDay).getTime()).toBe(SLOT.getTime());
    const morning = { ...RULES, deadlineDaysBefore: 0, deadlineMinuteOfDay: 12 * 60 };
    expect(changeDeadline(SLOT, morning).getTime()).toBe(jstDate(2026, 12, 1, 12, 0).getTime());
  });

  it("reads as words", () => {
    expect(deadlineRuleText(RULES)).toBe("相談日の前日 17:00");
    expect(deadlineRuleText({ deadlineDaysBefore: 0, deadlineMinuteOfDay: 9 * 60 + 30 })).toBe("相談日の当日 9:30");
    expect(deadlineRuleText({ deadlineDaysBefore: 3, deadlineMinuteOfDay: 12 * 60 })).toBe("相談日の3日前 12:00");
  });
});

describe("the booking window", () => {
  const now = jstDate(2026, 11, 25, 23, 30); // 14:30 UTC, still the 25th in Tokyo
  it("counts Tokyo calendar days from today", () => {
    expect(withinBookingWindow(now, jstDate(2027, 1, 24, 18, 0), RULES)).toBe(true); // 60 days
    expect(withinBookingWindow(now, jstDate(2027, 1, 25, 0, 30), RULES)).toBe(false); // 61 days
  });
});

describe("slotRefusal", () => {
  const now = jstDate(2026, 11, 25, 12, 0);
  const open = { status: "open" as const, startsAt: SLOT, occupied: false };
  it("accepts an open, free, future slot before the deadline inside the window", () => {
    expect(slotRefusal(now, open, RULES)).toBeNull();
  });
  it("refuses closed, past, after-deadline, beyond-window and taken slots, in that order", () => {
    expect(slotRefusal(now, { ...open, status: "closed" }, RULES)?.code).toBe("slot_closed");
    expect(slotRefusal(now, { ...open, startsAt: jstDate(2026, 11, 25, 11, 0) }, RULES)?.code).toBe("slot_past");
    expect(slotRefusal(jstDate(2026, 11, 30, 17, 0), open, RULES)?.code).toBe("deadline_passed");
    expect(slotRefusal(now, { ...open, startsAt: jstDate(2027, 3, 1, 18, 0) }, RULES)?.code).toBe("beyond_window");
    expect(slotRefusal(now, { ...open, occupied: true }, RULES)?.code).toBe("taken");
    // A past, taken slot says "past": the more useful reason.
    expect(slotRefusal(now, { ...open, occupied: true, startsAt: jstDate(2026, 11, 24, 18, 0) }, RULES)?.code).toBe("slot_past");
  });
  it("every refusal has a Japanese sentence", () => {
    const r = slotRefusal(jstDate(2026, 11, 30, 17, 0), open, RULES)!;
    expect(refusalMessage(r)).toBe("この相談枠の予約受付は 11月30日 17:00 で締め切りました。別の枠を選んでください。");
    expect(refusalMessage({ code: "taken" })).toContain("すでに予約されています");
  });
});

describe("per-person limits", () => {
  it("refuses at the yearly maximum and at the maximum of upcoming bookings", () => {
    expect(checkLimits({ bookedInFiscalYear: 3, upcoming: 1, fiscalYear: 2026 }, RULES)).toBeNull();
    expect(checkLimits({ bookedInFiscalYear: 4, upcoming: 0, fiscalYear: 2026 }, RULES)).toEqual({ code: "year_limit", max: 4, fiscalYear: 2026 });
    expect(checkLimits({ bookedInFiscalYear: 1, upcoming: 2, fiscalYear: 2026 }, RULES)).toEqual({ code: "future_limit", max: 2 });
  });
  it("names the 年度 in both forms", () => {
    expect(refusalMessage({ code: "year_limit", max: 4, fiscalYear: 2026 })).toContain("令和8年度（FY2026）");
  });
});

describe("the booking state machine", () => {
  const before = { now: jstDate(2026, 11, 30, 16, 59), startsAt: SLOT, rules: RULES };
  const afterDeadline = { ...before, now: jstDate(2026, 11, 30, 17, 0) };
  const afterStart = { ...before, now: jstDate(2026, 12, 1, 18, 0) };
  it("lets the employee move or cancel only before the deadline", () => {
    expect(allowedTransitions("booked", "employee", before).sort()).toEqual(["cancelled", "moved"]);
    expect(allowedTransitions("booked", "employee", afterDeadline)).toEqual([]);
    expect(allowedTransitions("booked", "employee", { ...before, rules: null })).toEqual([]);
  });
  it("lets the consultant mark held / no-show only once the session has started, and correct it", () => {
    expect(allowedTransitions("booked", "consultant", afterDeadline)).toEqual([]);
    expect(allowedTransitions("booked", "consultant", afterStart).sort()).toEqual(["held", "no_show"]);
    expect(allowedTransitions("held", "consultant", afterStart)).toEqual(["no_show"]);
  });
  it("has no way out of cancelled or moved", () => {
    for (const by of ["employee", "consultant", "welfare"] as const) {
      expect(allowedTransitions("cancelled", by, afterStart)).toEqual([]);
      expect(allowedTransitions("moved", by, afterStart)).toEqual([]);
    }
  });
});

describe("slot patterns", () => {
  it("expands every Tue and Thu 18:00–18:50 for three months", () => {
    const to = addMonthsIso("2026-12-01", 3);
    expect(to).toBe("2027-02-28");
    const r = expandPattern({ from: "2026-12-01", to, weekdays: [2, 4], startMinute: 18 * 60, endMinute: 18 * 60 + 50 });
    if (!r.ok) throw new Error(r.message);
    expect(r.slots.length).toBe(26);
    expect(r.slots[0]!.startsAt.toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(r.slots[0]!.endsAt.toISOString()).toBe("2026-12-01T09:50:00.000Z");
    expect(r.slots.map((s) => jstIsoDate(s.startsAt)).slice(0, 4)).toEqual(["2026-12-01", "2026-12-03", "2026-12-08", "2026-12-10"]);
    // All on Tuesdays or Thursdays in Tokyo.
    for (const s of r.slots) expect([2, 4]).toContain(new Date(s.startsAt.getTime() + 9 * 3600_000).getUTCDay());
  });
  it("refuses an empty weekday set, a reversed range, end before start, and an over-long run", () => {
    const base = { from: "2026-12-01", to: "2026-12-31", weekdays: [2], startMinute: 1080, endMinute: 1130 };
    expect(expandPattern({ ...base, weekdays: [] })).toMatchObject({ ok: false, field: "weekdays" });
    expect(expandPattern({ ...base, to: "2026-11-30" })).toMatchObject({ ok: false, field: "to" });
    expect(expandPattern({ ...base, endMinute: 1080 })).toMatchObject({ ok: false, field: "endTime" });
    expect(expandPattern({ ...base, to: "2028-01-01" })).toMatchObject({ ok: false, field: "to" });
    expect(expandPattern({ ...base, to: "2027-11-30", weekdays: [0, 1, 2, 3, 4, 5, 6] })).toMatchObject({ ok: false, field: "to" });
  });
  it("adds months at month ends", () => {
    expect(addMonthsIso("2026-11-30", 3)).toBe("2027-02-27"); // Feb 30 is clamped to Feb 28, minus 1 day
    expect(addMonthsIso("2027-01-01", 1)).toBe("2027-01-31");
  });
});

describe("small helpers", () => {
  it("管理職 is 課長 and above", () => {
    expect(rankGroupOf("課長")).toBe("manager");
    expect(rankGroupOf("局長")).toBe("manager");
    expect(rankGroupOf("課長補佐")).toBe("other");
    expect(rankGroupOf(null)).toBe("other");
  });
  it("accepts only https meeting links without credentials", () => {
    expect(isMeetingUrl("https://meet.example.jp/abc")).toBe(true);
    expect(isMeetingUrl("http://meet.example.jp/abc")).toBe(false);
    expect(isMeetingUrl("javascript:alert(1)")).toBe(false);
    expect(isMeetingUrl("https://user:pw@meet.example.jp/")).toBe(false);
    expect(isMeetingUrl("meet.example.jp")).toBe(false);
  });
});

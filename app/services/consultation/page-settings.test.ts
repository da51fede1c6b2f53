// The windows the consultation pages show (60 / 14+120 / 180 days) and the slot forms'
// default times are settings kept with the rules, not numbers in the pages.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { DEFAULT_PAGE_SETTINGS } from "./rules";
import { rulesSchema } from "./schemas";
import { getPageSettings } from "./store.server";
import { RULES, makePerson } from "./test-helpers";
import { getRulesForWelfare, saveRules } from "./welfare-desk.server";

const FORM = {
  intent: "rules",
  bookingWindowDays: 60,
  deadlineDaysBefore: 1,
  deadlineTime: "17:00",
  maxPerFiscalYear: 4,
  maxFutureBookings: 2,
  overviewDays: 30,
  slotListDaysBack: 7,
  slotListDaysAhead: 90,
  sessionHistoryDays: 365,
  defaultSlotStart: "10:00",
  defaultSlotEnd: "10:50",
};

describe("the consultation page settings", () => {
  it("start as the defaults, which are the columns' defaults", async () => {
    expect(await getPageSettings(getDb())).toEqual(DEFAULT_PAGE_SETTINGS);
    const welfare = { viewer: await makePerson({ roles: ["welfare"] }), ip: "127.0.0.1" };
    expect((await saveRules(welfare, RULES)).ok).toBe(true);
    expect(await getPageSettings(getDb())).toEqual(DEFAULT_PAGE_SETTINGS);
  });

  it("are saved with the rules and read back by the pages", async () => {
    const welfare = { viewer: await makePerson({ roles: ["welfare"] }), ip: "127.0.0.1" };
    const page = { overviewDays: 30, slotListDaysBack: 7, slotListDaysAhead: 90, sessionHistoryDays: 365, defaultSlotStartMinute: 600, defaultSlotEndMinute: 650 };
    expect((await saveRules(welfare, RULES, page)).ok).toBe(true);
    expect((await getRulesForWelfare(welfare.viewer))?.page).toEqual(page);
  });

  it("the form refuses an end time not after the start, and windows out of bounds, at the field", async () => {
    expect(rulesSchema.safeParse(FORM).success).toBe(true);
    const late = rulesSchema.safeParse({ ...FORM, defaultSlotEnd: "09:00" });
    expect(late.success ? [] : late.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["defaultSlotEnd", "終了時刻の初期値は開始時刻より後にしてください。"]]);
    const far = rulesSchema.safeParse({ ...FORM, slotListDaysAhead: 1000 });
    expect(far.success ? null : far.error.issues[0]!.path).toEqual(["slotListDaysAhead"]);
  });
});

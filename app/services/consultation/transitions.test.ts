// The booking state machine as data, and the one named set behind the slot index.
// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { dialect, getDb, rows } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { sqlStatusList } from "~/services/contract/transitions";
import { bookingActions, type ConsultationRules } from "./rules";
import { BOOKING_STATUSES, OCCUPYING, TRANSITIONS } from "./transitions";

const RULES: ConsultationRules = { bookingWindowDays: 60, deadlineDaysBefore: 1, deadlineMinuteOfDay: 17 * 60, maxPerFiscalYear: 4, maxFutureBookings: 2 };

describe("OCCUPYING and the partial unique index on slot_id", () => {
  it.runIf(dialect() === "sqlite")("the migrated index lists exactly the OCCUPYING statuses", async () => {
    const [row] = await rows<{ sql: string }>(
      getDb(),
      sql`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'consultation_bookings_active_slot_uq'`,
    );
    expect(row).toBeDefined();
    const where = /WHERE\s+status\s+IN\s*\(([^)]*)\)/i.exec(row!.sql);
    expect(where, row!.sql).not.toBeNull();
    const listed = where![1]!.split(",").map((s) => s.trim().replace(/^'|'$/g, ""));
    expect([...listed].sort()).toEqual([...OCCUPYING].sort());
    expect(where![1]!.replace(/\s+/g, " ").trim()).toBe(sqlStatusList(OCCUPYING));
    expect(row!.sql).toMatch(/ON `?consultation_bookings`? \(`?slot_id`?\)/);
  });

  it.runIf(dialect() === "pg")("the migrated index lists exactly the OCCUPYING statuses (PostgreSQL)", async () => {
    const [row] = await rows<{ indexdef: string }>(getDb(), sql`SELECT indexdef FROM pg_indexes WHERE indexname = 'consultation_bookings_active_slot_uq'`);
    expect(row).toBeDefined();
    // PostgreSQL keeps `status IN (…)` as `status = ANY (ARRAY['booked'::text, …])`.
    const where = /WHERE\s+\(?status\s*=\s*ANY\s*\(\s*ARRAY\[([^\]]*)\]/i.exec(row!.indexdef);
    expect(where, row!.indexdef).not.toBeNull();
    const listed = where![1]!.split(",").map((s) => s.trim().replace(/::text$/, "").replace(/^'|'$/g, ""));
    expect([...listed].sort()).toEqual([...OCCUPYING].sort());
    expect(row!.indexdef).toMatch(/^CREATE UNIQUE INDEX .* ON (public\.)?consultation_bookings USING btree \(slot_id\)/);
  });

  it("every status is either occupying or a way out (cancelled, moved)", () => {
    expect(BOOKING_STATUSES.filter((s) => !(OCCUPYING as readonly string[]).includes(s)).sort()).toEqual(["cancelled", "moved"]);
  });
});

describe("the transitions table", () => {
  it("names every transition with an action, a label and a capacity", () => {
    for (const t of TRANSITIONS) {
      expect(t.label.length).toBeGreaterThan(0);
      expect(t.by.length).toBeGreaterThan(0);
      expect(t.needsComment).toBe(false);
    }
  });

  it("gives each capacity its buttons, narrowed by the clock", () => {
    const startsAt = jstDate(2026, 12, 1, 18, 0);
    const before = { now: jstDate(2026, 11, 30, 16, 59), startsAt, rules: RULES };
    const afterStart = { now: startsAt, startsAt, rules: RULES };
    expect(bookingActions("booked", ["employee"], before).map((t) => t.action).sort()).toEqual(["cancel", "move"]);
    expect(bookingActions("booked", ["employee"], afterStart)).toEqual([]);
    expect(bookingActions("booked", ["consultant"], before)).toEqual([]);
    expect(bookingActions("booked", ["consultant"], afterStart).map((t) => t.label)).toEqual(["実施した", "無断キャンセル"]);
    expect(bookingActions("booked", ["welfare"], afterStart).map((t) => t.to)).toEqual(["cancelled"]);
    // Occupying statuses are the only ones with a way on.
    for (const t of TRANSITIONS) expect((OCCUPYING as readonly string[]).includes(t.from!)).toBe(true);
  });
});

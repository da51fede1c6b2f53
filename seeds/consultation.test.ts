import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { seedConsultation } from "./consultation";
import { DEMO_ACCOUNTS } from "./org";

function count(table: string): number {
  return (getDb().$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe("seedConsultation", () => {
  it("registers the demo consultant with Tue/Thu slots, past sessions and rules, and is re-runnable", () => {
    const sqlite = getDb().$client;
    const add = sqlite.prepare("INSERT INTO employees (id, staff_number, name, kana, rank, source) VALUES (?, ?, ?, ?, ?, ?)");
    add.run("c1", DEMO_ACCOUNTS.consultant.staffNumber, DEMO_ACCOUNTS.consultant.name, "オカモト", null, "portal");
    add.run("w1", DEMO_ACCOUNTS.welfare.staffNumber, DEMO_ACCOUNTS.welfare.name, "ミヤマエ", "主任", "personnel");
    add.run("e1", DEMO_ACCOUNTS.employee.staffNumber, DEMO_ACCOUNTS.employee.name, "カワサキ", "主任", "personnel");
    for (let i = 0; i < 30; i++) add.run(`p${i}`, String(200001 + i), `職員 ${i}`, "ショクイン", i % 5 === 0 ? "課長" : "一般職員", "personnel");

    const now = jstDate(2026, 11, 25, 12, 0);
    const first = seedConsultation(getDb(), now);
    expect(first.slots).toBeGreaterThan(30);
    expect(first.bookings).toBeGreaterThan(5);
    const before = ["consultation_consultants", "consultation_slots", "consultation_bookings", "consultation_booking_events", "consultation_rules"].map(count);
    // Again, and a day later: nothing is duplicated, the demo employee still has one upcoming booking.
    seedConsultation(getDb(), now);
    seedConsultation(getDb(), new Date(now.getTime() + 24 * 3600_000));
    const after = ["consultation_consultants", "consultation_slots", "consultation_bookings", "consultation_booking_events", "consultation_rules"].map(count);
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[3]).toBe(before[3]);
    expect(after[4]).toBe(1);
    const upcoming = sqlite
      .prepare("SELECT count(*) AS n FROM consultation_bookings WHERE employee_id = 'e1' AND status = 'booked'")
      .get() as { n: number };
    expect(upcoming.n).toBe(1);
    // Every slot is a Tuesday or Thursday at 18:00 in Tokyo.
    const starts = sqlite.prepare("SELECT starts_at FROM consultation_slots").all() as { starts_at: number }[];
    for (const s of starts) {
      const t = new Date(s.starts_at + 9 * 3600_000);
      expect([2, 4]).toContain(t.getUTCDay());
      expect(t.getUTCHours()).toBe(18);
    }
  });
});

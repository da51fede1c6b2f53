import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { first, getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { seedConsultation } from "./consultation";
import { DEMO_ACCOUNTS } from "./org";

const TABLES = [schema.consultants, schema.slots, schema.bookings, schema.bookingEvents, schema.consultationRules] as const;

async function counts(): Promise<number[]> {
  const out: number[] = [];
  for (const t of TABLES) out.push((await first(getDb().select({ n: count() }).from(t)))!.n);
  return out;
}

describe("seedConsultation", () => {
  it("registers the demo consultant with Tue/Thu slots, past sessions and rules, and is re-runnable", async () => {
    await immediate(async (tx) => {
      const add = (id: string, staffNumber: string, name: string, kana: string, rank: string | null, source: "portal" | "personnel") =>
        tx.insert(schema.employees).values({ id, staffNumber, name, kana, rank, source });
      await add("c1", DEMO_ACCOUNTS.consultant.staffNumber, DEMO_ACCOUNTS.consultant.name, "オカモト", null, "portal");
      await add("w1", DEMO_ACCOUNTS.welfare.staffNumber, DEMO_ACCOUNTS.welfare.name, "ミヤマエ", "主任", "personnel");
      await add("e1", DEMO_ACCOUNTS.employee.staffNumber, DEMO_ACCOUNTS.employee.name, "カワサキ", "主任", "personnel");
      for (let i = 0; i < 30; i++) await add(`p${i}`, String(200001 + i), `職員 ${i}`, "ショクイン", i % 5 === 0 ? "課長" : "一般職員", "personnel");
    });

    const now = jstDate(2026, 11, 25, 12, 0);
    const firstRun = await seedConsultation(now);
    expect(firstRun.slots).toBeGreaterThan(30);
    expect(firstRun.bookings).toBeGreaterThan(5);
    const before = await counts();
    // Again, and a day later: nothing is duplicated, the demo employee still has one upcoming booking.
    await seedConsultation(now);
    await seedConsultation(new Date(now.getTime() + 24 * 3600_000));
    const after = await counts();
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[3]).toBe(before[3]);
    expect(after[4]).toBe(1);
    const upcoming = await first(
      getDb()
        .select({ n: count() })
        .from(schema.bookings)
        .where(and(eq(schema.bookings.employeeId, "e1"), eq(schema.bookings.status, "booked"))),
    );
    expect(upcoming!.n).toBe(1);
    // Every slot is a Tuesday or Thursday at 18:00 in Tokyo.
    const starts = await getDb().select({ startsAt: schema.slots.startsAt }).from(schema.slots);
    for (const s of starts) {
      const t = new Date(s.startsAt.getTime() + 9 * 3600_000);
      expect([2, 4]).toContain(t.getUTCDay());
      expect(t.getUTCHours()).toBe(18);
    }
  });
});

// The booking invariants under concurrent transactions (issue 18). On PostgreSQL each
// immediate() is its own pooled transaction at READ COMMITTED, so these calls really run
// side by side; on SQLite they queue on the one writer and the same expectations hold.
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { bookSlot, moveBooking } from "./employee-bookings.server";
import { refusalCode } from "./refusals";
import { NOW, RULES, actor, bookingInput, makeConsultant, makePerson, makeSlot, occupants, setRules } from "./test-helpers";
import { closeSlot } from "./welfare-desk.server";

const { bookings, slots } = schema;
const day = (d: number, hour = 18) => jstDate(2026, 12, d, hour, 0);

beforeAll(() => setRules({ ...RULES, maxFutureBookings: 2, maxPerFiscalYear: 10 }));

describe("concurrent bookings", () => {
  it("40 people booking one slot at once: exactly one booking, every other one answered 'taken'", async () => {
    const { consultantId } = await makeConsultant();
    const slot = await makeSlot(consultantId, day(1));
    const people = await Promise.all(Array.from({ length: 40 }, () => makePerson()));
    const results = await Promise.all(people.map((p) => bookSlot(actor(p), bookingInput(slot), NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "ok" : refusalCode(r.refusal)))).toEqual(Array(39).fill("taken"));
    expect(await occupants(slot)).toHaveLength(1);
  });

  it("one person booking 8 slots at once: their limit of 2 upcoming bookings holds (the booker's row is locked)", async () => {
    const { consultantId } = await makeConsultant();
    const free: number[] = [];
    for (let d = 2; d < 10; d++) free.push(await makeSlot(consultantId, day(d)));
    const me = await makePerson();
    const results = await Promise.all(free.map((slot) => bookSlot(actor(me), bookingInput(slot), NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "ok" : refusalCode(r.refusal)))).toEqual(Array(6).fill("future_limit"));
    const mine = await getDb()
      .select()
      .from(bookings)
      .where(and(eq(bookings.employeeId, me.id), eq(bookings.status, "booked")));
    expect(mine).toHaveLength(2);
  });

  it("closing slots while they are being booked: a closed slot never keeps a booking (the slot row is locked)", async () => {
    const { consultantId } = await makeConsultant();
    const welfare = actor(await makePerson({ roles: ["welfare"] }));
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) ids.push(await makeSlot(consultantId, day(10 + (i % 12), 9 + Math.floor(i / 12))));
    const people = await Promise.all(ids.map(() => makePerson()));
    const results = await Promise.all(ids.flatMap((slot, i) => [bookSlot(actor(people[i]!), bookingInput(slot), NOW), closeSlot(welfare, slot, NOW)]));
    expect(results.every((r) => r.ok || refusalCode(r.refusal) === "slot_closed")).toBe(true);
    const closed = await getDb().select().from(slots).where(inArray(slots.id, ids));
    expect(closed.every((s) => s.status === "closed")).toBe(true);
    const kept = await getDb()
      .select({ slotId: bookings.slotId })
      .from(bookings)
      .where(and(inArray(bookings.slotId, ids), eq(bookings.status, "booked")));
    expect(kept).toEqual([]);
  });

  it("10 people moving their bookings onto one free slot at once: one moves, the others keep theirs", async () => {
    const { consultantId } = await makeConsultant();
    const target = await makeSlot(consultantId, day(28));
    const moves: { who: Awaited<ReturnType<typeof makePerson>>; bookingId: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const who = await makePerson();
      const r = await bookSlot(actor(who), bookingInput(await makeSlot(consultantId, day(22 + (i % 5), 9 + Math.floor(i / 5)))), NOW);
      if (!r.ok) throw new Error("setup booking refused");
      moves.push({ who, bookingId: r.bookingId });
    }
    const results = await Promise.all(moves.map((m) => moveBooking(actor(m.who), m.bookingId, target, NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "ok" : refusalCode(r.refusal)))).toEqual(Array(9).fill("taken"));
    expect(await occupants(target)).toHaveLength(1);
    const stillBooked = await getDb()
      .select()
      .from(bookings)
      .where(
        and(
          inArray(
            bookings.id,
            moves.map((m) => m.bookingId),
          ),
          eq(bookings.status, "booked"),
        ),
      );
    expect(stillBooked).toHaveLength(9);
  });
});

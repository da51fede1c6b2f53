// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { first as firstRow, getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import { bookSlot, cancelBooking, getMyBooking, listFreeSlots, listMyBookings, moveBooking } from "./employee-bookings.server";
import {
  closeSlot,
  createConsultantAccount,
  listBookingsForWelfare,
  listConsultants,
  listSlots,
  publishPattern,
  publishSlot,
  registerExistingConsultant,
  saveRules,
} from "./welfare-desk.server";
import { getMySession, listMySessions, markSession, saveMemo } from "./consultant-sessions.server";
import { consultationStats } from "./stats.server";
import { getRules } from "./store.server";
import { refusalCode } from "./refusals";
import { NOW, RULES, actor, makeConsultant, makePerson, makeSlot, refusalFacts, setRules } from "./test-helpers";

const { bookings, bookingEvents, notifications, auditLog, consultantMemos } = schema;
const IP = "127.0.0.1";
const input = (slotId: number, extra: Partial<{ topic: "career"; note: string; anonymous: boolean }> = {}) => ({
  slotId,
  topic: "career" as const,
  note: "",
  anonymous: false,
  ...extra,
});

async function bookingCount(): Promise<number> {
  return (await getDb().select().from(bookings)).length;
}

/** Tuesday 2026-12-01 18:00 JST and following days at 18:00. */
const dec = (day: number, hour = 18) => jstDate(2026, 12, day, hour, 0);

beforeAll(() => setRules(RULES));

describe("booking", () => {
  it("books an open future slot, with a code, the 年度, the tier group and a history line", async () => {
    const { consultantId } = await makeConsultant();
    const slot = await makeSlot(consultantId, dec(1));
    const me = await makePerson({ rank: "課長" });
    const r = await bookSlot(actor(me), input(slot, { note: "異動後の働き方について", anonymous: true }), NOW);
    expect(r).toMatchObject({ ok: true, duplicate: false });
    if (!r.ok) return;
    const row = (await firstRow(getDb().select().from(bookings).where(eq(bookings.id, r.bookingId))))!;
    expect(row).toMatchObject({ status: "booked", fiscalYear: 2026, rankGroup: "manager", anonymous: true, note: "異動後の働き方について" });
    expect(row.bookingCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const history = (await getDb().select().from(bookingEvents).where(eq(bookingEvents.bookingId, r.bookingId)));
    expect(history).toMatchObject([{ fromStatus: null, toStatus: "booked", actorKind: "employee", reason: "booked" }]);
    // The page shows the meeting link and the deadline.
    const mine = (await getMyBooking(me, r.bookingId, NOW))!;
    expect(mine.meetingUrl).toBe("https://meet.example.jp/c");
    expect(mine.deadline?.getTime()).toBe(jstDate(2026, 11, 30, 17, 0).getTime());
    expect(mine.canMove && mine.canCancel).toBe(true);
    // The slot is no longer offered to anyone.
    expect((await listFreeSlots(await makePerson(), NOW, RULES)).some((s) => s.id === slot)).toBe(false);
  });

  it("a repeated submission by the same person answers with the same booking", async () => {
    const { consultantId } = await makeConsultant();
    const slot = await makeSlot(consultantId, dec(2));
    const me = await makePerson();
    const first = await bookSlot(actor(me), input(slot), NOW);
    const before = await bookingCount();
    const again = await bookSlot(actor(me), input(slot), NOW);
    expect(again).toEqual({ ok: true, bookingId: first.ok ? first.bookingId : "", duplicate: true });
    expect(await bookingCount()).toBe(before);
  });

  it("refuses a taken, forged, closed, past, after-deadline or too-far slot, writing nothing", async () => {
    const { consultantId } = await makeConsultant();
    const taken = await makeSlot(consultantId, dec(3));
    expect((await bookSlot(actor(await makePerson()), input(taken), NOW)).ok).toBe(true);
    const closed = await makeSlot(consultantId, dec(4), 50, "closed");
    const past = await makeSlot(consultantId, jstDate(2026, 11, 24, 18, 0));
    const tomorrow = await makeSlot(consultantId, jstDate(2026, 11, 26, 18, 0)); // deadline 11/25 17:00 — still open at 12:00
    const far = await makeSlot(consultantId, jstDate(2027, 3, 2, 18, 0));
    const someone = await makePerson();
    const before = await bookingCount();
    const code = async (slotId: number, now = NOW) => {
      const r = await bookSlot(actor(someone), input(slotId), now);
      return r.ok ? "ok" : refusalCode(r.refusal);
    };
    expect(await code(taken)).toBe("taken");
    expect(await code(999_999)).toBe("slot_not_found");
    expect(await code(closed)).toBe("slot_closed");
    expect(await code(past)).toBe("slot_past");
    expect(await code(tomorrow, jstDate(2026, 11, 25, 17, 0))).toBe("deadline_passed");
    expect(await code(far)).toBe("beyond_window");
    expect(await bookingCount()).toBe(before);
    // One minute earlier the deadline has not passed.
    expect(await code(tomorrow, jstDate(2026, 11, 25, 16, 59))).toBe("ok");
  });

  it("enforces the limit of upcoming bookings and the yearly limit from the rules", async () => {
    const { consultantId } = await makeConsultant();
    const me = await makePerson();
    const s: number[] = [];
    for (const d of [5, 6, 7, 8]) s.push(await makeSlot(consultantId, dec(d)));
    expect((await bookSlot(actor(me), input(s[0]!), NOW)).ok).toBe(true);
    expect((await bookSlot(actor(me), input(s[1]!), NOW)).ok).toBe(true);
    expect(refusalFacts(await bookSlot(actor(me), input(s[2]!), NOW))).toEqual({ reason: "limit", code: "future_limit", max: 2 });
    // Two earlier ones this 年度, already held: the yearly maximum (4) is reached.
    const held = [await makeSlot(consultantId, jstDate(2026, 6, 2, 18, 0)), await makeSlot(consultantId, jstDate(2026, 7, 7, 18, 0))];
    for (const slotId of held) {
      await immediate(async (tx) => {
        await tx
          .insert(bookings)
          .values({ id: crypto.randomUUID(), slotId, employeeId: me.id, topic: "life", bookingCode: `H${slotId}-TEST`, status: "held", fiscalYear: 2026, rankGroup: "other" });
      });
    }
    expect(refusalFacts(await bookSlot(actor(me), input(s[3]!), NOW))).toEqual({ reason: "limit", code: "year_limit", max: 4, fiscalYear: 2026 });
    // The limits are data: 労務厚生課 raises them and the same request goes through.
    const welfare = { viewer: await makePerson({ roles: ["welfare"] }), ip: IP };
    await saveRules(welfare, { ...RULES, maxPerFiscalYear: 10 });
    expect(refusalFacts(await bookSlot(actor(me), input(s[3]!), NOW))).toEqual({ reason: "limit", code: "future_limit", max: 2 });
    await saveRules(welfare, { ...RULES, maxPerFiscalYear: 10, maxFutureBookings: 3 });
    expect((await bookSlot(actor(me), input(s[3]!), NOW)).ok).toBe(true);
    await setRules(RULES);
  });

  it("refuses everything while the rules are not set", async () => {
    await immediate(async (tx) => {
      await tx.delete(schema.consultationRules);
    });
    const { consultantId } = await makeConsultant();
    const r = await bookSlot(actor(await makePerson()), input(await makeSlot(consultantId, dec(9))), NOW);
    expect(refusalFacts(r)).toEqual({ reason: "closed", code: "not_open" });
    await setRules(RULES);
    expect(await getRules(getDb())).toEqual(RULES);
  });

  it("a consultant who is also staff cannot book their own slot", async () => {
    const both = await makePerson({ roles: ["consultant"] });
    const c = await immediate(async (tx) => (await firstRow(tx.insert(schema.consultants).values({ employeeId: both.id }).returning()))!);
    const r = await bookSlot(actor(both), input(await makeSlot(c.id, dec(10))), NOW);
    expect(r.ok ? "ok" : refusalCode(r.refusal)).toBe("own_slot");
  });
});

describe("moving and cancelling", () => {
  it("moves atomically: the old booking becomes 日時変更済, a new one takes the new slot with the same topic and note", async () => {
    const { consultantId } = await makeConsultant();
    const a = await makeSlot(consultantId, dec(14));
    const b = await makeSlot(consultantId, dec(15));
    const me = await makePerson();
    const first = await bookSlot(actor(me), input(a, { note: "メモ", anonymous: true }), NOW);
    if (!first.ok) throw new Error("book failed");
    const moved = await moveBooking(actor(me), first.bookingId, b, NOW);
    if (!moved.ok) throw new Error(moved.refusal.message);
    const old = (await firstRow(getDb().select().from(bookings).where(eq(bookings.id, first.bookingId))))!;
    const next = (await firstRow(getDb().select().from(bookings).where(eq(bookings.id, moved.bookingId))))!;
    expect(old.status).toBe("moved");
    expect(next).toMatchObject({ status: "booked", slotId: b, note: "メモ", anonymous: true, movedFromId: first.bookingId });
    // The first slot is free again.
    expect((await listFreeSlots(await makePerson(), NOW, RULES)).some((s) => s.id === a)).toBe(true);
    // Resubmitting the same move changes nothing.
    const count = await bookingCount();
    expect(await moveBooking(actor(me), first.bookingId, b, NOW)).toEqual({ ok: true, bookingId: moved.bookingId, duplicate: true });
    expect(await bookingCount()).toBe(count);
  });

  it("a move to a taken slot or after the deadline changes nothing", async () => {
    const { consultantId } = await makeConsultant();
    const mine = await makeSlot(consultantId, dec(16));
    const theirs = await makeSlot(consultantId, dec(17));
    const me = await makePerson();
    const r = await bookSlot(actor(me), input(mine), NOW);
    await bookSlot(actor(await makePerson()), input(theirs), NOW);
    if (!r.ok) throw new Error("book failed");
    const free = await makeSlot(consultantId, dec(18));
    const count = await bookingCount();
    const taken = await moveBooking(actor(me), r.bookingId, theirs, NOW);
    expect(taken.ok ? "ok" : refusalCode(taken.refusal)).toBe("taken");
    const late = await moveBooking(actor(me), r.bookingId, free, jstDate(2026, 12, 15, 17, 0));
    expect(late.ok ? "ok" : refusalCode(late.refusal)).toBe("change_deadline_passed");
    expect(await bookingCount()).toBe(count);
    expect((await firstRow(getDb().select().from(bookings).where(eq(bookings.id, r.bookingId))))!.status).toBe("booked");
  });

  it("moving does not count the booking being moved against the limits", async () => {
    const { consultantId } = await makeConsultant();
    const me = await makePerson();
    const [a, b, c] = [await makeSlot(consultantId, dec(21)), await makeSlot(consultantId, dec(22)), await makeSlot(consultantId, dec(23))];
    const first = await bookSlot(actor(me), input(a!), NOW);
    await bookSlot(actor(me), input(b!), NOW);
    if (!first.ok) throw new Error("book failed");
    // Two upcoming = the maximum; moving one of them is still allowed.
    expect((await moveBooking(actor(me), first.bookingId, c!, NOW)).ok).toBe(true);
  });

  it("cancels until the deadline minute, and a second cancel is a no-op", async () => {
    const { consultantId } = await makeConsultant();
    const me = await makePerson();
    const r = await bookSlot(actor(me), input(await makeSlot(consultantId, dec(24))), NOW);
    if (!r.ok) throw new Error("book failed");
    const late = await cancelBooking(actor(me), r.bookingId, jstDate(2026, 12, 23, 17, 0));
    expect(late.ok ? "ok" : refusalCode(late.refusal)).toBe("change_deadline_passed");
    expect(await cancelBooking(actor(me), r.bookingId, jstDate(2026, 12, 23, 16, 59))).toEqual({ ok: true });
    expect(await cancelBooking(actor(me), r.bookingId, jstDate(2026, 12, 23, 16, 59))).toEqual({ ok: true });
    const history = (await getDb().select().from(bookingEvents).where(eq(bookingEvents.bookingId, r.bookingId)));
    expect(history.map((h) => h.toStatus)).toEqual(["booked", "cancelled"]);
  });
});

describe("who sees what", () => {
  it("an employee sees only their own bookings; another person's id is not found", async () => {
    const { consultantId } = await makeConsultant();
    const owner = await makePerson();
    const other = await makePerson();
    const r = await bookSlot(actor(owner), input(await makeSlot(consultantId, dec(11))), NOW);
    if (!r.ok) throw new Error("book failed");
    expect(await getMyBooking(other, r.bookingId, NOW)).toBeNull();
    expect(await listMyBookings(other, NOW, RULES)).toEqual([]);
    expect(refusalFacts(await cancelBooking(actor(other), r.bookingId, NOW))).toEqual({ reason: "not_found", code: "booking_not_found" });
    expect(refusalFacts(await moveBooking(actor(other), r.bookingId, await makeSlot(consultantId, dec(12)), NOW))).toEqual({ reason: "not_found", code: "booking_not_found" });
  });

  it("a consultant sees only their own sessions, and an anonymous booking without the name", async () => {
    const mineC = await makeConsultant();
    const otherC = await makeConsultant();
    const named = await makePerson({ name: "名前 出る子" });
    const anon = await makePerson({ name: "匿名 希望子" });
    const r1 = await bookSlot(actor(named), input(await makeSlot(mineC.consultantId, dec(25)), { note: "相談メモ" }), NOW);
    const r2 = await bookSlot(actor(anon), input(await makeSlot(mineC.consultantId, jstDate(2026, 12, 25, 19)), { anonymous: true }), NOW);
    const r3 = await bookSlot(actor(await makePerson()), input(await makeSlot(otherC.consultantId, dec(25))), NOW);
    if (!r1.ok || !r2.ok || !r3.ok) throw new Error("book failed");
    const list = (await listMySessions(actor(mineC.viewer), NOW))!;
    expect(list.upcoming.map((s) => s.id).sort()).toEqual([r1.bookingId, r2.bookingId].sort());
    expect(list.upcoming.find((s) => s.id === r1.bookingId)).toMatchObject({ clientName: "名前 出る子", note: "相談メモ" });
    const anonymous = list.upcoming.find((s) => s.id === r2.bookingId)!;
    expect(anonymous.clientName).toBeNull();
    expect(JSON.stringify(list)).not.toContain("匿名 希望子");
    expect(await getMySession(actor(mineC.viewer), r3.bookingId, NOW)).toBeNull();
    expect(await markSession(actor(mineC.viewer), r3.bookingId, "held", dec(26))).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "相談が見つかりません。" } });
    expect((await saveMemo(actor(mineC.viewer), r3.bookingId, "x")).ok).toBe(false);
    // Nobody without a consultant record gets anything.
    expect(await listMySessions(actor(await makePerson({ roles: ["welfare"] })), NOW)).toBeNull();
  });

  it("a consultant marks 実施 only after the start, and keeps a memo only they can read", async () => {
    const c = await makeConsultant();
    const start = dec(28);
    const r = await bookSlot(actor(await makePerson()), input(await makeSlot(c.consultantId, start)), NOW);
    if (!r.ok) throw new Error("book failed");
    expect((await markSession(actor(c.viewer), r.bookingId, "held", new Date(start.getTime() - 60_000))).ok).toBe(false);
    expect(await markSession(actor(c.viewer), r.bookingId, "held", start)).toEqual({ ok: true });
    expect(await markSession(actor(c.viewer), r.bookingId, "no_show", start)).toEqual({ ok: true });
    expect(await markSession(actor(c.viewer), r.bookingId, "held", start)).toEqual({ ok: true });
    expect((await getDb().select().from(bookingEvents).where(eq(bookingEvents.bookingId, r.bookingId))).map((e) => e.toStatus)).toEqual([
      "booked",
      "held",
      "no_show",
      "held",
    ]);
    expect((await saveMemo(actor(c.viewer), r.bookingId, "非公開メモ: 次回は転職相談", start)).ok).toBe(true);
    expect((await getMySession(actor(c.viewer), r.bookingId, start))!.memo?.body).toBe("非公開メモ: 次回は転職相談");
    // Another consultant cannot read or overwrite it.
    const other = await makeConsultant();
    expect(await getMySession(actor(other.viewer), r.bookingId, start)).toBeNull();
    expect((await saveMemo(actor(other.viewer), r.bookingId, "上書き")).ok).toBe(false);
    expect((await firstRow(getDb().select().from(consultantMemos).where(eq(consultantMemos.bookingId, r.bookingId))))!.body).toBe("非公開メモ: 次回は転職相談");
  });

  it("労務厚生課 sees bookings (without topic and note), and every view is one audit line with ids, never names", async () => {
    const welfare = await makePerson({ roles: ["welfare"] });
    const c = await makeConsultant();
    const person = await makePerson({ name: "監査 確認子" });
    const r = await bookSlot(actor(person), input(await makeSlot(c.consultantId, dec(29)), { note: "秘密のメモ" }), NOW);
    if (!r.ok) throw new Error("book failed");
    const rows = (await listBookingsForWelfare({ viewer: welfare, ip: IP }, 2026))!;
    const row = rows.find((x) => x.id === r.bookingId)!;
    expect(row.employeeName).toBe("監査 確認子");
    expect(JSON.stringify(rows)).not.toContain("秘密のメモ");
    const line = (await getDb().select().from(auditLog).where(eq(auditLog.action, "consultation.bookings.view"))).at(-1)!;
    expect(line.actorId).toBe(welfare.id);
    expect(JSON.parse(line.detail!).bookingIds).toContain(r.bookingId);
    expect(line.detail).not.toContain("監査 確認子");
    expect(line.detail).not.toContain(person.id);
    // Nobody else gets the list at all.
    for (const roles of [[], ["hr_dev"], ["hr_personnel"], ["admin"], ["consultant"]] as const) {
      expect(await listBookingsForWelfare({ viewer: await makePerson({ roles: [...roles] }), ip: IP }, 2026)).toBeNull();
      expect(await listSlots(await makePerson({ roles: [...roles] }), NOW, 120)).toBeNull();
      expect(await listConsultants(await makePerson({ roles: [...roles] }))).toBeNull();
    }
  });
});

describe("closing a slot", () => {
  it("cancels the booking and notifies the booking employee only — never their supervisor", async () => {
    const welfare = await makePerson({ roles: ["welfare"] });
    const boss = await makePerson({ rank: "係長" });
    const person = await makePerson({ supervisorId: boss.id });
    const c = await makeConsultant();
    const slot = await makeSlot(c.consultantId, dec(30));
    const r = await bookSlot(actor(person), input(slot), NOW);
    if (!r.ok) throw new Error("book failed");
    const notesBefore = (await getDb().select().from(notifications)).length;
    expect(await closeSlot({ viewer: welfare, ip: IP }, slot, NOW)).toEqual({ ok: true, notified: true });
    expect((await firstRow(getDb().select().from(bookings).where(eq(bookings.id, r.bookingId))))!.status).toBe("cancelled");
    const written = (await getDb().select().from(notifications)).slice(notesBefore);
    expect(written.map((n) => n.recipientId)).toEqual([person.id]);
    expect(written[0]!.title).toBe("相談の予約が取り消されました");
    expect((await getDb().select().from(notifications).where(eq(notifications.recipientId, boss.id)))).toEqual([]);
    const history = (await getMyBooking(person, r.bookingId, NOW))!.history;
    expect(history.at(-1)).toMatchObject({ actorKind: "welfare", toStatus: "cancelled", reason: "slot_closed" });
    // Closing again changes nothing and tells nobody again.
    expect(await closeSlot({ viewer: welfare, ip: IP }, slot, NOW)).toEqual({ ok: true, notified: false });
    expect((await getDb().select().from(notifications)).length).toBe(notesBefore + 1);
  });
});

describe("running the service", () => {
  it("publishes one slot, refusing a forged consultant, a past time and a duplicate", async () => {
    const welfare = { viewer: await makePerson({ roles: ["welfare"] }), ip: IP };
    const c = await makeConsultant();
    const ok = await publishSlot(welfare, { consultantId: c.consultantId, date: "2026-12-03", startTime: "18:00", endTime: "18:50" }, NOW);
    expect(ok.ok).toBe(true);
    expect(await publishSlot(welfare, { consultantId: 999_999, date: "2026-12-03", startTime: "18:00", endTime: "18:50" }, NOW)).toMatchObject({ ok: false, refusal: { field: "consultantId" } });
    expect(await publishSlot(welfare, { consultantId: c.consultantId, date: "2026-11-24", startTime: "18:00", endTime: "18:50" }, NOW)).toMatchObject({ ok: false, refusal: { field: "date" } });
    expect(await publishSlot(welfare, { consultantId: c.consultantId, date: "2026-12-03", startTime: "18:00", endTime: "18:50" }, NOW)).toMatchObject({ ok: false, refusal: { field: "date" } });
  });

  it("publishes a Tue/Thu pattern for three months, and publishing it again adds nothing", async () => {
    const welfare = { viewer: await makePerson({ roles: ["welfare"] }), ip: IP };
    const c = await makeConsultant();
    const pattern = { consultantId: c.consultantId, from: "2026-12-01", to: "2027-02-28", weekdays: [2, 4], startTime: "18:00", endTime: "18:50" };
    expect(await publishPattern(welfare, pattern, NOW)).toEqual({ ok: true, published: 26, skipped: 0 });
    expect(await publishPattern(welfare, pattern, NOW)).toEqual({ ok: true, published: 0, skipped: 26 });
  });

  it("registers an existing account as consultant, or creates a portal account with a one-time password", async () => {
    const welfare = { viewer: await makePerson({ roles: ["welfare"] }), ip: IP };
    const staff = await makePerson();
    const staffNumber = (await firstRow(getDb().select().from(schema.employees).where(eq(schema.employees.id, staff.id))))!.staffNumber;
    expect(await registerExistingConsultant(welfare, { staffNumber })).toMatchObject({ ok: true });
    expect(await registerExistingConsultant(welfare, { staffNumber })).toMatchObject({ ok: false, refusal: { field: "staffNumber" } });
    expect(await registerExistingConsultant(welfare, { staffNumber: "nobody" })).toMatchObject({ ok: false, refusal: { field: "staffNumber" } });
    const grants = (await getDb().select().from(schema.roleGrants).where(eq(schema.roleGrants.employeeId, staff.id)));
    expect(grants.map((g) => g.role)).toEqual(["consultant"]);

    const created = await createConsultantAccount(welfare, { loginId: "cc-tanaka", name: "田中 相談員", kana: "タナカ ソウダンイン" });
    if (!created.ok) throw new Error(created.refusal.message);
    expect(created.password).toMatch(/^[A-Za-z2-9]{14}$/);
    const account = (await firstRow(getDb().select().from(schema.employees).where(eq(schema.employees.staffNumber, "cc-tanaka"))))!;
    expect(account.source).toBe("portal");
    expect(await verifyPassword(account.passwordHash, created.password)).toBe(true);
    expect(await createConsultantAccount(welfare, { loginId: "cc-tanaka", name: "x", kana: "x" })).toMatchObject({ ok: false, refusal: { field: "loginId" } });
  });
});

describe("statistics", () => {
  it("are counts only, for 人材育成課 and 労務厚生課, and nobody else", async () => {
    const stats = (await consultationStats(await makePerson({ roles: ["hr_dev"] }), [2026]))!;
    expect(stats[0]!.label).toBe("令和8年度（FY2026）");
    const total = stats[0]!.rows.find((r) => r.key === "total")!;
    expect(total.booked.display === "秘匿" || Number(total.booked.value) >= 5).toBe(true);
    for (const row of stats[0]!.rows) {
      for (const cell of [row.booked, row.held, row.noShow]) if (cell.value !== null) expect(cell.value).toBeGreaterThanOrEqual(5);
    }
    expect(JSON.stringify(stats)).not.toMatch(/試験|名前|匿名|監査/);
    expect(await consultationStats(await makePerson({ roles: ["welfare"] }), [2026])).not.toBeNull();
    for (const roles of [[], ["admin"], ["hr_personnel"], ["consultant"]] as const) {
      expect(await consultationStats(await makePerson({ roles: [...roles] }), [2026])).toBeNull();
    }
  });
});

describe("confidentiality of the shared logs", () => {
  it("nothing the employees did is in the audit log or in anyone else's notifications", async () => {
    const bookers = new Set((await getDb().select({ id: bookings.employeeId }).from(bookings)).map((b) => b.id));
    const audit = (await getDb().select().from(auditLog));
    for (const line of audit) {
      expect(bookers.has(line.actorId ?? "")).toBe(false);
      for (const id of bookers) expect(`${line.target} ${line.detail}`).not.toContain(id);
    }
    const codes = (await getDb().select({ c: bookings.bookingCode }).from(bookings)).map((b) => b.c);
    for (const n of (await getDb().select().from(notifications))) {
      expect(bookers.has(n.recipientId)).toBe(true);
      for (const code of codes) expect(`${n.title} ${n.body}`).not.toContain(code);
    }
  });
});

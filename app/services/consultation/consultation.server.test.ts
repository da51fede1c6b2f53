// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { getDb, schema } from "~/db.server";
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

function bookingCount(): number {
  return getDb().select().from(bookings).all().length;
}

/** Tuesday 2026-12-01 18:00 JST and following days at 18:00. */
const dec = (day: number, hour = 18) => jstDate(2026, 12, day, hour, 0);

beforeAll(() => setRules(RULES));

describe("booking", () => {
  it("books an open future slot, with a code, the 年度, the tier group and a history line", () => {
    const { consultantId } = makeConsultant();
    const slot = makeSlot(consultantId, dec(1));
    const me = makePerson({ rank: "課長" });
    const r = bookSlot(actor(me), input(slot, { note: "異動後の働き方について", anonymous: true }), NOW);
    expect(r).toMatchObject({ ok: true, duplicate: false });
    if (!r.ok) return;
    const row = getDb().select().from(bookings).where(eq(bookings.id, r.bookingId)).get()!;
    expect(row).toMatchObject({ status: "booked", fiscalYear: 2026, rankGroup: "manager", anonymous: true, note: "異動後の働き方について" });
    expect(row.bookingCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const history = getDb().select().from(bookingEvents).where(eq(bookingEvents.bookingId, r.bookingId)).all();
    expect(history).toMatchObject([{ fromStatus: null, toStatus: "booked", actorKind: "employee", reason: "booked" }]);
    // The page shows the meeting link and the deadline.
    const mine = getMyBooking(me, r.bookingId, NOW)!;
    expect(mine.meetingUrl).toBe("https://meet.example.jp/c");
    expect(mine.deadline?.getTime()).toBe(jstDate(2026, 11, 30, 17, 0).getTime());
    expect(mine.canMove && mine.canCancel).toBe(true);
    // The slot is no longer offered to anyone.
    expect(listFreeSlots(makePerson(), NOW, RULES).some((s) => s.id === slot)).toBe(false);
  });

  it("a repeated submission by the same person answers with the same booking", () => {
    const { consultantId } = makeConsultant();
    const slot = makeSlot(consultantId, dec(2));
    const me = makePerson();
    const first = bookSlot(actor(me), input(slot), NOW);
    const before = bookingCount();
    const again = bookSlot(actor(me), input(slot), NOW);
    expect(again).toEqual({ ok: true, bookingId: first.ok ? first.bookingId : "", duplicate: true });
    expect(bookingCount()).toBe(before);
  });

  it("refuses a taken, forged, closed, past, after-deadline or too-far slot, writing nothing", () => {
    const { consultantId } = makeConsultant();
    const taken = makeSlot(consultantId, dec(3));
    expect(bookSlot(actor(makePerson()), input(taken), NOW).ok).toBe(true);
    const closed = makeSlot(consultantId, dec(4), 50, "closed");
    const past = makeSlot(consultantId, jstDate(2026, 11, 24, 18, 0));
    const tomorrow = makeSlot(consultantId, jstDate(2026, 11, 26, 18, 0)); // deadline 11/25 17:00 — still open at 12:00
    const far = makeSlot(consultantId, jstDate(2027, 3, 2, 18, 0));
    const someone = makePerson();
    const before = bookingCount();
    const code = (slotId: number, now = NOW) => {
      const r = bookSlot(actor(someone), input(slotId), now);
      return r.ok ? "ok" : refusalCode(r.refusal);
    };
    expect(code(taken)).toBe("taken");
    expect(code(999_999)).toBe("slot_not_found");
    expect(code(closed)).toBe("slot_closed");
    expect(code(past)).toBe("slot_past");
    expect(code(tomorrow, jstDate(2026, 11, 25, 17, 0))).toBe("deadline_passed");
    expect(code(far)).toBe("beyond_window");
    expect(bookingCount()).toBe(before);
    // One minute earlier the deadline has not passed.
    expect(code(tomorrow, jstDate(2026, 11, 25, 16, 59))).toBe("ok");
  });

  it("enforces the limit of upcoming bookings and the yearly limit from the rules", () => {
    const { consultantId } = makeConsultant();
    const me = makePerson();
    const s = [5, 6, 7, 8].map((d) => makeSlot(consultantId, dec(d)));
    expect(bookSlot(actor(me), input(s[0]!), NOW).ok).toBe(true);
    expect(bookSlot(actor(me), input(s[1]!), NOW).ok).toBe(true);
    expect(refusalFacts(bookSlot(actor(me), input(s[2]!), NOW))).toEqual({ reason: "limit", code: "future_limit", max: 2 });
    // Two earlier ones this 年度, already held: the yearly maximum (4) is reached.
    const held = [jstDate(2026, 6, 2, 18, 0), jstDate(2026, 7, 7, 18, 0)].map((d) => makeSlot(consultantId, d));
    for (const slotId of held) {
      getDb()
        .insert(bookings)
        .values({ id: crypto.randomUUID(), slotId, employeeId: me.id, topic: "life", bookingCode: `H${slotId}-TEST`, status: "held", fiscalYear: 2026, rankGroup: "other" })
        .run();
    }
    expect(refusalFacts(bookSlot(actor(me), input(s[3]!), NOW))).toEqual({ reason: "limit", code: "year_limit", max: 4, fiscalYear: 2026 });
    // The limits are data: 労務厚生課 raises them and the same request goes through.
    const welfare = { viewer: makePerson({ roles: ["welfare"] }), ip: IP };
    saveRules(welfare, { ...RULES, maxPerFiscalYear: 10 });
    expect(refusalFacts(bookSlot(actor(me), input(s[3]!), NOW))).toEqual({ reason: "limit", code: "future_limit", max: 2 });
    saveRules(welfare, { ...RULES, maxPerFiscalYear: 10, maxFutureBookings: 3 });
    expect(bookSlot(actor(me), input(s[3]!), NOW).ok).toBe(true);
    setRules(RULES);
  });

  it("refuses everything while the rules are not set", () => {
    getDb().delete(schema.consultationRules).run();
    const { consultantId } = makeConsultant();
    const r = bookSlot(actor(makePerson()), input(makeSlot(consultantId, dec(9))), NOW);
    expect(refusalFacts(r)).toEqual({ reason: "closed", code: "not_open" });
    setRules(RULES);
    expect(getRules(getDb())).toEqual(RULES);
  });

  it("a consultant who is also staff cannot book their own slot", () => {
    const both = makePerson({ roles: ["consultant"] });
    const c = getDb().insert(schema.consultants).values({ employeeId: both.id }).returning().get();
    const r = bookSlot(actor(both), input(makeSlot(c.id, dec(10))), NOW);
    expect(r.ok ? "ok" : refusalCode(r.refusal)).toBe("own_slot");
  });
});

describe("moving and cancelling", () => {
  it("moves atomically: the old booking becomes 日時変更済, a new one takes the new slot with the same topic and note", () => {
    const { consultantId } = makeConsultant();
    const a = makeSlot(consultantId, dec(14));
    const b = makeSlot(consultantId, dec(15));
    const me = makePerson();
    const first = bookSlot(actor(me), input(a, { note: "メモ", anonymous: true }), NOW);
    if (!first.ok) throw new Error("book failed");
    const moved = moveBooking(actor(me), first.bookingId, b, NOW);
    if (!moved.ok) throw new Error(moved.refusal.message);
    const old = getDb().select().from(bookings).where(eq(bookings.id, first.bookingId)).get()!;
    const next = getDb().select().from(bookings).where(eq(bookings.id, moved.bookingId)).get()!;
    expect(old.status).toBe("moved");
    expect(next).toMatchObject({ status: "booked", slotId: b, note: "メモ", anonymous: true, movedFromId: first.bookingId });
    // The first slot is free again.
    expect(listFreeSlots(makePerson(), NOW, RULES).some((s) => s.id === a)).toBe(true);
    // Resubmitting the same move changes nothing.
    const count = bookingCount();
    expect(moveBooking(actor(me), first.bookingId, b, NOW)).toEqual({ ok: true, bookingId: moved.bookingId, duplicate: true });
    expect(bookingCount()).toBe(count);
  });

  it("a move to a taken slot or after the deadline changes nothing", () => {
    const { consultantId } = makeConsultant();
    const mine = makeSlot(consultantId, dec(16));
    const theirs = makeSlot(consultantId, dec(17));
    const me = makePerson();
    const r = bookSlot(actor(me), input(mine), NOW);
    bookSlot(actor(makePerson()), input(theirs), NOW);
    if (!r.ok) throw new Error("book failed");
    const free = makeSlot(consultantId, dec(18));
    const count = bookingCount();
    const taken = moveBooking(actor(me), r.bookingId, theirs, NOW);
    expect(taken.ok ? "ok" : refusalCode(taken.refusal)).toBe("taken");
    const late = moveBooking(actor(me), r.bookingId, free, jstDate(2026, 12, 15, 17, 0));
    expect(late.ok ? "ok" : refusalCode(late.refusal)).toBe("change_deadline_passed");
    expect(bookingCount()).toBe(count);
    expect(getDb().select().from(bookings).where(eq(bookings.id, r.bookingId)).get()!.status).toBe("booked");
  });

  it("moving does not count the booking being moved against the limits", () => {
    const { consultantId } = makeConsultant();
    const me = makePerson();
    const [a, b, c] = [21, 22, 23].map((d) => makeSlot(consultantId, dec(d)));
    const first = bookSlot(actor(me), input(a!), NOW);
    bookSlot(actor(me), input(b!), NOW);
    if (!first.ok) throw new Error("book failed");
    // Two upcoming = the maximum; moving one of them is still allowed.
    expect(moveBooking(actor(me), first.bookingId, c!, NOW).ok).toBe(true);
  });

  it("cancels until the deadline minute, and a second cancel is a no-op", () => {
    const { consultantId } = makeConsultant();
    const me = makePerson();
    const r = bookSlot(actor(me), input(makeSlot(consultantId, dec(24))), NOW);
    if (!r.ok) throw new Error("book failed");
    const late = cancelBooking(actor(me), r.bookingId, jstDate(2026, 12, 23, 17, 0));
    expect(late.ok ? "ok" : refusalCode(late.refusal)).toBe("change_deadline_passed");
    expect(cancelBooking(actor(me), r.bookingId, jstDate(2026, 12, 23, 16, 59))).toEqual({ ok: true });
    expect(cancelBooking(actor(me), r.bookingId, jstDate(2026, 12, 23, 16, 59))).toEqual({ ok: true });
    const history = getDb().select().from(bookingEvents).where(eq(bookingEvents.bookingId, r.bookingId)).all();
    expect(history.map((h) => h.toStatus)).toEqual(["booked", "cancelled"]);
  });
});

describe("who sees what", () => {
  it("an employee sees only their own bookings; another person's id is not found", () => {
    const { consultantId } = makeConsultant();
    const owner = makePerson();
    const other = makePerson();
    const r = bookSlot(actor(owner), input(makeSlot(consultantId, dec(11))), NOW);
    if (!r.ok) throw new Error("book failed");
    expect(getMyBooking(other, r.bookingId, NOW)).toBeNull();
    expect(listMyBookings(other, NOW, RULES)).toEqual([]);
    expect(refusalFacts(cancelBooking(actor(other), r.bookingId, NOW))).toEqual({ reason: "not_found", code: "booking_not_found" });
    expect(refusalFacts(moveBooking(actor(other), r.bookingId, makeSlot(consultantId, dec(12)), NOW))).toEqual({ reason: "not_found", code: "booking_not_found" });
  });

  it("a consultant sees only their own sessions, and an anonymous booking without the name", () => {
    const mineC = makeConsultant();
    const otherC = makeConsultant();
    const named = makePerson({ name: "名前 出る子" });
    const anon = makePerson({ name: "匿名 希望子" });
    const r1 = bookSlot(actor(named), input(makeSlot(mineC.consultantId, dec(25)), { note: "相談メモ" }), NOW);
    const r2 = bookSlot(actor(anon), input(makeSlot(mineC.consultantId, jstDate(2026, 12, 25, 19)), { anonymous: true }), NOW);
    const r3 = bookSlot(actor(makePerson()), input(makeSlot(otherC.consultantId, dec(25))), NOW);
    if (!r1.ok || !r2.ok || !r3.ok) throw new Error("book failed");
    const list = listMySessions(actor(mineC.viewer), NOW)!;
    expect(list.upcoming.map((s) => s.id).sort()).toEqual([r1.bookingId, r2.bookingId].sort());
    expect(list.upcoming.find((s) => s.id === r1.bookingId)).toMatchObject({ clientName: "名前 出る子", note: "相談メモ" });
    const anonymous = list.upcoming.find((s) => s.id === r2.bookingId)!;
    expect(anonymous.clientName).toBeNull();
    expect(JSON.stringify(list)).not.toContain("匿名 希望子");
    expect(getMySession(actor(mineC.viewer), r3.bookingId, NOW)).toBeNull();
    expect(markSession(actor(mineC.viewer), r3.bookingId, "held", dec(26))).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "相談が見つかりません。" } });
    expect(saveMemo(actor(mineC.viewer), r3.bookingId, "x").ok).toBe(false);
    // Nobody without a consultant record gets anything.
    expect(listMySessions(actor(makePerson({ roles: ["welfare"] })), NOW)).toBeNull();
  });

  it("a consultant marks 実施 only after the start, and keeps a memo only they can read", () => {
    const c = makeConsultant();
    const start = dec(28);
    const r = bookSlot(actor(makePerson()), input(makeSlot(c.consultantId, start)), NOW);
    if (!r.ok) throw new Error("book failed");
    expect(markSession(actor(c.viewer), r.bookingId, "held", new Date(start.getTime() - 60_000)).ok).toBe(false);
    expect(markSession(actor(c.viewer), r.bookingId, "held", start)).toEqual({ ok: true });
    expect(markSession(actor(c.viewer), r.bookingId, "no_show", start)).toEqual({ ok: true });
    expect(markSession(actor(c.viewer), r.bookingId, "held", start)).toEqual({ ok: true });
    expect(getDb().select().from(bookingEvents).where(eq(bookingEvents.bookingId, r.bookingId)).all().map((e) => e.toStatus)).toEqual([
      "booked",
      "held",
      "no_show",
      "held",
    ]);
    expect(saveMemo(actor(c.viewer), r.bookingId, "非公開メモ: 次回は転職相談", start).ok).toBe(true);
    expect(getMySession(actor(c.viewer), r.bookingId, start)!.memo?.body).toBe("非公開メモ: 次回は転職相談");
    // Another consultant cannot read or overwrite it.
    const other = makeConsultant();
    expect(getMySession(actor(other.viewer), r.bookingId, start)).toBeNull();
    expect(saveMemo(actor(other.viewer), r.bookingId, "上書き").ok).toBe(false);
    expect(getDb().select().from(consultantMemos).where(eq(consultantMemos.bookingId, r.bookingId)).get()!.body).toBe("非公開メモ: 次回は転職相談");
  });

  it("労務厚生課 sees bookings (without topic and note), and every view is one audit line with ids, never names", () => {
    const welfare = makePerson({ roles: ["welfare"] });
    const c = makeConsultant();
    const person = makePerson({ name: "監査 確認子" });
    const r = bookSlot(actor(person), input(makeSlot(c.consultantId, dec(29)), { note: "秘密のメモ" }), NOW);
    if (!r.ok) throw new Error("book failed");
    const rows = listBookingsForWelfare({ viewer: welfare, ip: IP }, 2026)!;
    const row = rows.find((x) => x.id === r.bookingId)!;
    expect(row.employeeName).toBe("監査 確認子");
    expect(JSON.stringify(rows)).not.toContain("秘密のメモ");
    const line = getDb().select().from(auditLog).where(eq(auditLog.action, "consultation.bookings.view")).all().at(-1)!;
    expect(line.actorId).toBe(welfare.id);
    expect(JSON.parse(line.detail!).bookingIds).toContain(r.bookingId);
    expect(line.detail).not.toContain("監査 確認子");
    expect(line.detail).not.toContain(person.id);
    // Nobody else gets the list at all.
    for (const roles of [[], ["hr_dev"], ["hr_personnel"], ["admin"], ["consultant"]] as const) {
      expect(listBookingsForWelfare({ viewer: makePerson({ roles: [...roles] }), ip: IP }, 2026)).toBeNull();
      expect(listSlots(makePerson({ roles: [...roles] }), NOW, 120)).toBeNull();
      expect(listConsultants(makePerson({ roles: [...roles] }))).toBeNull();
    }
  });
});

describe("closing a slot", () => {
  it("cancels the booking and notifies the booking employee only — never their supervisor", () => {
    const welfare = makePerson({ roles: ["welfare"] });
    const boss = makePerson({ rank: "係長" });
    const person = makePerson({ supervisorId: boss.id });
    const c = makeConsultant();
    const slot = makeSlot(c.consultantId, dec(30));
    const r = bookSlot(actor(person), input(slot), NOW);
    if (!r.ok) throw new Error("book failed");
    const notesBefore = getDb().select().from(notifications).all().length;
    expect(closeSlot({ viewer: welfare, ip: IP }, slot, NOW)).toEqual({ ok: true, notified: true });
    expect(getDb().select().from(bookings).where(eq(bookings.id, r.bookingId)).get()!.status).toBe("cancelled");
    const written = getDb().select().from(notifications).all().slice(notesBefore);
    expect(written.map((n) => n.recipientId)).toEqual([person.id]);
    expect(written[0]!.title).toBe("相談の予約が取り消されました");
    expect(getDb().select().from(notifications).where(eq(notifications.recipientId, boss.id)).all()).toEqual([]);
    const history = getMyBooking(person, r.bookingId, NOW)!.history;
    expect(history.at(-1)).toMatchObject({ actorKind: "welfare", toStatus: "cancelled", reason: "slot_closed" });
    // Closing again changes nothing and tells nobody again.
    expect(closeSlot({ viewer: welfare, ip: IP }, slot, NOW)).toEqual({ ok: true, notified: false });
    expect(getDb().select().from(notifications).all().length).toBe(notesBefore + 1);
  });
});

describe("running the service", () => {
  it("publishes one slot, refusing a forged consultant, a past time and a duplicate", () => {
    const welfare = { viewer: makePerson({ roles: ["welfare"] }), ip: IP };
    const c = makeConsultant();
    const ok = publishSlot(welfare, { consultantId: c.consultantId, date: "2026-12-03", startTime: "18:00", endTime: "18:50" }, NOW);
    expect(ok.ok).toBe(true);
    expect(publishSlot(welfare, { consultantId: 999_999, date: "2026-12-03", startTime: "18:00", endTime: "18:50" }, NOW)).toMatchObject({ ok: false, refusal: { field: "consultantId" } });
    expect(publishSlot(welfare, { consultantId: c.consultantId, date: "2026-11-24", startTime: "18:00", endTime: "18:50" }, NOW)).toMatchObject({ ok: false, refusal: { field: "date" } });
    expect(publishSlot(welfare, { consultantId: c.consultantId, date: "2026-12-03", startTime: "18:00", endTime: "18:50" }, NOW)).toMatchObject({ ok: false, refusal: { field: "date" } });
  });

  it("publishes a Tue/Thu pattern for three months, and publishing it again adds nothing", () => {
    const welfare = { viewer: makePerson({ roles: ["welfare"] }), ip: IP };
    const c = makeConsultant();
    const pattern = { consultantId: c.consultantId, from: "2026-12-01", to: "2027-02-28", weekdays: [2, 4], startTime: "18:00", endTime: "18:50" };
    expect(publishPattern(welfare, pattern, NOW)).toEqual({ ok: true, published: 26, skipped: 0 });
    expect(publishPattern(welfare, pattern, NOW)).toEqual({ ok: true, published: 0, skipped: 26 });
  });

  it("registers an existing account as consultant, or creates a portal account with a one-time password", async () => {
    const welfare = { viewer: makePerson({ roles: ["welfare"] }), ip: IP };
    const staff = makePerson();
    const staffNumber = getDb().select().from(schema.employees).where(eq(schema.employees.id, staff.id)).get()!.staffNumber;
    expect(registerExistingConsultant(welfare, { staffNumber })).toMatchObject({ ok: true });
    expect(registerExistingConsultant(welfare, { staffNumber })).toMatchObject({ ok: false, refusal: { field: "staffNumber" } });
    expect(registerExistingConsultant(welfare, { staffNumber: "nobody" })).toMatchObject({ ok: false, refusal: { field: "staffNumber" } });
    const grants = getDb().select().from(schema.roleGrants).where(eq(schema.roleGrants.employeeId, staff.id)).all();
    expect(grants.map((g) => g.role)).toEqual(["consultant"]);

    const created = await createConsultantAccount(welfare, { loginId: "cc-tanaka", name: "田中 相談員", kana: "タナカ ソウダンイン" });
    if (!created.ok) throw new Error(created.refusal.message);
    expect(created.password).toMatch(/^[A-Za-z2-9]{14}$/);
    const account = getDb().select().from(schema.employees).where(eq(schema.employees.staffNumber, "cc-tanaka")).get()!;
    expect(account.source).toBe("portal");
    expect(await verifyPassword(account.passwordHash, created.password)).toBe(true);
    expect(await createConsultantAccount(welfare, { loginId: "cc-tanaka", name: "x", kana: "x" })).toMatchObject({ ok: false, refusal: { field: "loginId" } });
  });
});

describe("statistics", () => {
  it("are counts only, for 人材育成課 and 労務厚生課, and nobody else", () => {
    const stats = consultationStats(makePerson({ roles: ["hr_dev"] }), [2026])!;
    expect(stats[0]!.label).toBe("令和8年度（FY2026）");
    const total = stats[0]!.rows.find((r) => r.key === "total")!;
    expect(total.booked.display === "秘匿" || Number(total.booked.value) >= 5).toBe(true);
    for (const row of stats[0]!.rows) {
      for (const cell of [row.booked, row.held, row.noShow]) if (cell.value !== null) expect(cell.value).toBeGreaterThanOrEqual(5);
    }
    expect(JSON.stringify(stats)).not.toMatch(/試験|名前|匿名|監査/);
    expect(consultationStats(makePerson({ roles: ["welfare"] }), [2026])).not.toBeNull();
    for (const roles of [[], ["admin"], ["hr_personnel"], ["consultant"]] as const) {
      expect(consultationStats(makePerson({ roles: [...roles] }), [2026])).toBeNull();
    }
  });
});

describe("confidentiality of the shared logs", () => {
  it("nothing the employees did is in the audit log or in anyone else's notifications", () => {
    const bookers = new Set(getDb().select({ id: bookings.employeeId }).from(bookings).all().map((b) => b.id));
    const audit = getDb().select().from(auditLog).all();
    for (const line of audit) {
      expect(bookers.has(line.actorId ?? "")).toBe(false);
      for (const id of bookers) expect(`${line.target} ${line.detail}`).not.toContain(id);
    }
    const codes = getDb().select({ c: bookings.bookingCode }).from(bookings).all().map((b) => b.c);
    for (const n of getDb().select().from(notifications).all()) {
      expect(bookers.has(n.recipientId)).toBe(true);
      for (const code of codes) expect(`${n.title} ${n.body}`).not.toContain(code);
    }
  });
});

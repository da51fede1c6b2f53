// 労務厚生課's side: consultants, slots, rules, and the bookings list. Access rule: the
// welfare role, checked here as well as in the routes. Every read of bookings is written
// to the audit log with the ids seen — and never with a name, so the log itself reveals
// nobody to whoever reads it.
import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { hashPassword, temporaryPassword } from "~/auth/password.server";
import type { Viewer } from "~/auth/viewer";
import { hasRole } from "~/auth/viewer";
import { getDb, immediate, schema } from "~/db.server";
import { formatDateTimeJa, jstDate } from "~/lib/fiscal-year";
import { audit } from "~/services/audit/audit.server";
import { notify } from "~/services/notifications/notifications.server";
import { expandPattern, parseTimeOfDay, timeRangeText, type BookingStatus, type ConsultationRules } from "./rules";
import { OCCUPYING, bookings, consultants, consultationRules, employees, getRules, recordEvent, slots } from "./store.server";

const DAY_MS = 24 * 60 * 60 * 1000;

type Actor = { viewer: Viewer; ip: string };
export type FieldFailure = { ok: false; field: string; message: string };

function isWelfare(viewer: Viewer): boolean {
  return hasRole(viewer, "welfare");
}

// ——— Consultants ———————————————————————————————————————————————

export function listConsultants(viewer: Viewer, now: Date = new Date()) {
  if (!isWelfare(viewer)) return null;
  const db = getDb();
  const rows = db
    .select({
      id: consultants.id,
      employeeId: consultants.employeeId,
      meetingUrl: consultants.meetingUrl,
      active: consultants.active,
      name: employees.name,
      staffNumber: employees.staffNumber,
      source: employees.source,
      disabledAt: employees.disabledAt,
    })
    .from(consultants)
    .innerJoin(employees, eq(employees.id, consultants.employeeId))
    .orderBy(asc(employees.kana))
    .all();
  const upcoming = db
    .select({ consultantId: slots.consultantId, n: sql<number>`count(*)` })
    .from(slots)
    .where(and(eq(slots.status, "open"), gte(slots.startsAt, now)))
    .groupBy(slots.consultantId)
    .all();
  const counts = new Map(upcoming.map((u) => [u.consultantId, u.n]));
  return rows.map((r) => ({ ...r, upcomingSlots: counts.get(r.id) ?? 0 }));
}

function grantConsultantRole(employeeId: string, by: string): void {
  getDb().insert(schema.roleGrants).values({ employeeId, role: "consultant", grantedBy: by }).onConflictDoNothing().run();
}

/** Makes an existing account a consultant: grants the role and creates the record. */
export function registerExistingConsultant(
  { viewer, ip }: Actor,
  input: { staffNumber: string; meetingUrl?: string },
): { ok: true; consultantId: number } | FieldFailure {
  if (!isWelfare(viewer)) return { ok: false, field: "staffNumber", message: "権限がありません。" };
  const db = getDb();
  const result = immediate((tx): { ok: true; consultantId: number } | FieldFailure => {
    const person = tx.select().from(employees).where(eq(employees.staffNumber, input.staffNumber)).get();
    if (!person || person.disabledAt) return { ok: false, field: "staffNumber", message: "その職員番号（ログインID）の有効なアカウントが見つかりません。" };
    const existing = tx.select().from(consultants).where(eq(consultants.employeeId, person.id)).get();
    if (existing) return { ok: false, field: "staffNumber", message: `${person.name}さんはすでにコンサルタントとして登録されています。` };
    grantConsultantRole(person.id, viewer.id);
    const row = tx.insert(consultants).values({ employeeId: person.id, meetingUrl: input.meetingUrl ?? null, createdBy: viewer.id }).returning().get();
    return { ok: true, consultantId: row.id };
  });
  if (result.ok) audit(db, { actorId: viewer.id, action: "consultation.consultant.register", target: `consultant:${result.consultantId}`, outcome: "success", ip });
  return result;
}

/**
 * Creates a portal account for an external consultant (not part of the personnel data,
 * so the org import never touches it), grants the consultant role and returns the
 * temporary password — shown once, stored only as its argon2id hash.
 */
export async function createConsultantAccount(
  { viewer, ip }: Actor,
  input: { loginId: string; name: string; kana: string; meetingUrl?: string },
): Promise<{ ok: true; consultantId: number; password: string } | FieldFailure> {
  if (!isWelfare(viewer)) return { ok: false, field: "loginId", message: "権限がありません。" };
  const taken = getDb().select({ id: employees.id }).from(employees).where(eq(employees.staffNumber, input.loginId)).get();
  if (taken) return { ok: false, field: "loginId", message: "このログインIDはすでに使われています。別のIDにしてください。" };
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const db = getDb();
  const result = immediate((tx): { ok: true; consultantId: number; password: string } | FieldFailure => {
    // Checked again inside the transaction: the hash took time.
    const raced = tx.select({ id: employees.id }).from(employees).where(eq(employees.staffNumber, input.loginId)).get();
    if (raced) return { ok: false, field: "loginId", message: "このログインIDはすでに使われています。別のIDにしてください。" };
    const id = randomUUID();
    tx.insert(employees).values({ id, staffNumber: input.loginId, name: input.name, kana: input.kana, source: "portal", passwordHash }).run();
    grantConsultantRole(id, viewer.id);
    const row = tx.insert(consultants).values({ employeeId: id, meetingUrl: input.meetingUrl ?? null, createdBy: viewer.id }).returning().get();
    return { ok: true, consultantId: row.id, password };
  });
  if (result.ok) {
    audit(db, { actorId: viewer.id, action: "consultation.consultant.create", target: `consultant:${result.consultantId}`, outcome: "success", ip });
  }
  return result;
}

export function updateConsultant(
  { viewer, ip }: Actor,
  input: { consultantId: number; meetingUrl?: string; active: boolean },
): { ok: true } | FieldFailure {
  if (!isWelfare(viewer)) return { ok: false, field: "consultantId", message: "権限がありません。" };
  const db = getDb();
  const row = db.select().from(consultants).where(eq(consultants.id, input.consultantId)).get();
  if (!row) return { ok: false, field: "consultantId", message: "選んだコンサルタントが見つかりません。" };
  db.update(consultants).set({ meetingUrl: input.meetingUrl ?? null, active: input.active }).where(eq(consultants.id, input.consultantId)).run();
  audit(db, {
    actorId: viewer.id,
    action: "consultation.consultant.update",
    target: `consultant:${input.consultantId}`,
    outcome: "success",
    ip,
    detail: { active: input.active },
  });
  return { ok: true };
}

// ——— Slots ————————————————————————————————————————————————————

export type WelfareSlot = {
  id: number;
  startsAt: Date;
  endsAt: Date;
  consultantId: number;
  consultantName: string;
  status: "open" | "closed";
  meetingUrl: string | null;
  /** Whether someone holds the slot; who is in the audited bookings list only. */
  occupied: boolean;
  occupantStatus: BookingStatus | null;
};

/** Slots from two weeks back to `daysAhead` ahead, soonest first. */
export function listSlots(viewer: Viewer, now: Date, daysAhead = 120): WelfareSlot[] | null {
  if (!isWelfare(viewer)) return null;
  const db = getDb();
  const rows = db
    .select({
      id: slots.id,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      consultantId: slots.consultantId,
      consultantName: employees.name,
      status: slots.status,
      meetingUrl: slots.meetingUrl,
    })
    .from(slots)
    .innerJoin(consultants, eq(consultants.id, slots.consultantId))
    .innerJoin(employees, eq(employees.id, consultants.employeeId))
    .where(and(gte(slots.startsAt, new Date(now.getTime() - 14 * DAY_MS)), lt(slots.startsAt, new Date(now.getTime() + daysAhead * DAY_MS))))
    .orderBy(asc(slots.startsAt), asc(employees.kana))
    .all();
  const ids = rows.map((r) => r.id);
  const occ = ids.length
    ? db
        .select({ slotId: bookings.slotId, status: bookings.status })
        .from(bookings)
        .where(and(inArray(bookings.slotId, ids), inArray(bookings.status, OCCUPYING)))
        .all()
    : [];
  const occupant = new Map(occ.map((o) => [o.slotId, o.status]));
  return rows.map((r) => ({ ...r, occupied: occupant.has(r.id), occupantStatus: occupant.get(r.id) ?? null }));
}

function activeConsultant(consultantId: number) {
  return getDb().select().from(consultants).where(and(eq(consultants.id, consultantId), eq(consultants.active, true))).get() ?? null;
}

/** Publishes one slot. */
export function publishSlot(
  { viewer, ip }: Actor,
  input: { consultantId: number; date: string; startTime: string; endTime: string; meetingUrl?: string },
  now: Date = new Date(),
): { ok: true; slotId: number } | FieldFailure {
  if (!isWelfare(viewer)) return { ok: false, field: "consultantId", message: "権限がありません。" };
  const start = parseTimeOfDay(input.startTime)!;
  const end = parseTimeOfDay(input.endTime)!;
  if (end <= start) return { ok: false, field: "endTime", message: "終了時刻は開始時刻より後にしてください。" };
  const [y, m, d] = input.date.split("-").map(Number) as [number, number, number];
  const startsAt = jstDate(y, m, d, 0, start);
  const endsAt = jstDate(y, m, d, 0, end);
  if (startsAt.getTime() <= now.getTime()) return { ok: false, field: "date", message: "過去の日時には相談枠を公開できません。" };
  const db = getDb();
  const result = immediate((tx): { ok: true; slotId: number } | FieldFailure => {
    if (!activeConsultant(input.consultantId)) return { ok: false, field: "consultantId", message: "選んだコンサルタントが見つからないか、登録が停止されています。" };
    const dup = tx.select({ id: slots.id }).from(slots).where(and(eq(slots.consultantId, input.consultantId), eq(slots.startsAt, startsAt))).get();
    if (dup) return { ok: false, field: "date", message: "このコンサルタントの同じ日時の相談枠がすでにあります。" };
    const row = tx
      .insert(slots)
      .values({ consultantId: input.consultantId, startsAt, endsAt, meetingUrl: input.meetingUrl ?? null, createdBy: viewer.id })
      .returning()
      .get();
    return { ok: true, slotId: row.id };
  });
  if (result.ok) audit(db, { actorId: viewer.id, action: "consultation.slot.publish", target: `slot:${result.slotId}`, outcome: "success", ip });
  return result;
}

/** Publishes a repeating pattern; times already published or already past are skipped. */
export function publishPattern(
  { viewer, ip }: Actor,
  input: { consultantId: number; from: string; to: string; weekdays: number[]; startTime: string; endTime: string; meetingUrl?: string },
  now: Date = new Date(),
): { ok: true; published: number; skipped: number } | FieldFailure {
  if (!isWelfare(viewer)) return { ok: false, field: "consultantId", message: "権限がありません。" };
  const expanded = expandPattern({
    from: input.from,
    to: input.to,
    weekdays: input.weekdays,
    startMinute: parseTimeOfDay(input.startTime)!,
    endMinute: parseTimeOfDay(input.endTime)!,
  });
  if (!expanded.ok) return { ok: false, field: expanded.field, message: expanded.message };
  const future = expanded.slots.filter((s) => s.startsAt.getTime() > now.getTime());
  if (future.length === 0) return { ok: false, field: "from", message: "この期間・曜日には、これから公開できる日時がありません。" };
  const db = getDb();
  const result = immediate((tx): { ok: true; published: number; skipped: number } | FieldFailure => {
    if (!activeConsultant(input.consultantId)) return { ok: false, field: "consultantId", message: "選んだコンサルタントが見つからないか、登録が停止されています。" };
    let published = 0;
    for (const s of future) {
      const r = tx
        .insert(slots)
        .values({ consultantId: input.consultantId, startsAt: s.startsAt, endsAt: s.endsAt, meetingUrl: input.meetingUrl ?? null, createdBy: viewer.id })
        .onConflictDoNothing()
        .run();
      published += r.changes;
    }
    return { ok: true, published, skipped: expanded.slots.length - published };
  });
  if (result.ok) {
    audit(db, {
      actorId: viewer.id,
      action: "consultation.slot.publish_pattern",
      target: `consultant:${input.consultantId}`,
      outcome: "success",
      ip,
      detail: { from: input.from, to: input.to, weekdays: input.weekdays, published: result.published },
    });
  }
  return result;
}

/**
 * Closes a slot. A booking on it is cancelled in the same transaction, and only the
 * booking employee is told — by their own notification, never anyone else's.
 */
export function closeSlot({ viewer, ip }: Actor, slotId: number, now: Date = new Date()): { ok: true; notified: boolean } | { ok: false; message: string } {
  if (!isWelfare(viewer)) return { ok: false, message: "権限がありません。" };
  const db = getDb();
  const result = immediate((tx): { ok: true; notified: boolean } | { ok: false; message: string } => {
    const slot = tx.select().from(slots).where(eq(slots.id, slotId)).get();
    if (!slot) return { ok: false, message: "相談枠が見つかりません。" };
    if (slot.status === "closed") return { ok: true, notified: false };
    if (slot.startsAt.getTime() <= now.getTime()) return { ok: false, message: "開始時刻を過ぎた相談枠は取り消せません。" };
    tx.update(slots).set({ status: "closed", closedAt: now, closedBy: viewer.id }).where(eq(slots.id, slotId)).run();
    const booking = tx.select().from(bookings).where(and(eq(bookings.slotId, slotId), eq(bookings.status, "booked"))).get();
    if (!booking) return { ok: true, notified: false };
    tx.update(bookings).set({ status: "cancelled", updatedAt: now }).where(eq(bookings.id, booking.id)).run();
    recordEvent({ bookingId: booking.id, at: now, actorKind: "welfare", actorId: viewer.id, fromStatus: "booked", toStatus: "cancelled", reason: "slot_closed" });
    notify(tx, booking.employeeId, {
      title: "相談の予約が取り消されました",
      body: `${formatDateTimeJa(slot.startsAt)}（${timeRangeText(slot.startsAt, slot.endsAt)}）の相談枠が都合により取り消されたため、ご予約は取り消しとなりました。お手数ですが、別の日時をご予約ください。`,
      link: "/consultation",
    });
    return { ok: true, notified: true };
  });
  if (result.ok) audit(db, { actorId: viewer.id, action: "consultation.slot.close", target: `slot:${slotId}`, outcome: "success", ip });
  return result;
}

/** Opens a closed slot again (only a future one). */
export function reopenSlot({ viewer, ip }: Actor, slotId: number, now: Date = new Date()): { ok: true } | { ok: false; message: string } {
  if (!isWelfare(viewer)) return { ok: false, message: "権限がありません。" };
  const db = getDb();
  const slot = db.select().from(slots).where(eq(slots.id, slotId)).get();
  if (!slot) return { ok: false, message: "相談枠が見つかりません。" };
  if (slot.startsAt.getTime() <= now.getTime()) return { ok: false, message: "開始時刻を過ぎた相談枠は再開できません。" };
  db.update(slots).set({ status: "open", closedAt: null, closedBy: null }).where(eq(slots.id, slotId)).run();
  audit(db, { actorId: viewer.id, action: "consultation.slot.reopen", target: `slot:${slotId}`, outcome: "success", ip });
  return { ok: true };
}

// ——— Rules ————————————————————————————————————————————————————

export function getRulesForWelfare(viewer: Viewer): { rules: ConsultationRules | null } | null {
  if (!isWelfare(viewer)) return null;
  return { rules: getRules() };
}

export function saveRules({ viewer, ip }: Actor, rules: ConsultationRules): boolean {
  if (!isWelfare(viewer)) return false;
  const before = getRules();
  const now = new Date();
  getDb()
    .insert(consultationRules)
    .values({ id: 1, ...rules, updatedBy: viewer.id, updatedAt: now })
    .onConflictDoUpdate({ target: consultationRules.id, set: { ...rules, updatedBy: viewer.id, updatedAt: now } })
    .run();
  audit(getDb(), { actorId: viewer.id, action: "consultation.rules.update", target: "consultation_rules", outcome: "success", ip, detail: { before, after: rules } });
  return true;
}

// ——— Bookings ————————————————————————————————————————————————————

/**
 * Every booking of a 年度, for running the service. Not the topic and not the note: those
 * are for the consultant. Each call is one audit line listing the booking ids shown.
 */
export function listBookingsForWelfare({ viewer, ip }: Actor, fiscalYear: number) {
  if (!isWelfare(viewer)) return null;
  const consultantPerson = alias(employees, "consultant_person");
  const rows = getDb()
    .select({
      id: bookings.id,
      status: bookings.status,
      anonymous: bookings.anonymous,
      createdAt: bookings.createdAt,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      consultantName: consultantPerson.name,
      employeeName: employees.name,
      staffNumber: employees.staffNumber,
    })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(consultants, eq(consultants.id, slots.consultantId))
    .innerJoin(employees, eq(employees.id, bookings.employeeId))
    .innerJoin(consultantPerson, eq(consultantPerson.id, consultants.employeeId))
    .where(eq(bookings.fiscalYear, fiscalYear))
    .orderBy(asc(slots.startsAt), asc(bookings.createdAt))
    .all();
  audit(getDb(), {
    actorId: viewer.id,
    action: "consultation.bookings.view",
    target: "consultation_bookings",
    outcome: "success",
    ip,
    detail: { fiscalYear, count: rows.length, bookingIds: rows.map((r) => r.id) },
  });
  return rows;
}

// 労務厚生課's side: consultants, slots, rules, and the bookings list. Access rule
// (access.server.ts): the welfare role, checked here as well as in the routes. Every read of
// bookings is written to the audit log with the ids seen — and never with a name, so the
// log itself reveals nobody to whoever reads it. Every change is one transaction with its
// audit line; accounts and roles are made through the accounts service.
import { and, asc, count, eq, gte, inArray, lt } from "drizzle-orm";
import { hashPassword, temporaryPassword } from "~/auth/password.server";
import type { Viewer } from "~/auth/viewer";
import { affected, first, forUpdate, getDb, immediate, type Tx } from "~/db.server";
import { formatDateTimeJa, jstDate } from "~/lib/fiscal-year";
import { createPortalAccount, findActiveAccount, grantRole, requireFreeLoginId } from "~/services/accounts/accounts.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { requireTransition } from "~/services/contract/transitions";
import { notify } from "~/services/notifications/notifications.server";
import { WELFARE_FIELDS, WELFARE_JOINS, auditBookingView, isWelfareDesk } from "./access.server";
import { mailBooker } from "./employee-mail.server";
import { bookingActions, expandPattern, parseTimeOfDay, timeRangeText, type ConsultationPageSettings, type ConsultationRules } from "./rules";
import { bookings, consultants, consultationRules, employees, getPageSettings, getRules, lockSlots, recordEvent, slots } from "./store.server";
import { OCCUPYING, TRANSITIONS, type BookingStatus } from "./transitions";

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_RIGHT = "権限がありません。";

/** Refuses anyone but 労務厚生課 (the routes check the same; a page calling by mistake gets nothing). */
function requireWelfare(viewer: Viewer, field?: string): void {
  if (!isWelfareDesk(viewer)) refuse("forbidden", NO_RIGHT, field);
}

// ——— Consultants ———————————————————————————————————————————————

export async function listConsultants(viewer: Viewer, now: Date = new Date()) {
  if (!isWelfareDesk(viewer)) return null;
  const db = getDb();
  const rows = await db
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
    .orderBy(asc(employees.kana), asc(consultants.id));
  const upcoming = await db
    .select({ consultantId: slots.consultantId, n: count() })
    .from(slots)
    .where(and(eq(slots.status, "open"), gte(slots.startsAt, now)))
    .groupBy(slots.consultantId);
  const counts = new Map(upcoming.map((u) => [u.consultantId, u.n]));
  return rows.map((r) => ({ ...r, upcomingSlots: counts.get(r.id) ?? 0 }));
}

/** Makes an existing account a consultant: grants the role (accounts service) and creates the record. */
export function registerExistingConsultant({ viewer, ip }: Actor, input: { staffNumber: string; meetingUrl?: string }): Promise<Outcome<{ consultantId: number }>> {
  return attempt(async () => {
    requireWelfare(viewer, "staffNumber");
    return immediate(async (tx) => {
      const person = (await findActiveAccount(tx, input.staffNumber)) ?? refuse("invalid", "その職員番号（ログインID）の有効なアカウントが見つかりません。", "staffNumber");
      const existing = await first(tx.select().from(consultants).where(eq(consultants.employeeId, person.id)));
      if (existing) refuse("conflict", `${person.name}さんはすでにコンサルタントとして登録されています。`, "staffNumber");
      await grantRole(tx, viewer.id, person.id, "consultant");
      const row = (await first(tx.insert(consultants).values({ employeeId: person.id, meetingUrl: input.meetingUrl ?? null, createdBy: viewer.id }).returning()))!;
      await audit(tx, { actorId: viewer.id, action: "consultation.consultant.register", target: `consultant:${row.id}`, outcome: "success", ip });
      return { ok: true, consultantId: row.id } as const;
    });
  });
}

/**
 * Creates a portal account for an external consultant through the accounts service (not
 * part of the personnel data, so the org import never touches it), grants the consultant
 * role and returns the temporary password — shown once, stored only as its argon2id hash.
 */
export async function createConsultantAccount(
  { viewer, ip }: Actor,
  input: { loginId: string; name: string; kana: string; meetingUrl?: string },
): Promise<Outcome<{ consultantId: number; password: string }>> {
  const checked = await attempt(async () => {
    requireWelfare(viewer, "loginId");
    await requireFreeLoginId(input.loginId);
    return { ok: true } as const;
  });
  if (!checked.ok) return checked;
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return attempt(() =>
    immediate(async (tx) => {
      // The account service checks the login id again inside the transaction: the hash took time.
      const id = await createPortalAccount(tx, { loginId: input.loginId, name: input.name, kana: input.kana, passwordHash });
      await grantRole(tx, viewer.id, id, "consultant");
      const row = (await first(tx.insert(consultants).values({ employeeId: id, meetingUrl: input.meetingUrl ?? null, createdBy: viewer.id }).returning()))!;
      await audit(tx, { actorId: viewer.id, action: "consultation.consultant.create", target: `consultant:${row.id}`, outcome: "success", ip });
      return { ok: true, consultantId: row.id, password } as const;
    }),
  );
}

export function updateConsultant({ viewer, ip }: Actor, input: { consultantId: number; meetingUrl?: string; active: boolean }): Promise<Outcome> {
  return attempt(async () => {
    requireWelfare(viewer, "consultantId");
    return immediate(async (tx) => {
      const row = await first(tx.select().from(consultants).where(eq(consultants.id, input.consultantId)));
      if (!row) refuse("invalid", "選んだコンサルタントが見つかりません。", "consultantId");
      await tx.update(consultants).set({ meetingUrl: input.meetingUrl ?? null, active: input.active }).where(eq(consultants.id, input.consultantId));
      await audit(tx, {
        actorId: viewer.id,
        action: "consultation.consultant.update",
        target: `consultant:${input.consultantId}`,
        outcome: "success",
        ip,
        detail: { active: input.active },
      });
      return { ok: true } as const;
    });
  });
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
  /** When closing the slot cancels its booking, that transition's label (TRANSITIONS: 労務厚生課 cancels a booked booking). */
  cancelBookingLabel: string | null;
};

/** Slots from `daysBack` days back to `daysAhead` ahead, soonest first (the page settings give both). */
export async function listSlots(viewer: Viewer, now: Date, daysAhead: number, daysBack = 0): Promise<WelfareSlot[] | null> {
  if (!isWelfareDesk(viewer)) return null;
  const db = getDb();
  const rows = await db
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
    .where(and(gte(slots.startsAt, new Date(now.getTime() - daysBack * DAY_MS)), lt(slots.startsAt, new Date(now.getTime() + daysAhead * DAY_MS))))
    .orderBy(asc(slots.startsAt), asc(employees.kana), asc(slots.id));
  const ids = rows.map((r) => r.id);
  const occ = ids.length
    ? await db
        .select({ slotId: bookings.slotId, status: bookings.status })
        .from(bookings)
        .where(and(inArray(bookings.slotId, ids), inArray(bookings.status, OCCUPYING)))
    : [];
  const occupant = new Map(occ.map((o) => [o.slotId, o.status]));
  return rows.map((r) => {
    const occupantStatus = occupant.get(r.id) ?? null;
    const welfareActions = occupantStatus ? bookingActions(occupantStatus, ["welfare"], { now, startsAt: r.startsAt, rules: null }) : [];
    const cancel = welfareActions.find((t) => t.action === "cancel");
    return { ...r, occupied: occupantStatus !== null, occupantStatus, cancelBookingLabel: cancel?.label ?? null };
  });
}

async function requireActiveConsultant(tx: Tx, consultantId: number): Promise<void> {
  const row = await first(tx.select().from(consultants).where(and(eq(consultants.id, consultantId), eq(consultants.active, true))));
  if (!row) refuse("invalid", "選んだコンサルタントが見つからないか、登録が停止されています。", "consultantId");
}

/** Publishes one slot. */
export function publishSlot(
  { viewer, ip }: Actor,
  input: { consultantId: number; date: string; startTime: string; endTime: string; meetingUrl?: string },
  now: Date = new Date(),
): Promise<Outcome<{ slotId: number }>> {
  return attempt(async () => {
    requireWelfare(viewer, "consultantId");
    const start = parseTimeOfDay(input.startTime)!;
    const end = parseTimeOfDay(input.endTime)!;
    if (end <= start) refuse("invalid", "終了時刻は開始時刻より後にしてください。", "endTime");
    const [y, m, d] = input.date.split("-").map(Number) as [number, number, number];
    const startsAt = jstDate(y, m, d, 0, start);
    const endsAt = jstDate(y, m, d, 0, end);
    if (startsAt.getTime() <= now.getTime()) refuse("invalid", "過去の日時には相談枠を公開できません。", "date");
    return immediate(async (tx) => {
      await requireActiveConsultant(tx, input.consultantId);
      const dup = await first(tx.select({ id: slots.id }).from(slots).where(and(eq(slots.consultantId, input.consultantId), eq(slots.startsAt, startsAt))));
      if (dup) refuse("conflict", "このコンサルタントの同じ日時の相談枠がすでにあります。", "date");
      const row = (await first(
        tx.insert(slots).values({ consultantId: input.consultantId, startsAt, endsAt, meetingUrl: input.meetingUrl ?? null, createdBy: viewer.id }).returning(),
      ))!;
      await audit(tx, { actorId: viewer.id, action: "consultation.slot.publish", target: `slot:${row.id}`, outcome: "success", ip });
      return { ok: true, slotId: row.id } as const;
    });
  });
}

/** Publishes a repeating pattern; times already published or already past are skipped. */
export function publishPattern(
  { viewer, ip }: Actor,
  input: { consultantId: number; from: string; to: string; weekdays: number[]; startTime: string; endTime: string; meetingUrl?: string },
  now: Date = new Date(),
): Promise<Outcome<{ published: number; skipped: number }>> {
  return attempt(async () => {
    requireWelfare(viewer, "consultantId");
    const expanded = expandPattern({
      from: input.from,
      to: input.to,
      weekdays: input.weekdays,
      startMinute: parseTimeOfDay(input.startTime)!,
      endMinute: parseTimeOfDay(input.endTime)!,
    });
    if (!expanded.ok) refuse("invalid", expanded.message, expanded.field);
    const future = expanded.slots.filter((s) => s.startsAt.getTime() > now.getTime());
    if (future.length === 0) refuse("invalid", "この期間・曜日には、これから公開できる日時がありません。", "from");
    return immediate(async (tx) => {
      await requireActiveConsultant(tx, input.consultantId);
      let published = 0;
      for (const s of future) {
        const r = await tx
          .insert(slots)
          .values({ consultantId: input.consultantId, startsAt: s.startsAt, endsAt: s.endsAt, meetingUrl: input.meetingUrl ?? null, createdBy: viewer.id })
          .onConflictDoNothing();
        published += affected(r);
      }
      await audit(tx, {
        actorId: viewer.id,
        action: "consultation.slot.publish_pattern",
        target: `consultant:${input.consultantId}`,
        outcome: "success",
        ip,
        detail: { from: input.from, to: input.to, weekdays: input.weekdays, published },
      });
      return { ok: true, published, skipped: expanded.slots.length - published } as const;
    });
  });
}

/**
 * Closes a slot. A booking on it is cancelled in the same transaction (the welfare
 * transition of TRANSITIONS), and only the booking employee is told — by their own
 * notification, never anyone else's.
 */
export function closeSlot({ viewer, ip }: Actor, slotId: number, now: Date = new Date()): Promise<Outcome<{ notified: boolean }>> {
  return attempt(async () => {
    requireWelfare(viewer);
    return immediate(async (tx) => {
      // Lock the slot before looking for its booking: a booking being made on it waits, and
      // then sees the slot closed (or this waits for it, and cancels it).
      const slot = (await first(forUpdate(tx.select().from(slots).where(eq(slots.id, slotId))))) ?? refuse("not_found", "相談枠が見つかりません。");
      if (slot.status === "closed") return { ok: true, notified: false } as const;
      if (slot.startsAt.getTime() <= now.getTime()) refuse("closed", "開始時刻を過ぎた相談枠は取り消せません。");
      await tx.update(slots).set({ status: "closed", closedAt: now, closedBy: viewer.id }).where(eq(slots.id, slotId));
      const booking = await first(tx.select().from(bookings).where(and(eq(bookings.slotId, slotId), eq(bookings.status, "booked"))).limit(1));
      let notified = false;
      if (booking) {
        requireTransition(TRANSITIONS, "booked", "cancelled", "welfare", "この予約は取り消せません。");
        await tx.update(bookings).set({ status: "cancelled", updatedAt: now }).where(eq(bookings.id, booking.id));
        await recordEvent(tx, { bookingId: booking.id, at: now, actorKind: "welfare", actorId: viewer.id, fromStatus: "booked", toStatus: "cancelled", reason: "slot_closed" });
        await notify(tx, booking.employeeId, {
          title: "相談の予約が取り消されました",
          body: `${formatDateTimeJa(slot.startsAt)}（${timeRangeText(slot.startsAt, slot.endsAt)}）の相談枠が都合により取り消されたため、ご予約は取り消しとなりました。お手数ですが、別の日時をご予約ください。`,
          link: "/consultation",
        });
        await mailBooker(tx, booking.id, "closed", now);
        notified = true;
      }
      await audit(tx, { actorId: viewer.id, action: "consultation.slot.close", target: `slot:${slotId}`, outcome: "success", ip });
      return { ok: true, notified } as const;
    });
  });
}

/** Opens a closed slot again (only a future one). */
export function reopenSlot({ viewer, ip }: Actor, slotId: number, now: Date = new Date()): Promise<Outcome> {
  return attempt(async () => {
    requireWelfare(viewer);
    return immediate(async (tx) => {
      await lockSlots(tx, [slotId]);
      const slot = (await first(tx.select().from(slots).where(eq(slots.id, slotId)))) ?? refuse("not_found", "相談枠が見つかりません。");
      if (slot.startsAt.getTime() <= now.getTime()) refuse("closed", "開始時刻を過ぎた相談枠は再開できません。");
      await tx.update(slots).set({ status: "open", closedAt: null, closedBy: null }).where(eq(slots.id, slotId));
      await audit(tx, { actorId: viewer.id, action: "consultation.slot.reopen", target: `slot:${slotId}`, outcome: "success", ip });
      return { ok: true } as const;
    });
  });
}

// ——— Rules ————————————————————————————————————————————————————

export async function getRulesForWelfare(viewer: Viewer): Promise<{ rules: ConsultationRules | null; page: ConsultationPageSettings } | null> {
  if (!isWelfareDesk(viewer)) return null;
  return { rules: await getRules(getDb()), page: await getPageSettings(getDb()) };
}

export function saveRules({ viewer, ip }: Actor, rules: ConsultationRules, page?: ConsultationPageSettings): Promise<Outcome> {
  return attempt(async () => {
    requireWelfare(viewer);
    return immediate(async (tx) => {
      const before = { ...(await getRules(tx)), ...(await getPageSettings(tx)) };
      const now = new Date();
      const values = { ...rules, ...(page ?? {}) };
      await tx
        .insert(consultationRules)
        .values({ id: 1, ...values, updatedBy: viewer.id, updatedAt: now })
        .onConflictDoUpdate({ target: consultationRules.id, set: { ...values, updatedBy: viewer.id, updatedAt: now } });
      await audit(tx, { actorId: viewer.id, action: "consultation.rules.update", target: "consultation_rules", outcome: "success", ip, detail: { before, after: values } });
      return { ok: true } as const;
    });
  });
}

// ——— Bookings ————————————————————————————————————————————————————

/**
 * Every booking of a 年度, for running the service: WELFARE_FIELDS — not the topic and not
 * the note (those are for the consultant). Each call is one audit line listing the booking ids shown.
 */
export async function listBookingsForWelfare(actor: Actor, fiscalYear: number) {
  if (!isWelfareDesk(actor.viewer)) return null;
  const { consultantPerson } = WELFARE_JOINS;
  const db = getDb();
  const rows = await db
    .select(WELFARE_FIELDS)
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .innerJoin(consultants, eq(consultants.id, slots.consultantId))
    .innerJoin(employees, eq(employees.id, bookings.employeeId))
    .innerJoin(consultantPerson, eq(consultantPerson.id, consultants.employeeId))
    .where(eq(bookings.fiscalYear, fiscalYear))
    .orderBy(asc(slots.startsAt), asc(bookings.createdAt), asc(bookings.id));
  await auditBookingView(actor, "consultation.bookings.view", { fiscalYear, count: rows.length, bookingIds: rows.map((r) => r.id) });
  return rows;
}

// Arranging consultation data directly for unit tests (each test file has its own fresh DB).
import { randomUUID } from "node:crypto";
import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import { and, eq, inArray } from "drizzle-orm";
import { first, getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import type { Actor } from "~/services/contract/actor";
import type { Outcome, RefusalReason } from "~/services/contract/refusal";
import type { ConsultationRules } from "./rules";
import { OCCUPYING } from "./transitions";

/** "Now" in the tests: 2026-11-25 12:00 in Tokyo, 令和8年度. */
export const NOW = jstDate(2026, 11, 25, 12, 0);

export const RULES: ConsultationRules = {
  bookingWindowDays: 60,
  deadlineDaysBefore: 1,
  deadlineMinuteOfDay: 17 * 60,
  maxPerFiscalYear: 4,
  maxFutureBookings: 2,
};

export async function setRules(rules: ConsultationRules = RULES): Promise<void> {
  await immediate(async (tx) => {
    await tx
      .insert(schema.consultationRules)
      .values({ id: 1, ...rules })
      .onConflictDoUpdate({ target: schema.consultationRules.id, set: rules });
  });
}

let counter = 0;

/** A person and the viewer they would be, with the given granted roles. */
export async function makePerson(opts: { roles?: Role[]; rank?: string; source?: "personnel" | "portal"; name?: string; supervisorId?: string } = {}): Promise<Viewer> {
  counter++;
  const id = randomUUID();
  const source = opts.source ?? "personnel";
  const name = opts.name ?? `試験 ${counter}`;
  const granted = (opts.roles ?? []).filter((r) => r !== "employee" && r !== "supervisor");
  await immediate(async (tx) => {
    await tx.insert(schema.employees).values({
      id,
      staffNumber: `C${String(counter).padStart(5, "0")}${id.slice(0, 4)}`,
      name,
      kana: "シケン",
      rank: opts.rank ?? (source === "portal" ? null : "一般職員"),
      source,
      supervisorId: opts.supervisorId ?? null,
    });
    for (const role of granted) {
      await tx.insert(schema.roleGrants).values({ employeeId: id, role: role as "hr_dev" });
    }
  });
  const roles: Role[] = [...(source === "personnel" ? (["employee"] as Role[]) : []), ...(opts.roles ?? [])];
  return {
    id,
    staffNumber: `C${counter}`,
    name,
    kana: "シケン",
    rank: opts.rank ?? null,
    orgUnitId: null,
    orgPath: null,
    roles: [...new Set(roles)],
  };
}

/** A consultant person with their consultant record. */
export async function makeConsultant(meetingUrl = "https://meet.example.jp/c") {
  const viewer = await makePerson({ roles: ["consultant"], source: "portal" });
  const row = await immediate(async (tx) => (await first(tx.insert(schema.consultants).values({ employeeId: viewer.id, meetingUrl }).returning()))!);
  return { viewer, consultantId: row.id };
}

export async function makeSlot(consultantId: number, startsAt: Date, minutes = 50, status: "open" | "closed" = "open"): Promise<number> {
  const row = await immediate(
    async (tx) =>
      (await first(
        tx
          .insert(schema.slots)
          .values({ consultantId, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), status })
          .returning(),
      ))!,
  );
  return row.id;
}

/** The contract Actor of a test viewer. */
export function actor(viewer: Viewer, ip = "127.0.0.1"): Actor {
  return { viewer, ip };
}

/** "ok", or a refusal as its typed reason with the booking rule's code and figures. */
export function refusalFacts(outcome: Outcome<object>): "ok" | ({ reason: RefusalReason } & Record<string, unknown>) {
  return outcome.ok ? "ok" : { reason: outcome.refusal.reason, ...outcome.refusal.detail };
}

/** The booking form's values for a plain career consultation on `slotId`. */
export function bookingInput(slotId: number) {
  return { slotId, topic: "career" as const, note: "", anonymous: false };
}

/** The bookings that occupy a slot (there must never be more than one). */
export async function occupants(slotId: number) {
  return getDb()
    .select()
    .from(schema.bookings)
    .where(and(eq(schema.bookings.slotId, slotId), inArray(schema.bookings.status, OCCUPYING)));
}

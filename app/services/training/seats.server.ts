import { and, count, eq, inArray, lt, max } from "drizzle-orm";
import { first, schema, type Db, type Tx } from "~/db.server";
import { APPLIED_STATUSES, SEAT_STATUSES } from "./transitions";

// Seats and waitlist places of a session. Every read takes the handle it runs on: the
// caller's transaction inside `immediate()` (capacity checks, waitlist numbers), getDb()
// for a page. A count that guards a write is taken after the caller locked the session row
// (`forUpdate`), so two transactions never count the same free seat.

const { trainingEnrollments: enr, trainingDraws: draws } = schema;

/** A 抽選 回 whose draw has not run yet: sign-ups are 応募, nobody holds a seat. */
export async function awaitsDraw(db: Db, session: { id: number; allocation: "first_come" | "lottery" }): Promise<boolean> {
  if (session.allocation !== "lottery") return false;
  return (await first(db.select({ id: draws.id }).from(draws).where(eq(draws.courseSessionId, session.id)))) === undefined;
}

export async function seatsTaken(db: Db, courseSessionId: number): Promise<number> {
  const row = await first(
    db
      .select({ n: count() })
      .from(enr)
      .where(and(eq(enr.courseSessionId, courseSessionId), inArray(enr.status, [...SEAT_STATUSES]))),
  );
  return row?.n ?? 0;
}

/** Seats taken and waitlist length per session, for lists. */
export async function sessionCounts(db: Db, courseSessionIds: number[]): Promise<Map<number, { taken: number; waitlisted: number; applied: number }>> {
  const map = new Map<number, { taken: number; waitlisted: number; applied: number }>(courseSessionIds.map((id) => [id, { taken: 0, waitlisted: 0, applied: 0 }]));
  if (courseSessionIds.length === 0) return map;
  const rows = await db
    .select({ sessionId: enr.courseSessionId, status: enr.status, n: count() })
    .from(enr)
    .where(inArray(enr.courseSessionId, courseSessionIds))
    .groupBy(enr.courseSessionId, enr.status);
  for (const r of rows) {
    const c = map.get(r.sessionId);
    if (!c) continue;
    if (SEAT_STATUSES.includes(r.status)) c.taken += r.n;
    if (r.status === "waitlisted") c.waitlisted += r.n;
    if (APPLIED_STATUSES.includes(r.status)) c.applied += r.n;
  }
  return map;
}

/** The next arrival number on a session's waitlist: strictly increasing, never reused. */
export async function nextWaitlistSeq(tx: Tx, courseSessionId: number): Promise<number> {
  const row = await first(
    tx
      .select({ m: max(enr.waitlistSeq) })
      .from(enr)
      .where(eq(enr.courseSessionId, courseSessionId)),
  );
  return (row?.m ?? 0) + 1;
}

/** 1-based place on the waitlist of a waitlisted enrollment. */
export async function waitlistPosition(db: Db, courseSessionId: number, waitlistSeq: number): Promise<number> {
  const ahead = await first(
    db
      .select({ n: count() })
      .from(enr)
      .where(and(eq(enr.courseSessionId, courseSessionId), eq(enr.status, "waitlisted"), lt(enr.waitlistSeq, waitlistSeq))),
  );
  return (ahead?.n ?? 0) + 1;
}

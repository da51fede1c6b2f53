import { and, count, eq, inArray, lt, max } from "drizzle-orm";
import { schema, type Db, type Tx } from "~/db.server";
import { APPLIED_STATUSES, SEAT_STATUSES } from "./transitions";

// Seats and waitlist places of a session. Every read takes the handle it runs on: the
// caller's transaction inside `immediate()` (capacity checks, waitlist numbers), getDb()
// for a page.

const { trainingEnrollments: enr, trainingDraws: draws } = schema;

/** A 抽選 回 whose draw has not run yet: sign-ups are 応募, nobody holds a seat. */
export function awaitsDraw(db: Db, session: { id: number; allocation: "first_come" | "lottery" }): boolean {
  if (session.allocation !== "lottery") return false;
  return db.select({ id: draws.id }).from(draws).where(eq(draws.courseSessionId, session.id)).get() === undefined;
}

export function seatsTaken(db: Db, courseSessionId: number): number {
  return (
    db
      .select({ n: count() })
      .from(enr)
      .where(and(eq(enr.courseSessionId, courseSessionId), inArray(enr.status, [...SEAT_STATUSES])))
      .get()?.n ?? 0
  );
}

/** Seats taken and waitlist length per session, for lists. */
export function sessionCounts(db: Db, courseSessionIds: number[]): Map<number, { taken: number; waitlisted: number; applied: number }> {
  const map = new Map<number, { taken: number; waitlisted: number; applied: number }>(courseSessionIds.map((id) => [id, { taken: 0, waitlisted: 0, applied: 0 }]));
  if (courseSessionIds.length === 0) return map;
  const rows = db
    .select({ sessionId: enr.courseSessionId, status: enr.status, n: count() })
    .from(enr)
    .where(inArray(enr.courseSessionId, courseSessionIds))
    .groupBy(enr.courseSessionId, enr.status)
    .all();
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
export function nextWaitlistSeq(tx: Tx, courseSessionId: number): number {
  const row = tx
    .select({ m: max(enr.waitlistSeq) })
    .from(enr)
    .where(eq(enr.courseSessionId, courseSessionId))
    .get();
  return (row?.m ?? 0) + 1;
}

/** 1-based place on the waitlist of a waitlisted enrollment. */
export function waitlistPosition(db: Db, courseSessionId: number, waitlistSeq: number): number {
  const ahead = db
    .select({ n: count() })
    .from(enr)
    .where(and(eq(enr.courseSessionId, courseSessionId), eq(enr.status, "waitlisted"), lt(enr.waitlistSeq, waitlistSeq)))
    .get();
  return (ahead?.n ?? 0) + 1;
}

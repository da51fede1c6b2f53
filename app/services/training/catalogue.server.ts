import { and, asc, eq, inArray, max } from "drizzle-orm";
import { getDb, immediate, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor, Failure } from "./enrollments.server";
import { promoteWaitlisted } from "./enrollments.server";
import type { CourseForm, SessionForm } from "./schemas";
import { sessionTimesOf } from "./schemas";
import { courseTierCodes, courseTierCodesMap, listTiers, seatsTaken, sessionCounts } from "./store.server";
import { shiftYears } from "./time";

// 人材育成課's catalogue: courses, sessions (回), elective rules, copying a 年度.

const { trainingCourses: crs, trainingCourseSessions: ses, trainingCourseTiers: courseTiers, trainingElectiveRules: rules } = schema;

export type CourseRow = typeof crs.$inferSelect;
export type SessionRow = typeof ses.$inferSelect;

/** Every course of a 年度 with its tiers and seat totals, for the catalogue page. */
const KIND_ORDER = ["required", "elective", "optIn"];

export function listCatalogue(fiscalYear: number, now = new Date()) {
  const db = getDb();
  const courses = db
    .select()
    .from(crs)
    .where(eq(crs.fiscalYear, fiscalYear))
    .orderBy(asc(crs.title))
    .all()
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const ids = courses.map((c) => c.id);
  const tiers = courseTierCodesMap(ids);
  const sessions = ids.length ? db.select().from(ses).where(inArray(ses.courseId, ids)).orderBy(asc(ses.startsAt)).all() : [];
  const counts = sessionCounts(sessions.map((s) => s.id));
  return courses.map((c) => {
    const mine = sessions.filter((s) => s.courseId === c.id);
    return {
      ...c,
      tierCodes: tiers.get(c.id) ?? [],
      sessionCount: mine.length,
      openSessions: mine.filter((s) => s.status === "open" && s.startsAt > now).length,
      capacity: mine.reduce((n, s) => n + s.capacity, 0),
      taken: mine.reduce((n, s) => n + (counts.get(s.id)?.taken ?? 0), 0),
      waitlisted: mine.reduce((n, s) => n + (counts.get(s.id)?.waitlisted ?? 0), 0),
      firstStartsAt: mine[0]?.startsAt ?? null,
    };
  });
}

export function countCourses(fiscalYear: number): number {
  return getDb().select({ id: crs.id }).from(crs).where(eq(crs.fiscalYear, fiscalYear)).all().length;
}

export function getCourse(courseId: number): CourseRow | null {
  return getDb().select().from(crs).where(eq(crs.id, courseId)).get() ?? null;
}

/** One course with its sessions and their seat counts (人材育成課). */
export function getCourseForManage(courseId: number) {
  const course = getCourse(courseId);
  if (!course) return null;
  const sessions = getDb().select().from(ses).where(eq(ses.courseId, courseId)).orderBy(asc(ses.startsAt), asc(ses.seq)).all();
  const counts = sessionCounts(sessions.map((s) => s.id));
  return {
    course: { ...course, tierCodes: courseTierCodes(courseId) },
    sessions: sessions.map((s) => ({ ...s, ...(counts.get(s.id) ?? { taken: 0, waitlisted: 0 }) })),
  };
}

export function getSession(courseSessionId: number) {
  const db = getDb();
  const session = db.select().from(ses).where(eq(ses.id, courseSessionId)).get();
  if (!session) return null;
  const course = db.select().from(crs).where(eq(crs.id, session.courseId)).get()!;
  return { session, course };
}

function unknownTiers(codes: string[]): string[] {
  const known = new Set(listTiers({ includeInactive: true }).map((t) => t.code));
  return codes.filter((c) => !known.has(c));
}

export type CourseResult = { ok: true; courseId: number } | (Failure & { field?: "title" | "tierCodes" });

function titleTaken(fiscalYear: number, title: string, exceptId?: number): boolean {
  const row = getDb().select({ id: crs.id }).from(crs).where(and(eq(crs.fiscalYear, fiscalYear), eq(crs.title, title))).get();
  return row !== undefined && row.id !== exceptId;
}

export function createCourse(actor: Actor, v: CourseForm, now = new Date()): CourseResult {
  return immediate((tx): CourseResult => {
    if (unknownTiers(v.tierCodes).length) return { ok: false, field: "tierCodes", error: "選択できない階層が含まれています。" };
    if (titleTaken(v.fiscalYear, v.title)) return { ok: false, field: "title", error: "同じ年度に同じ名前の研修があります。" };
    const row = tx
      .insert(crs)
      .values({ fiscalYear: v.fiscalYear, title: v.title, description: v.description, kind: v.kind, needsApproval: v.needsApproval, createdAt: now, updatedAt: now })
      .returning({ id: crs.id })
      .get();
    for (const code of new Set(v.tierCodes)) tx.insert(courseTiers).values({ courseId: row.id, tierCode: code }).run();
    audit(tx, { actorId: actor.id, action: "training.course.create", target: `training_course:${row.id}`, outcome: "success", ip: actor.ip, detail: { fiscalYear: v.fiscalYear } });
    return { ok: true, courseId: row.id };
  });
}

/** Edits a course. Its 年度 does not change (sessions and sign-ups belong to it). */
export function updateCourse(actor: Actor, courseId: number, v: CourseForm, now = new Date()): CourseResult {
  return immediate((tx): CourseResult => {
    const course = getCourse(courseId);
    if (!course) return { ok: false, error: "研修が見つかりません。", notFound: true };
    if (unknownTiers(v.tierCodes).length) return { ok: false, field: "tierCodes", error: "選択できない階層が含まれています。" };
    if (titleTaken(course.fiscalYear, v.title, courseId)) return { ok: false, field: "title", error: "同じ年度に同じ名前の研修があります。" };
    tx.update(crs)
      .set({ title: v.title, description: v.description, kind: v.kind, needsApproval: v.needsApproval, updatedAt: now })
      .where(eq(crs.id, courseId))
      .run();
    const before = courseTierCodes(courseId);
    const after = [...new Set(v.tierCodes)];
    for (const code of before) if (!after.includes(code)) tx.delete(courseTiers).where(and(eq(courseTiers.courseId, courseId), eq(courseTiers.tierCode, code))).run();
    for (const code of after) if (!before.includes(code)) tx.insert(courseTiers).values({ courseId, tierCode: code }).run();
    audit(tx, {
      actorId: actor.id,
      action: "training.course.update",
      target: `training_course:${courseId}`,
      outcome: "success",
      ip: actor.ip,
      detail: { kind: v.kind, needsApproval: v.needsApproval, tiers: after },
    });
    return { ok: true, courseId };
  });
}

export type SessionResult = { ok: true; courseSessionId: number; promoted: number[] } | (Failure & { field?: "capacity" });

export function createSession(actor: Actor, courseId: number, v: SessionForm, now = new Date()): SessionResult {
  return immediate((tx): SessionResult => {
    const course = getCourse(courseId);
    if (!course) return { ok: false, error: "研修が見つかりません。", notFound: true };
    const seq = (tx.select({ m: max(ses.seq) }).from(ses).where(eq(ses.courseId, courseId)).get()?.m ?? 0) + 1;
    const row = tx
      .insert(ses)
      .values({
        courseId,
        seq,
        ...sessionTimesOf(v),
        venue: v.venue || null,
        online: v.online,
        capacity: v.capacity,
        status: v.status,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: ses.id })
      .get();
    audit(tx, { actorId: actor.id, action: "training.session.create", target: `training_course_session:${row.id}`, outcome: "success", ip: actor.ip, detail: { courseId, seq } });
    return { ok: true, courseSessionId: row.id, promoted: [] };
  });
}

/**
 * Edits a session. Capacity never drops below the seats already taken; raising it gives
 * the new seats to the waitlist in the same transaction.
 */
export function updateSession(actor: Actor, courseSessionId: number, v: SessionForm, now = new Date()): SessionResult {
  return immediate((tx): SessionResult => {
    const session = tx.select().from(ses).where(eq(ses.id, courseSessionId)).get();
    if (!session) return { ok: false, error: "研修の回が見つかりません。", notFound: true };
    const taken = seatsTaken(session.id);
    if (v.capacity < taken) return { ok: false, field: "capacity", error: `すでに${taken}人が席を確保しているため、定員を${taken}未満にはできません。` };
    tx.update(ses)
      .set({ ...sessionTimesOf(v), venue: v.venue || null, online: v.online, capacity: v.capacity, status: v.status, updatedAt: now })
      .where(eq(ses.id, courseSessionId))
      .run();
    audit(tx, {
      actorId: actor.id,
      action: "training.session.update",
      target: `training_course_session:${courseSessionId}`,
      outcome: "success",
      ip: actor.ip,
      detail: { capacity: v.capacity, status: v.status },
    });
    return { ok: true, courseSessionId, promoted: promoteWaitlisted(courseSessionId, now) };
  });
}

/** Opens or closes sign-up for a session (受付中 / 受付終了). */
export function setSessionStatus(actor: Actor, courseSessionId: number, status: "open" | "closed", now = new Date()): boolean {
  const changed = getDb().update(ses).set({ status, updatedAt: now }).where(eq(ses.id, courseSessionId)).run().changes;
  if (changed) {
    audit(getDb(), { actorId: actor.id, action: `training.session.${status === "open" ? "open" : "close"}`, target: `training_course_session:${courseSessionId}`, outcome: "success", ip: actor.ip });
  }
  return changed === 1;
}

/**
 * Copies a 年度's catalogue into the next as a starting point: courses (by title, skipping
 * ones already there), their tiers, their sessions moved by the years between (受付終了 until
 * 人材育成課 checks and opens them), and the elective rules not yet set.
 */
export function copyCatalogue(actor: Actor, fromYear: number, toYear: number, now = new Date()) {
  const db = getDb();
  const years = toYear - fromYear;
  const result = immediate((tx) => {
    let courses = 0;
    let sessions = 0;
    let electiveRules = 0;
    const source = tx.select().from(crs).where(eq(crs.fiscalYear, fromYear)).all();
    for (const c of source) {
      if (titleTaken(toYear, c.title)) continue;
      const copy = tx
        .insert(crs)
        .values({ fiscalYear: toYear, title: c.title, description: c.description, kind: c.kind, needsApproval: c.needsApproval, createdAt: now, updatedAt: now })
        .returning({ id: crs.id })
        .get();
      courses++;
      for (const code of courseTierCodes(c.id)) tx.insert(courseTiers).values({ courseId: copy.id, tierCode: code }).run();
      for (const s of tx.select().from(ses).where(eq(ses.courseId, c.id)).orderBy(asc(ses.seq)).all()) {
        tx.insert(ses)
          .values({
            courseId: copy.id,
            seq: s.seq,
            startsAt: shiftYears(s.startsAt, years),
            endsAt: shiftYears(s.endsAt, years),
            venue: s.venue,
            online: s.online,
            capacity: s.capacity,
            signupOpensAt: shiftYears(s.signupOpensAt, years),
            signupClosesAt: shiftYears(s.signupClosesAt, years),
            cancelDeadline: shiftYears(s.cancelDeadline, years),
            status: "closed",
            createdAt: now,
            updatedAt: now,
          })
          .run();
        sessions++;
      }
    }
    const existingRules = new Set(tx.select({ tier: rules.tierCode }).from(rules).where(eq(rules.fiscalYear, toYear)).all().map((r) => r.tier));
    for (const r of tx.select().from(rules).where(eq(rules.fiscalYear, fromYear)).all()) {
      if (existingRules.has(r.tierCode)) continue;
      tx.insert(rules).values({ fiscalYear: toYear, tierCode: r.tierCode, minElectives: r.minElectives, updatedAt: now, updatedBy: actor.id }).run();
      electiveRules++;
    }
    return { courses, sessions, electiveRules };
  });
  audit(db, { actorId: actor.id, action: "training.catalogue.copy", target: `fiscal_year:${toYear}`, outcome: "success", ip: actor.ip, detail: { fromYear, ...result } });
  return result;
}

/** Elective rules of a 年度, one row per active tier, with how many electives target it. */
export function listElectiveRules(fiscalYear: number) {
  const db = getDb();
  const tiers = listTiers();
  const set = db.select().from(rules).where(eq(rules.fiscalYear, fiscalYear)).all();
  const electives = db
    .select({ tierCode: courseTiers.tierCode, courseId: crs.id })
    .from(courseTiers)
    .innerJoin(crs, eq(crs.id, courseTiers.courseId))
    .where(and(eq(crs.fiscalYear, fiscalYear), eq(crs.kind, "elective")))
    .all();
  return tiers.map((t) => ({
    tierCode: t.code,
    label: t.label,
    minElectives: set.find((r) => r.tierCode === t.code)?.minElectives ?? null,
    electiveCourses: electives.filter((e) => e.tierCode === t.code).length,
  }));
}

/** Sets the elective rules of a 年度: a number sets the rule, blank removes it. */
export function saveElectiveRules(
  actor: Actor,
  fiscalYear: number,
  input: { tierCode: string; minElectives?: number | undefined }[],
  now = new Date(),
): { ok: true } | Failure {
  const db = getDb();
  const known = new Set(listTiers({ includeInactive: true }).map((t) => t.code));
  if (input.some((r) => !known.has(r.tierCode))) return { ok: false, error: "選択できない階層が含まれています。" };
  immediate((tx) => {
    for (const r of input) {
      if (r.minElectives === undefined) {
        tx.delete(rules).where(and(eq(rules.fiscalYear, fiscalYear), eq(rules.tierCode, r.tierCode))).run();
      } else {
        tx.insert(rules)
          .values({ fiscalYear, tierCode: r.tierCode, minElectives: r.minElectives, updatedAt: now, updatedBy: actor.id })
          .onConflictDoUpdate({ target: [rules.fiscalYear, rules.tierCode], set: { minElectives: r.minElectives, updatedAt: now, updatedBy: actor.id } })
          .run();
      }
    }
  });
  audit(db, {
    actorId: actor.id,
    action: "training.elective_rules.update",
    target: `fiscal_year:${fiscalYear}`,
    outcome: "success",
    ip: actor.ip,
    detail: { rules: input },
  });
  return { ok: true };
}

import { hasRole } from "~/auth/viewer";
import { and, asc, eq, inArray, max } from "drizzle-orm";
import { first, forUpdate, getDb, immediate, isUniqueViolation, schema, type Db, type Tx } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import { lockSession, promoteWaitlisted } from "./enrollment-mutations.server";
import type { CourseForm, SessionForm } from "./schemas";
import { sessionTimesOf } from "./schemas";
import { seatsTaken, sessionCounts } from "./seats.server";
import { courseTierCodes, courseTierCodesMap, listTiers, tierLabelMap } from "./tiers.server";
import { shiftYears } from "./time";

// 人材育成課's catalogue: courses, sessions (回), elective rules, copying a 年度. Each write
// is one immediate() transaction whose handle every helper inside takes.

const { trainingCourses: crs, trainingCourseSessions: ses, trainingCourseTiers: courseTiers, trainingElectiveRules: rules, trainingEnrollments: enr } = schema;

export type CourseRow = typeof crs.$inferSelect;
export type SessionRow = typeof ses.$inferSelect;

/** Every course of a 年度 with its tiers and seat totals, for the catalogue page. */
const KIND_ORDER = ["required", "elective", "optIn"];

export async function listCatalogue(fiscalYear: number, now = new Date()) {
  const db = getDb();
  const courses = (await db.select().from(crs).where(eq(crs.fiscalYear, fiscalYear)).orderBy(asc(crs.title))).sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  const ids = courses.map((c) => c.id);
  const tiers = await courseTierCodesMap(db, ids);
  const labels = await tierLabelMap(db);
  const sessions = ids.length ? await db.select().from(ses).where(inArray(ses.courseId, ids)).orderBy(asc(ses.startsAt)) : [];
  const counts = await sessionCounts(db, sessions.map((s) => s.id));
  return courses.map((c) => {
    const mine = sessions.filter((s) => s.courseId === c.id);
    return {
      ...c,
      tierCodes: tiers.get(c.id) ?? [],
      tierLabels: (tiers.get(c.id) ?? []).map((t) => labels.get(t) ?? t),
      sessionCount: mine.length,
      openSessions: mine.filter((s) => s.status === "open" && s.startsAt > now).length,
      capacity: mine.reduce((n, s) => n + s.capacity, 0),
      taken: mine.reduce((n, s) => n + (counts.get(s.id)?.taken ?? 0), 0),
      waitlisted: mine.reduce((n, s) => n + (counts.get(s.id)?.waitlisted ?? 0), 0),
      firstStartsAt: mine[0]?.startsAt ?? null,
    };
  });
}

/** The active tiers a course form offers. */
export async function tierChoices(): Promise<{ code: string; label: string }[]> {
  return (await listTiers(getDb())).map((t) => ({ code: t.code, label: t.label }));
}

export async function countCourses(fiscalYear: number): Promise<number> {
  return (await getDb().select({ id: crs.id }).from(crs).where(eq(crs.fiscalYear, fiscalYear))).length;
}

export async function getCourse(courseId: number, db: Db = getDb()): Promise<CourseRow | null> {
  return (await first(db.select().from(crs).where(eq(crs.id, courseId)))) ?? null;
}

/** One course with its sessions and their seat counts (人材育成課). */
export async function getCourseForManage(courseId: number) {
  const db = getDb();
  const course = await getCourse(courseId, db);
  if (!course) return null;
  const sessions = await db.select().from(ses).where(eq(ses.courseId, courseId)).orderBy(asc(ses.startsAt), asc(ses.seq));
  const counts = await sessionCounts(db, sessions.map((s) => s.id));
  return {
    course: { ...course, tierCodes: await courseTierCodes(db, courseId) },
    sessions: sessions.map((s) => ({ ...s, ...(counts.get(s.id) ?? { taken: 0, waitlisted: 0 }) })),
  };
}

export async function getSession(courseSessionId: number) {
  const db = getDb();
  const session = await first(db.select().from(ses).where(eq(ses.id, courseSessionId)));
  if (!session) return null;
  const course = (await first(db.select().from(crs).where(eq(crs.id, session.courseId))))!;
  return { session, course };
}

const UNKNOWN_TIER = "選択できない階層が含まれています。";

async function hasUnknownTiers(db: Db, codes: string[]): Promise<boolean> {
  const known = new Set((await listTiers(db, { includeInactive: true })).map((t) => t.code));
  return codes.some((c) => !known.has(c));
}

/**
 * Runs a write that may hit the unique index on (年度, title): the index is the one
 * source of "no two courses of one name in a 年度", detected by SQLite's error code.
 */
async function uniqueTitle<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) refuse("conflict", "同じ年度に同じ名前の研修があります。", "title");
    throw e;
  }
}

export type CourseResult = Outcome<{ courseId: number }>;

/**
 * The catalogue is 人材育成課's: every change checks it here as well as in the route, so
 * no caller can forget it (a Refusal inside `attempt` becomes the mutation's answer).
 */
function requireCatalogueManager(actor: Actor): void {
  if (!hasRole(actor.viewer, "hr_dev")) refuse("forbidden", "研修の設定を変更できるのは人材育成課です。");
}


async function titleTaken(tx: Tx, fiscalYear: number, title: string): Promise<boolean> {
  return (await first(tx.select({ id: crs.id }).from(crs).where(and(eq(crs.fiscalYear, fiscalYear), eq(crs.title, title))))) !== undefined;
}

export async function createCourse(actor: Actor, v: CourseForm, now = new Date()): Promise<CourseResult> {
  return attempt(() =>
    immediate(async (tx) => {
      requireCatalogueManager(actor);
      if (await hasUnknownTiers(tx, v.tierCodes)) refuse("invalid", UNKNOWN_TIER, "tierCodes");
      const [row] = await uniqueTitle(() =>
        tx
          .insert(crs)
          .values({
            fiscalYear: v.fiscalYear,
            title: v.title,
            description: v.description,
            kind: v.kind,
            needsApproval: v.needsApproval,
            lotteryApproval: v.lotteryApproval,
            lotteryPriorities: v.lotteryPriorities,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: crs.id }),
      );
      for (const code of new Set(v.tierCodes)) await tx.insert(courseTiers).values({ courseId: row!.id, tierCode: code });
      await audit(tx, {
        actorId: actor.viewer.id,
        action: "training.course.create",
        target: `training_course:${row!.id}`,
        outcome: "success",
        ip: actor.ip,
        detail: { fiscalYear: v.fiscalYear },
      });
      return { ok: true as const, courseId: row!.id };
    }),
  );
}

/** Edits a course. Its 年度 does not change (sessions and sign-ups belong to it). */
export async function updateCourse(actor: Actor, courseId: number, v: CourseForm, now = new Date()): Promise<CourseResult> {
  return attempt(() =>
    immediate(async (tx) => {
      requireCatalogueManager(actor);
    if (!(await getCourse(courseId, tx))) refuse("not_found", "研修が見つかりません。");
    if (await hasUnknownTiers(tx, v.tierCodes)) refuse("invalid", UNKNOWN_TIER, "tierCodes");
    await uniqueTitle(async () =>
      tx
        .update(crs)
        .set({
          title: v.title,
          description: v.description,
          kind: v.kind,
          needsApproval: v.needsApproval,
          lotteryApproval: v.lotteryApproval,
          lotteryPriorities: v.lotteryPriorities,
          updatedAt: now,
        })
        .where(eq(crs.id, courseId)),
    );
    const before = await courseTierCodes(tx, courseId);
    const after = [...new Set(v.tierCodes)];
    for (const code of before) if (!after.includes(code)) await tx.delete(courseTiers).where(and(eq(courseTiers.courseId, courseId), eq(courseTiers.tierCode, code)));
    for (const code of after) if (!before.includes(code)) await tx.insert(courseTiers).values({ courseId, tierCode: code });
    await audit(tx, {
      actorId: actor.viewer.id,
      action: "training.course.update",
      target: `training_course:${courseId}`,
      outcome: "success",
      ip: actor.ip,
      detail: { kind: v.kind, needsApproval: v.needsApproval, tiers: after },
    });
    return { ok: true as const, courseId };
    }),
  );
}

export type SessionResult = Outcome<{ courseSessionId: number; promoted: number[] }>;

export async function createSession(actor: Actor, courseId: number, v: SessionForm, now = new Date()): Promise<SessionResult> {
  return attempt(() =>
    immediate(async (tx) => {
      requireCatalogueManager(actor);
    // The course row is locked: two 回 added at once get 第n回 and 第n+1回, not the same number.
    if (!(await first(forUpdate(tx.select({ id: crs.id }).from(crs).where(eq(crs.id, courseId)))))) refuse("not_found", "研修が見つかりません。");
    const seq = ((await first(tx.select({ m: max(ses.seq) }).from(ses).where(eq(ses.courseId, courseId))))?.m ?? 0) + 1;
    const [row] = await tx
      .insert(ses)
      .values({
        courseId,
        seq,
        ...sessionTimesOf(v),
        venue: v.venue || null,
        online: v.online,
        capacity: v.capacity,
        status: v.status,
        allocation: v.allocation,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: ses.id });
    await audit(tx, {
      actorId: actor.viewer.id,
      action: "training.session.create",
      target: `training_course_session:${row!.id}`,
      outcome: "success",
      ip: actor.ip,
      detail: { courseId, seq },
    });
    return { ok: true as const, courseSessionId: row!.id, promoted: [] };
    }),
  );
}

/**
 * Edits a session. Capacity never drops below the seats already taken; raising it gives
 * the new seats to the waitlist in the same transaction.
 */
export async function updateSession(actor: Actor, courseSessionId: number, v: SessionForm, now = new Date()): Promise<SessionResult> {
  return attempt(() =>
    immediate(async (tx) => {
      requireCatalogueManager(actor);
    // Locked like a sign-up: the seats counted here stay taken until the new capacity is written.
    const session = (await lockSession(tx, courseSessionId)) ?? refuse("not_found", "研修の回が見つかりません。");
    if (session.status === "called_off") refuse("conflict", "中止になった回は編集できません。");
    const taken = await seatsTaken(tx, session.id);
    if (v.capacity < taken) refuse("limit", `すでに${taken}人が席を確保しているため、定員を${taken}未満にはできません。`, "capacity");
    if (v.allocation !== session.allocation) {
      const anyone = await first(tx.select({ id: enr.id }).from(enr).where(eq(enr.courseSessionId, session.id)).limit(1));
      if (anyone) refuse("conflict", "すでに申込のある回は、席の決め方（先着順・抽選）を変更できません。", "allocation");
    }
    await tx
      .update(ses)
      .set({ ...sessionTimesOf(v), venue: v.venue || null, online: v.online, capacity: v.capacity, status: v.status, allocation: v.allocation, updatedAt: now })
      .where(eq(ses.id, courseSessionId));
    await audit(tx, {
      actorId: actor.viewer.id,
      action: "training.session.update",
      target: `training_course_session:${courseSessionId}`,
      outcome: "success",
      ip: actor.ip,
      detail: { capacity: v.capacity, status: v.status },
    });
    return { ok: true as const, courseSessionId, promoted: await promoteWaitlisted(tx, courseSessionId, now) };
    }),
  );
}

/** Opens or closes sign-up for a session (受付中 / 受付終了). */
export async function setSessionStatus(actor: Actor, courseSessionId: number, status: "open" | "closed", now = new Date()): Promise<Outcome> {
  return attempt(() =>
    immediate(async (tx) => {
      requireCatalogueManager(actor);
      const session = (await lockSession(tx, courseSessionId)) ?? refuse("not_found", "研修の回が見つかりません。");
      // 中止 is final: the sign-ups are gone, so reopening would offer an empty 回 nobody was told about.
      if (session.status === "called_off") refuse("conflict", "中止になった回の受付は再開できません。新しい回を追加してください。");
      await tx.update(ses).set({ status, updatedAt: now }).where(eq(ses.id, courseSessionId));
      await audit(tx, {
        actorId: actor.viewer.id,
        action: `training.session.${status === "open" ? "open" : "close"}`,
        target: `training_course_session:${courseSessionId}`,
        outcome: "success",
        ip: actor.ip,
      });
      return { ok: true as const };
    }),
  );
}

/**
 * Copies a 年度's catalogue into the next as a starting point: courses (by title, skipping
 * ones already there), their tiers, their sessions moved by the years between (受付終了 until
 * 人材育成課 checks and opens them), and the elective rules not yet set.
 */
export async function copyCatalogue(actor: Actor, fromYear: number, toYear: number, now = new Date()) {
  requireCatalogueManager(actor);
  const years = toYear - fromYear;
  return immediate(async (tx) => {
    let courses = 0;
    let sessions = 0;
    let electiveRules = 0;
    const source = await tx.select().from(crs).where(eq(crs.fiscalYear, fromYear));
    for (const c of source) {
      if (await titleTaken(tx, toYear, c.title)) continue;
      const [copy] = await tx
        .insert(crs)
        .values({
          fiscalYear: toYear,
          title: c.title,
          description: c.description,
          kind: c.kind,
          needsApproval: c.needsApproval,
          lotteryApproval: c.lotteryApproval,
          lotteryPriorities: c.lotteryPriorities,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: crs.id });
      courses++;
      for (const code of await courseTierCodes(tx, c.id)) await tx.insert(courseTiers).values({ courseId: copy!.id, tierCode: code });
      for (const s of await tx.select().from(ses).where(eq(ses.courseId, c.id)).orderBy(asc(ses.seq))) {
        await tx
          .insert(ses)
          .values({
            courseId: copy!.id,
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
            allocation: s.allocation,
            createdAt: now,
            updatedAt: now,
          });
        sessions++;
      }
    }
    const existingRules = new Set((await tx.select({ tier: rules.tierCode }).from(rules).where(eq(rules.fiscalYear, toYear))).map((r) => r.tier));
    for (const r of await tx.select().from(rules).where(eq(rules.fiscalYear, fromYear))) {
      if (existingRules.has(r.tierCode)) continue;
      await tx.insert(rules).values({ fiscalYear: toYear, tierCode: r.tierCode, minElectives: r.minElectives, updatedAt: now, updatedBy: actor.viewer.id });
      electiveRules++;
    }
    const result = { courses, sessions, electiveRules };
    await audit(tx, { actorId: actor.viewer.id, action: "training.catalogue.copy", target: `fiscal_year:${toYear}`, outcome: "success", ip: actor.ip, detail: { fromYear, ...result } });
    return result;
  });
}

/** Elective rules of a 年度, one row per active tier, with how many electives target it. */
export async function listElectiveRules(fiscalYear: number) {
  const db = getDb();
  const tiers = await listTiers(db, { fiscalYear });
  const set = await db.select().from(rules).where(eq(rules.fiscalYear, fiscalYear));
  const electives = await db
    .select({ tierCode: courseTiers.tierCode, courseId: crs.id })
    .from(courseTiers)
    .innerJoin(crs, eq(crs.id, courseTiers.courseId))
    .where(and(eq(crs.fiscalYear, fiscalYear), eq(crs.kind, "elective")));
  return tiers.map((t) => ({
    tierCode: t.code,
    label: t.label,
    minElectives: set.find((r) => r.tierCode === t.code)?.minElectives ?? null,
    electiveCourses: electives.filter((e) => e.tierCode === t.code).length,
  }));
}

/** Sets the elective rules of a 年度: a number sets the rule, blank removes it. */
export async function saveElectiveRules(
  actor: Actor,
  fiscalYear: number,
  input: { tierCode: string; minElectives?: number | undefined }[],
  now = new Date(),
): Promise<Outcome> {
  return attempt(() =>
    immediate(async (tx) => {
      requireCatalogueManager(actor);
    if (await hasUnknownTiers(tx, input.map((r) => r.tierCode))) refuse("invalid", UNKNOWN_TIER);
    for (const r of input) {
      if (r.minElectives === undefined) {
        await tx.delete(rules).where(and(eq(rules.fiscalYear, fiscalYear), eq(rules.tierCode, r.tierCode)));
      } else {
        await tx
          .insert(rules)
          .values({ fiscalYear, tierCode: r.tierCode, minElectives: r.minElectives, updatedAt: now, updatedBy: actor.viewer.id })
          .onConflictDoUpdate({ target: [rules.fiscalYear, rules.tierCode], set: { minElectives: r.minElectives, updatedAt: now, updatedBy: actor.viewer.id } });
      }
    }
    await audit(tx, {
      actorId: actor.viewer.id,
      action: "training.elective_rules.update",
      target: `fiscal_year:${fiscalYear}`,
      outcome: "success",
      ip: actor.ip,
      detail: { rules: input },
    });
    return { ok: true as const };
    }),
  );
}

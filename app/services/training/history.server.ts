import { and, asc, desc, eq, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { first, getDb, schema, sqlFor } from "~/db.server";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { orgPath } from "~/services/org/org.server";
import { formatSessionTime } from "./time";
import { STATUS_LABELS, type EnrollmentStatus } from "./transitions";

// 受講歴: every 年度's trainings of one person. The person themself, their current direct
// supervisor (read from the org data now — an OJT conversation is about today's team) and
// 人材育成課 may read it; anyone else gets null (→ 404, the person's existence unconfirmed).

const { trainingCourses: crs, trainingCourseSessions: ses, trainingEnrollments: enr, employees, orgUnits } = schema;

/** Who may read `employee`'s 受講歴. Pure; the query below applies it. */
export function mayReadTrainingHistory(viewer: Pick<Viewer, "id" | "roles">, employee: { id: string; supervisorId: string | null }): boolean {
  return viewer.id === employee.id || employee.supervisorId === viewer.id || viewer.roles.includes("hr_dev");
}

export type TrainingHistoryRow = {
  enrollmentId: number;
  fiscalYear: number;
  courseId: number;
  courseTitle: string;
  seq: number;
  startsAt: Date;
  endsAt: Date;
  status: EnrollmentStatus;
};

/**
 * One person's 受講歴, newest session first, optionally of one 年度. `years` lists every
 * 年度 the person has a record in (for the 年度 filter). Null when the viewer may not read it.
 */
export async function getTrainingHistory({ viewer, employeeId, fiscalYear }: { viewer: Viewer; employeeId: string; fiscalYear: number | null }) {
  const db = getDb();
  const person = await first(
    db
    .select({ id: employees.id, name: employees.name, staffNumber: employees.staffNumber, rank: employees.rank, orgUnitId: employees.orgUnitId, supervisorId: employees.supervisorId })
    .from(employees)
    .where(eq(employees.id, employeeId)),
  );
  if (!person || !mayReadTrainingHistory(viewer, person)) return null;
  const all: TrainingHistoryRow[] = (
    await db
    .select({
      enrollmentId: enr.id,
      fiscalYear: crs.fiscalYear,
      courseId: crs.id,
      courseTitle: crs.title,
      seq: ses.seq,
      startsAt: ses.startsAt,
      endsAt: ses.endsAt,
      status: enr.status,
    })
    .from(enr)
    .innerJoin(ses, eq(ses.id, enr.courseSessionId))
    .innerJoin(crs, eq(crs.id, enr.courseId))
    .where(eq(enr.employeeId, person.id))
    .orderBy(desc(ses.startsAt), desc(enr.id))
  ).map((r) => ({ ...r, status: r.status as EnrollmentStatus }));
  const years = [...new Set(all.map((r) => r.fiscalYear))].sort((a, b) => b - a);
  return {
    person: { id: person.id, name: person.name, staffNumber: person.staffNumber, rank: person.rank, orgPath: await orgPath(person.orgUnitId) },
    own: viewer.id === person.id,
    years,
    fiscalYear,
    rows: fiscalYear === null ? all : all.filter((r) => r.fiscalYear === fiscalYear),
  };
}

export const HISTORY_CSV_HEADER = ["年度", "研修", "回", "日時", "状況"] as const;

/** The CSV rows of a 受講歴, in the order of the table on screen. */
export function historyCsvRows(rows: readonly TrainingHistoryRow[]): string[][] {
  return rows.map((r) => [fiscalYearLabel(r.fiscalYear), r.courseTitle, `第${r.seq}回`, formatSessionTime(r.startsAt, r.endsAt), STATUS_LABELS[r.status]]);
}

/**
 * 人材育成課's search for a person whose 受講歴 to open (職員番号 or 氏名・カナ, part of it);
 * nobody else may search the staff list here.
 */
export async function searchPeopleForHistory({ viewer, q, limit = 50 }: { viewer: Viewer; q: string; limit?: number }) {
  if (!viewer.roles.includes("hr_dev")) return null;
  const term = q.trim();
  if (term.length === 0) return [];
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // LIKE is case-insensitive (ASCII) on SQLite and case-sensitive on PostgreSQL: ILIKE there,
  // so a 職員番号 typed in lower case finds the same people on both.
  const like = sqlFor({ sqlite: sql.raw("LIKE"), pg: sql.raw("ILIKE") });
  const contains = (column: AnyColumn): SQL => sql`${column} ${like} ${pattern} ESCAPE '\\'`;
  return getDb()
    .select({ id: employees.id, staffNumber: employees.staffNumber, name: employees.name, rank: employees.rank, unit: orgUnits.name })
    .from(employees)
    .leftJoin(orgUnits, eq(orgUnits.id, employees.orgUnitId))
    .where(
      and(
        isNull(employees.disabledAt),
        eq(employees.source, "personnel"),
        or(contains(employees.staffNumber), contains(employees.name), contains(employees.kana)),
      ),
    )
    .orderBy(asc(employees.kana), asc(employees.staffNumber))
    .limit(limit);
}

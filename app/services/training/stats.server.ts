import { getDb } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { ATTENDED_STATUSES, SIGNED_UP_STATUSES } from "./transitions";

// 階層別研修 totals per 年度: the 研修管理 page's summary and the progress page's figures
// (progress-module.server.ts) both read them from here. Breakdowns by tier, 局/区 and the
// rest are the statistics service's, from the module's facts.

export type TrainingStats = {
  fiscalYear: number;
  fiscalYearLabel: string;
  courses: number;
  sessionsPlanned: number;
  /** Sessions that have ended by `now`, not counting those called off (中止). */
  sessionsHeld: number;
  /** Every sign-up made, including later cancelled or returned ones. */
  signUps: number;
  /** Sign-ups that were not cancelled, returned or called off (中止). */
  activeSignUps: number;
  waitlisted: number;
  attended: number;
  completions: number;
  /** Distinct people with at least one 修了. */
  completers: number;
};

export function trainingStats(fiscalYear: number, now: Date = new Date()): TrainingStats {
  const sqlite = getDb().$client;
  const totals = sqlite
    .prepare(
      `SELECT
         (SELECT count(*) FROM training_courses WHERE fiscal_year = @fy) AS courses,
         (SELECT count(*) FROM training_course_sessions s JOIN training_courses c ON c.id = s.course_id WHERE c.fiscal_year = @fy) AS sessionsPlanned,
         (SELECT count(*) FROM training_course_sessions s JOIN training_courses c ON c.id = s.course_id WHERE c.fiscal_year = @fy AND s.ends_at <= @now AND s.status <> 'called_off') AS sessionsHeld`,
    )
    .get({ fy: fiscalYear, now: now.getTime() }) as { courses: number; sessionsPlanned: number; sessionsHeld: number };
  const e = sqlite
    .prepare(
      `SELECT count(*) AS signUps,
         coalesce(sum(CASE WHEN e.status IN (${sqlStatusList(SIGNED_UP_STATUSES)}) THEN 1 ELSE 0 END), 0) AS activeSignUps,
         coalesce(sum(CASE WHEN e.status = 'waitlisted' THEN 1 ELSE 0 END), 0) AS waitlisted,
         coalesce(sum(CASE WHEN e.status IN (${sqlStatusList(ATTENDED_STATUSES)}) THEN 1 ELSE 0 END), 0) AS attended,
         coalesce(sum(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END), 0) AS completions
       FROM training_enrollments e JOIN training_courses c ON c.id = e.course_id
       WHERE c.fiscal_year = ?`,
    )
    .get(fiscalYear) as Pick<TrainingStats, "signUps" | "activeSignUps" | "waitlisted" | "attended" | "completions">;
  // Distinct people over the completed rows only (the index finds them by status): a
  // count(DISTINCT CASE …) over every sign-up of the year cost most of this function.
  const { completers } = sqlite
    .prepare(
      `SELECT count(DISTINCT e.employee_id) AS completers
       FROM training_enrollments e JOIN training_courses c ON c.id = e.course_id
       WHERE c.fiscal_year = ? AND e.status = 'completed'`,
    )
    .get(fiscalYear) as Pick<TrainingStats, "completers">;
  return { fiscalYear, fiscalYearLabel: fiscalYearLabel(fiscalYear), ...totals, ...e, completers };
}

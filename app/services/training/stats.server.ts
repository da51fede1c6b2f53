import { getDb } from "~/db.server";
import { fiscalYearLabel } from "~/lib/fiscal-year";
import { listTiers } from "./store.server";

// 階層別研修 counts per 年度 for the uptake statistics page (進捗管理). The page itself
// belongs to the statistics service; this module is its one source for training figures.
// Sign-ups are counted by the tier and 局/区 recorded when the person signed up.

export type CountRow = { key: string; label: string; signUps: number; active: number; completions: number };

export type TrainingStats = {
  fiscalYear: number;
  fiscalYearLabel: string;
  courses: number;
  sessionsPlanned: number;
  /** Sessions that have ended by `now`. */
  sessionsHeld: number;
  /** Every sign-up made, including later cancelled or returned ones. */
  signUps: number;
  /** Sign-ups that were not cancelled or returned. */
  activeSignUps: number;
  waitlisted: number;
  attended: number;
  completions: number;
  /** Distinct people with at least one 修了. */
  completers: number;
  byTier: CountRow[];
  byBureau: CountRow[];
  byKind: CountRow[];
};

const KIND_LABELS: Record<string, string> = { required: "必修", elective: "選択", optIn: "希望" };

type GroupRow = { key: string | null; signUps: number; active: number; completions: number };

const COUNTS = `count(*) AS signUps,
  sum(CASE WHEN e.status NOT IN ('cancelled', 'rejected') THEN 1 ELSE 0 END) AS active,
  sum(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END) AS completions`;

export function trainingStats(fiscalYear: number, now: Date = new Date()): TrainingStats {
  const sqlite = getDb().$client;
  const totals = sqlite
    .prepare(
      `SELECT
         (SELECT count(*) FROM training_courses WHERE fiscal_year = @fy) AS courses,
         (SELECT count(*) FROM training_course_sessions s JOIN training_courses c ON c.id = s.course_id WHERE c.fiscal_year = @fy) AS sessionsPlanned,
         (SELECT count(*) FROM training_course_sessions s JOIN training_courses c ON c.id = s.course_id WHERE c.fiscal_year = @fy AND s.ends_at <= @now) AS sessionsHeld`,
    )
    .get({ fy: fiscalYear, now: now.getTime() }) as { courses: number; sessionsPlanned: number; sessionsHeld: number };
  const e = sqlite
    .prepare(
      `SELECT count(*) AS signUps,
         coalesce(sum(CASE WHEN e.status NOT IN ('cancelled', 'rejected') THEN 1 ELSE 0 END), 0) AS activeSignUps,
         coalesce(sum(CASE WHEN e.status = 'waitlisted' THEN 1 ELSE 0 END), 0) AS waitlisted,
         coalesce(sum(CASE WHEN e.status IN ('attended', 'completed') THEN 1 ELSE 0 END), 0) AS attended,
         coalesce(sum(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END), 0) AS completions,
         count(DISTINCT CASE WHEN e.status = 'completed' THEN e.employee_id END) AS completers
       FROM training_enrollments e JOIN training_courses c ON c.id = e.course_id
       WHERE c.fiscal_year = ?`,
    )
    .get(fiscalYear) as Pick<TrainingStats, "signUps" | "activeSignUps" | "waitlisted" | "attended" | "completions" | "completers">;

  const tierRows = sqlite
    .prepare(
      `SELECT e.tier_code AS key, ${COUNTS}
       FROM training_enrollments e JOIN training_courses c ON c.id = e.course_id
       WHERE c.fiscal_year = ? GROUP BY e.tier_code`,
    )
    .all(fiscalYear) as GroupRow[];
  const tiers = listTiers({ includeInactive: true });
  const byTier: CountRow[] = [
    ...tiers.map((t) => ({ t, r: tierRows.find((r) => r.key === t.code) })).filter((x) => x.r).map(({ t, r }) => toRow(t.code, t.label, r!)),
    ...tierRows.filter((r) => r.key === null || !tiers.some((t) => t.code === r.key)).map((r) => toRow(r.key ?? "none", r.key ?? "対象階層外（希望制）", r)),
  ];

  const bureauRows = sqlite
    .prepare(
      `WITH RECURSIVE up(unit_id, id, parent_id) AS (
         SELECT id, id, parent_id FROM org_units
         UNION ALL
         SELECT up.unit_id, o.id, o.parent_id FROM org_units o JOIN up ON o.id = up.parent_id
       ),
       bureau_of(unit_id, bureau_id) AS (SELECT unit_id, id FROM up WHERE parent_id IS NULL)
       SELECT CAST(b.bureau_id AS TEXT) AS key, o.name AS label, ${COUNTS}
       FROM training_enrollments e
       JOIN training_courses c ON c.id = e.course_id
       LEFT JOIN bureau_of b ON b.unit_id = e.org_unit_id
       LEFT JOIN org_units o ON o.id = b.bureau_id
       WHERE c.fiscal_year = ?
       GROUP BY b.bureau_id ORDER BY o.code`,
    )
    .all(fiscalYear) as (GroupRow & { label: string | null })[];
  const byBureau = bureauRows.map((r) => toRow(r.key ?? "none", r.label ?? "所属不明", r));

  const kindRows = sqlite
    .prepare(
      `SELECT c.kind AS key, ${COUNTS}
       FROM training_enrollments e JOIN training_courses c ON c.id = e.course_id
       WHERE c.fiscal_year = ? GROUP BY c.kind`,
    )
    .all(fiscalYear) as GroupRow[];
  const byKind = ["required", "elective", "optIn"].flatMap((k) => {
    const r = kindRows.find((x) => x.key === k);
    return r ? [toRow(k, KIND_LABELS[k]!, r)] : [];
  });

  return { fiscalYear, fiscalYearLabel: fiscalYearLabel(fiscalYear), ...totals, ...e, byTier, byBureau, byKind };
}

function toRow(key: string, label: string, r: GroupRow): CountRow {
  return { key, label, signUps: r.signUps, active: r.active ?? 0, completions: r.completions ?? 0 };
}

import { sql } from "drizzle-orm";
import { epochMs } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import type { StatsModule } from "~/services/progress/types";
import { trainingStats } from "./stats.server";
import { ATTENDED_STATUSES, SIGNED_UP_STATUSES } from "./transitions";

/** 階層別研修 for the progress page: sessions held, sign-ups, completions per 年度. */
export const trainingProgressModule: StatsModule = {
  measureKey: "training",
  ownerRoles: [],
  suppression: "personal-dimensions",
  async summary(fiscalYear) {
    const s = await trainingStats(fiscalYear);
    return [
      { label: "実施した研修の回数", unit: "回", value: s.sessionsHeld },
      { label: "申込", unit: "件", value: s.activeSignUps },
      { label: "修了", unit: "件", value: s.completions },
    ];
  },
  facts: {
    query: (fiscalYear) =>
      sql`SELECT e.employee_id AS employee_id, ${epochMs(sql`s.starts_at`)} AS at, e.tier_code AS tier_code, 1 AS signups,
            CASE WHEN e.status IN (${sql.raw(sqlStatusList(ATTENDED_STATUSES))}) THEN 1 ELSE 0 END AS attended,
            CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END AS completions
          FROM training_enrollments e
          JOIN training_course_sessions s ON s.id = e.course_session_id
          JOIN training_courses c ON c.id = e.course_id
          WHERE c.fiscal_year = ${fiscalYear} AND e.status IN (${sql.raw(sqlStatusList(SIGNED_UP_STATUSES))})`,
  },
  metrics: [
    { key: "signups", label: "申込", unit: "count", everyRecord: true },
    { key: "attended", label: "出席", unit: "count", partOf: "signups" },
    { key: "completions", label: "修了", unit: "count", partOf: "attended" },
  ],
  dimensions: [
    {
      key: "tier",
      label: "階層（申込時）",
      sql: "COALESCE((SELECT t.label FROM training_tiers t WHERE t.code = f.tier_code), '対象階層外（希望制）')",
      params: () => [],
      personal: false,
    },
  ],
};

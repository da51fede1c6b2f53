import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { epochMs, getDb, rows, schema } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import type { StatsModule } from "~/services/progress/types";
import { eligibleCount } from "./queries.server";
import { LEVELS, LEVEL_LABELS } from "./rules";
import { APPLIED_STATUSES, FINAL_PASS_STATUSES, OFFERED_CALL_STATUSES } from "./transitions";

// 昇任型公募 for the progress page. Who applied is confidential (decision 501): every
// breakdown is suppressed like the consultation service's, and only level, 局/区, gender
// and age band are offered. A call counts in the 年度 it is for; an application counts once
// submitted and not withdrawn; its 局/区, rank, gender and birth year are those of the day it
// was submitted (snapshotted on the application), not where the person is now.

/** Stages whose passes are reported (a call has at most six; the first three carry the figures). */
const REPORTED_STAGES = [0, 1, 2] as const;

const stagePass = (stage: number) =>
  `(SELECT count(*) FROM promotion_history h WHERE h.application_id = a.id AND h.action IN ('advance', 'pass') AND h.from_stage = ${stage})`;

/** The facts of a 年度, one row per application (written for both engines: no dialect functions). */
const facts = (fiscalYear: number): SQL => sql`SELECT a.applicant_id AS employee_id, a.id AS fact_id, ${epochMs(sql`a.submitted_at`)} AS at, c.level AS level,
    COALESCE(b.name, '所属なし') AS bureau,
    CASE WHEN b.id IS NULL THEN 2000000000 ELSE COALESCE(b.sort_order, 1000000000) END AS bureau_sort,
    COALESCE(a.applicant_rank, '未登録') AS rank, '未登録' AS job_category,
    a.applicant_birth_year AS birth_year, COALESCE(a.applicant_gender, '未登録') AS gender, 1 AS applicants,
    ${sql.raw(REPORTED_STAGES.map((s) => `${stagePass(s)} AS stage${s + 1}_passes`).join(", "))},
    CASE WHEN a.status IN (${sql.raw(sqlStatusList(FINAL_PASS_STATUSES))}) THEN 1 ELSE 0 END AS final_passes,
    CASE WHEN a.status = 'placed' THEN 1 ELSE 0 END AS placements
  FROM promotion_applications a JOIN promotion_calls c ON c.id = a.call_id
  LEFT JOIN org_units b ON b.id = a.applicant_bureau_id
  WHERE c.fiscal_year = ${fiscalYear} AND a.status IN (${sql.raw(sqlStatusList(APPLIED_STATUSES))})`;

/** The headline figures of one 年度. */
export async function promotionSummary(fiscalYear: number) {
  const db = getDb();
  const { promotionCalls: calls, promotionPosts: posts } = schema;
  const offered = await db
    .select()
    .from(calls)
    .where(and(inArray(calls.status, [...OFFERED_CALL_STATUSES]), eq(calls.fiscalYear, fiscalYear)))
    .orderBy(calls.id);
  const ids = offered.map((c) => c.id);
  const placeRows = ids.length ? await db.select({ places: posts.places }).from(posts).where(inArray(posts.callId, ids)) : [];
  const places = placeRows.reduce((n, p) => n + p.places, 0);
  // Quoted aliases: PostgreSQL folds unquoted ones to lower case.
  const [counted] = await rows<{ applicants: number; finalPasses: number; placements: number }>(
    db,
    sql`SELECT count(*) AS applicants, coalesce(sum(final_passes), 0) AS "finalPasses", coalesce(sum(placements), 0) AS placements FROM (${facts(fiscalYear)}) f`,
  );
  let eligible = 0;
  for (const c of offered) eligible += await eligibleCount(c, db);
  return { calls: offered.length, places, eligible, applicants: counted?.applicants ?? 0, finalPasses: counted?.finalPasses ?? 0, placements: counted?.placements ?? 0 };
}

export const promotionStatsModule: StatsModule = {
  measureKey: "promotion",
  ownerRoles: ["hr_personnel"],
  suppression: "always",
  confidential: { dimensions: ["level", "bureau", "gender", "ageBand"] },
  async summary(fiscalYear) {
    const s = await promotionSummary(fiscalYear);
    return [
      { label: "公募", unit: "件", value: s.calls, published: true },
      { label: "募集人数", unit: "人", value: s.places, published: true },
      { label: "応募資格のある職員", unit: "人", value: s.eligible },
      { label: "応募者", unit: "人", value: s.applicants },
      { label: "最終合格", unit: "人", value: s.finalPasses },
      { label: "配置", unit: "人", value: s.placements },
    ];
  },
  facts: { query: facts, snapshotDims: true },
  metrics: [
    { key: "applicants", label: "応募者", unit: "count" },
    ...REPORTED_STAGES.map((s) => ({ key: `stage${s + 1}_passes`, label: `第${s + 1}段階の合格`, unit: "count" as const })),
    { key: "final_passes", label: "最終合格", unit: "count" },
    { key: "placements", label: "配置", unit: "count" },
  ],
  dimensions: [
    {
      key: "level",
      label: "職の段階",
      sql: `CASE f.level ${LEVELS.map((l) => `WHEN '${l}' THEN '${LEVEL_LABELS[l]}'`).join(" ")} ELSE 'その他' END`,
      params: () => [],
      personal: false,
      order: LEVELS.map((l) => LEVEL_LABELS[l]),
    },
  ],
};

import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { epochMs, getDb, rows, schema, sqlFor } from "~/db.server";
import type { StatsModule } from "~/services/progress/types";
import { COUNTED_CYCLE_STATUSES, FORMED_STATUSES } from "./transitions";

// 職員メンター制度 for the progress page. Who is paired with whom is personal: every
// breakdown is suppressed (the one engine, app/services/progress/suppression.ts), and the
// average satisfaction is shown only when enough people answered. A cycle counts in the
// 年度 it is for; a registration counts once registered, a pair once formed (published,
// accepted or added), a meeting on the day it was held. Pairs and meetings count under the
// mentee's org data, registrations under the registrant's.

const { mentorCycles: cycles, mentorRegistrations: regs, mentorPairs: pairs, mentorMeetings: meetings, mentorSurveys: surveys } = schema;

/** The ids of the 年度's counted cycles (a subquery). */
const countedCycles = (fiscalYear: number): SQL =>
  sql`SELECT ${cycles.id} FROM ${cycles} WHERE ${and(eq(cycles.fiscalYear, fiscalYear), inArray(cycles.status, [...COUNTED_CYCLE_STATUSES]))}`;

/** A meeting's day (text YYYY-MM-DD) as the epoch ms of its midnight in Tokyo. */
const heldOnMs = (): SQL =>
  sqlFor({
    sqlite: sql`(unixepoch(${meetings.heldOn}) - 32400) * 1000`,
    pg: sql`((extract(epoch from (${meetings.heldOn})::date) - 32400) * 1000)::bigint`,
  });

const facts = (fiscalYear: number): SQL =>
  sql`SELECT ${regs.employeeId} AS employee_id, ${epochMs(regs.createdAt)} AS at,
      CASE WHEN ${regs.side} = 'mentor' THEN 1 ELSE 0 END AS mentors,
      CASE WHEN ${regs.side} = 'mentee' THEN 1 ELSE 0 END AS mentees,
      0 AS pairs_formed, 0 AS ended_early, 0 AS meetings
    FROM ${regs} WHERE ${regs.status} = 'registered' AND ${regs.cycleId} IN (${countedCycles(fiscalYear)})
  UNION ALL
  SELECT ${pairs.menteeId}, ${epochMs(sql`coalesce(${pairs.startedAt}, ${pairs.createdAt})`)}, 0, 0, 1, CASE WHEN ${pairs.status} = 'ended_early' THEN 1 ELSE 0 END, 0
    FROM ${pairs} WHERE ${inArray(pairs.status, [...FORMED_STATUSES])} AND ${pairs.cycleId} IN (${countedCycles(fiscalYear)})
  UNION ALL
  SELECT ${pairs.menteeId}, ${heldOnMs()}, 0, 0, 0, 0, 1
    FROM ${meetings} JOIN ${pairs} ON ${pairs.id} = ${meetings.pairId} WHERE ${pairs.cycleId} IN (${countedCycles(fiscalYear)})`;

export async function mentorSummary(fiscalYear: number) {
  const db = getDb();
  const [totals] = await rows<{ mentors: number; mentees: number; pairsFormed: number; endedEarly: number; meetings: number }>(
    db,
    sql`SELECT coalesce(sum(mentors), 0) AS mentors, coalesce(sum(mentees), 0) AS mentees, coalesce(sum(pairs_formed), 0) AS "pairsFormed",
              coalesce(sum(ended_early), 0) AS "endedEarly", coalesce(sum(meetings), 0) AS meetings FROM (${facts(fiscalYear)}) AS f`,
  );
  const [survey] = await db
    .select({ n: count(), mean: sql<number | null>`avg(${surveys.score})`.mapWith((v: unknown) => (v === null ? null : Number(v))) })
    .from(surveys)
    .innerJoin(pairs, eq(pairs.id, surveys.pairId))
    .where(sql`${pairs.cycleId} IN (${countedCycles(fiscalYear)})`);
  const [cycleCount] = await db
    .select({ n: count() })
    .from(cycles)
    .where(and(eq(cycles.fiscalYear, fiscalYear), inArray(cycles.status, [...COUNTED_CYCLE_STATUSES])));
  const n = (v: unknown) => Number(v ?? 0);
  const mean = survey?.mean ?? null;
  return {
    cycles: cycleCount!.n,
    mentors: n(totals?.mentors),
    mentees: n(totals?.mentees),
    pairsFormed: n(totals?.pairsFormed),
    endedEarly: n(totals?.endedEarly),
    meetings: n(totals?.meetings),
    respondents: survey?.n ?? 0,
    satisfaction: mean === null ? null : Math.round(mean * 10) / 10,
  };
}

export const mentorStatsModule: StatsModule = {
  measureKey: "mentor",
  ownerRoles: ["hr_personnel"],
  suppression: "always",
  async summary(fiscalYear) {
    const s = await mentorSummary(fiscalYear);
    return [
      { label: "サイクル", unit: "件", value: s.cycles, published: true },
      { label: "メンター登録", unit: "人", value: s.mentors },
      { label: "メンティ登録", unit: "人", value: s.mentees },
      { label: "成立したペア", unit: "組", value: s.pairsFormed },
      { label: "面談", unit: "回", value: s.meetings },
      { label: "途中終了したペア", unit: "組", value: s.endedEarly },
      { label: "満足度の平均（5段階）", unit: "点", value: s.satisfaction ?? 0, basis: s.respondents },
    ];
  },
  facts: { query: facts },
  metrics: [
    { key: "mentors", label: "メンター登録", unit: "count" },
    { key: "mentees", label: "メンティ登録", unit: "count" },
    { key: "pairs_formed", label: "成立したペア", unit: "count" },
    { key: "ended_early", label: "途中終了したペア", unit: "count", partOf: "pairs_formed" },
    { key: "meetings", label: "面談", unit: "count" },
  ],
};

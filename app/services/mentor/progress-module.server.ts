import { getDb } from "~/db.server";
import { sqlStatusList } from "~/services/contract/transitions";
import type { StatsModule } from "~/services/progress/types";
import { COUNTED_CYCLE_STATUSES, FORMED_STATUSES } from "./transitions";

// 職員メンター制度 for the progress page. Who is paired with whom is personal: every
// breakdown is suppressed (the one engine, app/services/progress/suppression.ts), and the
// average satisfaction is shown only when enough people answered. A cycle counts in the
// 年度 it is for; a registration counts once registered, a pair once formed (published,
// accepted or added), a meeting on the day it was held. Pairs and meetings count under the
// mentee's org data, registrations under the registrant's.

const CYCLES = `SELECT id FROM mentor_cycles WHERE fiscal_year = ? AND status IN (${sqlStatusList(COUNTED_CYCLE_STATUSES)})`;
const FORMED = `(${sqlStatusList(FORMED_STATUSES)})`;

const FACTS = `SELECT r.employee_id AS employee_id, r.created_at AS at,
      CASE WHEN r.side = 'mentor' THEN 1 ELSE 0 END AS mentors,
      CASE WHEN r.side = 'mentee' THEN 1 ELSE 0 END AS mentees,
      0 AS pairs_formed, 0 AS ended_early, 0 AS meetings
    FROM mentor_registrations r WHERE r.status = 'registered' AND r.cycle_id IN (${CYCLES})
  UNION ALL
  SELECT p.mentee_id, coalesce(p.started_at, p.created_at), 0, 0, 1, CASE WHEN p.status = 'ended_early' THEN 1 ELSE 0 END, 0
    FROM mentor_pairs p WHERE p.status IN ${FORMED} AND p.cycle_id IN (${CYCLES})
  UNION ALL
  SELECT p.mentee_id, (unixepoch(m.held_on) - 32400) * 1000, 0, 0, 0, 0, 1
    FROM mentor_meetings m JOIN mentor_pairs p ON p.id = m.pair_id WHERE p.cycle_id IN (${CYCLES})`;

export function mentorSummary(fiscalYear: number) {
  const db = getDb().$client;
  const facts = db
    .prepare(
      `SELECT coalesce(sum(mentors), 0) AS mentors, coalesce(sum(mentees), 0) AS mentees, coalesce(sum(pairs_formed), 0) AS pairsFormed,
              coalesce(sum(ended_early), 0) AS endedEarly, coalesce(sum(meetings), 0) AS meetings FROM (${FACTS})`,
    )
    .get(fiscalYear, fiscalYear, fiscalYear) as { mentors: number; mentees: number; pairsFormed: number; endedEarly: number; meetings: number };
  const survey = db
    .prepare(`SELECT count(*) AS n, avg(s.score) AS mean FROM mentor_surveys s JOIN mentor_pairs p ON p.id = s.pair_id WHERE p.cycle_id IN (${CYCLES})`)
    .get(fiscalYear) as { n: number; mean: number | null };
  const cycles = (db.prepare(`SELECT count(*) AS n FROM (${CYCLES})`).get(fiscalYear) as { n: number }).n;
  return { cycles, ...facts, respondents: survey.n, satisfaction: survey.mean === null ? null : Math.round(survey.mean * 10) / 10 };
}

export const mentorStatsModule: StatsModule = {
  measureKey: "mentor",
  ownerRoles: ["hr_personnel"],
  suppression: "always",
  summary(fiscalYear) {
    const s = mentorSummary(fiscalYear);
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
  facts: { sql: FACTS, params: (fiscalYear) => [fiscalYear, fiscalYear, fiscalYear] },
  metrics: [
    { key: "mentors", label: "メンター登録", unit: "count" },
    { key: "mentees", label: "メンティ登録", unit: "count" },
    { key: "pairs_formed", label: "成立したペア", unit: "count" },
    { key: "ended_early", label: "途中終了したペア", unit: "count", partOf: "pairs_formed" },
    { key: "meetings", label: "面談", unit: "count" },
  ],
};

// 職員メンター制度 demo data for 令和8年度 (FY2026), run by 人事課's 高津 健 (100004):
// - one published cycle (registration 4/1–4/30) with mentors and mentees across 局/区;
// - 川崎 花子 (100001) is a mentee, paired with a mentor of another 局, one meeting logged;
// - her supervisor 多摩 一郎 (100002) registered as a mentor; another of his team named only
//   the 部長 above them (another unit, but in the supervisor line) as preferred mentor, so
//   人事課's review says why the preference was not honoured;
// - more mentees than seats, so some stay unmatched with the reason; one pair answered
//   合わない in the fit check and waits for a rematch.
// The rest of the pool is matched by the real engine. Re-runnable: a cycle is keyed on its 年度 and title.
// One immediate() on either engine: every read goes through its tx (the engine's input too).
import { and, eq, ne, sql } from "drizzle-orm";
import { first, immediate, rows, schema, type Tx } from "../app/db.server";
import { proposeMatching, scorePair } from "../app/services/mentor/engine";
import { buildMatchInput, matchPair } from "../app/services/mentor/queries.server";
import { DEFAULT_WEIGHTS } from "../app/services/mentor/rules";
import { DEMO_ACCOUNTS } from "./org";

const FY = 2026;
const TITLE = "令和8年度 職員メンター制度";
const TOPIC_SETS = [
  ["career", "work"],
  ["relations", "work"],
  ["balance", "career"],
  ["specialist", "skills"],
  ["transfer", "career"],
  ["health", "relations"],
];

export function seedMentor(): Promise<{ mentors: number; mentees: number; pairs: number }> {
  return immediate((tx) => seedMentorIn(tx));
}

async function seedMentorIn(db: Tx): Promise<{ mentors: number; mentees: number; pairs: number }> {
  const { employees: emp, mentorCycles } = schema;
  if (await first(db.select({ id: mentorCycles.id }).from(mentorCycles).where(and(eq(mentorCycles.fiscalYear, FY), eq(mentorCycles.title, TITLE))).limit(1))) {
    return { mentors: 0, mentees: 0, pairs: 0 };
  }
  const idOf = async (staffNumber: string) => (await first(db.select({ id: emp.id }).from(emp).where(eq(emp.staffNumber, staffNumber))))!.id;
  const hr = await idOf(DEMO_ACCOUNTS.hrPersonnel.staffNumber);
  const hanako = await idOf(DEMO_ACCOUNTS.employee.staffNumber);
  const boss = await idOf(DEMO_ACCOUNTS.supervisor.staffNumber);
  const demo = Object.values(DEMO_ACCOUNTS).map((a) => `'${a.staffNumber}'`).join(", ");
  const at = (iso: string) => new Date(`${iso}T09:00:00+09:00`);

  const [cycle] = await db
    .insert(schema.mentorCycles)
    .values({
      fiscalYear: FY,
      term: "full",
      title: TITLE,
      opensOn: "2026-04-01",
      closesOn: "2026-04-30",
      menteeEligibility: { maxYearsSinceHire: 10 },
      mentorEligibility: { minRank: "係長", minYearsOfService: 10, requiredCourseTitle: null },
      weights: DEFAULT_WEIGHTS,
      requestResponseDays: 7,
      status: "matching",
      createdBy: hr,
      createdAt: at("2026-03-15"),
      updatedAt: at("2026-03-15"),
    })
    .returning();
  if (!cycle) throw new Error("the mentor cycle was not written");

  // One or two of each 局/区, in a stable order: mentors 係長〜課長 hired by 2016, mentees hired from 2017.
  const spread = async (where: string, perBureau: number, limit: number) =>
    (
      await rows<{ id: string }>(
        db,
        sql`${sql.raw(`WITH RECURSIVE ub(unit_id, bureau_id) AS (SELECT id, id FROM org_units WHERE parent_id IS NULL UNION ALL SELECT o.id, ub.bureau_id FROM org_units o JOIN ub ON o.parent_id = ub.unit_id),
           ranked AS (SELECT e.id, ub.bureau_id, row_number() OVER (PARTITION BY ub.bureau_id ORDER BY e.staff_number) AS n
             FROM employees e JOIN ub ON ub.unit_id = e.org_unit_id
             WHERE e.disabled_at IS NULL AND e.source = 'personnel' AND e.staff_number NOT IN (${demo}) AND ${where})
           SELECT id FROM ranked WHERE n <= `)}${perBureau} ORDER BY n, bureau_id LIMIT ${limit}`,
      )
    ).map((r) => r.id);
  const mentorIds = [boss, ...(await spread("e.rank IN ('係長', '課長補佐', '課長') AND e.hired_on <= '2016-04-01' AND e.supervisor_id IS NOT NULL", 1, 6))];
  const teammate = (
    await first(
      db
        .select({ id: emp.id })
        .from(emp)
        .where(and(eq(emp.supervisorId, boss), ne(emp.id, hanako), sql`${emp.hiredOn} >= '2017-04-01'`))
        .orderBy(emp.staffNumber)
        .limit(1),
    )
  )?.id;
  // The first person up the teammate's supervisor line who sits in another unit (the 部長 or 局長):
  // registered as a mentor and the teammate's only named preference — allowed by the 課 rule,
  // refused by the supervisor-line rule.
  const lineMentor = await (async () => {
    if (!teammate) return undefined;
    const unitOf = async (id: string) => (await first(db.select({ u: emp.orgUnitId, s: emp.supervisorId }).from(emp).where(eq(emp.id, id))))!;
    const own = (await unitOf(teammate)).u;
    let cur = (await unitOf(teammate)).s;
    while (cur && (await unitOf(cur)).u === own) cur = (await unitOf(cur)).s;
    return cur ?? undefined;
  })();
  if (lineMentor && !mentorIds.includes(lineMentor)) mentorIds.push(lineMentor);
  const menteeIds = [hanako, ...(teammate ? [teammate] : []), ...(await spread("e.rank IN ('一般職員', '主任') AND e.hired_on >= '2017-04-01'", 2, 16))].filter(
    (id, i, all) => all.indexOf(id) === i && !mentorIds.includes(id),
  );

  const snap = async (id: string) => (await first(db.select({ orgUnitId: emp.orgUnitId, rank: emp.rank, jobCategory: emp.jobCategory }).from(emp).where(eq(emp.id, id))))!;
  for (const [i, id] of mentorIds.entries()) {
    await db.insert(schema.mentorRegistrations).values({
        cycleId: cycle.id,
        employeeId: id,
        side: "mentor",
        topics: TOPIC_SETS[i % TOPIC_SETS.length]!,
        experience: ["区役所の窓口と地域調整", "本庁の予算・企画", "福祉の現場と相談支援", "土木・建築の技術職", "人事・研修の企画"][i % 5]!,
        capacity: (i % 3) + 1,
        available: true,
        freeText: i % 2 === 0 ? "育児をしながら係長になりました。両立の話もできます。" : "",
        ...(await snap(id)),
        createdAt: at("2026-04-10"),
        updatedAt: at("2026-04-10"),
      });
  }
  for (const [i, id] of menteeIds.entries()) {
    await db.insert(schema.mentorRegistrations).values({
        cycleId: cycle.id,
        employeeId: id,
        side: "mentee",
        topics: id === hanako ? ["career", "balance"] : TOPIC_SETS[(i + 2) % TOPIC_SETS.length]!,
        worries: id === hanako ? "主任になり、今後のキャリアと子育ての両立に悩んでいます。" : "異動してきたばかりで、仕事の進め方に不安があります。",
        prefersOtherBureau: i % 2 === 0,
        prefersSameJobCategory: i % 3 === 0,
        preferredMentorIds: id === teammate && lineMentor ? [lineMentor] : [],
        ...(await snap(id)),
        createdAt: at("2026-04-15"),
        updatedAt: at("2026-04-15"),
      });
  }

  const history = async (subject: "cycle" | "pair", subjectId: number, action: string, from: string | null, to: string, when: Date, comment: string | null = null) => {
    await db.insert(schema.mentorHistory).values({ cycleId: cycle.id, subject, subjectId, action, fromStatus: from, toStatus: to, actorId: hr, comment, at: when });
  };
  await history("cycle", cycle.id, "create", null, "draft", at("2026-03-15"));
  await history("cycle", cycle.id, "open", "draft", "open", at("2026-04-01"));
  await history("cycle", cycle.id, "start_matching", "open", "matching", at("2026-05-01"));

  // 100001 with her mentor, then the engine for everyone else.
  const published = at("2026-05-15");
  const insertPair = async (menteeId: string, mentorId: string, score: number, terms: { kind: string; label: string; points: number }[]) => {
    const [row] = await db
      .insert(schema.mentorPairs)
      .values({ cycleId: cycle.id, menteeId, mentorId, status: "active", source: "matching", score, terms, startedAt: published, createdAt: at("2026-05-08"), updatedAt: published })
      .returning();
    await history("pair", row!.id, "propose", null, "proposed", at("2026-05-08"));
    await history("pair", row!.id, "publish", "proposed", "active", published);
    return row!;
  };
  // 100001's mentor: the first registered mentor of another 局 outside her supervisor line.
  let hanakoPairId: number | null = null;
  let allowed: string | undefined;
  for (const m of mentorIds.slice(1)) {
    const p = await matchPair(db, cycle, hanako, m);
    if (p && p.mentee.bureauId !== p.mentor.bureauId && !p.mentee.supervisorLine.includes(p.mentor.employeeId)) {
      allowed = m;
      break;
    }
  }
  if (allowed) {
    const p = (await matchPair(db, cycle, hanako, allowed))!;
    const s = scorePair(p.mentee, p.mentor, cycle.weights);
    hanakoPairId = (await insertPair(hanako, allowed, s.score, [...s.terms])).id;
  }
  const { input, numbers } = await buildMatchInput(db, cycle);
  const proposal = await proposeMatching(input);
  const pairIds: number[] = [];
  for (const p of proposal.pairs) pairIds.push((await insertPair(numbers.id(p.menteeId), numbers.id(p.mentorId), p.score, [...p.terms])).id);
  await db
    .update(schema.mentorCycles)
    .set({
      status: "published",
      publishedAt: published,
      version: 2,
      proposal: { ranAt: at("2026-05-08").getTime(), totalScore: proposal.totalScore, unmatched: proposal.unmatched.map((u) => ({ menteeId: numbers.id(u.menteeId), reason: u.reason, message: u.message })) },
    })
    .where(eq(schema.mentorCycles.id, cycle.id));
  await history("cycle", cycle.id, "run_matching", "matching", "matching", at("2026-05-08"));
  await history("cycle", cycle.id, "publish", "matching", "published", published);

  // 100001's first meeting; and one other pair said 合わない after theirs.
  if (hanakoPairId) {
    await db.insert(schema.mentorMeetings).values({ pairId: hanakoPairId, heldOn: "2026-06-10", minutes: 60, mode: "in_person", loggedBy: hanako, createdAt: at("2026-06-10") });
  }
  const menteeOf = async (pairId: number) =>
    (await first(db.select({ menteeId: schema.mentorPairs.menteeId }).from(schema.mentorPairs).where(eq(schema.mentorPairs.id, pairId))))!.menteeId;
  const poor = pairIds[0];
  if (poor) {
    await db.insert(schema.mentorMeetings).values({ pairId: poor, heldOn: "2026-06-03", minutes: 30, mode: "online", loggedBy: await menteeOf(poor), createdAt: at("2026-06-03") });
    await db.update(schema.mentorPairs).set({ menteeFit: "poor", needsRematch: true }).where(eq(schema.mentorPairs.id, poor));
    await history("pair", poor, "fit_poor", "active", "active", at("2026-06-03"));
  }
  for (const id of pairIds.slice(1, 7)) {
    await db.insert(schema.mentorMeetings).values({ pairId: id, heldOn: "2026-06-20", minutes: 45, mode: "online", loggedBy: await menteeOf(id), createdAt: at("2026-06-20") });
  }
  return { mentors: mentorIds.length, mentees: menteeIds.length, pairs: pairIds.length + (hanakoPairId ? 1 : 0) };
}

// Arranging mentor programme data for unit tests (each test file has its own fresh DB).
import { randomUUID } from "node:crypto";
import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import { getDb, immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import type { Actor } from "~/services/contract/actor";
import { askMentor, createCycle, registerMentee, registerMentor, transitionCycle } from "./mutations.server";
import { loadCycle } from "./queries.server";
import { cycleSchema, menteeRegistrationSchema, mentorRegistrationSchema, type CycleFormInput } from "./schemas";

/** "Now" in the tests: 2026-05-15 12:00 in Tokyo, 令和8年度, inside the window below. */
export const NOW = jstDate(2026, 5, 15, 12, 0);

/** A fresh 局 with `sections` 課 under it (each test builds its own org). */
export async function bureau(name = "中原区役所", sections = 3): Promise<number[]> {
  return immediate(async (tx) => {
    const [b] = await tx.insert(schema.orgUnits).values({ code: `B-${randomUUID()}`, name, kind: "bureau" }).returning();
    const ids: number[] = [];
    for (let i = 0; i < sections; i++) {
      const [s] = await tx.insert(schema.orgUnits).values({ code: `S-${randomUUID()}`, name: `第${i + 1}課`, kind: "section", parentId: b!.id }).returning();
      ids.push(s!.id);
    }
    return ids;
  });
}

let counter = 0;
export async function person(opts: { unit: number; rank?: string; hiredOn?: string; supervisorId?: string | null; jobCategory?: string; roles?: Role[] }): Promise<Actor> {
  const id = randomUUID();
  counter++;
  const n = counter;
  const rank = opts.rank ?? "一般職員";
  await immediate((tx) =>
    tx.insert(schema.employees).values({
      id,
      staffNumber: `M${String(n).padStart(6, "0")}-${id.slice(0, 4)}`,
      name: `試験 ${n}`,
      kana: "シケン",
      orgUnitId: opts.unit,
      rank,
      jobCategory: opts.jobCategory ?? "行政事務",
      employmentType: "正規",
      hiredOn: opts.hiredOn ?? (rank === "一般職員" ? "2025-04-01" : "2005-04-01"),
      rankSince: "2020-04-01",
      birthYear: 1985,
      supervisorId: opts.supervisorId ?? null,
    }),
  );
  const roles: Role[] = ["employee", ...(opts.roles ?? [])];
  const viewer: Viewer = { id, staffNumber: id, name: `試験 ${n}`, kana: "シケン", rank, orgUnitId: opts.unit, orgPath: null, roles };
  return { viewer, ip: "127.0.0.1" };
}

export function hrPerson(unit: number): Promise<Actor> {
  return person({ unit, rank: "主任", roles: ["hr_personnel"] });
}

export function cycleForm(overrides: Record<string, unknown> = {}): CycleFormInput {
  return cycleSchema.parse({
    fiscalYear: "2026",
    term: "full",
    title: "令和8年度 職員メンター制度",
    opensOn: "2026-05-01",
    closesOn: "2026-05-31",
    menteeRule: "years",
    maxYearsSinceHire: "3",
    minRank: "係長",
    minYearsOfService: "10",
    requiredCourseTitle: "",
    topicWeight: "10",
    sameJobCategoryWeight: "5",
    preference1: "30",
    preference2: "20",
    preference3: "10",
    preferredAttributeWeight: "5",
    requestResponseDays: "7",
    ...overrides,
  });
}

/** An open cycle (by a fresh 人事課 person); returns its id and that person. */
export async function openCycle(overrides: Record<string, unknown> = {}) {
  const [unit] = await bureau("総務企画局", 1);
  const hr = await hrPerson(unit!);
  const created = await createCycle(hr, cycleForm(overrides), NOW);
  if (!created.ok) throw created.refusal;
  const opened = await transitionCycle(hr, created.id, "open", 1, NOW);
  if (!opened.ok) throw opened.refusal;
  return { cycleId: created.id, hr };
}

export async function version(cycleId: number): Promise<number> {
  return (await loadCycle(getDb(), cycleId))!.version;
}

export async function asMentor(actor: Actor, cycleId: number, overrides: Record<string, unknown> = {}) {
  const r = await registerMentor(actor, cycleId, mentorRegistrationSchema.parse({ experience: "区役所と本庁の企画", topics: ["career", "work"], capacity: "1", available: "on", ...overrides }), NOW);
  if (!r.ok) throw r.refusal;
  return r.id;
}

export async function asMentee(actor: Actor, cycleId: number, overrides: Record<string, unknown> = {}) {
  const r = await registerMentee(actor, cycleId, menteeRegistrationSchema.parse({ worries: "今後のキャリアが不安です", topics: ["career"], ...overrides }), NOW);
  if (!r.ok) throw r.refusal;
  return r.id;
}

/** `n` mentees, each in a 課 of their own (no hard rule between them and the mentors). */
export async function menteesApart(n: number): Promise<Actor[]> {
  const units = await bureau("並行局", n);
  const list: Actor[] = [];
  for (const u of units) list.push(await person({ unit: u }));
  return list;
}

/** A 課長 in a 局 of their own, and the capacity their registration form will say. */
export async function mentorOf(capacity: number): Promise<{ actor: Actor; capacity: string }> {
  const [u] = await bureau("指導局", 1);
  return { actor: await person({ unit: u!, rank: "課長" }), capacity: String(capacity) };
}

/** Each of `people` registers as a mentee of the cycle and asks `mentorId` directly; the request ids. */
export async function requestsTo(mentorId: string, cycleId: number, people: Actor[]): Promise<number[]> {
  const asked: number[] = [];
  for (const p of people) {
    await asMentee(p, cycleId);
    const r = await askMentor(p, cycleId, { mentorId, message: "" }, NOW);
    if (!r.ok) throw r.refusal;
    asked.push(r.id);
  }
  return asked;
}

// Arranging mentor programme data for unit tests (each test file has its own fresh DB).
import { randomUUID } from "node:crypto";
import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import { getDb, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import type { Actor } from "~/services/contract/actor";
import { createCycle, registerMentee, registerMentor, transitionCycle } from "./mutations.server";
import { loadCycle } from "./queries.server";
import { cycleSchema, menteeRegistrationSchema, mentorRegistrationSchema, type CycleFormInput } from "./schemas";

/** "Now" in the tests: 2026-05-15 12:00 in Tokyo, 令和8年度, inside the window below. */
export const NOW = jstDate(2026, 5, 15, 12, 0);

/** A fresh 局 with `sections` 課 under it (each test builds its own org). */
export function bureau(name = "中原区役所", sections = 3): number[] {
  const db = getDb();
  const b = db.insert(schema.orgUnits).values({ code: `B-${randomUUID()}`, name, kind: "bureau" }).returning().get();
  return Array.from({ length: sections }, (_, i) =>
    db.insert(schema.orgUnits).values({ code: `S-${randomUUID()}`, name: `第${i + 1}課`, kind: "section", parentId: b.id }).returning().get().id,
  );
}

let counter = 0;
export function person(opts: { unit: number; rank?: string; hiredOn?: string; supervisorId?: string | null; jobCategory?: string; roles?: Role[] }): Actor {
  const id = randomUUID();
  counter++;
  const rank = opts.rank ?? "一般職員";
  getDb()
    .insert(schema.employees)
    .values({
      id,
      staffNumber: `M${String(counter).padStart(6, "0")}-${id.slice(0, 4)}`,
      name: `試験 ${counter}`,
      kana: "シケン",
      orgUnitId: opts.unit,
      rank,
      jobCategory: opts.jobCategory ?? "行政事務",
      employmentType: "正規",
      hiredOn: opts.hiredOn ?? (rank === "一般職員" ? "2025-04-01" : "2005-04-01"),
      rankSince: "2020-04-01",
      birthYear: 1985,
      supervisorId: opts.supervisorId ?? null,
    })
    .run();
  const roles: Role[] = ["employee", ...(opts.roles ?? [])];
  const viewer: Viewer = { id, staffNumber: id, name: `試験 ${counter}`, kana: "シケン", rank, orgUnitId: opts.unit, orgPath: null, roles };
  return { viewer, ip: "127.0.0.1" };
}

export function hrPerson(unit: number): Actor {
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
export function openCycle(overrides: Record<string, unknown> = {}) {
  const [unit] = bureau("総務企画局", 1);
  const hr = hrPerson(unit!);
  const created = createCycle(hr, cycleForm(overrides), NOW);
  if (!created.ok) throw created.refusal;
  const opened = transitionCycle(hr, created.id, "open", 1, NOW);
  if (!opened.ok) throw opened.refusal;
  return { cycleId: created.id, hr };
}

export function version(cycleId: number): number {
  return loadCycle(getDb(), cycleId)!.version;
}

export function asMentor(actor: Actor, cycleId: number, overrides: Record<string, unknown> = {}) {
  const r = registerMentor(actor, cycleId, mentorRegistrationSchema.parse({ experience: "区役所と本庁の企画", topics: ["career", "work"], capacity: "1", available: "on", ...overrides }), NOW);
  if (!r.ok) throw r.refusal;
  return r.id;
}

export function asMentee(actor: Actor, cycleId: number, overrides: Record<string, unknown> = {}) {
  const r = registerMentee(actor, cycleId, menteeRegistrationSchema.parse({ worries: "今後のキャリアが不安です", topics: ["career"], ...overrides }), NOW);
  if (!r.ok) throw r.refusal;
  return r.id;
}

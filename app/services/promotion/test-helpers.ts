// Arranging 昇任型公募 data for unit tests (each test file has its own fresh DB).
import { randomUUID } from "node:crypto";
import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import { immediate, schema } from "~/db.server";
import { jstDate } from "~/lib/fiscal-year";
import type { Actor } from "~/services/contract/actor";
import { createCall, transitionCall } from "./mutations.server";
import { callSchema, type CallFormInput } from "./schemas";

/** "Now" in the tests: 2026-12-01 12:00 in Tokyo, 令和8年度, inside the window below. */
export const NOW = jstDate(2026, 12, 1, 12, 0);

let unit: number | undefined;
export async function orgUnit(): Promise<number> {
  if (unit !== undefined) return unit;
  unit = await immediate(async (tx) => {
    const [b] = await tx.insert(schema.orgUnits).values({ code: `B-${randomUUID()}`, name: "中原区役所", kind: "bureau" }).returning();
    const [s] = await tx.insert(schema.orgUnits).values({ code: `S-${randomUUID()}`, name: "地域支援課", kind: "section", parentId: b!.id }).returning();
    return s!.id;
  });
  return unit;
}

let counter = 0;
export async function person(opts: { rank?: string; rankSince?: string; supervisorId?: string | null; roles?: Role[]; workStatus?: string | null } = {}): Promise<Actor> {
  const id = randomUUID();
  counter++;
  const n = counter;
  const orgUnitId = await orgUnit();
  await immediate(async (tx) => {
    await tx.insert(schema.employees).values({
      id,
      staffNumber: `P${String(n).padStart(6, "0")}-${id.slice(0, 4)}`,
      name: `試験 ${n}`,
      kana: "シケン",
      orgUnitId,
      rank: opts.rank ?? "主任",
      employmentType: "正規",
      hiredOn: "2012-04-01",
      rankSince: opts.rankSince ?? "2020-04-01",
      birthYear: 1988,
      workStatus: opts.workStatus ?? "在職",
      supervisorId: opts.supervisorId ?? null,
    });
  });
  const roles: Role[] = ["employee", ...(opts.roles ?? [])];
  const viewer: Viewer = { id, staffNumber: id, name: `試験 ${n}`, kana: "シケン", rank: opts.rank ?? "主任", orgUnitId, orgPath: null, roles };
  return { viewer, ip: "127.0.0.1" };
}

/** The three texts of an application form, filled in. */
export const APPLICATION_TEXT = { motivation: "志望", careerPlan: "計画", selfPr: "PR" };

/** The form of a call as 人事課 would post it. */
export async function callForm(overrides: Record<string, unknown> = {}): Promise<CallFormInput> {
  const raw = {
    fiscalYear: "2026",
    title: "係長級 昇任型公募",
    level: "kakaricho",
    referenceDate: "2027-04-01",
    opensOn: "2026-11-16",
    closesOn: "2026-12-15",
    ranks: ["主任"],
    minYearsInRank: "3",
    deductedLeave: { 休職: "full", 停職: "full", 育児休業: "half", 介護休暇: "count", 派遣: "count" },
    excludedWorkStatuses: ["休職", "停職", "育児休業", "派遣"],
    excludedEmploymentTypes: ["任期付", "会計年度任用"],
    probationMonths: "6",
    opinionRequired: "on",
    opinionDueOn: "2026-12-22",
    stages: "書類選考\n面接\n最終選考",
    motivationLimit: "400",
    careerPlanLimit: "400",
    selfPrLimit: "400",
    posts: [{ orgUnitId: String(await orgUnit()), duties: "地域の防災計画", places: "2" }],
    ...overrides,
  };
  return callSchema.parse(raw);
}

/** A published call (by a fresh 人事課 person); returns its id and that person. */
export async function publishedCall(overrides: Record<string, unknown> = {}) {
  const hr = await person({ roles: ["hr_personnel"] });
  const created = await createCall(hr, await callForm(overrides), NOW);
  if (!created.ok) throw created.refusal;
  const published = await transitionCall(hr, created.id, "publish", 1, NOW);
  if (!published.ok) throw published.refusal;
  return { callId: created.id, hr };
}

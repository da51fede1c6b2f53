import { parseWithZod } from "@conform-to/zod/v4";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { toJstLocalInput } from "./time";
import { copyCatalogue, createCourse, createSession, listCatalogue, listElectiveRules, saveElectiveRules, updateCourse } from "./catalogue.server";
import { courseFormSchema, sessionFormSchema } from "./schemas";
import { courseTierCodes } from "./tiers.server";
import { NOW, makeEmployee, seedTiers } from "./test-helpers";

beforeAll(seedTiers);

function errorsOf(submission: { status?: string; error?: unknown }): Record<string, string[] | null> {
  return submission.status === "error" ? ((submission.error ?? {}) as Record<string, string[] | null>) : {};
}

function form(entries: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return fd;
}

const goodSession = {
  fiscalYear: "2026",
  date: "2027-01-20",
  startTime: "13:30",
  endTime: "17:00",
  venue: "",
  online: "on",
  capacity: "40",
  signupOpensAt: "2026-12-01T09:00",
  signupClosesAt: "2027-01-10T17:00",
  cancelDeadline: "2027-01-13T17:00",
  status: "open",
};

describe("course and session forms", () => {
  it("parses a course form; required and elective courses need a tier", async () => {
    const ok = parseWithZod(form({ fiscalYear: "2026", title: " 生成AI活用 ", kind: "elective", needsApproval: "on", tierCodes: ["new_kakaricho", "new_shunin"] }), { schema: courseFormSchema });
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value).toMatchObject({ title: "生成AI活用", description: "", needsApproval: true, tierCodes: ["new_kakaricho", "new_shunin"], lotteryApproval: "after" as const, lotteryPriorities: [] });
    const bad = parseWithZod(form({ fiscalYear: "2026", title: "", kind: "required" }), { schema: courseFormSchema });
    expect(bad.status).toBe("error");
    expect(errorsOf(bad).title).toEqual(["研修名を入力してください。"]);
    expect(errorsOf(bad).tierCodes).toEqual(["必修・選択の研修には対象の階層を1つ以上選んでください。"]);
  });

  it("refuses extra fields rather than ignoring them", async () => {
    const r = parseWithZod(form({ fiscalYear: "2026", title: "x", kind: "optIn", id: "5" }), { schema: courseFormSchema });
    expect(r.status).toBe("error");
  });

  it("checks session times in Tokyo: order, window before start, inside the 年度", async () => {
    expect(parseWithZod(form(goodSession), { schema: sessionFormSchema }).status).toBe("success");
    const errs = (over: Record<string, string>) => errorsOf(parseWithZod(form({ ...goodSession, ...over }), { schema: sessionFormSchema }));
    expect(errs({ endTime: "13:00" }).endTime).toEqual(["終了時刻は開始時刻より後にしてください。"]);
    expect(errs({ signupClosesAt: "2027-01-20T14:00" }).signupClosesAt).toEqual(["申込締切は研修の開始より前にしてください。"]);
    expect(errs({ cancelDeadline: "2027-01-21T09:00" }).cancelDeadline).toEqual(["キャンセル期限は研修の開始より前にしてください。"]);
    expect(errs({ date: "2027-04-01" }).date?.[0]).toMatch(/年度/);
    expect(errs({ date: "2027-02-30" }).date).toEqual(["日付を正しく入力してください。"]);
    expect(errs({ online: "", venue: "" }).venue).toEqual(["会場を入力するか、オンラインを選んでください。"]);
    expect(errs({ capacity: "0" }).capacity).toEqual(["定員は1以上にしてください。"]);
    expect(errs({ capacity: "abc" }).capacity).toBeTruthy();
  });
});

describe("catalogue", () => {
  it("creates and edits a course with its tiers; titles are unique within a 年度", async () => {
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    const v = { fiscalYear: 2026, title: "政策法務", description: "", kind: "elective" as const, needsApproval: true, tierCodes: ["new_kakaricho"], lotteryApproval: "after" as const, lotteryPriorities: [] };
    const r = await createCourse(hr, v, NOW);
    if (!r.ok) throw r.refusal;
    expect(await createCourse(hr, v, NOW)).toMatchObject({ ok: false, refusal: { field: "title" } });
    expect(await createCourse(hr, { ...v, tierCodes: ["nope"] }, NOW)).toMatchObject({ ok: false, refusal: { field: "tierCodes" } });
    expect((await updateCourse(hr, r.courseId, { ...v, tierCodes: ["new_kakaricho", "new_kachohosa"] }, NOW)).ok).toBe(true);
    expect((await courseTierCodes(getDb(), r.courseId)).sort()).toEqual(["new_kachohosa", "new_kakaricho"]);
  });

  it("copies last 年度's catalogue once: courses, tiers, sessions a year later (closed), rules", async () => {
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    const c = await createCourse(hr, { fiscalYear: 2030, title: "ファシリテーション", description: "d", kind: "elective", needsApproval: true, tierCodes: ["new_kakaricho"], lotteryApproval: "after" as const, lotteryPriorities: [] }, NOW);
    if (!c.ok) throw new Error();
    const parsed = parseWithZod(form({ ...goodSession, fiscalYear: "2030", date: "2030-06-10", signupOpensAt: "2030-05-01T09:00", signupClosesAt: "2030-05-31T17:00", cancelDeadline: "2030-06-03T17:00" }), { schema: sessionFormSchema });
    if (parsed.status !== "success") throw new Error(JSON.stringify(parsed.error));
    expect((await createSession(hr, c.courseId, parsed.value, NOW)).ok).toBe(true);
    await saveElectiveRules(hr, 2030, [{ tierCode: "new_kakaricho", minElectives: 2 }], NOW);

    expect(await copyCatalogue(hr, 2030, 2031, NOW)).toEqual({ courses: 1, sessions: 1, electiveRules: 1 });
    expect(await copyCatalogue(hr, 2030, 2031, NOW)).toEqual({ courses: 0, sessions: 0, electiveRules: 0 });
    const next = await listCatalogue(2031);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ title: "ファシリテーション", kind: "elective", needsApproval: true, tierCodes: ["new_kakaricho"], sessionCount: 1, openSessions: 0 });
    const s = (await getDb().select().from(schema.trainingCourseSessions)).find((x) => x.courseId === next[0]!.id)!;
    expect(toJstLocalInput(s.startsAt)).toBe("2031-06-10T13:30");
    expect(s.status).toBe("closed");
    expect((await listElectiveRules(2031)).find((r) => r.tierCode === "new_kakaricho")).toMatchObject({ minElectives: 2, electiveCourses: 1 });
  });

  it("elective rules: a number sets the rule, blank removes it", async () => {
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    await saveElectiveRules(hr, 2032, [{ tierCode: "new_shunin", minElectives: 1 }], NOW);
    expect((await listElectiveRules(2032)).find((r) => r.tierCode === "new_shunin")?.minElectives).toBe(1);
    await saveElectiveRules(hr, 2032, [{ tierCode: "new_shunin", minElectives: undefined }], NOW);
    expect((await listElectiveRules(2032)).find((r) => r.tierCode === "new_shunin")?.minElectives).toBeNull();
    expect((await saveElectiveRules(hr, 2032, [{ tierCode: "nope", minElectives: 1 }], NOW)).ok).toBe(false);
  });
});

describe("only 人材育成課 changes the catalogue, whoever calls the service", () => {
  it("an employee, a supervisor or 人事課 is refused as forbidden and nothing is written", async () => {
    const hr = await makeEmployee({ roles: ["hr_dev"] });
    const v = { fiscalYear: 2033, title: "権限の確認", description: "", kind: "elective" as const, needsApproval: false, tierCodes: ["new_kakaricho"], lotteryApproval: "after" as const, lotteryPriorities: [] };
    const made = await createCourse(hr, v, NOW);
    if (!made.ok) throw made.refusal;
    for (const roles of [[], ["supervisor"], ["hr_personnel"]] as const) {
      const other = await makeEmployee({ roles: [...roles] });
      const reason = (r: { ok: boolean; refusal?: { reason: string } }) => (r.ok ? "ok" : r.refusal?.reason);
      expect(reason(await createCourse(other, { ...v, title: `別の研修${roles.length}` }, NOW))).toBe("forbidden");
      expect(reason(await updateCourse(other, made.courseId, { ...v, title: "書き換え" }, NOW))).toBe("forbidden");
      expect(reason(await saveElectiveRules(other, 2033, [{ tierCode: "new_kakaricho", minElectives: 9 }], NOW))).toBe("forbidden");
    }
    expect((await getDb().select().from(schema.trainingCourses).where(eq(schema.trainingCourses.fiscalYear, 2033))).map((c) => c.title)).toEqual(["権限の確認"]);
  });
});

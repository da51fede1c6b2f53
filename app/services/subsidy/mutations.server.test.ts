// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { first, getDb, schema } from "~/db.server";
import type { Actor } from "~/services/contract/actor";
import { listForManage, manageFilterOptions } from "./manage-queries.server";
import { saveApplication, transitionApplication, removeFile } from "./mutations.server";
import { budgetFigures, getApplication, getFileForDownload, listMyApplications, listWaitingForSupervisor } from "./queries.server";
import { NOW, PDF_BYTES, PNG_BYTES, formValue, grant, makeCertification, makeEmployee, makeOrg, makeScheme, viewerOf } from "./test-helpers";
import type { SubsidyCapacity } from "./transitions";
import { uploadDir, type CheckedUpload } from "./uploads.server";

const { subsidyApplications: apps, subsidyHistory: hist, auditLog, notifications } = schema;

const receipt = (): CheckedUpload => ({ kind: "receipt", originalName: "領収書.pdf", mime: "application/pdf", bytes: PDF_BYTES });
const proof = (): CheckedUpload => ({ kind: "proof", originalName: "合格証.png", mime: "image/png", bytes: PNG_BYTES });

let certId: number;
let firstBureau: number;
let people: { applicant: string; supervisor: string; colleague: string; otherBoss: string; hr: string; temp: string };
const actor = async (id: string): Promise<Actor> => ({ viewer: await viewerOf(id), ip: "127.0.0.1" });

beforeAll(async () => {
  const { sectionId, bureauId } = await makeOrg();
  firstBureau = bureauId;
  const supervisor = await makeEmployee({ orgUnitId: sectionId, rank: "課長", name: "上司 一郎" });
  const otherBoss = await makeEmployee({ orgUnitId: sectionId, rank: "係長" });
  people = {
    supervisor,
    otherBoss,
    applicant: await makeEmployee({ orgUnitId: sectionId, supervisorId: supervisor, name: "申請 花子" }),
    colleague: await makeEmployee({ orgUnitId: sectionId, supervisorId: otherBoss }),
    hr: await makeEmployee({ orgUnitId: sectionId }),
    temp: await makeEmployee({ orgUnitId: sectionId, supervisorId: supervisor, employmentType: "会計年度任用" }),
  };
  await grant(people.hr, "hr_dev");
  await makeScheme(2026);
  certId = await makeCertification({ ratePercent: 50, capPerApplication: 50_000 });
});

async function submitNew(applicant: string, examCost = 7_500): Promise<string> {
  const r = await saveApplication({ actor: await actor(applicant), intent: "submit", value: formValue(certId, { intent: "submit", examCost }), uploads: [receipt(), proof()], now: NOW });
  if (!r.ok) throw new Error(r.refusal.message);
  return r.id;
}

async function row(id: string) {
  const r = await first(getDb().select().from(apps).where(eq(apps.id, id)));
  if (!r) throw new Error("missing");
  return r;
}

async function move(id: string, by: string, as: SubsidyCapacity, to: Parameters<typeof transitionApplication>[0]["to"], comment?: string) {
  return await transitionApplication({ actor: await actor(by), id, as, to, version: (await row(id)).version, comment, now: NOW });
}

describe("the whole flow", () => {
  it("draft → 申請中 → 所属長確認済 → 交付決定 → 支払済, with history, audit and notices", async () => {
    const draft = await saveApplication({ actor: await actor(people.applicant), intent: "save", value: formValue(certId), uploads: [receipt()], now: NOW });
    expect(draft).toMatchObject({ ok: true, status: "draft" });
    if (!draft.ok) return;
    expect(await row(draft.id)).toMatchObject({ status: "draft", amount: 3_000, submittedAt: null });

    // Submitting without the proof of pass is refused at that field, and nothing changes.
    const early = await transitionApplication({ actor: await actor(people.applicant), id: draft.id, as: "applicant", to: "submitted", version: (await row(draft.id)).version, now: NOW });
    expect(early).toMatchObject({ ok: false, refusal: { field: "proof" } });
    expect((await row(draft.id)).status).toBe("draft");

    const submitted = await saveApplication({
      actor: await actor(people.applicant),
      id: draft.id,
      version: (await row(draft.id)).version,
      intent: "submit",
      value: formValue(certId, { intent: "submit", examCost: 15_000, registrationCost: 9_800 }),
      uploads: [proof()],
      now: NOW,
    });
    expect(submitted).toMatchObject({ ok: true, status: "submitted" });
    // (15,000 + 9,800) × 50% = 12,400 → 12,000 after dropping amounts below ¥1,000.
    expect(await row(draft.id)).toMatchObject({ status: "submitted", amount: 12_000, fiscalYear: 2026, applicantRank: "主任" });
    expect((await listWaitingForSupervisor(await viewerOf(people.supervisor))).map((a) => a.id)).toContain(draft.id);

    expect(await move(draft.id, people.supervisor, "supervisor", "supervisor_confirmed")).toEqual({ ok: true, status: "supervisor_confirmed" });
    expect(await move(draft.id, people.hr, "hr_dev", "approved")).toEqual({ ok: true, status: "approved" });
    expect(await budgetFigures(getDb(), 2026)).toMatchObject({ committed: 12_000, used: 0, left: 3_000_000 - 12_000 });
    expect(await move(draft.id, people.hr, "hr_dev", "paid")).toEqual({ ok: true, status: "paid" });
    expect(await budgetFigures(getDb(), 2026)).toMatchObject({ committed: 0, used: 12_000 });

    const history = await getDb().select().from(hist).where(eq(hist.applicationId, draft.id));
    expect(history.map((h) => `${h.fromStatus ?? "-"}>${h.toStatus}:${h.actorRole}`)).toEqual([
      "->draft:applicant",
      "draft>submitted:applicant",
      "submitted>supervisor_confirmed:supervisor",
      "supervisor_confirmed>approved:hr_dev",
      "approved>paid:hr_dev",
    ]);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.target, `subsidy_application:${draft.id}`));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["subsidy.submitted", "subsidy.supervisor_confirmed", "subsidy.approved", "subsidy.paid"]));
    const notes = await getDb().select().from(notifications).where(eq(notifications.recipientId, people.applicant));
    expect(notes.filter((n) => n.link === `/subsidy/${draft.id}`).length).toBeGreaterThanOrEqual(4);
    expect((await getDb().select().from(notifications).where(eq(notifications.recipientId, people.supervisor))).some((n) => n.link === `/subsidy/review/${draft.id}`)).toBe(true);
  });

  it("an application submitted without a draft first has one history row, the submission (not 作成 → 下書き)", async () => {
    const id = await submitNew(people.applicant);
    const history = await getDb().select().from(hist).where(eq(hist.applicationId, id));
    expect(history.map((h) => `${h.fromStatus ?? "-"}>${h.toStatus}:${h.actorRole}`)).toEqual(["->submitted:applicant"]);
  });

  it("a return with a reason, an edit, and a resubmission", async () => {
    const id = await submitNew(people.applicant);
    expect(await move(id, people.supervisor, "supervisor", "returned")).toMatchObject({ ok: false, refusal: { field: "comment" } });
    expect(await move(id, people.supervisor, "supervisor", "returned", "受験料の領収書が読めません")).toEqual({ ok: true, status: "returned" });
    const edited = await saveApplication({
      actor: await actor(people.applicant),
      id,
      version: (await row(id)).version,
      intent: "submit",
      value: formValue(certId, { intent: "submit", examCost: 8_000 }),
      uploads: [receipt()],
      now: NOW,
    });
    expect(edited).toMatchObject({ ok: true, status: "submitted" });
    const history = await getDb().select().from(hist).where(eq(hist.applicationId, id));
    expect(history.map((h) => h.toStatus)).toEqual(["submitted", "returned", "submitted"]);
    expect(history[1]?.comment).toBe("受験料の領収書が読めません");
  });

  it("a rejection needs a reason; an application can be withdrawn only before a decision", async () => {
    const id = await submitNew(people.applicant);
    await move(id, people.supervisor, "supervisor", "supervisor_confirmed");
    expect(await move(id, people.hr, "hr_dev", "rejected")).toMatchObject({ ok: false, refusal: { field: "comment" } });
    expect(await move(id, people.hr, "hr_dev", "rejected", "業務との関連が確認できません")).toEqual({ ok: true, status: "rejected" });
    expect(await move(id, people.applicant, "applicant", "withdrawn")).toMatchObject({ ok: false });

    const other = await submitNew(people.applicant);
    expect(await move(other, people.applicant, "applicant", "withdrawn")).toEqual({ ok: true, status: "withdrawn" });
  });
});

describe("who may do what", () => {
  it("refuses moves outside the table: the applicant approving, the supervisor paying, a colleague anything", async () => {
    const id = await submitNew(people.applicant);
    expect(await move(id, people.applicant, "applicant", "supervisor_confirmed")).toMatchObject({ ok: false });
    expect(await move(id, people.applicant, "hr_dev", "approved")).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "申請が見つかりません。" } });
    expect(await move(id, people.supervisor, "supervisor", "approved")).toMatchObject({ ok: false });
    expect(await move(id, people.otherBoss, "supervisor", "supervisor_confirmed")).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "申請が見つかりません。" } });
    expect(await move(id, people.colleague, "applicant", "withdrawn")).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "申請が見つかりません。" } });
    expect(await move(id, people.hr, "hr_dev", "approved")).toMatchObject({ ok: false }); // not yet confirmed
    expect((await row(id)).status).toBe("submitted");
  });

  it("a stale form is refused, but a double-click of the same move succeeds once", async () => {
    const id = await submitNew(people.applicant);
    const v = (await row(id)).version;
    const first = await transitionApplication({ actor: await actor(people.supervisor), id, as: "supervisor", to: "supervisor_confirmed", version: v, now: NOW });
    const again = await transitionApplication({ actor: await actor(people.supervisor), id, as: "supervisor", to: "supervisor_confirmed", version: v, now: NOW });
    expect(first).toEqual({ ok: true, status: "supervisor_confirmed" });
    expect(again).toEqual({ ok: true, status: "supervisor_confirmed" });
    expect((await getDb().select().from(hist).where(eq(hist.applicationId, id))).filter((h) => h.toStatus === "supervisor_confirmed")).toHaveLength(1);
    const stale = await transitionApplication({ actor: await actor(people.applicant), id, as: "applicant", to: "withdrawn", version: v, now: NOW });
    expect(stale).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("他の画面で更新") } });
  });

  it("a resent new-application form (same token) creates one record", async () => {
    const input = { actor: await actor(people.applicant), intent: "save" as const, token: "token-double-click", value: formValue(certId), uploads: [], now: NOW };
    const a = await saveApplication(input);
    const b = await saveApplication(input);
    expect(a.ok && b.ok && a.id === b.id).toBe(true);
    expect((await getDb().select().from(apps).where(eq(apps.clientToken, "token-double-click")))).toHaveLength(1);
  });

  it("a 任用形態 outside the scheme cannot submit", async () => {
    const r = await saveApplication({ actor: await actor(people.temp), intent: "submit", value: formValue(certId, { intent: "submit" }), uploads: [receipt(), proof()], now: NOW });
    expect(r).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("任用形態") } });
    expect((await getDb().select().from(apps).where(eq(apps.applicantId, people.temp)))).toHaveLength(0);
  });

  it("writes nothing, not even the uploaded bytes, when a save is refused", async () => {
    const before = fs.existsSync(uploadDir()) ? fs.readdirSync(uploadDir()).length : 0;
    const r = await saveApplication({ actor: await actor(people.applicant), intent: "save", value: formValue(99_999), uploads: [receipt(), proof()], now: NOW });
    expect(r).toMatchObject({ ok: false, refusal: { field: "certification" } });
    expect(fs.readdirSync(uploadDir()).length).toBe(before);
  });

  it("only the applicant edits, and only a draft or returned application; removing a file keeps its row", async () => {
    const draft = await saveApplication({ actor: await actor(people.applicant), intent: "save", value: formValue(certId), uploads: [receipt()], now: NOW });
    if (!draft.ok) throw new Error(draft.refusal.message);
    const asColleague = await saveApplication({ actor: await actor(people.colleague), id: draft.id, version: (await row(draft.id)).version, intent: "save", value: formValue(certId), uploads: [], now: NOW });
    expect(asColleague).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "申請が見つかりません。" } });
    const file = await first(getDb().select().from(schema.subsidyFiles).where(eq(schema.subsidyFiles.applicationId, draft.id)));
    if (!file) throw new Error("no file");
    expect(await removeFile({ actor: await actor(people.colleague), id: draft.id, fileId: file.id, version: (await row(draft.id)).version })).toMatchObject({ ok: false });
    expect(await removeFile({ actor: await actor(people.applicant), id: draft.id, fileId: file.id, version: (await row(draft.id)).version })).toEqual({ ok: true });
    expect((await first(getDb().select().from(schema.subsidyFiles).where(eq(schema.subsidyFiles.id, file.id))))?.removedAt).not.toBeNull();
    const id = await submitNew(people.applicant);
    const locked = await saveApplication({ actor: await actor(people.applicant), id, version: (await row(id)).version, intent: "save", value: formValue(certId), uploads: [], now: NOW });
    expect(locked).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("変更できません") } });
  });
});

describe("who sees what", () => {
  it("another employee gets null for my application and my files; the supervisor only while it is in their hands", async () => {
    const draft = await saveApplication({ actor: await actor(people.applicant), intent: "save", value: formValue(certId), uploads: [receipt(), proof()], now: NOW });
    if (!draft.ok) throw new Error(draft.refusal.message);
    const id = draft.id;
    const fileId = (await first(getDb().select().from(schema.subsidyFiles).where(eq(schema.subsidyFiles.applicationId, id))))?.id ?? "";

    // A draft is the applicant's alone.
    expect(await getApplication({ id, viewer: await viewerOf(people.applicant), as: "applicant" })).not.toBeNull();
    for (const [who, as] of [
      [people.supervisor, "supervisor"],
      [people.hr, "hr_dev"],
      [people.colleague, "applicant"],
    ] as const) {
      expect(await getApplication({ id, viewer: await viewerOf(who), as })).toBeNull();
      expect(await getFileForDownload({ fileId, viewer: await viewerOf(who) })).toBeNull();
    }
    expect(await getFileForDownload({ fileId, viewer: await viewerOf(people.applicant) })).not.toBeNull();

    await transitionApplication({ actor: await actor(people.applicant), id, as: "applicant", to: "submitted", version: (await row(id)).version, now: NOW });
    for (const who of [people.colleague, people.otherBoss]) {
      for (const as of ["applicant", "supervisor", "hr_dev"] as const) expect(await getApplication({ id, viewer: await viewerOf(who), as })).toBeNull();
      expect(await getFileForDownload({ fileId, viewer: await viewerOf(who) })).toBeNull();
    }
    expect((await getApplication({ id, viewer: await viewerOf(people.supervisor), as: "supervisor" }))?.files).toHaveLength(2);
    expect(await getFileForDownload({ fileId, viewer: await viewerOf(people.supervisor) })).not.toBeNull();
    expect(await getApplication({ id, viewer: await viewerOf(people.applicant), as: "hr_dev" })).toBeNull();
    expect((await listMyApplications(await viewerOf(people.colleague), 2026)).some((a) => a.id === id)).toBe(false);
    expect(await listForManage(await viewerOf(people.colleague), { fiscalYear: 2026, sort: { id: "submittedAt", desc: true }, page: 1, pageSize: 50 })).toBeNull();

    await move(id, people.supervisor, "supervisor", "supervisor_confirmed");
    // Out of the supervisor's hands: the record stays visible to them, the files do not.
    const bossView = await getApplication({ id, viewer: await viewerOf(people.supervisor), as: "supervisor" });
    expect(bossView?.files).toEqual([]);
    expect(bossView?.actions).toEqual([]);
    expect(await getFileForDownload({ fileId, viewer: await viewerOf(people.supervisor) })).toBeNull();
    expect(await getFileForDownload({ fileId, viewer: await viewerOf(people.hr) })).not.toBeNull();
    expect((await getApplication({ id, viewer: await viewerOf(people.hr), as: "hr_dev" }))?.actions.map((a) => a.to)).toEqual(["approved", "rejected", "returned"]);
  });
});

describe("the 人材育成課 table", () => {
  it("filters, sorts and pages in SQL", async () => {
    const hr = await viewerOf(people.hr);
    const all = await listForManage(hr, { fiscalYear: 2026, sort: { id: "amount", desc: true }, page: 1, pageSize: 500 });
    expect(all?.total).toBeGreaterThan(3);
    const amounts = all?.rows.map((r) => r.amount) ?? [];
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const paid = await listForManage(hr, { fiscalYear: 2026, status: "paid", sort: { id: "submittedAt", desc: false }, page: 1, pageSize: 50 });
    expect(paid?.rows.every((r) => r.status === "paid")).toBe(true);
    const byName = await listForManage(hr, { fiscalYear: 2026, q: "申請 花", sort: { id: "applicant", desc: false }, page: 1, pageSize: 2 });
    expect(byName?.rows).toHaveLength(2);
    expect(byName?.rows.every((r) => r.applicant === "申請 花子")).toBe(true);
    const none = await listForManage(hr, { fiscalYear: 2026, q: "%", sort: { id: "applicant", desc: false }, page: 1, pageSize: 2 });
    expect(none?.total).toBe(0);
  });

  it("shows each applicant's 局/区 (the shared 局/区 walk) and filters by it", async () => {
    const hr = await viewerOf(people.hr);
    const options = await manageFilterOptions(2026);
    const first = options.bureaus.find((b) => b.id === firstBureau);
    expect(first?.name).toMatch(/^試験局/);
    const inBureau = await listForManage(hr, { fiscalYear: 2026, bureauId: firstBureau, sort: { id: "bureau", desc: false }, page: 1, pageSize: 500 });
    expect(inBureau?.total).toBeGreaterThan(0);
    expect(inBureau?.rows.every((r) => r.bureau === first?.name)).toBe(true);
    const all = await listForManage(hr, { fiscalYear: 2026, sort: { id: "bureau", desc: false }, page: 1, pageSize: 500 });
    expect(all?.rows.filter((r) => r.bureau === first?.name)).toHaveLength(inBureau?.total ?? -1);
  });
});

describe("limits at approval time", () => {
  it("refuses an approval beyond the person's yearly cap, with the reason", async () => {
    const { sectionId } = await makeOrg();
    const boss = await makeEmployee({ orgUnitId: sectionId });
    const person = await makeEmployee({ orgUnitId: sectionId, supervisorId: boss });
    await makeScheme(2026, { perPersonYearlyCap: 80_000 });
    // Both computed at 50,000 while nothing was decided yet.
    const a = await submitNew(person, 100_000);
    const b = await submitNew(person, 100_000);
    for (const id of [a, b]) await move(id, boss, "supervisor", "supervisor_confirmed");
    expect(await move(a, people.hr, "hr_dev", "approved")).toEqual({ ok: true, status: "approved" });
    const second = await move(b, people.hr, "hr_dev", "approved");
    expect(second).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("年度上限額の残り（30,000円）") } });
    expect((await row(b)).status).toBe("supervisor_confirmed");
    const refusals = await getDb().select().from(auditLog).where(eq(auditLog.action, "subsidy.approved.refused"));
    expect(refusals.some((r) => r.target === `subsidy_application:${b}` && r.outcome === "failure")).toBe(true);
    await makeScheme(2026, { perPersonYearlyCap: 100_000 });
  });

  it("two simultaneous approvals that each fit the budget but together exceed it: exactly one succeeds", async () => {
    const { sectionId } = await makeOrg();
    const boss = await makeEmployee({ orgUnitId: sectionId });
    const x = await makeEmployee({ orgUnitId: sectionId, supervisorId: boss });
    const y = await makeEmployee({ orgUnitId: sectionId, supervisorId: boss });
    const a = await submitNew(x, 100_000);
    const b = await submitNew(y, 100_000);
    for (const id of [a, b]) await move(id, boss, "supervisor", "supervisor_confirmed");
    // Leave room for one 50,000 decision, not two.
    const s = await budgetFigures(getDb(), 2026);
    if (!s) throw new Error("no scheme");
    await makeScheme(2026, { budget: s.budget - s.left + 60_000 });
    expect((await budgetFigures(getDb(), 2026))?.left).toBe(60_000);

    // Two separate processes, each with its own connection, released at the same moment.
    const worker = path.join(import.meta.dirname, "approve-race.worker.ts");
    const versions = [(await row(a)).version, (await row(b)).version];
    const racers = [a, b].map((id, i) => fork(worker, [id, people.hr, String(versions[i])], { execArgv: ["--import", "tsx"], env: process.env }));
    await Promise.all(racers.map((p) => new Promise((resolve) => p.once("message", resolve))));
    const results = racers.map((p) => new Promise<{ ok: boolean; message?: string }>((resolve) => p.once("message", (m: { result: { ok: boolean; message?: string } }) => resolve(m.result))));
    for (const p of racers) p.send("go");
    const outcomes = await Promise.all(results);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)?.message).toContain("予算の残額（10,000円）を超える");
    expect([(await row(a)).status, (await row(b)).status].sort()).toEqual(["approved", "supervisor_confirmed"]);
    expect((await budgetFigures(getDb(), 2026))?.left).toBe(10_000);
  }, 30_000);
});

describe("the 年度 boundary", () => {
  it("a draft from March is listed after April 1 and moves to the 年度 it is submitted in", async () => {
    await makeScheme(2025);
    const march = new Date("2026-03-30T03:00:00Z");
    const value = formValue(certId, { examDate: "2026-02-01", passDate: "2026-03-20" });
    const draft = await saveApplication({ actor: await actor(people.applicant), intent: "save", value, uploads: [receipt(), proof()], now: march });
    if (!draft.ok) throw new Error(draft.refusal.message);
    expect((await row(draft.id)).fiscalYear).toBe(2025);
    expect((await listMyApplications(await viewerOf(people.applicant), 2026)).some((a) => a.id === draft.id)).toBe(true);
    const april = new Date("2026-04-02T03:00:00Z");
    const r = await transitionApplication({ actor: await actor(people.applicant), id: draft.id, as: "applicant", to: "submitted", version: (await row(draft.id)).version, now: april });
    expect(r).toEqual({ ok: true, status: "submitted" });
    expect((await row(draft.id)).fiscalYear).toBe(2026);
  });
});

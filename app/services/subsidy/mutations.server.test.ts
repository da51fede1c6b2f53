// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
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
const actor = (id: string): Actor => ({ viewer: viewerOf(id), ip: "127.0.0.1" });

beforeAll(() => {
  const { sectionId, bureauId } = makeOrg();
  firstBureau = bureauId;
  const supervisor = makeEmployee({ orgUnitId: sectionId, rank: "課長", name: "上司 一郎" });
  const otherBoss = makeEmployee({ orgUnitId: sectionId, rank: "係長" });
  people = {
    supervisor,
    otherBoss,
    applicant: makeEmployee({ orgUnitId: sectionId, supervisorId: supervisor, name: "申請 花子" }),
    colleague: makeEmployee({ orgUnitId: sectionId, supervisorId: otherBoss }),
    hr: makeEmployee({ orgUnitId: sectionId }),
    temp: makeEmployee({ orgUnitId: sectionId, supervisorId: supervisor, employmentType: "会計年度任用" }),
  };
  grant(people.hr, "hr_dev");
  makeScheme(2026);
  certId = makeCertification({ ratePercent: 50, capPerApplication: 50_000 });
});

function submitNew(applicant: string, examCost = 7_500): string {
  const r = saveApplication({ actor: actor(applicant), intent: "submit", value: formValue(certId, { intent: "submit", examCost }), uploads: [receipt(), proof()], now: NOW });
  if (!r.ok) throw new Error(r.refusal.message);
  return r.id;
}

function row(id: string) {
  const r = getDb().select().from(apps).where(eq(apps.id, id)).get();
  if (!r) throw new Error("missing");
  return r;
}

function move(id: string, by: string, as: SubsidyCapacity, to: Parameters<typeof transitionApplication>[0]["to"], comment?: string) {
  return transitionApplication({ actor: actor(by), id, as, to, version: row(id).version, comment, now: NOW });
}

describe("the whole flow", () => {
  it("draft → 申請中 → 所属長確認済 → 交付決定 → 支払済, with history, audit and notices", () => {
    const draft = saveApplication({ actor: actor(people.applicant), intent: "save", value: formValue(certId), uploads: [receipt()], now: NOW });
    expect(draft).toMatchObject({ ok: true, status: "draft" });
    if (!draft.ok) return;
    expect(row(draft.id)).toMatchObject({ status: "draft", amount: 3_000, submittedAt: null });

    // Submitting without the proof of pass is refused at that field, and nothing changes.
    const early = transitionApplication({ actor: actor(people.applicant), id: draft.id, as: "applicant", to: "submitted", version: row(draft.id).version, now: NOW });
    expect(early).toMatchObject({ ok: false, refusal: { field: "proof" } });
    expect(row(draft.id).status).toBe("draft");

    const submitted = saveApplication({
      actor: actor(people.applicant),
      id: draft.id,
      version: row(draft.id).version,
      intent: "submit",
      value: formValue(certId, { intent: "submit", examCost: 15_000, registrationCost: 9_800 }),
      uploads: [proof()],
      now: NOW,
    });
    expect(submitted).toMatchObject({ ok: true, status: "submitted" });
    // (15,000 + 9,800) × 50% = 12,400 → 12,000 after dropping amounts below ¥1,000.
    expect(row(draft.id)).toMatchObject({ status: "submitted", amount: 12_000, fiscalYear: 2026, applicantRank: "主任" });
    expect(listWaitingForSupervisor(viewerOf(people.supervisor)).map((a) => a.id)).toContain(draft.id);

    expect(move(draft.id, people.supervisor, "supervisor", "supervisor_confirmed")).toEqual({ ok: true, status: "supervisor_confirmed" });
    expect(move(draft.id, people.hr, "hr_dev", "approved")).toEqual({ ok: true, status: "approved" });
    expect(budgetFigures(getDb(), 2026)).toMatchObject({ committed: 12_000, used: 0, left: 3_000_000 - 12_000 });
    expect(move(draft.id, people.hr, "hr_dev", "paid")).toEqual({ ok: true, status: "paid" });
    expect(budgetFigures(getDb(), 2026)).toMatchObject({ committed: 0, used: 12_000 });

    const history = getDb().select().from(hist).where(eq(hist.applicationId, draft.id)).all();
    expect(history.map((h) => `${h.fromStatus ?? "-"}>${h.toStatus}:${h.actorRole}`)).toEqual([
      "->draft:applicant",
      "draft>submitted:applicant",
      "submitted>supervisor_confirmed:supervisor",
      "supervisor_confirmed>approved:hr_dev",
      "approved>paid:hr_dev",
    ]);
    const audits = getDb().select().from(auditLog).where(eq(auditLog.target, `subsidy_application:${draft.id}`)).all();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["subsidy.submitted", "subsidy.supervisor_confirmed", "subsidy.approved", "subsidy.paid"]));
    const notes = getDb().select().from(notifications).where(eq(notifications.recipientId, people.applicant)).all();
    expect(notes.filter((n) => n.link === `/subsidy/${draft.id}`).length).toBeGreaterThanOrEqual(4);
    expect(getDb().select().from(notifications).where(eq(notifications.recipientId, people.supervisor)).all().some((n) => n.link === `/subsidy/review/${draft.id}`)).toBe(true);
  });

  it("an application submitted without a draft first has one history row, the submission (not 作成 → 下書き)", () => {
    const id = submitNew(people.applicant);
    const history = getDb().select().from(hist).where(eq(hist.applicationId, id)).all();
    expect(history.map((h) => `${h.fromStatus ?? "-"}>${h.toStatus}:${h.actorRole}`)).toEqual(["->submitted:applicant"]);
  });

  it("a return with a reason, an edit, and a resubmission", () => {
    const id = submitNew(people.applicant);
    expect(move(id, people.supervisor, "supervisor", "returned")).toMatchObject({ ok: false, refusal: { field: "comment" } });
    expect(move(id, people.supervisor, "supervisor", "returned", "受験料の領収書が読めません")).toEqual({ ok: true, status: "returned" });
    const edited = saveApplication({
      actor: actor(people.applicant),
      id,
      version: row(id).version,
      intent: "submit",
      value: formValue(certId, { intent: "submit", examCost: 8_000 }),
      uploads: [receipt()],
      now: NOW,
    });
    expect(edited).toMatchObject({ ok: true, status: "submitted" });
    const history = getDb().select().from(hist).where(eq(hist.applicationId, id)).all();
    expect(history.map((h) => h.toStatus)).toEqual(["submitted", "returned", "submitted"]);
    expect(history[1]?.comment).toBe("受験料の領収書が読めません");
  });

  it("a rejection needs a reason; an application can be withdrawn only before a decision", () => {
    const id = submitNew(people.applicant);
    move(id, people.supervisor, "supervisor", "supervisor_confirmed");
    expect(move(id, people.hr, "hr_dev", "rejected")).toMatchObject({ ok: false, refusal: { field: "comment" } });
    expect(move(id, people.hr, "hr_dev", "rejected", "業務との関連が確認できません")).toEqual({ ok: true, status: "rejected" });
    expect(move(id, people.applicant, "applicant", "withdrawn")).toMatchObject({ ok: false });

    const other = submitNew(people.applicant);
    expect(move(other, people.applicant, "applicant", "withdrawn")).toEqual({ ok: true, status: "withdrawn" });
  });
});

describe("who may do what", () => {
  it("refuses moves outside the table: the applicant approving, the supervisor paying, a colleague anything", () => {
    const id = submitNew(people.applicant);
    expect(move(id, people.applicant, "applicant", "supervisor_confirmed")).toMatchObject({ ok: false });
    expect(move(id, people.applicant, "hr_dev", "approved")).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "申請が見つかりません。" } });
    expect(move(id, people.supervisor, "supervisor", "approved")).toMatchObject({ ok: false });
    expect(move(id, people.otherBoss, "supervisor", "supervisor_confirmed")).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "申請が見つかりません。" } });
    expect(move(id, people.colleague, "applicant", "withdrawn")).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "申請が見つかりません。" } });
    expect(move(id, people.hr, "hr_dev", "approved")).toMatchObject({ ok: false }); // not yet confirmed
    expect(row(id).status).toBe("submitted");
  });

  it("a stale form is refused, but a double-click of the same move succeeds once", () => {
    const id = submitNew(people.applicant);
    const v = row(id).version;
    const first = transitionApplication({ actor: actor(people.supervisor), id, as: "supervisor", to: "supervisor_confirmed", version: v, now: NOW });
    const again = transitionApplication({ actor: actor(people.supervisor), id, as: "supervisor", to: "supervisor_confirmed", version: v, now: NOW });
    expect(first).toEqual({ ok: true, status: "supervisor_confirmed" });
    expect(again).toEqual({ ok: true, status: "supervisor_confirmed" });
    expect(getDb().select().from(hist).where(eq(hist.applicationId, id)).all().filter((h) => h.toStatus === "supervisor_confirmed")).toHaveLength(1);
    const stale = transitionApplication({ actor: actor(people.applicant), id, as: "applicant", to: "withdrawn", version: v, now: NOW });
    expect(stale).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("他の画面で更新") } });
  });

  it("a resent new-application form (same token) creates one record", () => {
    const input = { actor: actor(people.applicant), intent: "save" as const, token: "token-double-click", value: formValue(certId), uploads: [], now: NOW };
    const a = saveApplication(input);
    const b = saveApplication(input);
    expect(a.ok && b.ok && a.id === b.id).toBe(true);
    expect(getDb().select().from(apps).where(eq(apps.clientToken, "token-double-click")).all()).toHaveLength(1);
  });

  it("a 任用形態 outside the scheme cannot submit", () => {
    const r = saveApplication({ actor: actor(people.temp), intent: "submit", value: formValue(certId, { intent: "submit" }), uploads: [receipt(), proof()], now: NOW });
    expect(r).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("任用形態") } });
    expect(getDb().select().from(apps).where(eq(apps.applicantId, people.temp)).all()).toHaveLength(0);
  });

  it("writes nothing, not even the uploaded bytes, when a save is refused", () => {
    const before = fs.existsSync(uploadDir()) ? fs.readdirSync(uploadDir()).length : 0;
    const r = saveApplication({ actor: actor(people.applicant), intent: "save", value: formValue(99_999), uploads: [receipt(), proof()], now: NOW });
    expect(r).toMatchObject({ ok: false, refusal: { field: "certification" } });
    expect(fs.readdirSync(uploadDir()).length).toBe(before);
  });

  it("only the applicant edits, and only a draft or returned application; removing a file keeps its row", () => {
    const draft = saveApplication({ actor: actor(people.applicant), intent: "save", value: formValue(certId), uploads: [receipt()], now: NOW });
    if (!draft.ok) throw new Error(draft.refusal.message);
    const asColleague = saveApplication({ actor: actor(people.colleague), id: draft.id, version: row(draft.id).version, intent: "save", value: formValue(certId), uploads: [], now: NOW });
    expect(asColleague).toMatchObject({ ok: false, refusal: { reason: "not_found", message: "申請が見つかりません。" } });
    const file = getDb().select().from(schema.subsidyFiles).where(eq(schema.subsidyFiles.applicationId, draft.id)).get();
    if (!file) throw new Error("no file");
    expect(removeFile({ actor: actor(people.colleague), id: draft.id, fileId: file.id, version: row(draft.id).version })).toMatchObject({ ok: false });
    expect(removeFile({ actor: actor(people.applicant), id: draft.id, fileId: file.id, version: row(draft.id).version })).toEqual({ ok: true });
    expect(getDb().select().from(schema.subsidyFiles).where(eq(schema.subsidyFiles.id, file.id)).get()?.removedAt).not.toBeNull();
    const id = submitNew(people.applicant);
    const locked = saveApplication({ actor: actor(people.applicant), id, version: row(id).version, intent: "save", value: formValue(certId), uploads: [], now: NOW });
    expect(locked).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("変更できません") } });
  });
});

describe("who sees what", () => {
  it("another employee gets null for my application and my files; the supervisor only while it is in their hands", () => {
    const draft = saveApplication({ actor: actor(people.applicant), intent: "save", value: formValue(certId), uploads: [receipt(), proof()], now: NOW });
    if (!draft.ok) throw new Error(draft.refusal.message);
    const id = draft.id;
    const fileId = getDb().select().from(schema.subsidyFiles).where(eq(schema.subsidyFiles.applicationId, id)).get()?.id ?? "";

    // A draft is the applicant's alone.
    expect(getApplication({ id, viewer: viewerOf(people.applicant), as: "applicant" })).not.toBeNull();
    for (const [who, as] of [
      [people.supervisor, "supervisor"],
      [people.hr, "hr_dev"],
      [people.colleague, "applicant"],
    ] as const) {
      expect(getApplication({ id, viewer: viewerOf(who), as })).toBeNull();
      expect(getFileForDownload({ fileId, viewer: viewerOf(who) })).toBeNull();
    }
    expect(getFileForDownload({ fileId, viewer: viewerOf(people.applicant) })).not.toBeNull();

    transitionApplication({ actor: actor(people.applicant), id, as: "applicant", to: "submitted", version: row(id).version, now: NOW });
    for (const who of [people.colleague, people.otherBoss]) {
      for (const as of ["applicant", "supervisor", "hr_dev"] as const) expect(getApplication({ id, viewer: viewerOf(who), as })).toBeNull();
      expect(getFileForDownload({ fileId, viewer: viewerOf(who) })).toBeNull();
    }
    expect(getApplication({ id, viewer: viewerOf(people.supervisor), as: "supervisor" })?.files).toHaveLength(2);
    expect(getFileForDownload({ fileId, viewer: viewerOf(people.supervisor) })).not.toBeNull();
    expect(getApplication({ id, viewer: viewerOf(people.applicant), as: "hr_dev" })).toBeNull();
    expect(listMyApplications(viewerOf(people.colleague), 2026).some((a) => a.id === id)).toBe(false);
    expect(listForManage(viewerOf(people.colleague), { fiscalYear: 2026, sort: { id: "submittedAt", desc: true }, page: 1, pageSize: 50 })).toBeNull();

    move(id, people.supervisor, "supervisor", "supervisor_confirmed");
    // Out of the supervisor's hands: the record stays visible to them, the files do not.
    const bossView = getApplication({ id, viewer: viewerOf(people.supervisor), as: "supervisor" });
    expect(bossView?.files).toEqual([]);
    expect(bossView?.actions).toEqual([]);
    expect(getFileForDownload({ fileId, viewer: viewerOf(people.supervisor) })).toBeNull();
    expect(getFileForDownload({ fileId, viewer: viewerOf(people.hr) })).not.toBeNull();
    expect(getApplication({ id, viewer: viewerOf(people.hr), as: "hr_dev" })?.actions.map((a) => a.to)).toEqual(["approved", "rejected", "returned"]);
  });
});

describe("the 人材育成課 table", () => {
  it("filters, sorts and pages in SQL", () => {
    const hr = viewerOf(people.hr);
    const all = listForManage(hr, { fiscalYear: 2026, sort: { id: "amount", desc: true }, page: 1, pageSize: 500 });
    expect(all?.total).toBeGreaterThan(3);
    const amounts = all?.rows.map((r) => r.amount) ?? [];
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const paid = listForManage(hr, { fiscalYear: 2026, status: "paid", sort: { id: "submittedAt", desc: false }, page: 1, pageSize: 50 });
    expect(paid?.rows.every((r) => r.status === "paid")).toBe(true);
    const byName = listForManage(hr, { fiscalYear: 2026, q: "申請 花", sort: { id: "applicant", desc: false }, page: 1, pageSize: 2 });
    expect(byName?.rows).toHaveLength(2);
    expect(byName?.rows.every((r) => r.applicant === "申請 花子")).toBe(true);
    const none = listForManage(hr, { fiscalYear: 2026, q: "%", sort: { id: "applicant", desc: false }, page: 1, pageSize: 2 });
    expect(none?.total).toBe(0);
  });

  it("shows each applicant's 局/区 (the shared 局/区 walk) and filters by it", () => {
    const hr = viewerOf(people.hr);
    const options = manageFilterOptions(2026);
    const first = options.bureaus.find((b) => b.id === firstBureau);
    expect(first?.name).toMatch(/^試験局/);
    const inBureau = listForManage(hr, { fiscalYear: 2026, bureauId: firstBureau, sort: { id: "bureau", desc: false }, page: 1, pageSize: 500 });
    expect(inBureau?.total).toBeGreaterThan(0);
    expect(inBureau?.rows.every((r) => r.bureau === first?.name)).toBe(true);
    const all = listForManage(hr, { fiscalYear: 2026, sort: { id: "bureau", desc: false }, page: 1, pageSize: 500 });
    expect(all?.rows.filter((r) => r.bureau === first?.name)).toHaveLength(inBureau?.total ?? -1);
  });
});

describe("limits at approval time", () => {
  it("refuses an approval beyond the person's yearly cap, with the reason", () => {
    const { sectionId } = makeOrg();
    const boss = makeEmployee({ orgUnitId: sectionId });
    const person = makeEmployee({ orgUnitId: sectionId, supervisorId: boss });
    makeScheme(2026, { perPersonYearlyCap: 80_000 });
    // Both computed at 50,000 while nothing was decided yet.
    const a = submitNew(person, 100_000);
    const b = submitNew(person, 100_000);
    for (const id of [a, b]) move(id, boss, "supervisor", "supervisor_confirmed");
    expect(move(a, people.hr, "hr_dev", "approved")).toEqual({ ok: true, status: "approved" });
    const second = move(b, people.hr, "hr_dev", "approved");
    expect(second).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("年度上限額の残り（30,000円）") } });
    expect(row(b).status).toBe("supervisor_confirmed");
    const refusals = getDb().select().from(auditLog).where(eq(auditLog.action, "subsidy.approved.refused")).all();
    expect(refusals.some((r) => r.target === `subsidy_application:${b}` && r.outcome === "failure")).toBe(true);
    makeScheme(2026, { perPersonYearlyCap: 100_000 });
  });

  it("two simultaneous approvals that each fit the budget but together exceed it: exactly one succeeds", async () => {
    const { sectionId } = makeOrg();
    const boss = makeEmployee({ orgUnitId: sectionId });
    const x = makeEmployee({ orgUnitId: sectionId, supervisorId: boss });
    const y = makeEmployee({ orgUnitId: sectionId, supervisorId: boss });
    const a = submitNew(x, 100_000);
    const b = submitNew(y, 100_000);
    for (const id of [a, b]) move(id, boss, "supervisor", "supervisor_confirmed");
    // Leave room for one 50,000 decision, not two.
    const s = budgetFigures(getDb(), 2026);
    if (!s) throw new Error("no scheme");
    makeScheme(2026, { budget: s.budget - s.left + 60_000 });
    expect(budgetFigures(getDb(), 2026)?.left).toBe(60_000);

    // Two separate processes, each with its own connection, released at the same moment.
    const worker = path.join(import.meta.dirname, "approve-race.worker.ts");
    const racers = [a, b].map((id) => fork(worker, [id, people.hr, String(row(id).version)], { execArgv: ["--import", "tsx"], env: process.env }));
    await Promise.all(racers.map((p) => new Promise((resolve) => p.once("message", resolve))));
    const results = racers.map((p) => new Promise<{ ok: boolean; message?: string }>((resolve) => p.once("message", (m: { result: { ok: boolean; message?: string } }) => resolve(m.result))));
    for (const p of racers) p.send("go");
    const outcomes = await Promise.all(results);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)?.message).toContain("予算の残額（10,000円）を超える");
    expect([row(a).status, row(b).status].sort()).toEqual(["approved", "supervisor_confirmed"]);
    expect(budgetFigures(getDb(), 2026)?.left).toBe(10_000);
  }, 30_000);
});

describe("the 年度 boundary", () => {
  it("a draft from March is listed after April 1 and moves to the 年度 it is submitted in", () => {
    makeScheme(2025);
    const march = new Date("2026-03-30T03:00:00Z");
    const value = formValue(certId, { examDate: "2026-02-01", passDate: "2026-03-20" });
    const draft = saveApplication({ actor: actor(people.applicant), intent: "save", value, uploads: [receipt(), proof()], now: march });
    if (!draft.ok) throw new Error(draft.refusal.message);
    expect(row(draft.id).fiscalYear).toBe(2025);
    expect(listMyApplications(viewerOf(people.applicant), 2026).some((a) => a.id === draft.id)).toBe(true);
    const april = new Date("2026-04-02T03:00:00Z");
    const r = transitionApplication({ actor: actor(people.applicant), id: draft.id, as: "applicant", to: "submitted", version: row(draft.id).version, now: april });
    expect(r).toEqual({ ok: true, status: "submitted" });
    expect(row(draft.id).fiscalYear).toBe(2026);
  });
});

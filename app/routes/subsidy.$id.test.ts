// The applicant's page answers "not yours" with 404 by the refusal's reason, never with a
// form message (issue 10, item 7): a file id that is not on this application is refused
// inside the transaction as not_found, and the route turns that into the 404 page.
// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { saveApplication } from "~/services/subsidy/mutations.server";
import { NOW, PDF_BYTES, formValue, makeCertification, makeEmployee, makeOrg, makeScheme, viewerOf } from "~/services/subsidy/test-helpers";
import { first, getDb, schema } from "~/db.server";
import { eq } from "drizzle-orm";
import { action } from "./subsidy.$id";

let applicant: string;
let other: string;
let certId: number;

beforeAll(async () => {
  const { sectionId } = await makeOrg();
  applicant = await makeEmployee({ orgUnitId: sectionId });
  other = await makeEmployee({ orgUnitId: sectionId });
  await makeScheme(2026);
  certId = await makeCertification();
});

async function draftWithReceipt(owner: string): Promise<{ id: string; fileId: string; version: number }> {
  const saved = await saveApplication({
    actor: { viewer: await viewerOf(owner), ip: "127.0.0.1" },
    intent: "save",
    value: formValue(certId),
    uploads: [{ kind: "receipt", originalName: "領収書.pdf", mime: "application/pdf", bytes: PDF_BYTES }],
    now: NOW,
  });
  if (!saved.ok) throw new Error("save refused");
  const app = await first(getDb().select().from(schema.subsidyApplications).where(eq(schema.subsidyApplications.id, saved.id)));
  const file = await first(getDb().select().from(schema.subsidyFiles).where(eq(schema.subsidyFiles.applicationId, saved.id)));
  if (!app || !file) throw new Error("missing");
  return { id: saved.id, fileId: file.id, version: app.version };
}

async function post(as: string, id: string, fields: Record<string, string>): Promise<unknown> {
  const body = new URLSearchParams(fields);
  const request = new Request(`http://127.0.0.1/subsidy/${id}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  try {
    return await action({ request, params: { id }, context: { viewer: await viewerOf(as), sessionId: null, sessionVia: null, ip: "127.0.0.1" } });
  } catch (thrown) {
    return thrown;
  }
}

describe("/subsidy/$id answers by the refusal's reason", () => {
  it("taking off a file that belongs to another application answers 404", async () => {
    const mine = await draftWithReceipt(applicant);
    const theirs = await draftWithReceipt(other);
    const answer = await post(applicant, mine.id, { intent: "remove-file", fileId: theirs.fileId, version: String(mine.version) });
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(404);
    // Nothing was removed.
    const file = await first(getDb().select().from(schema.subsidyFiles).where(eq(schema.subsidyFiles.id, theirs.fileId)));
    expect(file?.removedAt).toBeNull();
  });

  it("a stale form still answers with its message on the page (conflict, not 404)", async () => {
    const mine = await draftWithReceipt(applicant);
    const answer = (await post(applicant, mine.id, { intent: "remove-file", fileId: mine.fileId, version: String(mine.version - 1 || 99) })) as {
      kind: string;
      result: { error?: Record<string, string[]> };
    };
    expect(answer).not.toBeInstanceOf(Response);
    expect(
      Object.values(answer.result.error ?? {})
        .flat()
        .join()
    ).toContain("他の画面で更新");
  });
});

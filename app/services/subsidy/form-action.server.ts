import { parseWithZod } from "@conform-to/zod/v4";
import { redirect } from "@remix-run/node";
import { withNotice } from "~/lib/notices";
import type { Actor } from "~/services/contract/actor";
import { refusalReply } from "~/services/contract/refusal";
import { FILE_KINDS, type FileKind } from "./labels";
import { removeFile, saveApplication, transitionApplication } from "./mutations.server";
import { amountPreview } from "./preview";
import { applicantContext, formContextOf } from "./queries.server";
import { applicationFormSchema, costLinesOf, removeFileSchema, transitionSchema } from "./schemas";
import { checkUpload, type CheckedUpload } from "./uploads.server";

// The action behind the application form (new, draft, returned): parse with the shared
// schema, check the uploads by content, then compute ("計算"), save or submit. Anything
// refused comes back as Conform's reply, with the message at its field and the typed
// values kept; nothing is written.

export async function handleApplicationForm({ formData, actor, existing }: { formData: FormData; actor: Actor; existing?: { id: string; files: FileKind[] } }) {
  const ctx = await applicantContext(actor.viewer, new Date(), existing?.id);
  const submission = parseWithZod(formData, { schema: applicationFormSchema(formContextOf(ctx, existing?.files ?? [])) });
  if (submission.status !== "success") return { result: submission.reply(), preview: null };
  const v = submission.value;
  const preview = amountPreview(ctx, v.certification === "other" ? "other" : Number(v.certification), costLinesOf(v));
  // 計算 answers in place, unless files were chosen: a page sent back cannot hold a chosen
  // file (a browser never refills a file input), so without JavaScript they would be lost
  // and 申請する would then ask for them again. Those are kept by saving the draft with them.
  const chosenFiles = FILE_KINDS.some((kind) => v[kind]);
  if (v.intent === "calculate" && !chosenFiles) return { result: submission.reply(), preview };
  if (v.intent === "submit" && ctx.ineligibleReason) return { result: submission.reply({ formErrors: [ctx.ineligibleReason] }), preview };

  const uploads: CheckedUpload[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const kind of FILE_KINDS) {
    const file = v[kind];
    if (!file) continue;
    const checked = await checkUpload(kind, file);
    if (checked.ok) uploads.push(checked.upload);
    else fieldErrors[kind] = [checked.error];
  }
  if (Object.keys(fieldErrors).length) return { result: submission.reply({ fieldErrors }), preview };

  const saved = await saveApplication({
    actor,
    id: existing?.id,
    token: existing ? undefined : v.token,
    version: v.version,
    intent: v.intent === "submit" ? "submit" : "save",
    value: v,
    uploads,
  });
  if (!saved.ok) return { result: submission.reply(refusalReply(saved.refusal)), preview };
  const notice = saved.status === "submitted" ? "subsidy-submitted" : v.intent === "calculate" ? "subsidy-calculated" : "subsidy-saved";
  throw redirect(withNotice(`/subsidy/${saved.id}`, notice));
}

/**
 * The action of the applicant's own page (/subsidy/$id): withdraw, take a file off, or the
 * application form itself. A refusal comes back as the reply of the form it belongs to.
 */
export async function handleApplicantPage({ formData, actor, id, files }: { formData: FormData; actor: Actor; id: string; files: FileKind[] }) {
  const intent = formData.get("intent");
  if (intent === "transition") {
    const submission = parseWithZod(formData, { schema: transitionSchema });
    if (submission.status !== "success") return { kind: "other" as const, result: submission.reply() };
    const r = await transitionApplication({ actor, id, as: "applicant", ...submission.value });
    if (!r.ok) return { kind: "other" as const, result: submission.reply(refusalReply(r.refusal)) };
    throw redirect(withNotice(`/subsidy/${id}`, r.status === "withdrawn" ? "subsidy-withdrawn" : "subsidy-submitted"));
  }
  if (intent === "remove-file") {
    const submission = parseWithZod(formData, { schema: removeFileSchema });
    if (submission.status !== "success") return { kind: "other" as const, result: submission.reply() };
    const r = await removeFile({ actor, id, ...submission.value });
    if (!r.ok) return { kind: "other" as const, result: submission.reply(refusalReply(r.refusal)) };
    throw redirect(withNotice(`/subsidy/${id}`, "subsidy-file-removed"));
  }
  const reply = await handleApplicationForm({ formData, actor, existing: { id, files } });
  return { kind: "form" as const, ...reply };
}

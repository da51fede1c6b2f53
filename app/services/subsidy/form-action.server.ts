import { parseWithZod } from "@conform-to/zod/v4";
import { redirect } from "@remix-run/node";
import type { Viewer } from "~/auth/viewer";
import { withNotice } from "~/lib/notices";
import { FILE_KINDS, type FileKind } from "./labels";
import { saveApplication } from "./mutations.server";
import { amountRulesFor, applicantContext, formContextOf, previewAmount, type ApplicantContext } from "./queries.server";
import { applicationFormSchema, costLinesOf, type ApplicationFormValue } from "./schemas";
import { checkUpload, type CheckedUpload } from "./uploads.server";

// The action behind the application form (new, draft, returned): parse with the shared
// schema, check the uploads by content, then compute ("計算"), save or submit. Anything
// refused comes back as Conform's reply, with the message at its field and the typed
// values kept; nothing is written.

function previewOf(ctx: ApplicantContext, v: ApplicationFormValue) {
  if (!ctx.scheme) return null;
  const choice = v.certification === "other" ? ("other" as const) : Number(v.certification);
  const breakdown = previewAmount(ctx, choice, costLinesOf(v));
  if (!breakdown) return null;
  const certification = choice === "other" ? null : (ctx.certifications.find((c) => c.id === choice) ?? null);
  return { breakdown, rules: amountRulesFor(ctx.scheme, certification) };
}

export async function handleApplicationForm({
  formData,
  viewer,
  ip,
  existing,
}: {
  formData: FormData;
  viewer: Viewer;
  ip: string;
  existing?: { id: string; files: FileKind[] };
}) {
  const ctx = applicantContext(viewer, new Date(), existing?.id);
  const submission = parseWithZod(formData, { schema: applicationFormSchema(formContextOf(ctx, existing?.files ?? [])) });
  if (submission.status !== "success") return { result: submission.reply(), preview: null };
  const v = submission.value;
  const preview = previewOf(ctx, v);
  if (v.intent === "calculate") return { result: submission.reply(), preview };
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

  const saved = saveApplication({
    actor: { viewer, ip },
    id: existing?.id,
    token: existing ? undefined : v.token,
    version: v.version,
    intent: v.intent,
    value: v,
    uploads,
  });
  if (!saved.ok) {
    return { result: submission.reply(saved.field ? { fieldErrors: { [saved.field]: [saved.message] } } : { formErrors: [saved.message] }), preview };
  }
  throw redirect(withNotice(`/subsidy/${saved.id}`, saved.status === "submitted" ? "subsidy-submitted" : "subsidy-saved"));
}

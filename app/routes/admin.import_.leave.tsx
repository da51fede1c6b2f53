import { parseWithZod } from "@conform-to/zod/v4";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/permissions.server";
import { ImportErrors } from "~/components/org-import/import-parts";
import { LeaveImportForm } from "~/components/org-import/leave-import";
import { IMPORT_MAX_FILE_BYTES } from "~/services/org/import-columns";
import { TOO_LARGE } from "~/services/org/import-schema";
import { applyLeaveImport, leaveSummary } from "~/services/org/leave-import.server";

export const meta: MetaFunction = () => [{ title: "休職等の期間の取込 | かわさき人財ポータル" }];

// The 休職等期間CSV's own import (the form is also on /admin/import, and posts here).

const leaveSchema = z.object({ leaveFile: z.file({ error: "休職等期間CSVのファイルを選択してください。" }).max(IMPORT_MAX_FILE_BYTES, TOO_LARGE) });

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  return leaveSummary();
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "admin");
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(args.request, unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_MAX_FILE_BYTES }));
  } catch (e) {
    const message = e instanceof MaxPartSizeExceededError ? TOO_LARGE : e instanceof TypeError ? "ファイルを選択してから取り込んでください。" : null;
    if (!message) throw e;
    return { result: { status: "error" as const, error: { leaveFile: [message] } }, outcome: null, fileName: null };
  }
  const submission = parseWithZod(formData, { schema: leaveSchema });
  if (submission.status !== "success") return { result: submission.reply(), outcome: null, fileName: null };
  const file = submission.value.leaveFile;
  const outcome = await applyLeaveImport({ bytes: new Uint8Array(await file.arrayBuffer()), actorId: viewer.id, ip: args.context.ip });
  return { result: submission.reply({ resetForm: true }), outcome, fileName: file.name };
}

export default function LeaveImport() {
  const summary = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const outcome = data?.outcome ?? null;
  return (
    <>
      <p>
        <Link to="/admin/import">← 組織データの取込</Link>
      </p>
      <h1>休職等の期間の取込</h1>
      {outcome?.ok ? (
        <div className="notice" role="status">
          <p>
            取り込みました。休職等の期間 {outcome.counts.periods}件（{outcome.counts.people}名）。
          </p>
        </div>
      ) : null}
      {outcome && !outcome.ok ? <ImportErrors errors={outcome.errors} errorCount={outcome.errorCount} fileNames={{ 休職等期間CSV: data?.fileName ?? null }} /> : null}
      <p className="muted">現在の登録: 休職等の期間 {summary.periods}件</p>
      <LeaveImportForm lastResult={data?.result} />
    </>
  );
}

import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";
import { ErrorSummary } from "~/components/form";
import { FileField, ImportColumns, ImportErrors } from "~/components/org-import/import-parts";
import { LeaveImportForm } from "~/components/org-import/leave-import";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import type { ImportFileLabel } from "~/services/org/import-plan";
import { applyImport, getOrgMasterSummary } from "~/services/org/import.server";
import { IMPORT_MAX_FILE_BYTES } from "~/services/org/import-columns";
import { TOO_LARGE, importSchema, type ImportForm } from "~/services/org/import-schema";

export const meta: MetaFunction = () => [{ title: "組織データの取込 | かわさき人財ポータル" }];

type FieldName = keyof ImportForm;

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const summary = await getOrgMasterSummary();
  return {
    summary: { ...summary, lastImportAt: summary.lastImportAt ? formatDateTimeJa(summary.lastImportAt) : null },
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "admin");

  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      args.request,
      unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_MAX_FILE_BYTES }),
    );
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) {
      const field: FieldName = e.field === "orgFile" ? "orgFile" : "employeeFile";
      return { result: errorResult({ [field]: [TOO_LARGE] }), outcome: null, fileNames: null };
    }
    // Not a multipart body (a hand-made request): answer like an empty form.
    if (e instanceof TypeError) {
      return { result: errorResult({ "": ["ファイルを選択してから「取り込む」を押してください。"] }), outcome: null, fileNames: null };
    }
    throw e;
  }

  const submission = parseWithZod(formData, { schema: importSchema });
  if (submission.status !== "success") {
    return { result: submission.reply(), outcome: null, fileNames: null };
  }

  const { orgFile, employeeFile, confirmMassDisable } = submission.value;
  const outcome = await applyImport({
    orgBytes: orgFile ? new Uint8Array(await orgFile.arrayBuffer()) : null,
    employeeBytes: new Uint8Array(await employeeFile.arrayBuffer()),
    actorId: viewer.id,
    ip: args.context.ip,
    confirmMassDisable: confirmMassDisable === "on",
  });
  return {
    result: submission.reply({ resetForm: true }),
    outcome,
    fileNames: { 所属CSV: orgFile?.name ?? null, 職員CSV: employeeFile.name } satisfies Record<ImportFileLabel, string | null>,
  };
}

function errorResult(error: Record<string, string[]>): SubmissionResult<string[]> {
  return { status: "error", error };
}

export default function OrgImport() {
  const { summary } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const [form, fields] = useForm<ImportForm>({ lastResult: actionData?.result, shouldValidate: "onSubmit", shouldRevalidate: "onInput" });
  const outcome = actionData?.outcome ?? null;

  return (
    <>
      <h1>組織データの取込</h1>
      <p>
        人事システムから出力した所属と職員のCSVファイルを取り込みます。エラーが1件でもある場合は、何も変更されません。
      </p>
      <p>
        <strong>職員CSVには、人事システムの職員全員を入れてください。</strong>
        ファイルにいない職員（人事システムから取り込んだ職員）は無効になり、ログイン中のセッションも終了します。ポータルで作成したアカウント（外部相談員など）は変更されません。
      </p>

      {outcome?.ok ? (
        <div className="notice" role="status">
          <p>取り込みました。</p>
          <ul>
            <li>職員: 追加 {outcome.counts.added}件、変更 {outcome.counts.changed}件、無効化 {outcome.counts.disabled}件、再有効化 {outcome.counts.reenabled}件</li>
            <li>所属: 追加 {outcome.counts.orgAdded}件 / 変更 {outcome.counts.orgChanged}件</li>
          </ul>
        </div>
      ) : null}

      {outcome && !outcome.ok ? (
        <ImportErrors errors={outcome.errors} errorCount={outcome.errorCount} fileNames={actionData?.fileNames ?? null} />
      ) : null}

      <section aria-labelledby="upload-title">
        <h2 id="upload-title">ファイルを選ぶ</h2>
        <p className="muted">
          現在の登録: 有効な職員 {summary.activeEmployees}名、無効な職員 {summary.disabledEmployees}名、所属 {summary.orgUnits}件。
          前回の取込: {summary.lastImportAt ?? "まだありません"}
        </p>
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          aria-describedby={form.errors ? form.errorId : undefined}
        >
          <ErrorSummary form={form} />
          <FileField
            field={fields.orgFile}
            label="所属CSV"
            hint="所属に変更がない場合は省略できます。省略した場合、所属は変更しません。"
          />
          <FileField field={fields.employeeFile} label="職員CSV" hint="職員全員分のファイルです。" required />
          <p className="muted">
            文字コードは UTF-8（BOM付き・なし）または Shift_JIS。1ファイル{IMPORT_MAX_FILE_BYTES / 1_000_000}MBまで。
          </p>
          <div className="field">
            <label>
              <input type="checkbox" name="confirmMassDisable" /> 多数のアカウントが無効になることを確認しました
            </label>
            <p className="field__hint">ファイルにいない職員が多い取込は、このチェックがないと取り込みません（一部の所属だけのファイルの誤取込を防ぐため）。</p>
          </div>
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? "取り込み中…" : "取り込む"}
          </button>
        </Form>
      </section>

      <ImportColumns />
      <LeaveImportForm />
    </>
  );
}

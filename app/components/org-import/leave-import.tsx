// The 休職等期間CSV's form and column table, shown on the org import page and on the leave
// import's own result page (/admin/import/leave, which the form posts to).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { FormErrors } from "~/components/form";
import { IMPORT_MAX_FILE_BYTES, LEAVE_CSV_COLUMNS } from "~/services/org/import-columns";
import { FileField } from "./import-parts";
import { TableScroll } from "~/components/table-scroll";

export function LeaveImportForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formAction === "/admin/import/leave";
  const [form, fields] = useForm<{ leaveFile: File }>({ id: "leave-import", lastResult, shouldValidate: "onSubmit" });
  return (
    <section aria-labelledby="leave-title">
      <h2 id="leave-title">休職等の期間</h2>
      <p>
        人事システムの休職・停職・育児休業・介護休暇・派遣の期間（1期間1行）を取り込みます。昇任型公募の在職年数は、公募ごとの定めに従ってこの期間を除いて数えます。
        ファイルの内容で登録済みの期間をすべて置き換えます（職員CSVを先に取り込んでください）。エラーが1件でもある場合は、何も変更されません。
      </p>
      <Form method="post" action="/admin/import/leave" encType="multipart/form-data" {...getFormProps(form)} aria-describedby={form.errors ? form.errorId : undefined}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <FileField field={fields.leaveFile} label="休職等期間CSV" hint={`文字コードは UTF-8 または Shift_JIS。${IMPORT_MAX_FILE_BYTES / 1_000_000}MBまで。`} required />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "取り込み中…" : "休職等期間CSVで更新する"}
        </button>
      </Form>
      <TableScroll label="休職等期間CSVの列">
        <table className="table" id="leave-columns">
          <caption>
            休職等期間CSVの列（
            <a href="/admin/import/template?file=leave" download>
              ひな形（kyushoku-template.csv）
            </a>
            ）
          </caption>
          <thead>
            <tr>
              <th scope="col">列名</th>
              <th scope="col">必須</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {LEAVE_CSV_COLUMNS.map((c) => (
              <tr key={c.header}>
                <th scope="row">{c.header}</th>
                <td>{c.required ? "必須" : "任意"}</td>
                <td>{c.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

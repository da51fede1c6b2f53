// The org import page's parts: a file field, the error report by file, and the column tables.
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { FieldErrors } from "~/components/form";
import type { AnyImportFileLabel, ImportError } from "~/services/org/import-plan";
import { EMPLOYEE_CSV_COLUMNS, IMPORT_MAX_REPORTED_ERRORS, ORG_CSV_COLUMNS, type CsvColumn } from "~/services/org/import-columns";
import { TableScroll } from "~/components/table-scroll";

export function FileField({
  field,
  label,
  hint,
  required,
}: {
  field: FieldMetadata<File | undefined>;
  label: string;
  hint: string;
  required?: boolean;
}) {
  const hintId = `${field.id}-hint`;
  const props = getInputProps(field, { type: "file", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="required">（必須）</span> : null}
      </label>
      <p id={hintId} className="field__hint">
        {hint}
      </p>
      <input {...props} key={props.key} accept=".csv,text/csv" required={required} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

const FILES: { label: AnyImportFileLabel; slug: string }[] = [
  { label: "所属CSV", slug: "org" },
  { label: "職員CSV", slug: "employee" },
  { label: "休職等期間CSV", slug: "leave" },
];

export function ImportErrors({
  errors,
  errorCount,
  fileNames,
}: {
  errors: ImportError[];
  errorCount: number;
  fileNames: Partial<Record<AnyImportFileLabel, string | null>> | null;
}) {
  return (
    <>
      <div className="form-errors" role="alert">
        <p>
          取り込めませんでした。エラーが{errorCount}件あります。データは変更されていません。
          ファイルを直して、もう一度取り込んでください。
        </p>
        {errorCount > errors.length ? <p>最初の{IMPORT_MAX_REPORTED_ERRORS}件を表示しています。</p> : null}
      </div>
      {FILES.map(({ label, slug }) => {
        const own = errors.filter((e) => e.file === label);
        if (own.length === 0) return null;
        const name = fileNames?.[label];
        return (
          <section key={slug} aria-labelledby={`errors-${slug}`}>
            <h2 id={`errors-${slug}`}>
              {label}のエラー（{own.length}件）
              {name ? <span className="muted">: {name}</span> : null}
            </h2>
            <TableScroll label={`${label}のエラー`}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">行</th>
                    <th scope="col">列</th>
                    <th scope="col">内容</th>
                  </tr>
                </thead>
                <tbody>
                  {own.map((e, i) => (
                    <tr key={i}>
                      <td>{e.row ?? "—"}</td>
                      <td>{e.column ?? "—"}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        );
      })}
    </>
  );
}

function ColumnTable({ id, caption, columns }: { id: string; caption: string; columns: readonly CsvColumn[] }) {
  return (
    <TableScroll label={caption}>
      <table className="table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">列名</th>
            <th scope="col">必須</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.header}>
              <th scope="row">{c.header}</th>
              <td>{c.required ? "必須" : "任意"}</td>
              <td>{c.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** "ファイルの形式": the template downloads and both column tables (from import-columns.ts). */
export function ImportColumns() {
  return (
    <section aria-labelledby="columns-title">
      <h2 id="columns-title">ファイルの形式</h2>
      <p>
        1行目は見出し（列名）、2行目から1行に1件です。列の順番は問いません。
        ひな形:{" "}
        <a href="/admin/import/template" download>
          職員CSVのひな形（shokuin-template.csv）
        </a>
        、
        <a href="/admin/import/template?file=org" download>
          所属CSVのひな形（shozoku-template.csv）
        </a>
      </p>
      <ColumnTable id="employee-columns" caption="職員CSVの列" columns={EMPLOYEE_CSV_COLUMNS} />
      <ColumnTable id="org-columns" caption="所属CSVの列" columns={ORG_CSV_COLUMNS} />
    </section>
  );
}

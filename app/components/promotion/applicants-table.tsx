import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type TableSort } from "~/components/data-table";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import type { ApplicantRow } from "~/services/promotion/applicant-list.server";
import { APPLICATION_STATUS_LABELS, HR_VISIBLE_STATUSES, RESULT_LABELS } from "~/services/promotion/transitions";
import { ApplicationTag } from "./parts";

const col = createColumnHelper<ApplicantRow>();
const OPINION: Record<string, string> = { recommend: "推薦する", not_recommend: "推薦しない" };

type Options = { bureaus: { id: number; name: string }[]; stages: string[] };

/** 人事課's table of a call's applicants (withdrawn ones stay, marked), filtered, sorted and paged by the server. */
export function ApplicantsTable({
  rows,
  total,
  options,
  pageSize,
  defaultSort,
}: {
  rows: ApplicantRow[];
  total: number;
  options: Options;
  pageSize: number;
  defaultSort: TableSort | null | undefined;
}) {
  const columns = [
    col.accessor("name", {
      header: "氏名",
      meta: { label: "氏名（氏名・カナ・職員番号）", filter: { kind: "text" } },
      cell: (c) => (
        <>
          <Link to={`/promotion/manage/applications/${c.row.original.id}`}>{c.getValue()}</Link>
          <br />
          <span className="muted">{c.row.original.staffNumber}</span>
        </>
      ),
    }),
    col.accessor("bureau", {
      header: "局・区",
      meta: { filter: { kind: "select", options: options.bureaus.map((b) => ({ value: String(b.id), label: b.name })) } },
      cell: (c) => c.getValue() ?? "—",
    }),
    col.accessor("rank", {
      header: "職位（応募時）",
      cell: (c) => (
        <>
          {c.getValue() ?? "—"}
          <br />
          <span className="muted">{c.row.original.unitPath}</span>
        </>
      ),
    }),
    col.accessor("status", {
      header: "状態",
      meta: { filter: { kind: "select", options: HR_VISIBLE_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] })) } },
      cell: (c) => <ApplicationTag status={c.getValue()} />,
    }),
    col.accessor("stage", {
      header: "選考の段階",
      meta: { filter: { kind: "select", options: options.stages.map((s, i) => ({ value: String(i), label: s })) } },
      cell: (c) => c.row.original.stageName || "—",
    }),
    col.accessor("result", { header: "結果", cell: (c) => (c.getValue() ? RESULT_LABELS[c.getValue()!] : "—") }),
    col.accessor("opinion", { header: "所属長意見", enableSorting: false, cell: (c) => (c.getValue() ? OPINION[c.getValue()!] : "—") }),
    col.accessor("placement", { header: "配置先", enableSorting: false, cell: (c) => c.getValue() ?? "—" }),
    col.accessor("submittedAt", { header: "応募日時", cell: (c) => (c.getValue() ? formatDateTimeJa(new Date(c.getValue()!)) : "—") }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption="この公募の応募者"
      mode="server"
      totalRows={total}
      pageSize={pageSize}
      defaultSort={defaultSort}
      getRowId={(r) => r.id}
      emptyText="条件に合う応募者はいません。"
    />
  );
}

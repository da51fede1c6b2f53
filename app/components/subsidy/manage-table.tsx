import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type TableSort } from "~/components/data-table";
import { fiscalYearLabel, formatDateJa } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import { STATUS_LABELS } from "~/services/subsidy/labels";
import { SENT_STATUSES } from "~/services/subsidy/transitions";
import type { ManageRow } from "~/services/subsidy/manage-queries.server";
import { StatusTag } from "./status-tag";

const col = createColumnHelper<ManageRow>();

type Options = { bureaus: { id: number; name: string }[]; certifications: { id: number; name: string }[] };

/** 人材育成課's table of a 年度's applications, filtered, sorted and paged by the server. */
export function ManageTable({
  fiscalYear,
  rows,
  total,
  options,
  pageSize,
  defaultSort,
}: {
  fiscalYear: number;
  rows: ManageRow[];
  total: number;
  options: Options;
  pageSize: number;
  defaultSort: TableSort | null | undefined;
}) {
  const columns = [
    col.accessor("applicant", {
      header: "申請者",
      meta: { label: "申請者（氏名・カナ・職員番号）", filter: { kind: "text" }, className: "col-name" },
      cell: (c) => (
        <Link to={`/subsidy/manage/${c.row.original.id}`}>
          {c.getValue()}（{c.row.original.staffNumber}）
        </Link>
      ),
    }),
    col.accessor("submittedAt", {
      header: "申請日",
      cell: (c) => (c.getValue() ? formatDateJa(new Date(c.getValue() as number)) : "—"),
    }),
    col.accessor("bureau", {
      header: "局・区",
      meta: { filter: { kind: "select", options: options.bureaus.map((b) => ({ value: String(b.id), label: b.name })) } },
      cell: (c) => c.getValue() ?? "—",
    }),
    col.accessor("certification", {
      header: "資格",
      meta: {
        className: "col-wide",
        filter: {
          kind: "select",
          options: [...options.certifications.map((o) => ({ value: String(o.id), label: o.name })), { value: "other", label: "その他（一覧にない資格）" }],
        },
      },
    }),
    col.accessor("status", {
      header: "状態",
      meta: { filter: { kind: "select", options: SENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })) } },
      cell: (c) => <StatusTag status={c.getValue()} />,
    }),
    col.accessor("costTotal", { header: "費用合計", enableSorting: false, meta: { numeric: true }, cell: (c) => formatYen(c.getValue()) }),
    col.accessor("amount", { header: "助成額", meta: { numeric: true }, cell: (c) => formatYen(c.getValue()) }),
    col.accessor("updatedAt", { header: "更新", cell: (c) => formatDateJa(new Date(c.getValue())) }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={`${fiscalYearLabel(fiscalYear)}の資格取得費用助成の申請`}
      mode="server"
      totalRows={total}
      pageSize={pageSize}
      defaultSort={defaultSort}
      getRowId={(r) => r.id}
    />
  );
}

import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { formatYen } from "~/lib/yen";
import { COST_TYPE_LABELS, type CostType } from "~/services/subsidy/labels";

export type CertificationRow = { id: number; name: string; field: string; eligibleCostTypes: CostType[]; ratePercent: number; capPerApplication: number; active: boolean };

/** 人材育成課's list of eligible certifications, each with a link to edit it. */
export function CertificationTable({ fiscalYear, certifications }: { fiscalYear: number; certifications: CertificationRow[] }) {
  const fields = [...new Set(certifications.map((c) => c.field))];
  const col = createColumnHelper<CertificationRow>();
  const columns = [
    col.accessor("name", { header: "資格", meta: { filter: { kind: "text" } } }),
    col.accessor("field", { header: "分野", meta: { filter: { kind: "select", options: fields.map((f) => ({ value: f, label: f })) } } }),
    col.accessor((c) => c.eligibleCostTypes.map((t) => COST_TYPE_LABELS[t]).join("・"), { id: "costTypes", header: "対象となる費用", enableSorting: false }),
    col.accessor("ratePercent", { header: "助成率", meta: { numeric: true }, cell: (c) => `${c.getValue()}%` }),
    col.accessor("capPerApplication", { header: "1件あたり上限", meta: { numeric: true }, cell: (c) => formatYen(c.getValue()) }),
    col.accessor((c) => (c.active ? "対象" : "対象外"), {
      id: "active",
      header: "状態",
      meta: {
        filter: {
          kind: "select",
          options: [
            { value: "対象", label: "対象" },
            { value: "対象外", label: "対象外" },
          ],
        },
      },
      cell: (c) => <span className={c.getValue() === "対象" ? "tag tag--ok" : "tag tag--muted"}>{c.getValue()}</span>,
    }),
    col.display({
      id: "edit",
      header: "編集",
      enableSorting: false,
      cell: (c) => (
        <Link to={`?fy=${fiscalYear}&cert=${c.row.original.id}#certification-form`} aria-label={`${c.row.original.name}を編集`}>
          編集
        </Link>
      ),
    }),
  ];
  return (
    <DataTable
      data={certifications}
      columns={columns}
      caption="対象資格の一覧"
      prefix="c"
      pageSize={100}
      getRowId={(c) => String(c.id)}
      defaultSort={{ id: "field", desc: false }}
    />
  );
}

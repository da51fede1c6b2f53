import { Link } from "@remix-run/react";
import { createColumnHelper, type ColumnDef } from "@tanstack/react-table";
import { DataTable, type TableSort } from "~/components/data-table";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import type { ApplicantRow, NotAppliedRow } from "~/services/promotion/applicant-list.server";
import { APPLICATION_STATUS_LABELS, HR_VISIBLE_STATUSES, RECOMMENDATION_LABELS, RESULT_LABELS } from "~/services/promotion/transitions";
import { ApplicationTag } from "./parts";

const col = createColumnHelper<ApplicantRow>();

type Bureaus = { id: number; name: string }[];
type ServerTableProps<T> = { rows: T[]; total: number; pageSize: number; defaultSort: TableSort | null | undefined };
type Person = { id: string; name: string; staffNumber: string; bureau: string | null };

/** The name (filter: name, kana or 職員番号) and 局/区 columns both of 人事課's tables begin with. */
function personColumns<T extends Person>(bureaus: Bureaus, href?: (row: T) => string) {
  const c = createColumnHelper<T>();
  return [
    c.accessor((r) => r.name, {
      id: "name",
      header: "氏名",
      meta: { label: "氏名（氏名・カナ・職員番号）", filter: { kind: "text" }, className: "nowrap" },
      cell: (x) => (
        <>
          {href ? <Link to={href(x.row.original)}>{x.getValue()}</Link> : x.getValue()}
          <br />
          <span className="muted">{x.row.original.staffNumber}</span>
        </>
      ),
    }),
    c.accessor((r) => r.bureau, {
      id: "bureau",
      header: "局・区",
      meta: { filter: { kind: "select", options: bureaus.map((b) => ({ value: String(b.id), label: b.name })) } },
      cell: (x) => x.getValue() ?? "—",
    }),
  ];
}

/** 人事課's table of a call's applicants (withdrawn ones stay, marked), filtered, sorted and paged by the server. */
export function ApplicantsTable({ options, ...table }: ServerTableProps<ApplicantRow> & { options: { bureaus: Bureaus; stages: string[] } }) {
  const columns = [
    ...personColumns<ApplicantRow>(options.bureaus, (r) => `/promotion/manage/applications/${r.id}`),
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
    col.accessor("opinion", { header: "所属長意見", enableSorting: false, cell: (c) => (c.getValue() ? RECOMMENDATION_LABELS[c.getValue()!] : "—") }),
    col.accessor("placement", { header: "配置先", enableSorting: false, cell: (c) => c.getValue() ?? "—" }),
    col.accessor("submittedAt", { header: "応募日時", cell: (c) => (c.getValue() ? formatDateTimeJa(new Date(c.getValue()!)) : "—") }),
  ];
  return <ServerTable {...table} columns={columns} caption="この公募の応募者" emptyText="条件に合う応募者はいません。" />;
}

const notAppliedCol = createColumnHelper<NotAppliedRow>();

/** 人事課's table of who is eligible for a call and has not applied, paged by the server. */
export function NotAppliedTable({ bureaus, ...table }: ServerTableProps<NotAppliedRow> & { bureaus: Bureaus }) {
  const columns = [
    ...personColumns<NotAppliedRow>(bureaus),
    notAppliedCol.accessor("rank", { header: "職位", cell: (c) => c.getValue() ?? "—" }),
    notAppliedCol.accessor("unitPath", { header: "所属", enableSorting: false }),
  ];
  return <ServerTable {...table} columns={columns} caption="応募資格があり未応募の職員" emptyText="条件に合う職員はいません。" />;
}

function ServerTable<T extends { id: string }>({
  rows,
  total,
  pageSize,
  defaultSort,
  ...rest
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column, as in DataTable
}: ServerTableProps<T> & { columns: ColumnDef<T, any>[]; caption: string; emptyText: string }) {
  return <DataTable {...rest} data={rows} mode="server" totalRows={total} pageSize={pageSize} defaultSort={defaultSort} getRowId={(r) => r.id} />;
}

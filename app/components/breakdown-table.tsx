import { Link } from "@remix-run/react";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { useMemo } from "react";
import { TableScroll } from "~/components/table-scroll";

type Cell = { text: string; sort: number | null };
type Row = { label: string; cells: Cell[] };

type Props = {
  caption: string;
  labelHeader: string;
  columns: { key: string; label: string }[];
  rows: Row[];
  totals: Cell[];
  /** Sorting lives in the URL (?sort=&dir=), so a view can be bookmarked and works without JS. */
  sorting: SortingState;
  hrefFor: (sort: string, desc: boolean) => string;
};

const helper = createColumnHelper<Row>();

/** A sortable statistics table; rows arrive sorted and filtered from the server. */
export function BreakdownTable({ caption, labelHeader, columns, rows, totals, sorting, hrefFor }: Props) {
  const defs = useMemo(
    () => [
      helper.accessor("label", { id: "label", header: labelHeader }),
      ...columns.map((c, i) =>
        helper.accessor((r) => r.cells[i]?.text ?? "", { id: c.key, header: c.label, meta: { numeric: true } }),
      ),
    ],
    [columns, labelHeader],
  );
  const table = useReactTable({
    data: rows,
    columns: defs,
    state: { sorting },
    manualSorting: true,
    manualFiltering: true,
    getCoreRowModel: getCoreRowModel(),
  });
  return (
    <TableScroll label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                const numeric = h.column.id !== "label";
                return (
                  <th
                    key={h.id}
                    scope="col"
                    className={numeric ? "num" : undefined}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  >
                    <Link to={hrefFor(h.column.id, sorted === "asc")} preventScrollReset>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : " ⇅"}</span>
                    </Link>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length + 1} className="muted">
                該当するデータはありません。
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) =>
                  cell.column.id === "label" ? (
                    <th key={cell.id} scope="row">
                      {String(cell.getValue())}
                    </th>
                  ) : (
                    <td key={cell.id} className="num">
                      {String(cell.getValue())}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合計</th>
            {totals.map((t, i) => (
              <td key={columns[i]!.key} className="num">
                <strong>{t.text}</strong>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

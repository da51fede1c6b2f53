/**
 * The one table component: @tanstack/react-table with its sorting, filters and page kept
 * in the URL search params, so a table works without JavaScript (sort headers are links,
 * filters a GET form), can be bookmarked, and the back button undoes a sort.
 *
 * Two modes:
 * - "client": the loader returns every row; the table sorts, filters and pages them.
 *   For small tables (statistics breakdowns, settings lists).
 * - "server": the loader reads the same URL state with `readTableState`, lets SQL do the
 *   work and returns one page plus the total. For tables of thousands of rows.
 *
 * URL params (all behind an optional `prefix`, for two tables on one page):
 *   sort=<column> | sort=-<column> (descending), page=<n>, and one param per filterable
 *   column named after the column id.
 */
import { Form, Link, useSearchParams } from "@remix-run/react";
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";
import { useId } from "react";
import { TableScroll } from "~/components/table-scroll";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Plain-text name of the column (filter labels, sort link text). Defaults to a string header. */
    label?: string;
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
    /** Extra classes for the column's cells, e.g. "nowrap", "col-name", "col-wide" (see styles.css). */
    className?: string;
    /** Offer a filter for this column. */
    filter?: { kind: "text"; placeholder?: string } | { kind: "select"; options: { value: string; label: string }[] };
  }
}

export type TableSort = { id: string; desc: boolean };
export type TableState = { sort: TableSort | null; filters: Record<string, string>; page: number };

export type TableSpec = {
  /** Column ids that may be sorted on. Anything else in the URL is ignored. */
  sortable: readonly string[];
  /** Column ids that may be filtered on. */
  filterable?: readonly string[];
  defaultSort?: TableSort | null;
  prefix?: string;
};

const MAX_FILTER_LENGTH = 100;

/** The table's state as the URL says, restricted to what the spec allows. Safe on the server. */
export function readTableState(params: URLSearchParams, spec: TableSpec): TableState {
  const p = spec.prefix ?? "";
  const rawSort = params.get(`${p}sort`) ?? "";
  const desc = rawSort.startsWith("-");
  const sortId = desc ? rawSort.slice(1) : rawSort;
  const sort = spec.sortable.includes(sortId) ? { id: sortId, desc } : (spec.defaultSort ?? null);
  const filters: Record<string, string> = {};
  for (const id of spec.filterable ?? []) {
    const v = params.get(`${p}${id}`)?.trim().slice(0, MAX_FILTER_LENGTH);
    if (v) filters[id] = v;
  }
  const page = Math.min(100_000, Math.max(1, Number.parseInt(params.get(`${p}page`) ?? "1", 10) || 1));
  return { sort, filters, page };
}

type DataTableProps<T> = {
  data: T[];
  // Column value types differ per column; tanstack's own examples type the array this way.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  /** Shown as the table's caption (screen readers announce it). */
  caption: string;
  mode?: "client" | "server";
  /** Server mode: the number of rows matching the filters. */
  totalRows?: number;
  pageSize?: number;
  prefix?: string;
  defaultSort?: TableSort | null;
  getRowId?: (row: T, index: number) => string;
  emptyText?: string;
};

function cellClass(meta: { numeric?: boolean; className?: string } | undefined): string | undefined {
  return [meta?.numeric ? "num" : null, meta?.className].filter(Boolean).join(" ") || undefined;
}

function columnIdOf<T>(c: ColumnDef<T, unknown>): string {
  if (c.id) return c.id;
  if ("accessorKey" in c && typeof c.accessorKey === "string") return c.accessorKey;
  throw new Error("DataTable: every column needs an id or an accessorKey");
}

export function DataTable<T>({
  data,
  columns,
  caption,
  mode = "client",
  totalRows,
  pageSize = 50,
  prefix = "",
  defaultSort = null,
  getRowId,
  emptyText = "該当するデータはありません。",
}: DataTableProps<T>) {
  const [params] = useSearchParams();
  const formId = useId();
  const sortable = columns.filter((c) => c.enableSorting !== false).map(columnIdOf);
  const filterable = columns.filter((c) => c.meta?.filter).map(columnIdOf);
  const state = readTableState(params, { sortable, filterable, defaultSort, prefix });
  const server = mode === "server";

  const table = useReactTable({
    data,
    columns: columns.map((c) => ({
      filterFn: c.meta?.filter?.kind === "select" ? ("equalsString" as const) : ("includesString" as const),
      ...c,
    })),
    getRowId,
    state: {
      sorting: state.sort ? [state.sort] : [],
      columnFilters: Object.entries(state.filters).map(([id, value]) => ({ id, value })),
      pagination: { pageIndex: state.page - 1, pageSize },
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: server ? undefined : getSortedRowModel(),
    getFilteredRowModel: server ? undefined : getFilteredRowModel(),
    getPaginationRowModel: server ? undefined : getPaginationRowModel(),
    manualSorting: server,
    manualFiltering: server,
    manualPagination: server,
    rowCount: server ? (totalRows ?? data.length) : undefined,
    // The URL is the state: changes happen through links and the filter form.
    onSortingChange: () => {},
    onColumnFiltersChange: () => {},
    onPaginationChange: () => {},
  });

  const total = server ? (totalRows ?? data.length) : table.getFilteredRowModel().rows.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const rows = table.getRowModel().rows;
  const first = total === 0 ? 0 : (state.page - 1) * pageSize + 1;
  const last = Math.min(total, (state.page - 1) * pageSize + rows.length);

  const own = new Set([`${prefix}sort`, `${prefix}page`, ...filterable.map((id) => `${prefix}${id}`)]);
  const href = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete("notice");
    for (const [k, v] of Object.entries(change)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return qs ? `?${qs}` : "?";
  };
  const sortHref = (id: string) => {
    const current = state.sort?.id === id ? state.sort : null;
    // First click ascending, second descending.
    const value = current && !current.desc ? `-${id}` : id;
    return href({ [`${prefix}sort`]: value, [`${prefix}page`]: null });
  };
  const labelOf = (id: string) => {
    const c = table.getColumn(id)?.columnDef;
    return c?.meta?.label ?? (typeof c?.header === "string" ? c.header : id);
  };
  const clearHref = href(Object.fromEntries([...filterable.map((id) => [`${prefix}${id}`, null]), [`${prefix}page`, null]]));

  return (
    <div className="data-table">
      {filterable.length > 0 ? (
        <Form method="get" className="data-table__filters" aria-label={`${caption}の絞り込み`} preventScrollReset>
          {[...params.entries()]
            .filter(([k]) => !own.has(k) && k !== "notice")
            .map(([k, v]) => (
              <input key={`${k}=${v}`} type="hidden" name={k} value={v} />
            ))}
          {state.sort ? <input type="hidden" name={`${prefix}sort`} value={`${state.sort.desc ? "-" : ""}${state.sort.id}`} /> : null}
          {filterable.map((id) => {
            const filter = table.getColumn(id)?.columnDef.meta?.filter;
            const inputId = `${formId}-${id}`;
            return (
              <div className="field" key={id}>
                <label htmlFor={inputId}>{labelOf(id)}</label>
                {filter?.kind === "select" ? (
                  <select id={inputId} name={`${prefix}${id}`} defaultValue={state.filters[id] ?? ""}>
                    <option value="">すべて</option>
                    {filter.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={inputId}
                    type="search"
                    name={`${prefix}${id}`}
                    defaultValue={state.filters[id] ?? ""}
                    placeholder={filter?.kind === "text" ? filter.placeholder : undefined}
                    maxLength={MAX_FILTER_LENGTH}
                  />
                )}
              </div>
            );
          })}
          <div className="button-row data-table__filter-buttons">
            <button type="submit" className="button">
              絞り込む
            </button>
            {Object.keys(state.filters).length > 0 ? (
              <Link to={clearHref} preventScrollReset>
                条件をクリア
              </Link>
            ) : null}
          </div>
        </Form>
      ) : null}
      <p className="data-table__count" aria-live="polite">
        {total}件中 {first}〜{last}件を表示
      </p>
      <TableScroll label={caption}>
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const id = header.column.id;
                  const sorted = state.sort?.id === id ? (state.sort.desc ? "descending" : "ascending") : undefined;
                  const meta = header.column.columnDef.meta;
                  const content = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted} className={cellClass(meta)}>
                      {sortable.includes(id) ? (
                        <Link to={sortHref(id)} className="data-table__sort" preventScrollReset>
                          {content}
                          <span aria-hidden="true" className="data-table__sort-mark">
                            {sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "⇅"}
                          </span>
                          <span className="visually-hidden">
                            {sorted === "ascending" ? "（昇順。クリックで降順）" : "（クリックで並べ替え）"}
                          </span>
                        </Link>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{emptyText}</td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cellClass(cell.column.columnDef.meta)}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableScroll>
      {pages > 1 ? (
        <nav aria-label={`${caption}のページ送り`} className="button-row data-table__pages">
          {state.page > 1 ? (
            <Link to={href({ [`${prefix}page`]: String(state.page - 1) })} preventScrollReset>
              前のページ
            </Link>
          ) : null}
          <span>
            {state.page} / {pages}ページ
          </span>
          {state.page < pages ? (
            <Link to={href({ [`${prefix}page`]: String(state.page + 1) })} preventScrollReset>
              次のページ
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FiscalYearSwitcher } from "~/components/fiscal-year-select";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { forbidden, requireRole } from "~/auth/permissions.server";
import { DataTable, readTableState, type TableSpec } from "~/components/data-table";
import { currentFiscalYear, fiscalYearFromUrl, fiscalYearLabel, formatDateJa } from "~/lib/fiscal-year";
import { formatYen } from "~/lib/yen";
import { STATUSES, STATUS_LABELS, type SubsidyStatus } from "~/services/subsidy/labels";
import { MANAGE_SORTS, budgetSummary, listForManage, manageFilterOptions, statusCounts, subsidyYears, type ManageRow, type ManageSort } from "~/services/subsidy/queries.server";
import { StatusTag } from "~/services/subsidy/ui";

export const meta: MetaFunction = () => [{ title: "資格取得費用助成の審査 | かわさき人財ポータル" }];

const PAGE_SIZE = 50;
const TABLE: TableSpec = {
  sortable: MANAGE_SORTS,
  filterable: ["applicant", "bureau", "certification", "status"],
  defaultSort: { id: "submittedAt", desc: true },
};

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_dev");
  const url = new URL(args.request.url);
  const current = currentFiscalYear();
  const years = subsidyYears(current);
  const fiscalYear = fiscalYearFromUrl(url, years, current);
  const state = readTableState(url.searchParams, TABLE);
  const status = (STATUSES as readonly string[]).includes(state.filters.status ?? "") ? (state.filters.status as SubsidyStatus) : undefined;
  const bureauId = Number(state.filters.bureau) || undefined;
  const list = listForManage(viewer, {
    fiscalYear,
    status,
    certification: state.filters.certification,
    bureauId,
    q: state.filters.applicant,
    sort: state.sort as { id: ManageSort; desc: boolean },
    page: state.page,
    pageSize: PAGE_SIZE,
  });
  if (!list) throw forbidden(args, viewer, "hr_dev required");
  return {
    fiscalYear,
    years,
    list,
    budget: budgetSummary(fiscalYear),
    counts: statusCounts(fiscalYear),
    options: manageFilterOptions(fiscalYear),
  };
}

const col = createColumnHelper<ManageRow>();

export default function SubsidyManage() {
  const { fiscalYear, years, list, budget, counts, options } = useLoaderData<typeof loader>();
  const columns = [
    col.accessor("submittedAt", {
      header: "申請日",
      cell: (c) => (c.getValue() ? formatDateJa(new Date(c.getValue() as number)) : "—"),
    }),
    col.accessor("applicant", {
      header: "申請者",
      meta: { label: "申請者（氏名・カナ・職員番号）", filter: { kind: "text" } },
      cell: (c) => (
        <Link to={`/subsidy/manage/${c.row.original.id}`}>
          {c.getValue()}（{c.row.original.staffNumber}）
        </Link>
      ),
    }),
    col.accessor("bureau", {
      header: "局・区",
      meta: { filter: { kind: "select", options: options.bureaus.map((b) => ({ value: String(b.id), label: b.name })) } },
      cell: (c) => c.getValue() ?? "—",
    }),
    col.accessor("certification", {
      header: "資格",
      meta: {
        filter: {
          kind: "select",
          options: [...options.certifications.map((o) => ({ value: String(o.id), label: o.name })), { value: "other", label: "その他（一覧にない資格）" }],
        },
      },
    }),
    col.accessor("status", {
      header: "状態",
      meta: { filter: { kind: "select", options: STATUSES.filter((s) => s !== "draft").map((s) => ({ value: s, label: STATUS_LABELS[s] })) } },
      cell: (c) => <StatusTag status={c.getValue()} />,
    }),
    col.accessor("costTotal", { header: "費用合計", enableSorting: false, meta: { numeric: true }, cell: (c) => formatYen(c.getValue()) }),
    col.accessor("amount", { header: "助成額", meta: { numeric: true }, cell: (c) => formatYen(c.getValue()) }),
    col.accessor("updatedAt", { header: "更新", cell: (c) => formatDateJa(new Date(c.getValue())) }),
  ];
  const waiting = counts.supervisor_confirmed ?? 0;
  const unpaid = counts.approved ?? 0;
  return (
    <>
      <h1>資格取得費用助成の審査</h1>
      <div className="button-row subsidy-manage__head">
        <FiscalYearSwitcher years={years} value={fiscalYear} className="button-row button-row--end" />
        <Link to={`/subsidy/manage/settings?fy=${fiscalYear}`}>対象資格と年度設定</Link>
      </div>

      <section aria-labelledby="budget-title">
        <h2 id="budget-title">{fiscalYearLabel(fiscalYear)}の予算</h2>
        {budget ? (
          <>
            <dl className="subsidy-budget">
              <div>
                <dt>予算額</dt>
                <dd>{formatYen(budget.budget)}</dd>
              </div>
              <div>
                <dt>執行済（支払済）</dt>
                <dd>{formatYen(budget.used)}</dd>
              </div>
              <div>
                <dt>交付決定済（未払）</dt>
                <dd>{formatYen(budget.committed)}</dd>
              </div>
              <div className={budget.left < 0 ? "subsidy-budget__left subsidy-budget__left--over" : "subsidy-budget__left"}>
                <dt>残額</dt>
                <dd>{formatYen(budget.left)}</dd>
              </div>
            </dl>
            <div className="subsidy-budget__bar" aria-hidden="true">
              <span className="subsidy-budget__used" style={{ width: `${budget.budget ? Math.min(100, (budget.used / budget.budget) * 100) : 0}%` }} />
              <span className="subsidy-budget__committed" style={{ width: `${budget.budget ? Math.min(100, (budget.committed / budget.budget) * 100) : 0}%` }} />
            </div>
            <p className="muted">審査中（申請中・所属長確認済）の申請の助成額は合計 {formatYen(budget.inReview)} です。交付決定のたびに予算と本人の年度上限額を確認します。</p>
          </>
        ) : (
          <p>
            この年度の制度設定がありません。<Link to={`/subsidy/manage/settings?fy=${fiscalYear}`}>年度設定</Link>で予算と上限額を登録してください。
          </p>
        )}
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">申請一覧</h2>
        <p className="button-row">
          <Link to={`?fy=${fiscalYear}&status=supervisor_confirmed&sort=submittedAt`}>審査待ち（所属長確認済）{waiting}件</Link>
          <Link to={`?fy=${fiscalYear}&status=approved&sort=submittedAt`}>支払待ち（交付決定）{unpaid}件</Link>
        </p>
        <DataTable
          data={list.rows}
          columns={columns}
          caption={`${fiscalYearLabel(fiscalYear)}の資格取得費用助成の申請`}
          mode="server"
          totalRows={list.total}
          pageSize={PAGE_SIZE}
          defaultSort={TABLE.defaultSort}
          getRowId={(r) => r.id}
        />
      </section>
    </>
  );
}

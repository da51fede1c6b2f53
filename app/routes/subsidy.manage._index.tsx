import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireRole } from "~/auth/permissions.server";
import { readTableState, type TableSpec } from "~/components/data-table";
import { FiscalYearSwitcher } from "~/components/fiscal-year-select";
import { BudgetPanel } from "~/components/subsidy/budget-panel";
import { ManageTable } from "~/components/subsidy/manage-table";
import { currentFiscalYear, fiscalYearFromUrl, fiscalYearLabel } from "~/lib/fiscal-year";
import { STATUSES, type SubsidyStatus } from "~/services/subsidy/labels";
import { MANAGE_SORTS, manageOverview, subsidyYears, type ManageSort } from "~/services/subsidy/manage-queries.server";

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
  const years = await subsidyYears(current);
  const fiscalYear = fiscalYearFromUrl(url, years, current);
  const state = readTableState(url.searchParams, TABLE);
  const status = (STATUSES as readonly string[]).includes(state.filters.status ?? "") ? (state.filters.status as SubsidyStatus) : undefined;
  const overview = await manageOverview(viewer, {
    fiscalYear,
    status,
    certification: state.filters.certification,
    bureauId: Number(state.filters.bureau) || undefined,
    q: state.filters.applicant,
    sort: state.sort as { id: ManageSort; desc: boolean },
    page: state.page,
    pageSize: PAGE_SIZE,
  });
  if (!overview) throw forbidden(args, viewer, "hr_dev required");
  return { fiscalYear, years, ...overview };
}

export default function SubsidyManage() {
  const { fiscalYear, years, list, budget, counts, options } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>資格取得費用助成の審査</h1>
      <div className="button-row subsidy-manage__head">
        <FiscalYearSwitcher years={years} value={fiscalYear} className="button-row button-row--end" />
        <Link to={`/subsidy/manage/settings?fy=${fiscalYear}`}>対象資格と年度設定</Link>
      </div>

      <section aria-labelledby="budget-title">
        <h2 id="budget-title">{fiscalYearLabel(fiscalYear)}の予算</h2>
        <BudgetPanel fiscalYear={fiscalYear} budget={budget} />
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">申請一覧</h2>
        <p className="button-row">
          <Link to={`?fy=${fiscalYear}&status=supervisor_confirmed&sort=submittedAt`}>審査待ち（所属長確認済）{counts.supervisor_confirmed ?? 0}件</Link>
          <Link to={`?fy=${fiscalYear}&status=approved&sort=submittedAt`}>支払待ち（交付決定）{counts.approved ?? 0}件</Link>
        </p>
        <ManageTable fiscalYear={fiscalYear} rows={list.rows} total={list.total} options={options} pageSize={PAGE_SIZE} defaultSort={TABLE.defaultSort} />
      </section>
    </>
  );
}

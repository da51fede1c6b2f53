import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { readTableState, type TableSpec } from "~/components/data-table";
import { NotAppliedTable } from "~/components/promotion/applicants-table";
import { NOT_APPLIED_SORTS, listNotApplied, type NotAppliedSort } from "~/services/promotion/applicant-list.server";

export const meta: MetaFunction = () => [{ title: "応募資格があり未応募の職員 | かわさき人財ポータル" }];

const PAGE_SIZE = 50;
const TABLE: TableSpec = { sortable: NOT_APPLIED_SORTS, filterable: ["name", "bureau"], defaultSort: { id: "name", desc: false } };

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const state = readTableState(new URL(args.request.url).searchParams, TABLE);
  const list = await listNotApplied(actorOf(args, viewer), Number(args.params.callId), {
    bureauId: Number(state.filters.bureau) || undefined,
    q: state.filters.name,
    sort: state.sort as { id: NotAppliedSort; desc: boolean },
    page: { page: state.page, pageSize: PAGE_SIZE },
  });
  if (!list) throw notFound();
  return list;
}

export default function EligibleNotApplied() {
  const { call, eligible, notApplied, rows, total, options } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/promotion/manage/calls/${call.id}`}>← {call.title}</Link>
      </p>
      <h1>応募資格があり未応募の職員</h1>
      <p>
        基準日時点で応募資格のある職員 {eligible}名のうち、応募していない職員 {notApplied}名（人事課だけが見られる一覧です。閲覧は監査ログに記録されます）。
      </p>
      <NotAppliedTable rows={rows} total={total} bureaus={options.bureaus} pageSize={PAGE_SIZE} defaultSort={TABLE.defaultSort} />
    </>
  );
}

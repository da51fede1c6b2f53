import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/permissions.server";
import { eligibleNotApplied } from "~/services/promotion/queries.server";
import { PeopleTable } from "~/components/people-table";

export const meta: MetaFunction = () => [{ title: "応募資格があり未応募の職員 | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "hr_personnel");
  const list = eligibleNotApplied({ callId: Number(args.params.callId), viewer });
  if (!list) throw notFound();
  return list;
}

export default function EligibleNotApplied() {
  const { call, eligible, notApplied } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/promotion/manage/calls/${call.id}`}>← {call.title}</Link>
      </p>
      <h1>応募資格があり未応募の職員</h1>
      <p>
        基準日時点で応募資格のある職員 {eligible}名のうち、応募していない職員 {notApplied.length}名（人事課だけが見られる一覧です）。
      </p>
      <PeopleTable people={notApplied.map((p) => ({ ...p, unit: p.unitPath }))} />
    </>
  );
}

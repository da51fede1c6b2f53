import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";
import { PendingApprovals } from "~/components/pending-approvals";
import { PeopleTable } from "~/components/people-table";
import { listSubordinates } from "~/services/org/org.server";
import { pendingApprovalsFor } from "~/services/registry.server";

// Every service contributes its pending list through its registration; this page only draws them.
export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "supervisor");
  const [subordinates, groups] = await Promise.all([listSubordinates(viewer.id), pendingApprovalsFor(viewer)]);
  return { subordinates, groups };
}

export default function Approvals() {
  const { subordinates, groups } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>承認</h1>
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">承認待ち</h2>
        {groups.length === 0 ? <p>承認を待っている申請はありません。</p> : null}
        {groups.map((g) => (
          <PendingApprovals key={g.key} group={g} />
        ))}
      </section>
      <section aria-labelledby="subs-title">
        <h2 id="subs-title">承認の対象となる職員（{subordinates.length}名）</h2>
        <p className="muted">組織データで、あなたを上司とする職員です。氏名から、その職員の研修の受講歴を見られます。</p>
        <PeopleTable people={subordinates.map((s) => ({ ...s, unit: s.orgUnitName }))} historyLink />
      </section>
    </>
  );
}

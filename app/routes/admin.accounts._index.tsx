import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";
import { ROLE_LABELS } from "~/auth/roles";
import { ACCOUNTS_PAGE_SIZE, searchAccounts } from "~/services/accounts/accounts.server";
import { TableScroll } from "~/components/table-scroll";


export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const url = new URL(args.request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 50);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  return { q, page, pageSize: ACCOUNTS_PAGE_SIZE, ...(await searchAccounts({ q, page })) };
}

export default function Accounts() {
  const { q, page, pageSize, total, rows } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) => `?${new URLSearchParams({ q, page: String(p) })}`;
  return (
    <>
      <h1>アカウントと権限</h1>
      <Form method="get" className="button-row button-row--end" role="search">
        <div className="field">
          <label htmlFor="q">職員番号・氏名・カナで検索</label>
          <input id="q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" className="button">
          検索
        </button>
      </Form>
      <p>
        {total}件中 {rows.length > 0 ? (page - 1) * pageSize + 1 : 0}〜{(page - 1) * pageSize + rows.length}件
      </p>
      <TableScroll label="アカウントの一覧">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">職員番号</th>
              <th scope="col">氏名</th>
              <th scope="col">職位</th>
              <th scope="col">付与された権限</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/admin/accounts/${r.id}`}>{r.staffNumber}</Link>
                </td>
                <td className="nowrap">{r.name}</td>
                <td>{r.rank ?? (r.source === "portal" ? "外部" : "")}</td>
                <td>{r.roles.map((role) => ROLE_LABELS[role]).join("、")}</td>
                <td>{r.disabledAt ? <span className="tag tag--muted">無効</span> : "有効"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <nav aria-label="ページ送り" className="button-row">
        {page > 1 ? <Link to={pageLink(page - 1)}>前のページ</Link> : null}
        <span>
          {page} / {pages}ページ
        </span>
        {page < pages ? <Link to={pageLink(page + 1)}>次のページ</Link> : null}
      </nav>
    </>
  );
}

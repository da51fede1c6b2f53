import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireRole } from "~/auth/permissions.server";

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  return null;
}

export default function AdminHome() {
  return (
    <>
      <h1>管理</h1>
      <ul className="card-grid">
        <li className="card">
          <Link to="/admin/accounts">アカウントと権限</Link>
          <p className="muted">権限の付与・取消、アカウントの無効化、仮パスワードの発行</p>
        </li>
        <li className="card">
          <Link to="/admin/import">組織データの取込</Link>
          <p className="muted">人事システムの所属・職員データ（CSV）を取り込みます</p>
        </li>
        <li className="card">
          <Link to="/admin/mail">メールの送信状況</Link>
          <p className="muted">送信待ち・送信済みの件数と、送信に失敗したメールの再送</p>
        </li>
      </ul>
    </>
  );
}

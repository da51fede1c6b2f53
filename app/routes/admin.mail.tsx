import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, notFound, requireRole } from "~/auth/permissions.server";
import { FailedMailTable } from "~/components/mail/failed-mail-table";
import { withNotice } from "~/lib/notices";
import { formRefusal } from "~/services/contract/refusal";
import { getMailOverview, resendMail } from "~/services/mail/admin.server";
import { resendSchema } from "~/services/mail/schemas";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "admin");
  const overview = await getMailOverview(viewer);
  if (!overview) throw notFound();
  return overview;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "admin");
  const parsed = resendSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) throw new Response("入力内容を確認してください。", { status: 400 });
  const r = await resendMail(actorOf(args, viewer), parsed.data.id);
  if (!r.ok) return { error: formRefusal(r.refusal).message };
  return redirect(withNotice("/admin/mail", "mail-resent"));
}

export default function AdminMail() {
  const { counts, failed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/admin">← 管理</Link>
      </p>
      <h1>メールの送信状況</h1>
      <dl className="profile">
        {counts.map((c) => (
          <div key={c.status} className="profile__row">
            <dt>{c.label}</dt>
            <dd>{c.count.toLocaleString("ja-JP")}件</dd>
          </div>
        ))}
      </dl>
      {result?.error ? (
        <div className="form-errors" role="alert">
          <p>{result.error}</p>
        </div>
      ) : null}
      <h2>送信に失敗したメール</h2>
      <p className="muted">
        再試行の上限まで送れなかったメールです。原因（中継サーバーの停止、宛先の誤りなど）を確かめてから「再送」を押してください。
        相談窓口のメールは、宛先と件名を表示しません。
      </p>
      <FailedMailTable rows={failed} />
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorOf, requireRole } from "~/auth/permissions.server";
import { MailPreferencesForm } from "~/components/mail/mail-preferences-form";
import { NotificationList } from "~/components/notification-list";
import { formatDateBoth } from "~/lib/fiscal-year";
import { withNotice } from "~/lib/notices";
import { getMyMailSettings, saveMyMailSettings } from "~/services/mail/admin.server";
import { mailPreferencesSchema } from "~/services/mail/schemas";
import { listNotifications } from "~/services/notifications/notifications.server";
import { getProfile } from "~/services/org/org.server";
import { notFound } from "~/auth/permissions.server";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const profile = await getProfile(viewer.id);
  if (!profile) throw notFound();
  return { profile, notifications: await listNotifications(viewer.id, 10), mail: await getMyMailSettings(viewer) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const parsed = mailPreferencesSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) throw new Response("入力内容を確認してください。", { status: 400 });
  await saveMyMailSettings(actorOf(args, viewer), parsed.data);
  return redirect(withNotice("/my", "mail-settings-saved"));
}

export default function MyPage() {
  const { profile: p, notifications, mail } = useLoaderData<typeof loader>();
  const rows: [string, string | null][] = [
    ["職員番号", p.staffNumber],
    ["氏名", p.name],
    ["カナ", p.kana],
    ["メールアドレス", p.email],
    ["所属", p.orgPath],
    ["職位", p.rank],
    ["職種", p.jobCategory],
    ["任用形態", p.employmentType],
    ["採用日", p.hiredOn ? formatDateBoth(p.hiredOn) : null],
    ["現職位発令日", p.rankSince ? formatDateBoth(p.rankSince) : null],
    ["生年", p.birthYear ? `${p.birthYear}年` : null],
    ["性別", p.gender],
    ["上司", p.supervisor ? `${p.supervisor.name}（${p.supervisor.rank ?? "職位未設定"}）` : null],
  ];
  return (
    <>
      <h1>マイページ</h1>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">プロフィール</h2>
        <p className="muted">人事システムの組織データに登録されている内容です。誤りがある場合は所属の庶務担当にお問い合わせください。</p>
        <dl className="profile">
          {rows.map(([k, v]) => (
            <div key={k} className="profile__row">
              <dt>{k}</dt>
              <dd>{v ?? "未登録"}</dd>
            </div>
          ))}
        </dl>
      </section>
      <MailPreferencesForm {...mail} />
      <section aria-labelledby="my-records-title">
        <h2 id="my-records-title">これまでの記録</h2>
        <p>
          <Link to="/training/history">研修の受講歴（すべての年度）</Link>
        </p>
      </section>
      <section aria-labelledby="my-notif-title">
        <h2 id="my-notif-title">お知らせ</h2>
        <NotificationList items={notifications} />
        <p>
          <Link to="/notifications">お知らせをすべて見る</Link>
        </p>
      </section>
    </>
  );
}

import { Form } from "@remix-run/react";

/** マイページ: which mails a person wants beyond their decisions (plain form, works without JavaScript). */
export function MailPreferencesForm({ hasAddress, reminders, digests }: { hasAddress: boolean; reminders: boolean; digests: boolean }) {
  return (
    <section aria-labelledby="mail-title">
      <h2 id="mail-title">メールでのお知らせ</h2>
      {hasAddress ? (
        <p className="muted">
          申込・申請・予約の結果（受講決定、繰り上がり、差戻し、交付決定など）は、組織データのメールアドレスに必ずお送りします。
          次のお知らせは止めることができます。
        </p>
      ) : (
        <p className="muted">組織データにメールアドレスが登録されていないため、お知らせはこのポータルの中だけに表示されます。</p>
      )}
      <Form method="post">
        <fieldset>
          <legend>受け取るお知らせ</legend>
          <p>
            <label className="checkbox">
              <input type="checkbox" name="reminders" defaultChecked={reminders} /> 前日のリマインダー（研修の受講日・面談の予約日の前日）
            </label>
          </p>
          <p>
            <label className="checkbox">
              <input type="checkbox" name="digests" defaultChecked={digests} /> 承認待ちのまとめ（所属長あて。長くお待たせしている承認があるとき、1日1通）
            </label>
          </p>
        </fieldset>
        <p>
          <button type="submit" className="button">
            メールの設定を保存
          </button>
        </p>
      </Form>
    </section>
  );
}

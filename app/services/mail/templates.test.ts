import { describe, expect, it } from "vitest";
import { MAIL_TEMPLATES, type MailRequest } from "~/services/registry.server";
import { renderRow } from "./sender.server";

// Every kind of mail, rendered for one known record: subject and whole body. A new kind
// without a case here fails the last test.

const settings = { publicUrl: "https://jinzai.example.jp" };
const session = { courseId: 12, courseTitle: "新任主任研修", seq: 2, startsAt: "2026-12-10T00:30:00.000Z", endsAt: "2026-12-10T08:00:00.000Z" };
const application = { applicationId: "a1b2", certification: "日商簿記検定2級" };
const booking = { bookingId: "bk-1", startsAt: "2026-12-02T05:00:00.000Z", endsAt: "2026-12-02T05:50:00.000Z", meetingUrl: "https://meet.example.jp/room/1" };
const call = { callId: 3, callTitle: "係長級 昇任型公募" };

const CASES: Record<string, MailRequest["values"]> = {
  "training.confirmed": session,
  "training.waitlisted": { ...session, position: 2 },
  "training.promoted": { ...session, needsApproval: true },
  "training.returned": { ...session, comment: "業務の繁忙期のため" },
  "training.removed": { ...session, comment: "対象外の職位のため" },
  "training.approval_requested": { ...session, applicantName: "川崎 花子" },
  "training.reminder": session,
  "subsidy.returned": { ...application, comment: "領収書の写しが不鮮明です" },
  "subsidy.rejected": { ...application, comment: null },
  "subsidy.approved": { ...application, amount: 12000 },
  "subsidy.paid": { ...application, amount: 12000 },
  "subsidy.approval_requested": { ...application, applicantName: "川崎 花子" },
  "consultation.booked": booking,
  "consultation.moved": { ...booking, previousStartsAt: "2026-12-01T01:00:00.000Z" },
  "consultation.cancelled": { bookingId: "bk-1", startsAt: booking.startsAt, endsAt: booking.endsAt },
  "consultation.closed": { bookingId: "bk-1", startsAt: booking.startsAt, endsAt: booking.endsAt },
  "consultation.reminder": booking,
  "promotion.submitted": { ...call, submittedOn: "2026-12-01" },
  "promotion.result": { ...call, headline: "昇任型公募の書類選考に合格しました（次は面接）", statusLabel: "選考中" },
  "promotion.placed": { ...call, placement: "川崎市 中原区役所 地域振興課" },
  "portal.approval_digest": { on: "2026-12-01", days: 3, lines: ["研修の申込 2件", "資格取得費用助成の申請 1件"] },
};

function render(kind: string) {
  const r = renderRow({ template: kind, values: CASES[kind] as Record<string, unknown> }, settings);
  if ("error" in r) throw new Error(r.error);
  return `${r.mail.subject}\n----\n${r.mail.text}`;
}

describe("mail templates", () => {
  it("training", () => {
    expect(render("training.confirmed")).toMatchInlineSnapshot(`
      "【研修】受講が決定しました: 新任主任研修
      ----
      研修の受講が決定しました。

      研修: 新任主任研修 第2回
      日時: 令和8年12月10日（2026年12月10日） 9:30〜17:00

      研修の詳細:
      https://jinzai.example.jp/training/courses/12

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("training.waitlisted")).toMatchInlineSnapshot(`
      "【研修】キャンセル待ちで受け付けました: 新任主任研修
      ----
      定員に達しているため、キャンセル待ち（2番目）で受け付けました。
      席が空くと申込順に繰り上がり、このメールアドレスにお知らせします。

      研修: 新任主任研修 第2回
      日時: 令和8年12月10日（2026年12月10日） 9:30〜17:00

      研修の詳細:
      https://jinzai.example.jp/training/courses/12

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("training.promoted")).toMatchInlineSnapshot(`
      "【研修】キャンセル待ちから繰り上がりました: 新任主任研修
      ----
      キャンセルが出たため、キャンセル待ちから繰り上がり、席が確保されました。
      所属長の承認をお待ちください。承認されると受講が決定します。

      研修: 新任主任研修 第2回
      日時: 令和8年12月10日（2026年12月10日） 9:30〜17:00

      研修の詳細:
      https://jinzai.example.jp/training/courses/12

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("training.returned")).toMatchInlineSnapshot(`
      "【研修】申込が差し戻されました: 新任主任研修
      ----
      研修の申込が所属長から差し戻されました。
      理由: 業務の繁忙期のため

      研修: 新任主任研修 第2回
      日時: 令和8年12月10日（2026年12月10日） 9:30〜17:00

      研修の詳細:
      https://jinzai.example.jp/training/courses/12

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("training.removed")).toMatchInlineSnapshot(`
      "【研修】申込が取り消されました: 新任主任研修
      ----
      研修の申込が人材育成課により取り消されました。
      理由: 対象外の職位のため

      研修: 新任主任研修 第2回
      日時: 令和8年12月10日（2026年12月10日） 9:30〜17:00

      研修の詳細:
      https://jinzai.example.jp/training/courses/12

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("training.approval_requested")).toMatchInlineSnapshot(`
      "【研修】申込の承認をお願いします: 川崎 花子さん
      ----
      川崎 花子さんから研修の申込があり、所属長の承認を待っています。

      研修: 新任主任研修 第2回
      日時: 令和8年12月10日（2026年12月10日） 9:30〜17:00

      承認ページ:
      https://jinzai.example.jp/approvals

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("training.reminder")).toMatchInlineSnapshot(`
      "【研修】明日の研修のお知らせ: 新任主任研修
      ----
      明日は次の研修の受講日です。

      研修: 新任主任研修 第2回
      日時: 令和8年12月10日（2026年12月10日） 9:30〜17:00

      （このお知らせはマイページで停止できます）

      研修の詳細:
      https://jinzai.example.jp/training/courses/12

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
  });

  it("subsidy", () => {
    expect(render("subsidy.returned")).toMatchInlineSnapshot(`
      "【資格取得費用助成】申請が差し戻されました
      ----
      資格取得費用助成の申請（日商簿記検定2級）が差し戻されました。
      理由: 領収書の写しが不鮮明です
      内容を直して、もう一度申請してください。

      申請の詳細:
      https://jinzai.example.jp/subsidy/a1b2

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("subsidy.rejected")).toMatchInlineSnapshot(`
      "【資格取得費用助成】申請は不承認となりました
      ----
      資格取得費用助成の申請（日商簿記検定2級）は不承認となりました。

      申請の詳細:
      https://jinzai.example.jp/subsidy/a1b2

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("subsidy.approved")).toMatchInlineSnapshot(`
      "【資格取得費用助成】交付が決定しました
      ----
      資格取得費用助成の申請（日商簿記検定2級）について、交付が決定しました。
      助成額: 12,000円

      申請の詳細:
      https://jinzai.example.jp/subsidy/a1b2

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("subsidy.paid")).toMatchInlineSnapshot(`
      "【資格取得費用助成】助成金を支払いました
      ----
      資格取得費用助成（日商簿記検定2級）の助成金を支払いました。
      支払額: 12,000円

      申請の詳細:
      https://jinzai.example.jp/subsidy/a1b2

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("subsidy.approval_requested")).toMatchInlineSnapshot(`
      "【資格取得費用助成】申請の確認をお願いします: 川崎 花子さん
      ----
      川崎 花子さんから資格取得費用助成の申請（日商簿記検定2級）が届いています。
      業務上の有用性を確認してください。

      確認ページ:
      https://jinzai.example.jp/subsidy/review/a1b2

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
  });

  it("consultation: neutral wording, the meeting link only while the booking stands, never the topic or the consultant", () => {
    expect(render("consultation.booked")).toMatchInlineSnapshot(`
      "【オンライン面談】予約を受け付けました
      ----
      オンライン面談の予約を受け付けました。

      日時: 令和8年12月2日（2026年12月2日） 14:00〜14:50
      参加URL: https://meet.example.jp/room/1

      予約の確認・変更:
      https://jinzai.example.jp/consultation/bookings/bk-1

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("consultation.moved")).toMatchInlineSnapshot(`
      "【オンライン面談】予約の日時を変更しました
      ----
      オンライン面談の予約の日時を変更しました。

      変更前: 令和8年12月1日（2026年12月1日） 10:00
      変更後: 令和8年12月2日（2026年12月2日） 14:00〜14:50
      参加URL: https://meet.example.jp/room/1

      予約の確認・変更:
      https://jinzai.example.jp/consultation/bookings/bk-1

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("consultation.cancelled")).toMatchInlineSnapshot(`
      "【オンライン面談】予約を取り消しました
      ----
      オンライン面談の予約を取り消しました。

      日時: 令和8年12月2日（2026年12月2日） 14:00〜14:50

      ポータル:
      https://jinzai.example.jp/consultation

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("consultation.closed")).toMatchInlineSnapshot(`
      "【オンライン面談】予約が取り消されました
      ----
      ご予約の日時の面談枠が都合により取り消されたため、予約は取り消しとなりました。
      お手数ですが、別の日時をご予約ください。

      日時: 令和8年12月2日（2026年12月2日） 14:00〜14:50

      別の日時を予約する:
      https://jinzai.example.jp/consultation

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("consultation.reminder")).toMatchInlineSnapshot(`
      "【オンライン面談】明日の予約のお知らせ
      ----
      明日はオンライン面談の予約日です。

      日時: 令和8年12月2日（2026年12月2日） 14:00〜14:50
      参加URL: https://meet.example.jp/room/1

      （このお知らせはマイページで停止できます）

      予約の確認・変更:
      https://jinzai.example.jp/consultation/bookings/bk-1

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    for (const kind of [...MAIL_TEMPLATES.keys()].filter((k) => k.startsWith("consultation."))) {
      expect(MAIL_TEMPLATES.get(kind)!.confidential).toBe(true);
      expect(render(kind)).not.toMatch(/相談|キャリア|コンサルタント/);
    }
  });

  it("昇任型公募", () => {
    expect(render("promotion.submitted")).toMatchInlineSnapshot(`
      "【昇任型公募】応募を受け付けました: 係長級 昇任型公募
      ----
      昇任型公募「係長級 昇任型公募」への応募を受け付けました（令和8年12月1日（2026年12月1日））。
      選考の結果はポータルとこのメールアドレスでお知らせします。

      応募の状況:
      https://jinzai.example.jp/promotion/calls/3

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("promotion.result")).toMatchInlineSnapshot(`
      "【昇任型公募】昇任型公募の書類選考に合格しました（次は面接）
      ----
      昇任型公募「係長級 昇任型公募」の選考についてお知らせします。
      結果: 選考中
      詳しくはポータルでご確認ください。

      応募の状況:
      https://jinzai.example.jp/promotion/calls/3

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
    expect(render("promotion.placed")).toMatchInlineSnapshot(`
      "【昇任型公募】配置先が決まりました
      ----
      昇任型公募「係長級 昇任型公募」の配置先が決まりました。
      配置先: 川崎市 中原区役所 地域振興課

      応募の状況:
      https://jinzai.example.jp/promotion/calls/3

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
  });

  it("the supervisors' digest", () => {
    expect(render("portal.approval_digest")).toMatchInlineSnapshot(`
      "【承認】3日以上お待たせしている承認があります
      ----
      令和8年12月1日（2026年12月1日）現在、3日以上お待たせしている承認があります。

      ・研修の申込 2件
      ・資格取得費用助成の申請 1件

      （このまとめはマイページで停止できます）

      承認ページ:
      https://jinzai.example.jp/approvals

      ――
      かわさき人財ポータル（このメールは送信専用です。返信はできません）"
    `);
  });

  it("every kind a service declares has a case here, and only reminders and digests can be switched off", () => {
    expect([...MAIL_TEMPLATES.keys()].sort()).toEqual(Object.keys(CASES).sort());
    const optional = [...MAIL_TEMPLATES].filter(([, t]) => t.category !== "decision").map(([k]) => k);
    expect(optional.sort()).toEqual(["consultation.reminder", "portal.approval_digest", "training.reminder"]);
  });

  it("an unknown kind is not rendered", () => {
    expect(renderRow({ template: "nope.nothing", values: {} }, settings)).toEqual({ error: "テンプレート nope.nothing がありません" });
  });
});

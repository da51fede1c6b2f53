/**
 * Messages shown after a redirect ("saved", "imported" …). Carried as `?notice=key` so they
 * work without JavaScript and without a flash cookie; unknown keys show nothing.
 */
export const NOTICES = {
  "logged-out": "ログアウトしました。",
  "roles-updated": "権限を更新しました。",
  "account-disabled": "アカウントを無効にしました。ログイン中のセッションも終了しました。",
  "account-enabled": "アカウントを有効にしました。",
  "notifications-read": "お知らせをすべて既読にしました。",
  "training-signed-up": "研修に申し込みました。受講が決定しました。",
  "training-pending": "研修に申し込みました。席を確保し、所属長の承認を待っています。",
  "training-waitlisted": "定員に達しているため、キャンセル待ちで登録しました。繰り上がるとお知らせが届きます。",
  "training-already": "この回にはすでに申し込んでいます。",
  "training-cancelled": "申込をキャンセルしました。",
  "training-approved": "研修の申込を承認しました。",
  "training-returned": "研修の申込を差し戻しました。",
  "training-course-saved": "研修を保存しました。",
  "training-session-saved": "研修の回を保存しました。",
  "training-session-opened": "申込の受付を開始しました。",
  "training-session-closed": "申込の受付を終了しました。",
  "training-marked": "出席・欠席・修了を記録しました。",
  "training-removed": "申込を取り消しました。キャンセル待ちの方がいれば繰り上げています。",
  "training-copied": "前年度の研修をコピーしました。日程を確認してから受付を開始してください。",
  "training-copied-none": "コピーする研修はありませんでした（同じ名前の研修がすでにあります）。",
  "training-rules-saved": "選択科目のルールを保存しました。",
  "indicators-saved": "成果指標を保存しました。",
  "settings-saved": "設定を保存しました。",
  "subsidy-saved": "資格取得費用助成の申請を下書き保存しました。",
  "subsidy-submitted": "資格取得費用助成を申請しました。所属長の確認を待っています。",
  "subsidy-withdrawn": "申請を取り下げました。",
  "subsidy-file-removed": "添付ファイルを外しました。",
  "subsidy-confirmed": "資格取得費用助成の申請を確認しました。人材育成課の審査に進みます。",
  "subsidy-returned": "申請を差し戻しました。申請者に通知しました。",
  "subsidy-approved": "交付決定しました。申請者に通知しました。",
  "subsidy-rejected": "不承認としました。申請者に通知しました。",
  "subsidy-paid": "支払済にしました。申請者に通知しました。",
  "subsidy-scheme-saved": "資格取得費用助成の年度設定を保存しました。",
  "subsidy-certification-saved": "対象資格を保存しました。",
  "consultation-booked": "相談を予約しました。参加URLと予約番号は「予約中の相談」でいつでも確認できます。",
  "consultation-moved": "予約の日時を変更しました。",
  "consultation-cancelled": "予約を取り消しました。",
  "consultation-marked": "相談の実施状況を記録しました。",
  "consultation-memo-saved": "メモを保存しました。",
  "consultation-rules-saved": "相談窓口のルールを保存しました。",
  "consultation-consultant-registered": "コンサルタントを登録しました。",
  "consultation-consultant-updated": "コンサルタントの設定を保存しました。",
  "consultation-slot-published": "相談枠を公開しました。",
  "consultation-slots-published": "相談枠をまとめて公開しました。",
  "consultation-slot-closed": "相談枠を取り消しました。",
  "consultation-slot-closed-notified": "相談枠を取り消しました。予約していた職員本人にお知らせを送りました。",
  "consultation-slot-reopened": "相談枠の受付を再開しました。",
} as const;

export type NoticeKey = keyof typeof NOTICES;

export function noticeFor(search: string): string | null {
  const key = new URLSearchParams(search).get("notice");
  return key && key in NOTICES ? NOTICES[key as NoticeKey] : null;
}

export function withNotice(path: string, key: NoticeKey): string {
  return `${path}${path.includes("?") ? "&" : "?"}notice=${key}`;
}

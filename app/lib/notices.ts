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
} as const;

export type NoticeKey = keyof typeof NOTICES;

export function noticeFor(search: string): string | null {
  const key = new URLSearchParams(search).get("notice");
  return key && key in NOTICES ? NOTICES[key as NoticeKey] : null;
}

export function withNotice(path: string, key: NoticeKey): string {
  return `${path}${path.includes("?") ? "&" : "?"}notice=${key}`;
}

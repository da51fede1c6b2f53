import type { ServiceNoticeKey } from "~/services/registry.server";

/**
 * Messages shown after a redirect ("saved", "imported" …). Carried as `?notice=key` so they
 * work without JavaScript and without a flash cookie; unknown keys show nothing. The
 * portal's own are here; each service registers its own (`register.server.ts`).
 */
export const CORE_NOTICES = {
  "logged-out": "ログアウトしました。",
  "roles-updated": "権限を更新しました。",
  "account-disabled": "アカウントを無効にしました。ログイン中のセッションも終了しました。",
  "account-enabled": "アカウントを有効にしました。",
  "notifications-read": "お知らせをすべて既読にしました。",
  "indicators-saved": "成果指標を保存しました。",
  "settings-saved": "設定を保存しました。",
  "mail-settings-saved": "メールの設定を保存しました。",
  "mail-resent": "メールを再送の待ち行列に戻しました。まもなく送信されます。",
} as const;

export type NoticeKey = keyof typeof CORE_NOTICES | ServiceNoticeKey;

export function withNotice(path: string, key: NoticeKey): string {
  return `${path}${path.includes("?") ? "&" : "?"}notice=${key}`;
}

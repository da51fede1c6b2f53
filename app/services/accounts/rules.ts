import type { GrantableRole } from "~/auth/roles";

export type AccountChange = { intent: "roles"; roles: GrantableRole[] } | { intent: "disable" } | { intent: "enable" } | { intent: "reset-password" };

/**
 * Why an admin may not make this change, or null. An admin cannot lock themselves out:
 * not by dropping their own admin role, not by disabling their own account.
 */
export function refuseAccountChange(actorId: string, targetId: string, change: AccountChange): string | null {
  if (actorId !== targetId) return null;
  if (change.intent === "roles" && !change.roles.includes("admin")) return "自分自身のシステム管理者権限は外せません。";
  if (change.intent === "disable") return "自分自身のアカウントは無効にできません。";
  return null;
}

/** Why the last active admin keeps the role (and the account): nobody could manage accounts otherwise. */
export const LAST_ADMIN_MESSAGE =
  "システム管理者が1人もいなくなるため、この変更はできません。先に別の方にシステム管理者の権限を付与してください。";
